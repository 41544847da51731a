"""The ``reportgraph`` click group and its commands (:mod:`reportgraph.cli` runs it).

Results go to stdout (machine-readable with ``--json``), messages and progress bars to
stderr. The project's own errors end the command with one line and exit status 1; a
usage mistake exits with 2. Heavy libraries are imported inside the commands.
"""

from __future__ import annotations

from typing import Any

import click

from reportgraph.cli.build import build, extract
from reportgraph.cli.common import _err, _sample_path, _warn  # noqa: F401  (_sample_path: benchmarks)
from reportgraph.cli.graph import export, queries, query, remove, serve, view
from reportgraph.errors import ReportGraphError

__all__ = ["cli"]


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ReportGraphError as err:
            _err(str(err))
            ctx.exit(1)
        except OSError as err:  # a full disk, a read-only place, a file-size limit (ulimit -f)
            where = f"{err.filename}: " if err.filename else ""
            _err(f"{where}{err.strerror or err}")
            ctx.exit(1)
        except KeyboardInterrupt:
            _err("interrupted; nothing half-written was left behind")
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="reportgraph")
def cli() -> None:
    """Turn Chinese government work reports into a knowledge graph.

    \b
    Start here:
      reportgraph build                      # the bundled sample report → ./reportgraph-out/
      reportgraph extract report.txt --json  # entities and relations with offsets
      reportgraph query members reportgraph-out/graph.ttl
      reportgraph export reportgraph-out/graph.ttl --format gexf -o graph.gexf

    Each command has --help with examples.
    """


for _command in (build, extract, export, view, remove, query, queries, serve):
    cli.add_command(_command)
