"""The records of a corpus build: the files planned, each file's outcome, the build report
and the progress protocol."""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol



@dataclass(frozen=True, slots=True)
class CorpusFile:
    """A file of the corpus and the document id it is stored under."""

    path: Path
    doc_id: str


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What a build did with one file.

    ``status`` is ``added``, ``replaced``, ``skipped`` (already in the store),
    ``duplicate`` (its content is in the store under another id) or ``failed``.
    """

    path: str
    doc_id: str
    status: str
    sha256: str | None = None
    reason: str | None = None
    chars: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0


@dataclass(slots=True)
class BuildReport:
    """The per-build report: what was read, skipped and failed, what the store now holds,
    and where the time went. :meth:`to_json` for machines, :meth:`summary` for people."""

    store: str
    jobs: int
    files: int = 0
    added: int = 0
    replaced: int = 0
    skipped: int = 0
    duplicates: int = 0
    failed: int = 0
    stale_dropped: int = 0
    chars: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)
    #: Entities and relations extracted by this build (per report, summed).
    entities: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)
    #: Distinct entities by type and reports in the whole store after the build.
    store_entities: dict[str, int] = field(default_factory=dict)
    store_reports: int = 0
    #: Keys and names found with more than one entity type:
    #: ``{"by": "key"|"name", "key": ..., "types": [...]}``.
    type_conflicts: list[dict[str, Any]] = field(default_factory=list)
    #: Seconds: ``wall``, ``plan`` (discovery and hashing), ``startup`` (loading the
    #: pipeline, with one job), ``extract`` and ``rdf`` (summed over workers), ``store``
    #: (writing, in the parent), ``finish`` (store-wide counts and conflicts).
    timings: dict[str, float] = field(default_factory=dict)
    interrupted: bool = False

    @property
    def chars_per_second(self) -> float:
        """Characters of extracted reports per wall-clock second."""
        wall = self.timings.get("wall", 0.0)
        return self.chars / wall if wall else 0.0

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (sorted keys within each section)."""
        data = asdict(self)
        data["entities"] = dict(sorted(self.entities.items()))
        data["relations"] = dict(sorted(self.relations.items()))
        data["timings"] = {k: round(v, 3) for k, v in sorted(self.timings.items())}
        data["chars_per_second"] = round(self.chars_per_second)
        return data

    def summary(self) -> str:
        """A readable summary (several lines, no trailing newline)."""
        t = self.timings
        lines = [
            f"store: {self.store}" + ("  (interrupted: run the build again to resume)" if self.interrupted else ""),
            f"files: {self.files}  added: {self.added}  replaced: {self.replaced}  "
            f"unchanged: {self.skipped}  duplicates: {self.duplicates}  failed: {self.failed}",
            f"characters extracted: {self.chars:,} in {t.get('wall', 0):.1f} s "
            f"({self.chars_per_second:,.0f}/s with {self.jobs} job{'s' if self.jobs != 1 else ''})",
        ]
        if self.entities:
            lines.append("extracted entities: " + ", ".join(f"{k} {v}" for k, v in sorted(self.entities.items())))
        if self.relations:
            lines.append("extracted relations: " + ", ".join(f"{k} {v}" for k, v in sorted(self.relations.items())))
        if self.store_entities:
            lines.append(f"store: {self.store_reports} reports; distinct entities: "
                         + ", ".join(f"{k} {v}" for k, v in sorted(self.store_entities.items())))
        for c in self.type_conflicts[:20]:
            lines.append(f"type conflict: {c['by']} {c['key']!r} is {' and '.join(c['types'])}")
        if len(self.type_conflicts) > 20:
            lines.append(f"... and {len(self.type_conflicts) - 20} more type conflicts (see --json)")
        for f in self.failures:
            lines.append(f"failed: {f['path']}: {f['reason']}")
        lines.append("time: " + ", ".join(f"{k} {v:.1f} s" for k, v in sorted(t.items())))
        return "\n".join(lines)


class BuildProgress(Protocol):
    """What :func:`build_corpus` tells a progress display (see :class:`RichProgress`)."""

    def start(self, total_files: int) -> None: ...

    def advance(self, outcome: FileOutcome) -> None: ...

    def finish(self) -> None: ...


def write_build_report(report: BuildReport, path: str | os.PathLike[str]) -> None:
    """Write the build report as JSON (atomically)."""
    from reportgraph.outputs import atomic_write

    with atomic_write(path) as f:
        f.write((json.dumps(report.to_json(), ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
