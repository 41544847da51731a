"""The queries reportgraph itself runs (reading a graph into records, a store's
bookkeeping), as ``.rq`` files in ``query/sparql/``: read whole, values bound through
substitutions, never pasted in.

>>> "SELECT ?g ?doc ?sha" in internal_query("reports")
True
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from reportgraph.errors import ReportGraphError


@lru_cache(maxsize=None)
def internal_query(name: str) -> str:
    """The text of ``query/sparql/NAME.rq``."""
    path = resources.files(__package__).joinpath("sparql", f"{name}.rq")
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:  # pragma: no cover - a broken installation
        raise ReportGraphError(f"the internal query {name!r} is missing ({err}); reinstall reportgraph") from err


def internal_names() -> list[str]:
    """The names of the internal queries."""
    folder = resources.files(__package__).joinpath("sparql")
    return sorted(p.name[:-3] for p in folder.iterdir() if p.name.endswith(".rq"))
