"""What the ``reportgraph`` commands share: messages on stderr, the extraction options, the
bundled sample, reading and extracting files with a progress bar, graph source arguments."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from reportgraph.outputs import printable as _printable
from reportgraph.read.limits import MAX_BYTES

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
    f = click.option("--config", "config", metavar="FILE", type=click.Path(dir_okay=False),
                     help="A pipeline config whose settings replace the shipped pipeline.cfg's "
                          "(e.g. [genre] organs = [\"my-organs.tsv\"]).")(f)
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
    max_bytes: int = MAX_BYTES, statistical: bool = True, config: str | None = None,
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
                             statistical=statistical, config=config, on_read=said, on_done=lambda _x: progress.advance(task))


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def _source(value: str | None, *, must_exist: bool = True) -> Path | str | None:
    """A graph source argument: an ``http(s)://`` URL as it is, else a path (which must
    exist, unless ``must_exist`` is false)."""
    from reportgraph.store.address import is_endpoint

    if value is None or is_endpoint(value):
        return value
    path = Path(value)
    if must_exist and not path.exists():
        raise click.BadParameter(f"{value}: no such file or directory", param_hint="SOURCE")
    return path
