"""The ``reportgraph`` command: a thin layer over the library (the click group is
:data:`reportgraph.cli.app.cli`).

Results go to stdout (machine-readable with ``--json``), messages and progress bars to
stderr. The project's own errors end the command with one line and exit status 1; a
usage mistake exits with 2. Heavy libraries are imported inside the commands, and
``reportgraph --help`` is answered from the text click renders for it
(:mod:`reportgraph.cli.help_text`, checked by the tests) without importing click or any
command, for the widths it was rendered for.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["cli", "main"]

_LAZY = {"cli": "reportgraph.cli.app", "_err": "reportgraph.cli.common", "_warn": "reportgraph.cli.common",
         "_sample_path": "reportgraph.cli.common"}


def __getattr__(name: str) -> object:
    """The click group (and the helpers benchmarks use), imported when first asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'reportgraph.cli' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point."""
    import signal

    if hasattr(signal, "SIGXFSZ"):  # over `ulimit -f`, a write fails (EFBIG) instead of killing us
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    args = list(argv) if argv is not None else sys.argv[1:]
    if args in (["--help"], ["-h"]):
        from reportgraph.cli.help_text import rendered_help

        text = rendered_help()
        if text is not None:  # the same bytes click writes, without loading click
            sys.stdout.write(text)
            sys.stdout.flush()
            raise SystemExit(0)
    from reportgraph.cli.app import cli

    cli.main(args=args, prog_name="reportgraph")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
