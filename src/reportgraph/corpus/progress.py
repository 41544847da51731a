"""A rich progress bar for a corpus build."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from reportgraph.corpus.records import FileOutcome


class RichProgress:
    """A rich progress bar on stderr: files done of total, characters per second, ETA and
    the file being written. Pass it as ``build_corpus(..., progress=RichProgress())``."""

    def __init__(self, *, console: Any = None, disable: bool = False) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        self._progress = Progress(
            TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"),
            TimeRemainingColumn(), TextColumn("{task.fields[current]}", style="dim"),
            console=console or Console(stderr=True), transient=False, disable=disable,
        )
        self._task: Any = None
        self._chars = 0
        self._t0 = 0.0

    def start(self, total_files: int) -> None:  # noqa: D102
        self._t0 = time.perf_counter()
        self._progress.start()
        self._task = self._progress.add_task("build", total=total_files, rate="", current="")

    def advance(self, outcome: FileOutcome) -> None:  # noqa: D102
        self._chars += outcome.chars
        dt = time.perf_counter() - self._t0
        rate = f"{self._chars / dt / 1000:,.0f}k chars/s" if dt > 0 and self._chars else ""
        name = Path(outcome.path).name
        current = name if outcome.status != "failed" else f"[red]failed: {name}"
        self._progress.update(self._task, advance=1, rate=rate, current=current)

    def finish(self) -> None:  # noqa: D102
        self._progress.stop()
