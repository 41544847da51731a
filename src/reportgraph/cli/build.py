"""The commands that read reports: ``build`` and ``extract``."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from reportgraph.cli.common import (_extract_all, _extraction_options, _printable, _sample_path, _warn)
from reportgraph.export.outdir import GRAPH_GRAPHML, GRAPH_TRIG, GRAPH_TTL

if TYPE_CHECKING:
    from reportgraph.model import Extraction


@click.command()
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
              help="With --store: memory one report may take (0: no limit, and --jobs 1 extracts "
                   "in this process); over it, the report fails.")
@_extraction_options
@click.option("-v", "--verbose", is_flag=True, help="Say which encoding each file was read with.")
def build(inputs: tuple[Path, ...], outdir: Path, force: bool, base_iri: str | None, store: str | None,
          jobs: int, scheduler: str | None, report_path: Path | None, report_seconds: float, report_memory: int,
          home: str | None, encoding: str | None, model: str | None, config: str | None, statistical: bool,
          max_bytes: int, verbose: bool) -> None:
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
                     config=config, max_bytes=max_bytes, report_seconds=report_seconds or None,
                     report_memory=report_memory * 2**20 or None)
        return
    if scheduler is not None:
        raise click.UsageError("--scheduler builds into a store: give --store DIR or --store URL")
    paths = discover(list(inputs)) if inputs else [_sample_path()]
    check_outputs(outdir, force=force)
    extractions = _extract_all(paths, home=home, encoding=encoding, model=model, verbose=verbose,
                               max_bytes=max_bytes, statistical=statistical, config=config)
    write_outputs(extractions, outdir, base_iri=base_iri)
    _summary(extractions, outdir)


def _build_store(inputs: Sequence[Path], store: str, *, jobs: int, scheduler: str | None, report_path: Path | None,
                 base_iri: str | None, home: str | None, encoding: str | None, model: str | None,
                 statistical: bool = True, config: str | None = None, max_bytes: int | None = None,
                 report_seconds: float | None = None, report_memory: int | None = None) -> None:
    from reportgraph.corpus import RichProgress, build_corpus, write_build_report

    progress = RichProgress(disable=not sys.stderr.isatty())
    if scheduler is not None:
        from reportgraph.corpus.dask import build_distributed

        if config is not None:
            raise click.UsageError("--config is not passed to a Dask cluster's workers yet: leave out "
                                   "--scheduler, or ship the tables in the package on every worker")
        report = build_distributed(list(inputs), store=store, scheduler=scheduler, model=model,
                                   statistical=statistical, encoding=encoding, home=home, base_iri=base_iri,
                                   progress=progress, max_bytes=max_bytes, report_seconds=report_seconds,
                                   report_memory=report_memory)
    else:
        report = build_corpus(list(inputs), store=store, jobs=jobs, model=model, statistical=statistical, config=config,
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


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True,
              help="Print JSON: one object for one file, one object per line for several.")
@_extraction_options
@click.option("-v", "--verbose", is_flag=True, help="Say which encoding each file was read with.")
def extract(files: tuple[Path, ...], as_json: bool, home: str | None, encoding: str | None,
            model: str | None, config: str | None, statistical: bool, max_bytes: int, verbose: bool) -> None:
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
                               verbose=verbose, max_bytes=max_bytes, statistical=statistical, config=config)
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
