"""The ``reportgraph`` command: a thin layer over the library.

Results go to stdout (machine-readable with ``--json``), messages and progress bars to
stderr. The project's own errors end the command with one line and exit status 1; a
usage mistake exits with 2. Heavy libraries are imported inside the commands, so
``--help`` answers at once.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .errors import ReportGraphError

if TYPE_CHECKING:
    from .model import Extraction

F = TypeVar("F", bound=Callable[..., Any])

GRAPH_TTL = "graph.ttl"
GRAPH_TRIG = "graph.trig"
GRAPH_GRAPHML = "graph.graphml"


def _err(message: str) -> None:
    click.echo(f"reportgraph: {message}", err=True)


def _warn(message: str) -> None:
    click.echo(f"reportgraph: warning: {message}", err=True)


def _extraction_options(f: F) -> F:
    f = click.option("--home", metavar="PLACE",
                     help="The place the report speaks for (e.g. 代县); found from the title when omitted.")(f)
    f = click.option("--encoding", metavar="CODEC",
                     help="Force a text encoding (e.g. big5). Default: BOM, then UTF-8, then GB18030.")(f)
    f = click.option("--model", metavar="NAME|PATH",
                     help="Also use the NER of an installed spaCy Chinese pipeline (e.g. zh_core_web_sm).")(f)
    return f


def _sample_path() -> Path:
    from importlib import resources

    return Path(str(resources.files("reportgraph").joinpath("data/sample/daixian-cppcc-report.txt")))


def _extract_all(
    paths: Sequence[Path], *, home: str | None, encoding: str | None, model: str | None, verbose: bool
) -> list[Extraction]:
    """Read every input first (so a bad file stops the run before anything is written),
    then extract with a progress bar on stderr."""
    from rich.progress import Progress

    from .extract import extract_report, load_pipeline
    from .read import read_report

    reports = [read_report(p, encoding=encoding, home=home) for p in paths]
    for r in reports:
        if verbose:
            _err(f"{r.path}: read as {r.encoding}, {len(r.text):,} characters")
        for w in r.warnings:
            _warn(f"{r.path}: {w}")
    nlp = load_pipeline(model)
    out = []
    with Progress(console=_stderr_console(), transient=True, disable=len(reports) < 2) as progress:
        task = progress.add_task("extracting", total=len(reports))
        for r in reports:
            out.append(extract_report(r, nlp=nlp))
            progress.advance(task)
    return out


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ReportGraphError as err:
            _err(str(err))
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


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--outdir", type=click.Path(path_type=Path), default=Path("reportgraph-out"),
              show_default=True, help="Where graph.ttl, graph.trig and graph.graphml go.")
@click.option("--force", is_flag=True, help="Replace the outputs if the directory already holds them.")
@click.option("--base-iri", metavar="IRI", help="Base IRI for minted entity IRIs.")
@_extraction_options
@click.option("-v", "--verbose", is_flag=True, help="Say which encoding each file was read with.")
def build(inputs: tuple[Path, ...], outdir: Path, force: bool, base_iri: str | None, home: str | None,
          encoding: str | None, model: str | None, verbose: bool) -> None:
    """Build the knowledge graph of reports (files or directories of .txt files).

    With no INPUTS it builds the bundled sample, the Dai County (代县) CPPCC report.
    Writes OUTDIR/graph.ttl (Turtle, all reports), OUTDIR/graph.trig (one named graph per
    report) and OUTDIR/graph.graphml (for Gephi), atomically, and prints a summary.

    \b
    Examples:
      reportgraph build
      reportgraph build reports/ -o out --force
      reportgraph build 2021-代县.txt --home 代县
    """
    from .outputs import check_outdir
    from .read import discover

    paths = discover(list(inputs)) if inputs else [_sample_path()]
    check_outdir(outdir, [GRAPH_TTL, GRAPH_TRIG, GRAPH_GRAPHML], force=force)
    extractions = _extract_all(paths, home=home, encoding=encoding, model=model, verbose=verbose)
    _write_build(extractions, outdir, base_iri=base_iri)
    _summary(extractions, outdir)


def _write_build(extractions: list[Extraction], outdir: Path, *, base_iri: str | None) -> None:
    from .export import write_graphml_from_rdf
    from .to_rdf import to_dataset, write_graph

    kwargs = {"base_iri": base_iri} if base_iri else {}
    dataset = to_dataset(extractions, **kwargs)
    write_graph(dataset, outdir / GRAPH_TTL, "turtle")
    write_graph(dataset, outdir / GRAPH_TRIG, "trig")
    write_graphml_from_rdf(dataset, outdir / GRAPH_GRAPHML)


def _summary(extractions: list[Extraction], outdir: Path) -> None:
    types = Counter(e.type.value for x in extractions for e in x.entities)
    preds = Counter(r.predicate.value for x in extractions for r in x.relations)
    click.echo(f"reports: {len(extractions)}")
    click.echo(f"entities: {sum(types.values())}")
    for t, n in sorted(types.items()):
        click.echo(f"  {t:<20} {n}")
    click.echo(f"relations: {sum(preds.values())}")
    for p, n in sorted(preds.items()):
        click.echo(f"  {p:<20} {n}")
    click.echo(f"wrote: {outdir / GRAPH_TTL}, {outdir / GRAPH_TRIG}, {outdir / GRAPH_GRAPHML}")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True,
              help="Print JSON: one object for one file, one object per line for several.")
@_extraction_options
@click.option("-v", "--verbose", is_flag=True, help="Say which encoding each file was read with.")
def extract(files: tuple[Path, ...], as_json: bool, home: str | None, encoding: str | None,
            model: str | None, verbose: bool) -> None:
    """Extract entities and relations from report files, with offsets and evidence.

    Offsets are character offsets into the text as read (end exclusive). The JSON is what
    the project's scorer reads: every entity with its mentions, every relation with the
    sentences that state it.

    \b
    Examples:
      reportgraph extract report.txt
      reportgraph extract report.txt --json > report.json
      reportgraph extract gbk-report.txt --json --verbose
    """
    from .read import discover

    extractions = _extract_all(discover(list(files)), home=home, encoding=encoding, model=model,
                               verbose=verbose)
    for x in extractions:
        if as_json:
            indent = 1 if len(extractions) == 1 else None
            click.echo(json.dumps(x.to_json(), ensure_ascii=False, indent=indent))
        else:
            _print_extraction(x)


def _print_extraction(x: Extraction) -> None:
    names = {e.key: e.name for e in x.entities}
    click.echo(f"# {x.report.doc_id}: {len(x.entities)} entities, {len(x.relations)} relations")
    for e in x.entities:
        aliases = f"  ({', '.join(e.aliases)})" if e.aliases else ""
        click.echo(f"{e.type.value:<20}{e.name}{aliases}  ×{len(e.mentions)}")
    for r in x.relations:
        click.echo(f"{names[r.subject]} -{r.predicate.value}-> {names[r.object]}  [{len(r.evidence)}]")


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="reportgraph")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
