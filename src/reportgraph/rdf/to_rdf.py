"""Extractions → an RDF dataset: one named graph per report, provenance back to the text.

This is the only module that mints IRIs, all through :func:`mint`: deterministic (the same
thing in two reports gets the same IRI, so corpora merge by themselves), absolute, and
valid for strict parsers (every IRI is checked with :class:`pyoxigraph.NamedNode`).
There are no blank nodes.

- an administrative area with a division code: ``{base}administrativeArea/140923``
- any other entity: ``{base}{type}/{key}``, the key NFC-normalised and percent-encoded
  wherever it is not a letter, digit or ``-._()`` (``organization/代县政协``); keys longer
  than 80 characters are cut and end in ``~`` plus 16 hex digits of their SHA-256
- a report: ``https://w3id.org/reportgraph/report/{sha256[:16]}``, its named graph
  ``https://w3id.org/reportgraph/graph/{sha256[:16]}``, and its statements, evidence and
  mentions below the report IRI (``…/stmt/{hash}``, ``…/ev/{hash}``, ``…/m/{start}-{end}-{hash}``)

>>> from reportgraph.model import EntityType
>>> str(entity_iri(EntityType.ORGANIZATION, "代县政协"))
'https://w3id.org/reportgraph/id/organization/代县政协'
>>> str(entity_iri(EntityType.ADMINISTRATIVE_AREA, "代县", code="140923"))
'https://w3id.org/reportgraph/id/administrativeArea/140923'
>>> str(entity_iri(EntityType.DOCUMENT, "《代县 建言》", base_iri="https://example.org/kg/"))
'https://example.org/kg/document/《代县%20建言》'
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import BNode, Node

from reportgraph.errors import OutputError, ReportGraphError
from reportgraph.model import Entity, EntityType, Evidence, Extraction, Predicate, Report
from reportgraph.outputs import atomic_write
from reportgraph.rdf.vocab import (CLASSES, DCTERMS, ITSRDF, NAMESPACE, NIF, PREDICATES, PROV, RDF, RDFS, SCHEMA,
                    SKOS, XSD, rg)

DEFAULT_BASE_IRI = "https://w3id.org/reportgraph/id/"
ROOT_IRI = "https://w3id.org/reportgraph/"
_MAX_LOCAL = 80
_SAFE_ASCII = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._()")
_ALL_SAFE_ASCII = re.compile(r"[A-Za-z0-9\-._()]+")

#: Prefixes written into Turtle and TriG output.
PREFIXES: dict[str, str] = {
    "rg": NAMESPACE,
    "id": DEFAULT_BASE_IRI,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "nif": str(NIF),
    "itsrdf": str(ITSRDF),
    "dcterms": str(DCTERMS),
}


def _ucschar(cp: int) -> bool:
    """RFC 3987 ``ucschar``: the non-ASCII code points an IRI may hold unescaped."""
    if 0xA0 <= cp <= 0xD7FF or 0xF900 <= cp <= 0xFDCF or 0xFDF0 <= cp <= 0xFFEF:
        return True
    plane, low = divmod(cp, 0x10000)
    return 1 <= plane <= 14 and low <= 0xFFFD and not (plane == 14 and low < 0x1000)


def _local_name(key: str) -> str:
    """Encode a key as a readable, strict-safe IRI path segment (injective)."""
    if len(key) <= _MAX_LOCAL and _ALL_SAFE_ASCII.fullmatch(key):
        return key  # the common case of offsets and hashes: nothing to encode
    text = unicodedata.normalize("NFC", key)
    parts: list[str] = []
    for ch in text:
        cp = ord(ch)
        if ch in _SAFE_ASCII or (
            cp >= 0xA0 and _ucschar(cp) and unicodedata.category(ch)[0] in "LMNPS"
        ):
            parts.append(ch)
        else:
            parts.append("".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass")))
    local = "".join(parts)
    if len(local) > _MAX_LOCAL:
        cut = local[:_MAX_LOCAL]
        if "%" in cut[-2:]:  # never cut inside a %XX escape
            cut = cut[: cut.rindex("%")]
        local = f"{cut}~{_sha(key)}"
    return local


def _sha(*parts: str) -> str:
    data = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:16]


@lru_cache(maxsize=64)
def _check_base(base_iri: str) -> str:
    if not base_iri.endswith(("/", "#")):
        base_iri += "/"
    try:
        ox.NamedNode(base_iri)
    except ValueError as err:
        raise ReportGraphError(
            f"base IRI {base_iri!r} is not a valid absolute IRI ({err}); "
            "give one like https://example.org/kg/") from err
    if ":" not in base_iri.split("/", 1)[0]:
        raise ReportGraphError(f"base IRI {base_iri!r} has no scheme; give one like https://example.org/kg/")
    return base_iri


def mint(base: str, *segments: str) -> URIRef:
    """The one IRI-minting function: ``base`` followed by the encoded ``segments``.

    Each segment is NFC-normalised and percent-encoded outside letters, digits and
    ``-._()``, so any text gives an absolute IRI that strict parsers accept.

    >>> str(mint("https://example.org/", "a b", "代县"))
    'https://example.org/a%20b/代县'
    >>> mint("not an iri", "x")
    Traceback (most recent call last):
    ...
    reportgraph.errors.ReportGraphError: base IRI 'not an iri/' is not a valid absolute IRI ...
    """
    return URIRef(_minted(base, segments).value)


def _minted(base: str, segments: tuple[str, ...]) -> ox.NamedNode:
    """:func:`mint`'s IRI as a pyoxigraph node (which checks it strictly)."""
    base = _check_base(base)
    if not segments or "" in segments:
        raise ReportGraphError(f"cannot mint an IRI below {base} from an empty key")
    iri = base + "/".join([_local_name(s) for s in segments])
    try:
        return ox.NamedNode(iri)
    except ValueError as err:  # pragma: no cover - _local_name only emits safe characters
        raise ReportGraphError(f"minted an invalid IRI {iri!r}: {err}") from err


def _type_segment(t: EntityType) -> str:
    return t.value[0].lower() + t.value[1:]


def entity_iri(type_: EntityType, key: str, *, code: str | None = None,
               base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """The IRI of an entity: by division code for an administrative area that has one,
    else by type and key (see the module docstring)."""
    if type_ is EntityType.ADMINISTRATIVE_AREA and code:
        return mint(base_iri, _type_segment(type_), code)
    return mint(base_iri, _type_segment(type_), key)


def report_iri(report: Report) -> URIRef:
    """``https://w3id.org/reportgraph/report/{sha256[:16]}``."""
    return mint(ROOT_IRI, "report", _short_sha(report))


def graph_iri(report: Report) -> URIRef:
    """The named graph holding the report's triples: ``…/graph/{sha256[:16]}``."""
    return mint(ROOT_IRI, "graph", _short_sha(report))


def _short_sha(report: Report) -> str:
    sha = report.sha256.lower()
    if len(sha) < 16 or any(c not in "0123456789abcdef" for c in sha):
        raise ReportGraphError(f"report {report.doc_id!r} has no valid sha256 ({report.sha256!r})")
    return sha[:16]


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
_MENTION = _iri(rg("Mention"))
_BEGIN, _END, _ANCHOR = _iri(NIF.beginIndex), _iri(NIF.endIndex), _iri(NIF.anchorOf)
_IDENT, _CONTEXT = _iri(ITSRDF.taIdentRef), _iri(NIF.referenceContext)
_ASSERTION = _iri(rg("Assertion"))
_SUBJECT, _PREDICATE, _OBJECT = _iri(RDF.subject), _iri(RDF.predicate), _iri(RDF.object)
_EVIDENCE, _EVIDENCE_CLASS, _METHOD = _iri(rg("evidence")), _iri(rg("Evidence")), _iri(rg("method"))
_DERIVED, _SOURCE = _iri(PROV.wasDerivedFrom), _iri(rg("source"))
_XSD_INTEGER, _XSD_DECIMAL = _iri(XSD.integer), _iri(XSD.decimal)
_REPORT, _PROV_ENTITY = _iri(rg("Report")), _iri(PROV.Entity)
_SHA256, _DOC_ID, _ENCODING = _iri(rg("sha256")), _iri(rg("docId")), _iri(rg("encoding"))
_SOURCE_PATH, _HOME, _DELIVERED_BY = _iri(rg("sourcePath")), _iri(rg("home")), _iri(rg("deliveredBy"))
_CLASS_NODES = {t: _iri(c) for t, c in CLASSES.items()}
_PREDICATE_NODES = {p: _iri(iri) for p, iri in PREDICATES.items()}


def _zh(value: str) -> ox.Literal:
    return ox.Literal(_text(value), language="zh")


def _str(value: str) -> ox.Literal:
    return ox.Literal(_text(value))


def _int(value: int) -> ox.Literal:
    # xsd:integer (not nonNegativeInteger): Oxigraph stores literals by value and gives
    # nonNegativeInteger back as integer, so only integer survives a store round trip;
    # the shapes require >= 0.
    return ox.Literal(str(int(value)), datatype=_XSD_INTEGER)


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


def report_quads(x: Extraction, *, base_iri: str = DEFAULT_BASE_IRI) -> list[ox.Quad]:
    """One report's named graph as pyoxigraph quads (unsorted; a quad may repeat).

    This is the mapping itself; :func:`to_quads`, :func:`to_dataset` and
    :func:`serialize` are views of what it returns.
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
    return list(g.quads)


#: The classes whose instances belong to one report: its mentions, its reified statements
#: and their evidence. They stay in the report's named graph only; everything else (the
#: entities, the relations between them, the report's own description) is also merged
#: into the default graph.
PER_REPORT_CLASSES: frozenset[ox.NamedNode] = frozenset({_MENTION, _ASSERTION, _EVIDENCE_CLASS})


def union_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The merged graph of some report graphs: the triples of ``quads`` (named graphs
    only) whose subject is not an instance of :data:`PER_REPORT_CLASSES`, each once, in
    the order first seen. This is the one rule for what the default graph of a store or
    a loaded graph file holds.

    >>> g = ox.NamedNode("https://example.org/graph/1")
    >>> m, e = ox.NamedNode("https://example.org/m/1"), ox.NamedNode("https://example.org/e")
    >>> quads = [ox.Quad(m, _TYPE, _MENTION, g), ox.Quad(m, _IDENT, e, g),
    ...          ox.Quad(e, _LABEL, ox.Literal("代县"), g), ox.Quad(e, _LABEL, ox.Literal("代县"), g)]
    >>> [str(t) for t in union_triples(quads)]
    ['<https://example.org/e> <http://www.w3.org/2000/01/rdf-schema#label> "代县"']
    """
    named = [q for q in quads if isinstance(q.graph_name, ox.NamedNode)]
    per_report = {q.subject for q in named if q.predicate == _TYPE and q.object in PER_REPORT_CLASSES}
    return list(dict.fromkeys(q.triple for q in named if q.subject not in per_report))


def _add_entity(ctx: _Ctx, e: Entity, node: ox.NamedNode) -> None:
    g = ctx.graph
    g.add(node, _TYPE, _CLASS_NODES[e.type])
    g.add(node, _LABEL, _zh(e.name))
    g.add(node, _PREF, _zh(e.name))
    for alias in e.aliases:
        if alias != e.name:
            g.add(node, _ALT, _zh(alias))
    g.add(node, _KEY, _str(e.key))
    if e.code:
        g.add(node, _CODE, _str(e.code))
    if e.longitude is not None and e.latitude is not None:
        g.add(node, _LONGITUDE, _decimal(e.longitude))
        g.add(node, _LATITUDE, _decimal(e.latitude))
    if e.source:
        g.add(node, _SOURCE_OF_ENTITY, _str(e.source))
    node_hash = _sha(node.value)[:8]
    for m in e.mentions:
        mention = _minted(ctx.report_iri + "/", ("m", f"{m.start}-{m.end}-{node_hash}"))
        g.add(mention, _TYPE, _MENTION)  # a nif:Phrase by the ontology (rg:Mention ⊑ nif:Phrase)
        g.add(mention, _BEGIN, _int(m.start))
        g.add(mention, _END, _int(m.end))
        g.add(mention, _ANCHOR, _str(m.text))
        g.add(mention, _IDENT, node)
        g.add(mention, _CONTEXT, ctx.report)


def _home_key(x: Extraction) -> str | None:
    """The key of the report's home area: ``report.home`` is a key or a name."""
    home = x.report.home
    if not home:
        return None
    for e in x.entities:
        if e.key == home:
            return e.key
    areas = sorted((e for e in x.entities if home == e.name or home in e.aliases),
                   key=lambda e: (e.type is not EntityType.ADMINISTRATIVE_AREA, e.key))
    return areas[0].key if areas else None


def _add_report(ctx: _Ctx, x: Extraction, iri_of: Callable[[str, str], ox.NamedNode]) -> None:
    g, node, report = ctx.graph, ctx.report, x.report
    g.add(node, _TYPE, _REPORT)
    g.add(node, _TYPE, _PROV_ENTITY)
    g.add(node, _SHA256, ox.Literal(report.sha256.lower()))
    g.add(node, _DOC_ID, _str(report.doc_id))
    g.add(node, _ENCODING, _str(report.encoding))
    if report.title:
        g.add(node, _LABEL, _zh(report.title))
    if report.path:
        g.add(node, _SOURCE_PATH, _str(PurePath(report.path).name))
    home = _home_key(x)
    if home is not None:
        g.add(node, _HOME, iri_of(home, "home"))
    if x.author:
        g.add(node, _DELIVERED_BY, iri_of(x.author, "author"))


def _add_relation(ctx: _Ctx, s: ox.NamedNode, p: Predicate, o: ox.NamedNode, evidence: list[Evidence]) -> None:
    g, report = ctx.graph, ctx.report_iri
    prop = _PREDICATE_NODES[p]
    g.add(s, prop, o)
    stmt = _minted(report + "/", ("stmt", _sha(report, s.value, prop.value, o.value)))
    stmt_iri = stmt.value
    g.add(stmt, _TYPE, _ASSERTION)  # an rdf:Statement by the ontology (rg:Assertion ⊑ rdf:Statement)
    g.add(stmt, _SUBJECT, s)
    g.add(stmt, _PREDICATE, prop)
    g.add(stmt, _OBJECT, o)
    for ev in evidence:
        ev_node = _minted(report + "/", ("ev", _sha(stmt_iri, str(ev.start), str(ev.end),
                                                    ev.method, ev.source or "", ev.text)))
        g.add(stmt, _EVIDENCE, ev_node)
        g.add(ev_node, _TYPE, _EVIDENCE_CLASS)
        g.add(ev_node, _METHOD, _str(ev.method))
        g.add(ev_node, _DERIVED, ctx.report)
        if ev.is_textual:
            g.add(ev_node, _BEGIN, _int(ev.start))  # type: ignore[arg-type]
            g.add(ev_node, _END, _int(ev.end))  # type: ignore[arg-type]
            g.add(ev_node, _ANCHOR, _str(ev.text))
        if ev.source:
            g.add(ev_node, _SOURCE, _str(ev.source))


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


_XSD_STRING = str(XSD.string)
_RDF_LANG_STRING = str(RDF.langString)


def rdflib_term(term: ox.NamedNode | ox.Literal) -> URIRef | Literal:
    """A pyoxigraph IRI or literal as an rdflib term (plain strings stay untyped)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == _XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype))


# ---------------------------------------------------------------- rdflib ⇄ pyoxigraph

def ox_term(term: Node) -> ox.NamedNode | ox.Literal:
    """An rdflib IRI or literal as a pyoxigraph term (strictly checked; no blank nodes)."""
    if isinstance(term, URIRef):
        try:
            return ox.NamedNode(str(term))
        except ValueError as err:
            raise ReportGraphError(f"invalid IRI {str(term)!r}: {err}") from err
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        raise ReportGraphError("the graph holds a blank node; reportgraph graphs have none")
    raise ReportGraphError(f"unsupported RDF term {term!r}")


def to_quads(dataset: Dataset | Graph | Iterable[ox.Quad]) -> list[ox.Quad]:
    """Every quad of ``dataset`` (an rdflib dataset or graph, or pyoxigraph quads such as
    :func:`report_quads` gives) as pyoxigraph quads, each once, sorted (graph, subject,
    predicate, object); a plain graph's triples go to the default graph."""
    if not isinstance(dataset, Graph):
        return sorted(set(dataset), key=lambda q: (str(q.graph_name), str(q.triple)))
    quads: list[ox.Quad] = []
    if isinstance(dataset, Dataset):
        items: Iterator[tuple[Node, Node, Node, Node | None]] = (
            (s, p, o, g) for s, p, o, g in dataset.quads((None, None, None, None)))
    else:
        items = ((s, p, o, None) for s, p, o in dataset)
    cache: dict[Node, ox.NamedNode | ox.Literal] = {}

    def conv(term: Node) -> ox.NamedNode | ox.Literal:
        found = cache.get(term)
        if found is None:
            found = cache[term] = ox_term(term)
        return found

    for s, p, o, g in items:
        gname = getattr(g, "identifier", g)
        graph: ox.NamedNode | ox.DefaultGraph
        if gname is None or str(gname) == "urn:x-rdflib:default":
            graph = ox.DefaultGraph()
        else:
            graph = conv(gname)  # type: ignore[assignment]
        quads.append(ox.Quad(conv(s), conv(p), conv(o), graph))  # type: ignore[arg-type]
    quads.sort(key=lambda q: (str(q.graph_name), str(q.triple)))
    return quads


_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "nq": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nt": ox.RdfFormat.N_TRIPLES,
}


def serialize(dataset: Dataset | Graph | Iterable[ox.Quad], format: str = "trig") -> bytes:
    """Deterministic bytes: ``trig`` and ``nquads`` keep the named graphs, ``turtle`` and
    ``ntriples`` write the union of all graphs. Written by pyoxigraph from sorted quads,
    so the same dataset gives byte-identical output and every IRI is strictly valid.

    >>> from rdflib import Graph
    >>> g = Graph().add((URIRef("http://a/s"), URIRef("http://a/p"), Literal("代县", lang="zh")))
    >>> print(serialize(g, "ntriples").decode(), end="")
    <http://a/s> <http://a/p> "代县"@zh .
    """
    fmt = _FORMATS.get(format.lower())
    if fmt is None:
        raise OutputError(f"unknown RDF format {format!r}: use one of {', '.join(sorted(_FORMATS))}")
    quads = to_quads(dataset)
    prefixes = dict(PREFIXES)
    if isinstance(dataset, Graph):
        for prefix, ns in dataset.namespaces():
            if prefix == "id":
                prefixes["id"] = str(ns)
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
        triples = sorted({q.triple for q in quads}, key=str)
        if fmt is ox.RdfFormat.N_TRIPLES:
            return ox.serialize(triples, format=fmt) or b""
        return ox.serialize(triples, format=fmt, prefixes=prefixes) or b""
    if fmt is ox.RdfFormat.N_QUADS:
        return ox.serialize(quads, format=fmt) or b""
    return ox.serialize(quads, format=fmt, prefixes=prefixes) or b""


def write_graph(dataset: Dataset | Graph, path: str | os.PathLike[str], format: str = "trig") -> None:
    """Write ``dataset`` to ``path`` atomically (temporary file, then rename): a failure
    leaves any previous file as it was. Formats as in :func:`serialize`."""
    data = serialize(dataset, format)
    with atomic_write(path) as f:
        f.write(data)


def validate(dataset: Dataset | Graph) -> tuple[bool, str]:
    """Check the union of the dataset's graphs against ``ontology/shapes.ttl`` (pySHACL).

    Returns ``(conforms, report text)``.
    """
    import pyshacl  # noqa: PLC0415 - heavy, only needed here

    from reportgraph.rdf.resources import shapes_path

    data = Graph()
    for s, p, o, *_ in (dataset.quads((None, None, None, None)) if isinstance(dataset, Dataset)
                        else ((s, p, o) for s, p, o in dataset)):
        data.add((s, p, o))
    shapes = Graph().parse(shapes_path(), format="turtle")
    conforms, _graph, text = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                              advanced=True, allow_warnings=True)
    return bool(conforms), str(text)
