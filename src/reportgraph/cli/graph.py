"""The commands that work on a graph: ``export``, ``view``, ``remove``, ``query``, ``queries``
and ``serve``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from reportgraph.cli.common import (_err, _source, _warn)
from reportgraph.export.outdir import GRAPH_TRIG

if TYPE_CHECKING:
    pass


EXPORT_FORMATS = ("graphml", "gexf", "json", "html", "csv", "ttl", "trig", "nq", "nt", "jsonld")
_RDF_EXPORTS = ("ttl", "trig", "nq", "nt", "jsonld")


@click.command()
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


@click.command()
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


@click.command()
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


@click.command()
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


@click.command()
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


@click.command()
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
    from reportgraph.sandbox import describe_walls

    if isinstance(source, str):
        raise click.UsageError(f"{source} is a SPARQL server already: query it there, or with "
                               f"`reportgraph query NAME {source}`")
    def ready(url: str) -> None:
        _err(f"SPARQL endpoint at {url} (query page at {url[:-len('query')]}; read-only; Ctrl-C stops it)")
        _err(describe_walls())

    run_endpoint(source, host=host, port=port, timeout=timeout, max_rows=max_rows,
                 max_concurrent=max_concurrent, max_memory=max_memory * 2**20, cors_origins=cors,
                 allow_hosts=allow_hosts, on_ready=ready)
    _err("stopped")
