"""Extractions → an RDF dataset: one named graph per report, provenance back to the text.

This module is the mapping itself (:func:`report_quads`) and its views
(:func:`to_dataset`, :func:`add_extraction`), and the rule for the merged graph
(:func:`union_triples`). IRIs are minted in :mod:`reportgraph.rdf.iri`, terms converted in
:mod:`reportgraph.rdf.terms`, and graphs written in :mod:`reportgraph.rdf.serialize`; their
public names are re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from reportgraph.errors import ReportGraphError
from reportgraph.model import Entity, EntityType, Evidence, Extraction, Predicate
from reportgraph.rdf.iri import (DEFAULT_BASE_IRI, ROOT_IRI, _check_base, _minted, _sha, _ucschar, entity_iri,
                                 graph_iri, mint, report_iri)
from reportgraph.rdf.memberships import add_date, add_posts
from reportgraph.rdf.merged import (DESCRIPTION, PER_REPORT_REGEX, compact_quads, is_per_report,  # noqa: F401
                                    union_triples)  # re-exported
from reportgraph.rdf.serialize import PREFIXES, serialize, validate, write_graph
from reportgraph.rdf.terms import ox_term, rdflib_term, to_quads
from reportgraph.rdf.vocab import CLASSES, ITSRDF, NIF, PREDICATES, PROV, RDF, RDFS, SCHEMA, SKOS, XSD, rg

__all__ = ["DEFAULT_BASE_IRI", "PER_REPORT_REGEX", "PREFIXES", "ROOT_IRI", "add_extraction", "entity_iri",
           "graph_iri", "mint", "ox_term", "rdflib_term", "report_iri", "report_quads", "serialize",
           "to_dataset", "to_quads", "is_per_report", "union_triples", "validate", "write_graph"]


def _text(value: str) -> str:
    """Literal text: lone surrogates (which writers turn into ``?`` silently) become U+FFFD,
    one character for one, so offsets still hold."""
    try:
        value.encode("utf-8")  # fails exactly when the text holds a lone surrogate
        return value
    except UnicodeEncodeError:
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in value)


def _iri(term: str) -> ox.NamedNode:
    return ox.NamedNode(str(term))


# The terms every report uses, made once.
_TYPE, _LABEL, _PREF, _ALT = _iri(RDF.type), _iri(RDFS.label), _iri(SKOS.prefLabel), _iri(SKOS.altLabel)
_KEY, _CODE, _SOURCE_OF_ENTITY = _iri(rg("key")), _iri(rg("divisionCode")), _iri(rg("entitySource"))
_LONGITUDE, _LATITUDE = _iri(SCHEMA.longitude), _iri(SCHEMA.latitude)
_IDENT, _IS_STRING, _ANCHOR = _iri(ITSRDF.taIdentRef), _iri(NIF.isString), _iri(NIF.anchorOf)
_SUBJECT, _PREDICATE, _OBJECT = _iri(RDF.subject), _iri(RDF.predicate), _iri(RDF.object)
_EVIDENCE, _METHOD = _iri(rg("evidence")), _iri(rg("method"))
_DERIVED, _SOURCE = _iri(PROV.wasDerivedFrom), _iri(rg("source"))
_XSD_DECIMAL = _iri(XSD.decimal)
_REPORT, _PROV_ENTITY = _iri(rg("Report")), _iri(PROV.Entity)
_SHA256, _DOC_ID, _ENCODING = _iri(rg("sha256")), _iri(rg("docId")), _iri(rg("encoding"))
_SOURCE_PATH, _HOME, _DELIVERED_BY = _iri(rg("sourcePath")), _iri(rg("home")), _iri(rg("deliveredBy"))
_ENTITY_COUNT, _MENTION_COUNT, _RELATION_COUNT = (
    _iri(rg(n)) for n in ("entityCount", "mentionCount", "relationCount"))
_CLASS_NODES = {t: _iri(c) for t, c in CLASSES.items()}
_PREDICATE_NODES = {p: _iri(iri) for p, iri in PREDICATES.items()}


def _zh(value: str) -> ox.Literal:
    return ox.Literal(_text(value), language="zh")


def _str(value: str) -> ox.Literal:
    return ox.Literal(_text(value))


def _decimal(value: float) -> ox.Literal:
    return ox.Literal(format(Decimal(repr(float(value))), "f"), datatype=_XSD_DECIMAL)


class _Graph:
    """One report's named graph being written: quads in the order they are added (a
    store, like :func:`to_quads`, keeps each quad once)."""

    def __init__(self, name: ox.NamedNode) -> None:
        self.name = name
        self.quads: list[ox.Quad] = []

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.quads.append(ox.Quad(s, p, o, self.name))


@dataclass(frozen=True, slots=True)
class _Ctx:
    graph: _Graph
    report: ox.NamedNode
    report_iri: str
    base_iri: str
    evidence: dict[tuple[int | None, int | None, str, str | None], ox.NamedNode] = field(default_factory=dict)


def report_quads(x: Extraction, *, base_iri: str = DEFAULT_BASE_IRI) -> list[ox.Quad]:
    """One report's named graph as pyoxigraph quads (unsorted; a quad may repeat).

    This is the mapping itself; :func:`to_quads`, :func:`to_dataset` and
    :func:`serialize` are views of what it returns. Provenance says everything once:

    - the report's text is written once, as the report's ``nif:isString`` (the report is
      a ``nif:Context``); every offset below points into it (end exclusive);
    - a mention is one triple, ``<{report}/m/{start}-{end}-{entity hash}>
      itsrdf:taIdentRef <entity>``: its offsets are in its IRI, as NIF's offset IRIs
      have them, and its text is the report's text between them; only a mention whose
      text is none of the entity's labels (县政协, a form bound to its report) also has
      its ``nif:anchorOf``, so the graph can be searched by that form;
    - a relation stated by the report is reified once (``<{report}/stmt/{hash}>`` with
      ``rdf:subject``/``rdf:predicate``/``rdf:object``), with ``rg:evidence`` links to
      its evidence, shared by every statement (and post) with the same evidence: textual
      evidence is folded into its IRI, ``<{report}/ev/{start}-{end}/{method}>`` (the
      sentence's offsets and the cue or rule; the sentence is the report's text between
      the offsets), with nothing written about it; evidence from a knowledge base is a
      node ``<{report}/ev/{hash}>`` with ``rg:method`` and the ``rg:source`` it was taken
      from (:func:`_evidence_node`);
    - the report's node carries its own counts, ``rg:entityCount``, ``rg:mentionCount``
      and ``rg:relationCount`` (:func:`_add_counts`), which ``queries/reports.rq`` reads;
    - the entities, posts and roles the report describes are in the merged graph; the
      report graph holds one ``rg:description`` per node (its triples as N-Triples lines,
      shared by the reports that describe it alike), and no relation triple beside its
      statement (:func:`reportgraph.rdf.merged.compact_quads`; :func:`union_triples`
      reads them back).

    The classes of these nodes (``rg:Mention``, ``rg:Assertion``, ``rg:Evidence``) follow
    from the domains and ranges of ``rg:mentionOf`` (= ``itsrdf:taIdentRef``) and
    ``rg:evidence`` and are not written; :func:`is_per_report` tells them by their IRI.
    """
    base_iri = _check_base(base_iri)
    g = _Graph(_iri(graph_iri(x.report)))
    report = report_iri(x.report)
    ctx = _Ctx(g, _iri(report), str(report), base_iri)
    iris = {e.key: _iri(entity_iri(e.type, e.key, code=e.code, base_iri=base_iri)) for e in x.entities}

    def iri_of(key: str, role: str) -> ox.NamedNode:
        try:
            return iris[key]
        except KeyError:
            raise ReportGraphError(
                f"report {x.report.doc_id!r}: {role} {key!r} is not one of its entities") from None

    _add_report(ctx, x, iri_of)
    for e in x.entities:
        _add_entity(ctx, e, iris[e.key])
    grouped: dict[tuple[ox.NamedNode, Predicate, ox.NamedNode], list[Evidence]] = {}
    for r in x.relations:
        spo = (iri_of(r.subject, "relation subject"), r.predicate, iri_of(r.object, "relation object"))
        grouped.setdefault(spo, []).extend(r.evidence)
    for (s, p, o), evidence in grouped.items():
        _add_relation(ctx, s, p, o, evidence)
    add_posts(g.add, lambda ev: _evidence_node(ctx, ev), base_iri, x.posts, iri_of)
    _add_counts(g, ctx.report)
    return compact_quads(g.quads)


def _add_counts(g: _Graph, report: ox.NamedNode) -> None:
    """The report's own counts on its node, from the quads of its graph so far: the
    distinct entities its mentions refer to (``rg:entityCount``), its mentions
    (``rg:mentionCount``) and the nodes with evidence it names, its statements and posts
    (``rg:relationCount``). Facts about this report alone: they come and go with its node,
    and ``queries/reports.rq`` reads them instead of counting the whole store."""
    mentions: set[ox.NamedNode] = set()
    entities: set[ox.NamedNode] = set()
    supported: set[ox.NamedNode] = set()
    for q in g.quads:
        if q.predicate == _IDENT:
            mentions.add(q.subject)
            entities.add(q.object)
        elif q.predicate == _EVIDENCE:
            supported.add(q.subject)
    g.add(report, _ENTITY_COUNT, ox.Literal(len(entities)))
    g.add(report, _MENTION_COUNT, ox.Literal(len(mentions)))
    g.add(report, _RELATION_COUNT, ox.Literal(len(supported)))




def _add_entity(ctx: _Ctx, e: Entity, node: ox.NamedNode) -> None:
    g = ctx.graph
    g.add(node, _TYPE, _CLASS_NODES[e.type])
    g.add(node, _LABEL, _zh(e.name))
    g.add(node, _PREF, _zh(e.name))
    local = set(e.local_aliases)
    labels = {e.name}
    for alias in e.aliases:
        if alias != e.name and alias not in local:  # 县政协 names it in this report only
            g.add(node, _ALT, _zh(alias))
            labels.add(alias)
    g.add(node, _KEY, _str(e.key))
    if e.code:
        g.add(node, _CODE, _str(e.code))
    if e.longitude is not None and e.latitude is not None:
        g.add(node, _LONGITUDE, _decimal(e.longitude))
        g.add(node, _LATITUDE, _decimal(e.latitude))
    if e.source:
        g.add(node, _SOURCE_OF_ENTITY, _str(e.source))
    node_hash = _sha(node.value)[:8]
    for m in e.mentions:  # an rg:Mention (a nif:Phrase) by the domain of rg:mentionOf
        mention = _minted(ctx.report_iri + "/", ("m", f"{m.start}-{m.end}-{node_hash}"))
        g.add(mention, _IDENT, node)
        if m.text not in labels:  # a form that is no label (县政协): findable by its text
            g.add(mention, _ANCHOR, _str(m.text))


def _add_report(ctx: _Ctx, x: Extraction, iri_of: Callable[[str, str], ox.NamedNode]) -> None:
    g, node, report = ctx.graph, ctx.report, x.report
    g.add(node, _TYPE, _REPORT)
    g.add(node, _TYPE, _PROV_ENTITY)
    g.add(node, _SHA256, ox.Literal(report.sha256.lower()))
    g.add(node, _DOC_ID, _str(report.doc_id))
    g.add(node, _ENCODING, _str(report.encoding))
    g.add(node, _IS_STRING, _str(report.text))
    if x.title:
        g.add(node, _LABEL, _zh(x.title))
    if report.path:
        g.add(node, _SOURCE_PATH, _str(PurePath(report.path).name))
    if x.home is not None:  # the model's home and author (the resolver's, guesses included)
        g.add(node, _HOME, iri_of(x.home, "home"))
    if x.author:
        g.add(node, _DELIVERED_BY, iri_of(x.author, "author"))
    add_date(g.add, node, x)


def _add_relation(ctx: _Ctx, s: ox.NamedNode, p: Predicate, o: ox.NamedNode, evidence: list[Evidence]) -> None:
    g, report = ctx.graph, ctx.report_iri
    prop = _PREDICATE_NODES[p]
    g.add(s, prop, o)
    # an rg:Assertion (an rdf:Statement) by the domain of rg:evidence
    stmt = _minted(report + "/", ("stmt", _sha(report, s.value, prop.value, o.value)))
    g.add(stmt, _SUBJECT, s)
    g.add(stmt, _PREDICATE, prop)
    g.add(stmt, _OBJECT, o)
    for ev in evidence:
        g.add(stmt, _EVIDENCE, _evidence_node(ctx, ev))


def _folded_method(method: str) -> bool:
    """Whether ``method`` can stand in an evidence IRI as it is (letters, digits, CJK
    punctuation, ``-._:+()…``), so queries read it back with ``STRAFTER``."""
    return bool(method) and all(
        ch.isalnum() or ch in "-._:+()" or (ord(ch) >= 0xA0 and _ucschar(ord(ch)) and not ch.isspace())
        for ch in method)


def _evidence_node(ctx: _Ctx, ev: Evidence) -> ox.NamedNode:
    """The IRI of one piece of evidence. Textual evidence is folded into it,
    ``<{report}/ev/{start}-{end}/{method}>``, with nothing written about it: the sentence is
    the report's text between the offsets. Evidence from a knowledge base (or with a method
    no IRI can hold as it is) is a node ``<{report}/ev/{hash}>`` with ``rg:method`` and
    ``rg:source`` (or ``prov:wasDerivedFrom`` the sentence, ``<{report}#char={start},{end}>``),
    written the first time a statement cites it."""
    key = (ev.start, ev.end, ev.method, ev.source)
    node = ctx.evidence.get(key)
    if node is not None:
        return node
    g, report = ctx.graph, ctx.report_iri
    if ev.is_textual and not ev.source and _folded_method(ev.method):
        try:
            node = ctx.evidence[key] = ox.NamedNode(f"{report}/ev/{ev.start}-{ev.end}/{ev.method}")
            return node
        except ValueError:
            pass
    node = ctx.evidence[key] = _minted(report + "/", (
        "ev", _sha(str(ev.start), str(ev.end), ev.method, ev.source or "")))
    g.add(node, _METHOD, _str(ev.method))
    if ev.is_textual:
        g.add(node, _DERIVED, ox.NamedNode(f"{report}#char={ev.start},{ev.end}"))  # RFC 5147
    if ev.source:
        g.add(node, _SOURCE, _str(ev.source))
    return node


def add_extraction(dataset: Dataset, x: Extraction, *, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """Add one report's named graph to ``dataset`` (replacing nothing) and return its IRI."""
    name = graph_iri(x.report)
    g = dataset.graph(name)
    for q in report_quads(x, base_iri=base_iri):
        g.add((rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object)))
    return name


def to_dataset(extractions: Iterable[Extraction], *, base_iri: str = DEFAULT_BASE_IRI) -> Dataset:
    """Build the dataset of the extractions as an rdflib ``Dataset``: one named graph per
    report (the quads of :func:`report_quads`).

    >>> from reportgraph.model import Report, Entity, Extraction
    >>> r = Report("d", "代县政协", "代县政协", "utf-8", "ab" * 32)
    >>> x = Extraction(r, entities=(Entity("代县政协", "代县政协", EntityType.ORGANIZATION),))
    >>> ds = to_dataset([x])
    >>> [str(g.identifier) for g in ds.graphs() if len(g)]
    ['https://w3id.org/reportgraph/graph/abababababababab']
    """
    base_iri = _check_base(base_iri)
    dataset = Dataset()
    for prefix, ns in PREFIXES.items():
        dataset.bind(prefix, base_iri if prefix == "id" else ns)
    for x in extractions:
        add_extraction(dataset, x, base_iri=base_iri)
    return dataset

