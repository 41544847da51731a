"""The HTML viewer: one self-contained file that opens offline in any browser.

The page holds the graph as JSON and the viewer's own script (``viewer.js``, ``viewer.css``
beside this file) with sigma.js, graphology and graphology's ForceAtlas2 inlined from
``vendor/`` (vendored from npm, MIT, versions and licences in ``vendor/README.md``); it
loads nothing from the network. Search by any name or alias, filter by entity type,
predicate, report and year, colour by type and size by degree, click a node for its card
(names, relations, posts, the evidence sentences with their report), and switch to the
map view, which places administrative areas by their coordinates.

A big corpus stays usable in two steps: the file embeds at most ``max_nodes`` entities
(those with the most relations; :data:`DEFAULT_MAX_NODES`), and the page first draws the
:data:`INITIAL_NODES` of them with the most relations; the others appear with their
neighbours when searched for or when a node's card asks to show its hidden neighbours.
The status line says how many of the graph's entities are embedded and shown. Evidence is
capped at ``max_evidence`` sentences per relation (the card says how many there are).

>>> from reportgraph.model import EntityType, Predicate
>>> from reportgraph.records import Entity, Evidence, Relation
>>> a = Entity("urn:x:a", "代县政协", EntityType.ORGANIZATION, ("县政协",))
>>> b = Entity("urn:x:b", "代县", EntityType.ADMINISTRATIVE_AREA, (), "140923", 112.96, 39.07)
>>> ev = Evidence("urn:r:1", 0, 9, "县政协设在代县。")
>>> data = viewer_data([a, b], [Relation(a, Predicate.LOCATED_IN, b, (ev,))],
...                    reports={"urn:r:1": ReportInfo("urn:r:1", "工作报告", 2021)})
>>> [n["name"] for n in data["nodes"]], data["edges"][0]["predicate"], data["texts"]
(['代县', '代县政协'], 'locatedIn', ['县政协设在代县。'])
>>> "<script" in viewer_html(data) and "https://" not in viewer_html(data).split("<body")[0]
True
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from reportgraph.export.style import TYPE_COLOURS, hex_colour, node_looks

if TYPE_CHECKING:
    from reportgraph.records import Entity, Post, Relation

__all__ = ["DEFAULT_MAX_NODES", "INITIAL_NODES", "ReportInfo", "VENDOR", "viewer_data", "viewer_html"]

DEFAULT_MAX_NODES = 5000
"""Entities embedded in one page at most (the rest are named in the status line)."""
INITIAL_NODES = 1000
"""Entities the page draws on opening; the others appear on demand."""
VENDOR = ("graphology.umd.min.js", "sigma.min.js", "graphology-layout-forceatlas2.min.js")
"""The vendored scripts, in load order."""
_TEXT_LIMIT = 400


@dataclass(frozen=True, slots=True)
class ReportInfo:
    """A report as the viewer names it: its IRI, title and year (``None`` if unknown)."""

    iri: str
    title: str
    year: int | None = None


def _degree_order(entities: Mapping[str, Entity], relations: Iterable[Relation]) -> list[str]:
    degree: dict[str, int] = defaultdict(int)
    for r in relations:
        degree[r.subject.iri] += 1
        degree[r.object.iri] += 1
    return sorted(entities, key=lambda iri: (-degree[iri], entities[iri].name, iri))


def viewer_data(
    entities: Iterable[Entity],
    relations: Iterable[Relation],
    *,
    reports: Mapping[str, ReportInfo] | None = None,
    posts: Iterable[Post] = (),
    mentioned_in: Mapping[str, Iterable[str]] | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
    max_evidence: int = 5,
    title: str = "reportgraph",
) -> dict[str, Any]:
    """The JSON the page reads: nodes (with layout and map positions, colour, size, names,
    reports), edges (with evidence), posts, reports and what was left out. ``mentioned_in``
    maps an entity IRI to the reports that mention it (otherwise: the reports stating one
    of its relations)."""
    from reportgraph.export.entity_graph import entity_graph

    if max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, not {max_nodes}")
    by_iri = {e.iri: e for e in entities}
    all_relations = list(relations)
    all_posts = list(posts)
    keep = set(_degree_order(by_iri, all_relations)[:max_nodes])
    kept_relations = [r for r in all_relations if r.subject.iri in keep and r.object.iri in keep]
    kept_posts = sorted((p for p in all_posts if p.person.iri in keep
                         and (p.organization is None or p.organization.iri in keep)),
                        key=lambda p: (p.person.iri, p.role, p.organization.iri if p.organization else "",
                                       p.organization_name or ""))
    g = entity_graph((by_iri[i] for i in keep), kept_relations, kept_posts)
    looks = node_looks(g)
    report_index: dict[str, int] = {}
    report_list: list[dict[str, Any]] = []

    def report(iri: str) -> int:
        if iri not in report_index:
            info = (reports or {}).get(iri) or ReportInfo(iri, iri.rsplit("/", 1)[-1])
            report_index[iri] = len(report_list)
            report_list.append({"iri": info.iri, "title": info.title, "year": info.year})
        return report_index[iri]

    for iri in sorted(reports or {}, key=lambda i: ((reports or {})[i].title, i)):
        report(iri)
    texts: list[str] = []
    text_index: dict[str, int] = {}

    def text(t: str) -> int:
        t = t if len(t) <= _TEXT_LIMIT else t[:_TEXT_LIMIT] + "…"
        if t not in text_index:
            text_index[t] = len(texts)
            texts.append(t)
        return text_index[t]

    mapped = set()
    for part in nx.weakly_connected_components(g):
        if any(looks[m].on_map for m in part):
            mapped.update(part)
    order = sorted(g, key=lambda n: looks[n].id)
    index = {n: i for i, n in enumerate(order)}
    node_reports: dict[str, set[int]] = defaultdict(set)
    edges = []
    for r in sorted(kept_relations, key=lambda r: (index[r.subject.iri], index[r.object.iri], r.predicate.value)):
        docs = sorted({report(ev.document) for ev in r.evidence if ev.document})
        for end in (r.subject.iri, r.object.iri):
            node_reports[end].update(docs)
        evidence = [[report(ev.document) if ev.document else -1, text(ev.text) if ev.text else -1,
                     ev.method or ev.source or ""]
                    for ev in sorted(r.evidence, key=lambda ev: (ev.document, ev.start or 0, ev.text))[:max_evidence]]
        edges.append({"source": index[r.subject.iri], "target": index[r.object.iri],
                      "predicate": r.predicate.value, "weight": r.weight, "reports": docs,
                      "evidence": evidence, "evidenceCount": len(r.evidence)})
    if mentioned_in is not None:
        for iri, docs in mentioned_in.items():
            if iri in index:
                node_reports[iri].update(report(d) for d in docs)
    post_rows = []
    for p in kept_posts:
        docs = sorted({report(ev.document) for ev in p.evidence if ev.document})
        org = index[p.organization.iri] if p.organization is not None else None
        node_reports[p.person.iri].update(docs)
        if p.organization is not None:
            node_reports[p.organization.iri].update(docs)
        evidence = [[report(ev.document) if ev.document else -1, text(ev.text) if ev.text else -1, ev.method or ""]
                    for ev in sorted(p.evidence, key=lambda ev: (ev.document, ev.start or 0, ev.text))[:max_evidence]]
        post_rows.append({"person": index[p.person.iri], "role": p.role, "organization": org,
                          "organizationName": p.organization.name if p.organization else p.organization_name,
                          "reports": docs, "evidence": evidence})
        if org is not None:  # drawn as an edge too, person -> body, filtered as "post"
            edges.append({"source": index[p.person.iri], "target": org, "predicate": "post", "role": p.role,
                          "weight": p.weight, "reports": docs, "evidence": evidence,
                          "evidenceCount": len(p.evidence)})
    nodes = []
    for n in order:
        e, look = by_iri[n], looks[n]
        node: dict[str, Any] = {
            "id": look.id, "name": e.name, "aliases": list(e.aliases), "type": e.type.value,
            "x": look.xy[0], "y": look.xy[1], "mx": look.map_xy[0], "my": look.map_xy[1],
            "onMap": look.on_map, "mapped": n in mapped, "size": look.size, "degree": look.degree, "color": hex_colour(look.colour),
            "reports": sorted(node_reports.get(n, ())), "iri": e.iri,
        }
        if e.code:
            node["code"] = e.code
        if e.longitude is not None and e.latitude is not None:
            node["lon"], node["lat"] = e.longitude, e.latitude
        nodes.append(node)
    years = sorted({r["year"] for r in report_list if r["year"] is not None})
    return {
        "title": title,
        "total": {"nodes": len(by_iri), "edges": len(all_relations)},
        "maxNodes": max_nodes,
        "initialNodes": INITIAL_NODES,
        "types": {t: hex_colour(c) for t, c in TYPE_COLOURS.items()},
        "reports": report_list,
        "years": years,
        "texts": texts,
        "nodes": nodes,
        "edges": edges,
        "posts": post_rows,
    }


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _script(code: str) -> str:
    # a script element ends at the first "</script", whatever the JavaScript around it
    return "<script>" + re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE) + "</script>"


def viewer_html(data: Mapping[str, Any]) -> str:
    """The page: the template with the styles, the vendored scripts, the data and the
    viewer's script inlined."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    payload = payload.replace("<", "\\u003c")  # nothing in the data can close the element
    vendor = "\n".join(_script(_asset(f"vendor/{name}")) for name in VENDOR)
    page = _asset("template.html")
    parts = {
        "{{TITLE}}": _escape(str(data.get("title", "reportgraph"))),
        "{{STYLE}}": "<style>" + _asset("viewer.css") + "</style>",
        "{{VENDOR}}": vendor,
        "{{DATA}}": '<script type="application/json" id="rg-data">' + payload + "</script>",
        "{{VIEWER}}": _script(_asset("viewer.js")),
    }
    # one pass over the template: a name or sentence that reads "{{DATA}}" stays text
    return re.sub(r"\{\{[A-Z]+\}\}", lambda m: parts.get(m.group(0), m.group(0)), page)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def write_html(path: str | os.PathLike[str], data: Mapping[str, Any], *, overwrite: bool = True) -> Path:
    """Write the page atomically (UTF-8)."""
    from reportgraph.outputs import atomic_write

    target = Path(path)
    with atomic_write(target, overwrite=overwrite) as f:
        f.write(viewer_html(data).encode("utf-8"))
    return target
