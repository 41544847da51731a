"""The graph as tables: ``nodes.csv`` and ``edges.csv`` for Gephi's spreadsheet import and
Excel, and pandas DataFrames of entities, relations and query results.

CSV files are UTF-8 with a byte-order mark (Excel then reads the Chinese right; Gephi
and pandas skip the mark), comma-separated, every field quoted when needed, CRLF line
ends. The columns follow Gephi's *Import spreadsheet*: nodes ``Id``, ``Label`` and the
entity's columns; edges ``Source``, ``Target``, ``Type`` (``Directed``), ``Id``,
``Label`` (the predicate, or the role of a post) and ``Weight`` (the evidence count), then
the relation's name (``post`` for a post), the predicate's IRI and the years of the
reports that state it (``|``-joined). Ids are the ones GraphML and GEXF use, so the files can be mixed.

pandas is an optional extra (``pip install 'reportgraph[pandas]'``); without it the
DataFrame functions raise :class:`ImportError` saying so.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("urn:a", label="代县政协", type="Organization", iri="urn:a")
>>> g.add_node("urn:b", label="代县", type="AdministrativeArea", iri="urn:b")
>>> _ = g.add_edge("urn:a", "urn:b", key="locatedIn", label="locatedIn", type="locatedIn", weight=2.0)
>>> nodes, edges = csv_tables(g)
>>> nodes.splitlines()[0], edges.splitlines()[0]
('\\ufeffId,Label,type,aliases,iri,code,longitude,latitude,degree,years', '\\ufeffSource,Target,Type,Id,Label,Weight,relation,predicate,years')
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgraph.export.style import NODE_COLUMNS, table
from reportgraph.outputs import atomic_write

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from reportgraph.records import Entity, Relation

__all__ = ["csv_tables", "entities_frame", "frame", "relations_frame", "require_pandas", "write_csv"]

_NODE_COLUMNS = [c.name for c in NODE_COLUMNS if c.name != "label"]


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()


def csv_tables(g: nx.MultiDiGraph | nx.DiGraph) -> tuple[str, str]:
    """``(nodes.csv, edges.csv)`` of an entity graph, as text with the byte-order mark."""
    t = table(g, layout=False)
    nodes = _csv(["Id", "Label", *_NODE_COLUMNS],
                 ([row.id, row.label, *(_cell(row.values.get(c)) for c in _NODE_COLUMNS)] for row in t.nodes))
    edges = _csv(["Source", "Target", "Type", "Id", "Label", "Weight", "relation", "predicate", "years"],
                 ([row.source, row.target, "Directed", row.id, row.label, _cell(row.weight),
                   row.values.get("type", row.label), row.values.get("predicate", ""), _cell(row.values.get("years"))]
                  for row in t.edges))
    return nodes, edges


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def write_csv(g: nx.MultiDiGraph | nx.DiGraph, directory: str | os.PathLike[str], *,
              overwrite: bool = True) -> tuple[Path, Path]:
    """Write ``nodes.csv`` and ``edges.csv`` into ``directory`` (made if missing),
    atomically; returns their paths."""
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        from reportgraph.errors import OutputError

        raise OutputError(f"{folder}: not a directory (the CSV export writes nodes.csv and edges.csv into one)")
    folder.mkdir(parents=True, exist_ok=True)
    paths = (folder / "nodes.csv", folder / "edges.csv")
    for path, text in zip(paths, csv_tables(g)):
        with atomic_write(path, overwrite=overwrite) as f:
            f.write(text.encode("utf-8"))
    return paths


def require_pandas() -> Any:
    """The pandas module, or an :class:`ImportError` that says how to install it."""
    try:
        import pandas
    except ImportError as err:
        raise ImportError("DataFrames need pandas: pip install 'reportgraph[pandas]' (or pip install pandas)") from err
    return pandas


def frame(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    """A DataFrame of ``rows`` with exactly ``columns`` (also when there is no row)."""
    pd = require_pandas()
    return pd.DataFrame(list(rows), columns=list(columns))


def entities_frame(entities: Iterable[Entity], degree: dict[str, int] | None = None) -> pd.DataFrame:
    """One row per entity: ``iri``, ``name``, ``type``, ``aliases`` (a tuple), ``code``,
    ``longitude``, ``latitude`` and ``degree`` (its number of relations)."""
    rows = [{"iri": e.iri, "name": e.name, "type": e.type.value, "aliases": e.aliases, "code": e.code,
             "longitude": e.longitude, "latitude": e.latitude, "degree": (degree or {}).get(e.iri, 0)}
            for e in entities]
    return frame(rows, ["iri", "name", "type", "aliases", "code", "longitude", "latitude", "degree"])


def relations_frame(relations: Iterable[Relation]) -> pd.DataFrame:
    """One row per relation: subject and object (IRI and name), ``predicate``, ``weight``
    (pieces of evidence), ``reports`` (how many reports state it) and ``evidence`` (the
    first sentence)."""
    rows = []
    for r in relations:
        first = next((ev.text for ev in r.evidence if ev.text), None)
        rows.append({"subject": r.subject.iri, "subject_name": r.subject.name, "predicate": r.predicate.value,
                     "object": r.object.iri, "object_name": r.object.name, "weight": r.weight,
                     "reports": len({ev.document for ev in r.evidence}), "evidence": first})
    return frame(rows, ["subject", "subject_name", "predicate", "object", "object_name", "weight", "reports",
                        "evidence"])
