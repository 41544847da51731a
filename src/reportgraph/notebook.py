"""ReportGraph's tables and notebook display: pandas DataFrames of its entities, relations
and query results (pandas is an optional extra, ``reportgraph[pandas]``; without it these
methods raise :class:`ImportError` saying so), and the HTML summary Jupyter shows.

>>> from pathlib import Path
>>> from reportgraph import ReportGraph
>>> g = ReportGraph.load(Path(__file__).parents[2] / "tests/fixtures/small.trig")
>>> "13 entities" in g._repr_html_()
True
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from reportgraph.errors import QueryError
from reportgraph.query.values import to_value

if TYPE_CHECKING:
    from reportgraph.model import EntityType, Predicate
    from reportgraph.records import Entity, Relation

__all__ = ["TablesMixin"]


class TablesMixin:
    """The DataFrame methods and notebook display of :class:`reportgraph.api.ReportGraph`
    (which provides ``_entities``, ``_relations``, ``entities``, ``relations`` and ``_run``)."""

    _entities: dict[str, Entity]
    _relations: tuple[Relation, ...]

    def entities_frame(self, type: EntityType | str | None = None) -> Any:
        """The entities as a pandas DataFrame (``iri``, ``name``, ``type``, ``aliases``,
        ``code``, ``longitude``, ``latitude``, ``degree``); see
        :mod:`reportgraph.export.tables`. Needs pandas (``reportgraph[pandas]``)."""
        from reportgraph.export.tables import entities_frame

        degree: dict[str, int] = defaultdict(int)
        for r in self._relations:
            degree[r.subject.iri] += 1
            degree[r.object.iri] += 1
        return entities_frame(self.entities(type), degree)  # type: ignore[attr-defined]

    def relations_frame(self, subject: str | Entity | None = None, predicate: Predicate | str | None = None,
                        object: str | Entity | None = None) -> Any:  # noqa: A002 - mirrors the RDF term
        """The relations (as :meth:`relations` selects them) as a pandas DataFrame."""
        from reportgraph.export.tables import relations_frame

        return relations_frame(self.relations(subject, predicate, object))  # type: ignore[attr-defined]

    def query_frame(self, sparql_or_name: str, **bindings: Any) -> Any:
        """A ``SELECT`` (as :meth:`query` runs it) as a pandas DataFrame, one column per
        variable, values typed as :meth:`query` gives them."""
        from reportgraph.export.tables import frame

        result = self._run(sparql_or_name, bindings)  # type: ignore[attr-defined]
        if result.kind != "select":
            raise QueryError("query_frame needs a SELECT query (use query() for ASK and CONSTRUCT)")
        rows = [dict(zip(result.variables, (to_value(t) for t in row))) for row in result.rows]
        return frame(rows, result.variables)

    def _repr_html_(self) -> str:
        """A summary for notebooks: entities by type, relations by predicate."""
        from html import escape

        types: dict[str, int] = defaultdict(int)
        for e in self._entities.values():
            types[e.type.value] += 1
        preds: dict[str, int] = defaultdict(int)
        for r in self._relations:
            preds[r.predicate.value] += 1
        cells = "".join(f"<tr><td>{escape(k)}</td><td style='text-align:right'>{v:,}</td></tr>"
                        for k, v in sorted(types.items()))
        pcells = "".join(f"<tr><td>{escape(k)}</td><td style='text-align:right'>{v:,}</td></tr>"
                         for k, v in sorted(preds.items()))
        return (f"<div><strong>ReportGraph</strong>: {len(self._entities):,} entities, "
                f"{len(self._relations):,} relations"
                f"<table><thead><tr><th>entity type</th><th>count</th></tr></thead><tbody>{cells}</tbody></table>"
                f"<table><thead><tr><th>relation</th><th>count</th></tr></thead><tbody>{pcells}</tbody></table></div>")
