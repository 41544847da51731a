"""The viewer's data read from a graph: its records (entities, relations, posts:
:mod:`reportgraph.query.read_records`), and the reports' titles and years and which
reports mention each entity, through two SPARQL queries.

>>> from pathlib import Path
>>> data = graph_viewer_data(Path(__file__).parents[4] / "tests/fixtures/small.trig")
>>> len(data["nodes"]), len(data["edges"]), len(data["reports"])
(13, 11, 2)
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgraph.export.viewer import DEFAULT_MAX_NODES, ReportInfo, viewer_data, write_html

if TYPE_CHECKING:
    import pyoxigraph as ox

    from reportgraph.api import Source

__all__ = ["graph_viewer_data", "write_viewer"]

_Q_REPORTS = """PREFIX rg: <https://w3id.org/reportgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT ?report ?title ?date WHERE {
  ?report a rg:Report .
  OPTIONAL { ?report rdfs:label ?title }
  OPTIONAL { ?report ?p ?date FILTER (isLiteral(?date) && DATATYPE(?date) IN (xsd:date, xsd:dateTime, xsd:gYear)) }
}"""
_Q_MENTIONS = """PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
SELECT DISTINCT ?entity ?report WHERE {
  GRAPH ?g { ?mention itsrdf:taIdentRef ?entity }
  BIND (IRI(STRBEFORE(STR(?mention), "/m/")) AS ?report) }"""  # a mention is named below its report


def _reports(store: ox.Store) -> dict[str, ReportInfo]:
    found: dict[str, ReportInfo] = {}
    for row in store.query(_Q_REPORTS):
        iri = row["report"].value
        title = row["title"].value if row["title"] is not None else iri.rsplit("/", 1)[-1]
        year = None
        if row["date"] is not None and row["date"].value[:4].isdigit():
            year = int(row["date"].value[:4])
        old = found.get(iri)
        if old is None or (old.year is None and year is not None) or (year == old.year and title < old.title):
            found[iri] = ReportInfo(iri, title, year if year is not None else (old.year if old else None))
    return found


def _mentions(store: ox.Store) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_Q_MENTIONS):
        found[row["entity"].value].add(row["report"].value)
    return found


def graph_viewer_data(source: Source, *, max_nodes: int = DEFAULT_MAX_NODES, max_evidence: int = 5,
                      title: str | None = None) -> dict[str, Any]:
    """The viewer's data of a graph (anything :meth:`ReportGraph.load
    <reportgraph.api.ReportGraph.load>` reads, or a ReportGraph)."""
    from reportgraph.query.read_records import read_posts, read_records
    from reportgraph.records import _entity_key
    from reportgraph.store.sources import open_store

    store = open_store(source)
    entities, relations = read_records(store)
    reports = _reports(store)
    if title is None:
        title = "reportgraph: " + (next(iter(reports.values())).title if len(reports) == 1
                                   else f"{len(reports):,} reports")
    return viewer_data(sorted(entities.values(), key=_entity_key), relations, reports=reports,
                       mentioned_in=_mentions(store), posts=read_posts(store, entities), max_nodes=max_nodes,
                       max_evidence=max_evidence, title=title)


def write_viewer(source: Source, path: str | os.PathLike[str], *, overwrite: bool = True,
                 max_nodes: int = DEFAULT_MAX_NODES) -> Path:
    """Write the self-contained HTML viewer of ``source`` to ``path``."""
    return write_html(path, graph_viewer_data(source, max_nodes=max_nodes), overwrite=overwrite)
