"""Atomic output files: write to a temporary file beside the target, then rename.

An interrupted or failed run never leaves a half-written file, and an existing file is
replaced only when the caller allows it.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> with atomic_write(d / "a.txt") as f:
...     _ = f.write(b"ok")
>>> (d / "a.txt").read_bytes()
b'ok'
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from reportgraph.errors import OutputError


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], *, overwrite: bool = True) -> Iterator[IO[bytes]]:
    """Open a temporary binary file beside ``path``; on success fsync it and rename it over
    ``path``; on failure remove it and leave ``path`` as it was."""
    target = Path(path)
    if not overwrite and target.exists():
        raise OutputError(f"{target}: already exists (use --force to replace it)")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # here: it loads shutil, bz2 and lzma, which `reportgraph --help` does not need

        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as err:
        raise OutputError(f"{target}: cannot write there ({err.strerror})") from err
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual mode
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException as err:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(err, OSError):  # a full disk, a quota: one clear line, the old file kept
            raise OutputError(f"{target}: cannot write ({err.strerror or err}); "
                              "the previous file, if any, is unchanged") from err
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_write(path) as f:
        f.write(data)


def write_all_atomic(files: dict[Path, bytes]) -> None:
    """Write several files as one: every temporary file is written and synced first, then
    all are renamed into place, so a full disk midway leaves every old file as it was
    (never a new ``graph.ttl`` beside an old ``graph.graphml``)."""
    written: list[tuple[str, Path]] = []
    try:
        for target, data in files.items():
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                import tempfile

                fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            except OSError as err:
                raise OutputError(f"{target}: cannot write there ({err.strerror})") from err
            written.append((tmp, target))
            try:
                os.chmod(tmp, 0o666 & ~_umask())
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                    f.flush()
                    os.fsync(f.fileno())
            except OSError as err:
                raise OutputError(f"{target}: cannot write ({err.strerror or err}); "
                                  "the previous files, if any, are unchanged") from err
    except BaseException:
        for tmp, _ in written:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        raise
    for tmp, target in written:  # renames within one directory do not need new space
        os.replace(tmp, target)


def check_outdir(outdir: Path, names: list[str], *, force: bool) -> None:
    """Refuse to replace existing outputs in ``outdir`` unless ``force``."""
    if outdir.exists() and not outdir.is_dir():
        raise OutputError(f"{outdir}: exists and is not a directory")
    existing = [n for n in names if (outdir / n).exists()]
    if existing and not force:
        raise OutputError(
            f"{outdir}: already holds {', '.join(existing)} (use --force to replace, or -o another directory)"
        )


def printable(message: str) -> str:
    r"""A message safe for a terminal: control and bidi characters (in a file name, say)
    are shown as escapes, not sent to the terminal.

    >>> printable("a\x1b[31m\u202eb")
    'a\\x1b[31m\\u202eb'
    """
    import unicodedata

    return "".join(c if c == "\n" or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co")
                   else f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in message)
