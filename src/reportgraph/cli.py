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

from reportgraph.errors import ReportGraphError
from reportgraph.export.outdir import GRAPH_GRAPHML, GRAPH_TRIG, GRAPH_TTL
from reportgraph.outputs import printable as _printable
from reportgraph.read.report import MAX_BYTES

if TYPE_CHECKING:
    from reportgraph.model import Extraction, Report

F = TypeVar("F", bound=Callable[..., Any])


def _err(message: str) -> None:
    click.echo(f"reportgraph: {_printable(message)}", err=True)


def _warn(message: str) -> None:
    click.echo(f"reportgraph: warning: {_printable(message)}", err=True)


def _extraction_options(f: F) -> F:
    f = click.option("--home", metavar="PLACE",
                     help="The place the report speaks for (e.g. 代县); found from the title when omitted.")(f)
    f = click.option("--encoding", metavar="CODEC",
                     help="Force a text encoding (e.g. big5). Default: BOM, then UTF-8, then GB18030.")(f)
    f = click.option("--model", metavar="NAME|PATH",
                     help="Also use the NER of an installed spaCy Chinese pipeline (e.g. zh_core_web_sm).")(f)
    f = click.option("--statistical/--no-statistical", default=True, show_default=True,
                     help="Run the statistical NER stage (Baidu's LAC model) beside the rules.")(f)
    f = click.option("--max-bytes", type=click.IntRange(min=1), default=MAX_BYTES, show_default=True,
                     help="Refuse report files larger than this.")(f)
    return f


def _sample_path() -> Path:
    from importlib import resources

    return Path(str(resources.files("reportgraph").joinpath("sample/daixian-cppcc-report.txt")))


def _extract_all(
    paths: Sequence[Path], *, home: str | None, encoding: str | None, model: str | None, verbose: bool,
    max_bytes: int = MAX_BYTES, statistical: bool = True,
) -> list[Extraction]:
    """:func:`reportgraph.extract.extract_files`, saying what was read and with a progress
    bar on stderr."""
    from rich.progress import Progress

    from reportgraph.extract import extract_files

    def said(r: Report) -> None:
        if verbose:
            _err(f"{r.path}: read as {r.encoding}, {len(r.text):,} characters")
        for w in r.warnings:
            _warn(f"{r.path}: {w}")

    with Progress(console=_stderr_console(), transient=True, disable=len(paths) < 2) as progress:
        task = progress.add_task("extracting", total=len(paths))
        return extract_files(paths, encoding=encoding, home=home, max_bytes=max_bytes, model=model,
                             statistical=statistical, on_read=said, on_done=lambda _x: progress.advance(task))


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


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--outdir", type=click.Path(path_type=Path), default=Path("reportgraph-out"),
              show_default=True, help="Where graph.ttl, graph.trig and graph.graphml go.")
@click.option("--force", is_flag=True, help="Replace the outputs if the directory already holds them.")
@click.option("--base-iri", metavar="IRI", help="Base IRI for minted entity IRIs.")
@click.option("--store", "store", metavar="DIR|URL",
              help="Build into an on-disk Oxigraph store, or a SPARQL 1.1 server's dataset "
                   "(http://HOST:PORT/...), instead: incremental, resumable, for corpora.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes extracting in parallel (with --store).")
@click.option("--scheduler", metavar="ADDRESS|local:N",
              help="With --store: extract on a Dask cluster (tcp://HOST:8786), or local:N for N local "
                   "workers; needs reportgraph[dask].")
@click.option("--report", "report_path", type=click.Path(path_type=Path),
              help="With --store: also write the build report as JSON to this file.")
@click.option("--report-seconds", type=click.FloatRange(min=0), default=600, show_default=True,
              help="With --store: seconds one report may take (0: no limit); over it, the report fails.")
@click.option("--report-memory", type=click.IntRange(min=0), default=4096, show_default=True, metavar="MB",
              help="With --store: memory one report may take (0: no limit); over it, the report fails.")
@_extraction_options
@click.option("-v", "--verbose", is_flag=True, help="Say which encoding each file was read with.")
def build(inputs: tuple[Path, ...], outdir: Path, force: bool, base_iri: str | None, store: str | None,
          jobs: int, scheduler: str | None, report_path: Path | None, report_seconds: float, report_memory: int,
          home: str | None, encoding: str | None, model: str | None, statistical: bool, max_bytes: int,
          verbose: bool) -> None:
    """Build the knowledge graph of reports (files or directories of .txt files).

    With no INPUTS it builds the bundled sample, the Dai County (代县) CPPCC report.
    Writes OUTDIR/graph.ttl (Turtle, all reports), OUTDIR/graph.trig (one named graph per
    report) and OUTDIR/graph.graphml (for Gephi), atomically, and prints a summary.

    With --store DIR it builds into an on-disk store instead, for corpora of thousands of
    reports: reports are identified by their content, so a re-run skips unchanged ones,
    replaces changed ones and resumes an interrupted build; a file that fails is reported
    and the rest are built. Query the store with `reportgraph query NAME DIR`.

    \b
    Examples:
      reportgraph build
      reportgraph build reports/ -o out --force
      reportgraph build 2021-代县.txt --home 代县
      reportgraph build corpus/ --store corpus.db --jobs 2
      reportgraph build corpus/ --store http://127.0.0.1:7878/ --scheduler local:2
    """
    from reportgraph.export.outdir import check_outputs, write_outputs
    from reportgraph.read.report import discover

    if store is not None:
        _build_store(inputs or (_sample_path(),), store, jobs=jobs, scheduler=scheduler, report_path=report_path,
                     base_iri=base_iri, home=home, encoding=encoding, model=model, statistical=statistical,
                     max_bytes=max_bytes, report_seconds=report_seconds or None,
                     report_memory=report_memory * 2**20 or None)
        return
    if scheduler is not None:
        raise click.UsageError("--scheduler builds into a store: give --store DIR or --store URL")
    paths = discover(list(inputs)) if inputs else [_sample_path()]
    check_outputs(outdir, force=force)
    extractions = _extract_all(paths, home=home, encoding=encoding, model=model, verbose=verbose,
                               max_bytes=max_bytes, statistical=statistical)
    write_outputs(extractions, outdir, base_iri=base_iri)
    _summary(extractions, outdir)


def _build_store(inputs: Sequence[Path], store: str, *, jobs: int, scheduler: str | None, report_path: Path | None,
                 base_iri: str | None, home: str | None, encoding: str | None, model: str | None,
                 statistical: bool = True, max_bytes: int | None = None, report_seconds: float | None = None,
                 report_memory: int | None = None) -> None:
    from reportgraph.corpus import RichProgress, build_corpus, write_build_report

    progress = RichProgress(disable=not sys.stderr.isatty())
    if scheduler is not None:
        from reportgraph.corpus_dask import build_distributed

        report = build_distributed(list(inputs), store=store, scheduler=scheduler, model=model,
                                   statistical=statistical, encoding=encoding, home=home, base_iri=base_iri,
                                   progress=progress)
    else:
        report = build_corpus(list(inputs), store=store, jobs=jobs, model=model, statistical=statistical,
                              encoding=encoding, home=home, base_iri=base_iri, progress=progress,
                              max_bytes=max_bytes, report_seconds=report_seconds, report_memory=report_memory)
    for w in report.warnings:
        _warn(f"{w['path']}: {w['warning']}")
    click.echo(_printable(report.summary()))
    if report_path is not None:
        write_build_report(report, report_path)
    if report.failed:
        sys.exit(1)


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
            model: str | None, statistical: bool, max_bytes: int, verbose: bool) -> None:
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
    from reportgraph.read.report import discover

    extractions = _extract_all(discover(list(files)), home=home, encoding=encoding, model=model,
                               verbose=verbose, max_bytes=max_bytes, statistical=statistical)
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


EXPORT_FORMATS = ("graphml", "gexf", "json", "html", "csv", "ttl", "trig", "nq", "nt", "jsonld")
_RDF_EXPORTS = ("ttl", "trig", "nq", "nt", "jsonld")


@cli.command()
@click.argument("source", callback=lambda ctx, param, value: _source(value))
@click.option("-f", "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="graphml", show_default=True,
              help="graphml/gexf/json: the entity graph for Gephi and web viewers; html: the viewer "
                   "(as `reportgraph view`); csv: nodes.csv and edges.csv (Gephi's spreadsheet import, "
                   "Excel) in the directory -o; the rest: the RDF.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Output file (default: the source's name with the format's suffix; '-' for stdout).")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def export(source: Path | str, fmt: str, output: Path | None, force: bool) -> None:
    """Export a graph (a .ttl/.trig/.nq file or a store directory) for visualisation.

    The entity graph (graphml, gexf, json) has one node per entity and one edge per
    relation, the predicate as its label and the number of sentences stating it as its
    weight. GraphML and GEXF open in Gephi with labels, colours by type, sizes by degree
    and administrative areas placed by longitude and latitude.

    \b
    Examples:
      reportgraph export reportgraph-out/graph.ttl --format gexf -o graph.gexf
      reportgraph export corpus.db --format json -o graph.json
      reportgraph export reportgraph-out/graph.trig --format csv -o tables/   # nodes.csv, edges.csv
      reportgraph export reportgraph-out/graph.trig --format nq -o - | head
    """
    from reportgraph.export.rdf import rdf_bytes
    from reportgraph.export.writers import export_graph
    from reportgraph.outputs import atomic_write

    suffix = "-csv" if fmt == "csv" else "." + fmt
    if isinstance(source, str):  # a SPARQL server's dataset
        target = output or Path("graph" + suffix)
    else:
        stem = Path(source.name) if source.is_dir() else source.parent / source.stem
        target = output or stem.with_name(stem.name + suffix)
    if fmt in _RDF_EXPORTS:
        data = rdf_bytes(source, fmt)
        if str(target) == "-":
            sys.stdout.buffer.write(data)
            return
        with atomic_write(target, overwrite=force) as f:
            f.write(data)
    else:
        if str(target) == "-":
            raise click.UsageError("graphml, gexf, json, html and csv exports need -o FILE (csv: -o DIRECTORY)")
        export_graph(source, target, fmt=fmt, overwrite=force)  # type: ignore[arg-type]
    _err(f"wrote {target}")


@cli.command()
@click.argument("source", type=click.Path(path_type=Path, exists=True))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="The HTML file (default: the source's name with .html).")
@click.option("--max-nodes", type=click.IntRange(min=1), default=5000, show_default=True,
              help="Embed at most this many entities (those with the most relations).")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def view(source: Path, output: Path | None, max_nodes: int, force: bool) -> None:
    """Write a graph as one HTML page that opens offline in any browser.

    Search by any name or alias, filter by type, relation, report and year, click an
    entity for its card (names, relations, posts, the sentences that state them), switch
    to the map. The page embeds everything it needs (sigma.js, no network). A big corpus
    stays usable: the page holds the --max-nodes entities with the most relations, draws
    the 1,000 most connected first and brings in the others on demand.

    \b
    Examples:
      reportgraph view reportgraph-out/graph.trig -o graph.html
      reportgraph view corpus.db --max-nodes 20000 -o corpus.html
    """
    from reportgraph.export.viewer.source import write_viewer

    target = output or (Path(source.name + ".html") if source.is_dir() else source.with_suffix(".html"))
    write_viewer(source, target, overwrite=force, max_nodes=max_nodes)
    _err(f"wrote {target} (open it in a browser)")


@cli.command()
@click.argument("store", callback=lambda ctx, param, value: _source(value))
@click.argument("reports", nargs=-1, required=True)
def remove(store: Path | str, reports: tuple[str, ...]) -> None:
    """Remove reports from a store built with `build --store`.

    Name each report by its document id, its content hash (8 or more hex digits) or its
    file.

    \b
    Examples:
      reportgraph remove corpus.db 2021-代县
      reportgraph remove corpus.db corpus/2021-代县.txt
    """
    from reportgraph.corpus import remove_report

    for doc in reports:
        for removed in remove_report(store, doc):
            click.echo(f"removed {removed}")


@cli.command()
@click.argument("name_or_file")
@click.argument("source", required=False, callback=lambda ctx, param, value: _source(value, must_exist=False))
@click.option("-b", "--bind", "binds", multiple=True, metavar="VAR=VALUE",
              help='Bind a variable: an IRI (<…> or http…), an N-Triples literal ("代县"@zh) or plain text.')
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="json is the W3C SPARQL 1.1 Query Results JSON format.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds before the query is stopped.")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Rows after which the result is cut (and said to be cut).")
def query(name_or_file: str, source: Path | str | None, binds: tuple[str, ...], fmt: str, timeout: float,
          max_rows: int) -> None:
    """Run a named query (see `reportgraph queries`) or a .rq file on a graph or store.

    SOURCE is a graph file written by build (graph.ttl, graph.trig, .nq), a store
    directory (build --store) or a SPARQL server's URL (build --store http://...), which
    runs the query; default: reportgraph-out/graph.trig. Values are passed as
    bindings, never pasted into the query. Queries that update, fetch (SERVICE, LOAD) or
    read other datasets (FROM) are refused; a query is stopped after --timeout seconds.

    \b
    Examples:
      reportgraph query members reportgraph-out/graph.ttl
      reportgraph query members reportgraph-out/graph.ttl --format json
      reportgraph query members corpus.db --bind 'groupName=“双帽”七县(市)政协联席会议'
      reportgraph query my-question.rq corpus.db --format csv > answer.csv
    """
    from reportgraph.query.run import run_query

    bindings: dict[str, object] = {}
    for b in binds:
        var, sep, value = b.partition("=")
        if not sep or not var.strip().lstrip("?$"):
            raise click.BadParameter(f"{b!r}: write VAR=VALUE", param_hint="--bind")
        bindings[var.strip().lstrip("?$")] = value
    src = source or Path("reportgraph-out") / GRAPH_TRIG
    if source is None and not src.exists():
        raise click.UsageError("no SOURCE given and no reportgraph-out/graph.trig here: run `reportgraph build` "
                               "first or name a graph file or store")
    result = run_query(name_or_file, src, bindings=bindings, timeout=timeout, max_rows=max_rows)
    if fmt == "json":
        click.echo(result.to_json())
    elif fmt == "csv":
        click.echo(result.to_csv(), nl=False)
    else:
        click.echo(result.to_table())
    if result.truncated:
        _warn(f"result cut at {max_rows} rows (raise --max-rows)")


@cli.command()
def queries() -> None:
    """List the named queries, what each answers and which variables it takes.

    \b
    Example:
      reportgraph queries
    """
    from reportgraph.query.run import load_query
    from reportgraph.rdf.resources import query_names

    for name in query_names():
        q = load_query(name)
        binds = f"  [bind: {', '.join(q.bindable)}]" if q.bindable else ""
        click.echo(f"{name:<18} {q.description}{binds}")


@cli.command()
@click.argument("source", callback=lambda ctx, param, value: _source(value))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback: only this machine can ask).")
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=7878, show_default=True,
              help="Port (0: any free port).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds before a query is stopped.")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Rows after which a result is cut (the result says so).")
@click.option("--max-concurrent", type=click.IntRange(min=1), default=12, show_default=True,
              help="Queries running at once (a third of them may run long); 2 per client address.")
@click.option("--max-memory", type=click.IntRange(min=64), default=512, show_default=True,
              metavar="MB", help="Memory a query may use.")
@click.option("--cors-origin", "cors", multiple=True, metavar="ORIGIN",
              help="Allow browser pages from this origin (repeatable); none by default.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Answer to this Host name too (repeatable; loopback names always; '*': any).")
def serve(source: Path | str, host: str, port: int, timeout: float, max_rows: int, max_concurrent: int,
          max_memory: int, cors: tuple[str, ...], allow_hosts: tuple[str, ...]) -> None:
    """Serve a graph or store as a read-only SPARQL endpoint (GET and POST at /query, a
    query page at /).

    Updates are refused (403), each query has a timeout, a row cap and a memory limit,
    and the endpoint listens on 127.0.0.1 and answers to loopback names unless told
    otherwise (--host, --allow-host). Stop it with Ctrl-C (or SIGTERM).

    \b
    Examples:
      reportgraph serve reportgraph-out/graph.trig
      reportgraph serve corpus.db --port 8000
      reportgraph serve corpus.db --host 0.0.0.0 --allow-host graphs.example.org
      curl 'http://127.0.0.1:7878/query' --data-urlencode 'query=SELECT * {?s ?p ?o} LIMIT 3'
    """
    from reportgraph.query.serve import serve as run_endpoint

    if isinstance(source, str):
        raise click.UsageError(f"{source} is a SPARQL server already: query it there, or with "
                               f"`reportgraph query NAME {source}`")
    run_endpoint(source, host=host, port=port, timeout=timeout, max_rows=max_rows,
                 max_concurrent=max_concurrent, max_memory=max_memory * 2**20, cors_origins=cors,
                 allow_hosts=allow_hosts,
                 on_ready=lambda url: _err(f"SPARQL endpoint at {url} (query page at {url[:-len('query')]}; "
                                           "read-only; Ctrl-C stops it)"))
    _err("stopped")


def _source(value: str | None, *, must_exist: bool = True) -> Path | str | None:
    """A graph source argument: an ``http(s)://`` URL as it is, else a path (which must
    exist, unless ``must_exist`` is false)."""
    from reportgraph.store.remote import is_endpoint

    if value is None or is_endpoint(value):
        return value
    path = Path(value)
    if must_exist and not path.exists():
        raise click.BadParameter(f"{value}: no such file or directory", param_hint="SOURCE")
    return path


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point."""
    import signal

    if hasattr(signal, "SIGXFSZ"):  # over `ulimit -f`, a write fails (EFBIG) instead of killing us
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    cli.main(args=list(argv) if argv is not None else None, prog_name="reportgraph")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
