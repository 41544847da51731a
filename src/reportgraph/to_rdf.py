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
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import BNode, Node

from .errors import OutputError, ReportGraphError
from .model import EntityType, Evidence, Extraction, Predicate, Report
from .outputs import atomic_write
from .vocab import (CLASSES, DCTERMS, ITSRDF, NAMESPACE, NIF, PREDICATES, PROV, RDF, RDFS, SCHEMA,
                    SKOS, XSD, rg)

DEFAULT_BASE_IRI = "https://w3id.org/reportgraph/id/"
ROOT_IRI = "https://w3id.org/reportgraph/"
_MAX_LOCAL = 80
_SAFE_ASCII = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._()")

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
    base = _check_base(base)
    if not segments or any(s == "" for s in segments):
        raise ReportGraphError(f"cannot mint an IRI below {base} from an empty key")
    iri = base + "/".join(_local_name(s) for s in segments)
    try:
        ox.NamedNode(iri)
    except ValueError as err:  # pragma: no cover - _local_name only emits safe characters
        raise ReportGraphError(f"minted an invalid IRI {iri!r}: {err}") from err
    return URIRef(iri)


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
    if not any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        return value
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in value)


def _zh(value: str) -> Literal:
    return Literal(_text(value), lang="zh")


def _int(value: int) -> Literal:
    # xsd:integer (not nonNegativeInteger): Oxigraph stores literals by value and gives
    # nonNegativeInteger back as integer, so only integer survives a store round trip;
    # the shapes require >= 0.
    return Literal(str(int(value)), datatype=XSD.integer)


def _decimal(value: float) -> Literal:
    return Literal(format(Decimal(repr(float(value))), "f"), datatype=XSD.decimal)


@dataclass(frozen=True, slots=True)
class _Ctx:
    graph: Graph
    report: URIRef
    base_iri: str


def add_extraction(dataset: Dataset, x: Extraction, *, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """Add one report's named graph to ``dataset`` (replacing nothing) and return its IRI."""
    base_iri = _check_base(base_iri)
    g = dataset.graph(graph_iri(x.report))
    ctx = _Ctx(g, report_iri(x.report), base_iri)
    iris = {e.key: entity_iri(e.type, e.key, code=e.code, base_iri=base_iri) for e in x.entities}

    def iri_of(key: str, role: str) -> URIRef:
        try:
            return iris[key]
        except KeyError:
            raise ReportGraphError(
                f"report {x.report.doc_id!r}: {role} {key!r} is not one of its entities") from None

    _add_report(ctx, x, iri_of)
    for e in x.entities:
        node = iris[e.key]
        g.add((node, RDF.type, CLASSES[e.type]))
        g.add((node, RDFS.label, _zh(e.name)))
        g.add((node, SKOS.prefLabel, _zh(e.name)))
        for alias in e.aliases:
            if alias != e.name:
                g.add((node, SKOS.altLabel, _zh(alias)))
        g.add((node, rg("key"), Literal(_text(e.key))))
        if e.code:
            g.add((node, rg("divisionCode"), Literal(_text(e.code))))
        if e.longitude is not None and e.latitude is not None:
            g.add((node, SCHEMA.longitude, _decimal(e.longitude)))
            g.add((node, SCHEMA.latitude, _decimal(e.latitude)))
        if e.source:
            g.add((node, rg("entitySource"), Literal(_text(e.source))))
        for m in e.mentions:
            mention = mint(str(ctx.report) + "/", "m", f"{m.start}-{m.end}-{_sha(str(node))[:8]}")
            g.add((mention, RDF.type, rg("Mention")))
            g.add((mention, RDF.type, NIF.Phrase))
            g.add((mention, NIF.beginIndex, _int(m.start)))
            g.add((mention, NIF.endIndex, _int(m.end)))
            g.add((mention, NIF.anchorOf, Literal(_text(m.text))))
            g.add((mention, ITSRDF.taIdentRef, node))
            g.add((mention, NIF.referenceContext, ctx.report))

    grouped: dict[tuple[URIRef, Predicate, URIRef], list[Evidence]] = {}
    for r in x.relations:
        spo = (iri_of(r.subject, "relation subject"), r.predicate, iri_of(r.object, "relation object"))
        grouped.setdefault(spo, []).extend(r.evidence)
    for (s, p, o), evidence in grouped.items():
        _add_relation(ctx, s, p, o, evidence)
    return URIRef(str(g.identifier))


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


def _add_report(ctx: _Ctx, x: Extraction, iri_of: Callable[[str, str], URIRef]) -> None:
    g, node, report = ctx.graph, ctx.report, x.report
    g.add((node, RDF.type, rg("Report")))
    g.add((node, RDF.type, PROV.Entity))
    g.add((node, rg("sha256"), Literal(report.sha256.lower())))
    g.add((node, rg("docId"), Literal(_text(report.doc_id))))
    g.add((node, rg("encoding"), Literal(_text(report.encoding))))
    if report.title:
        g.add((node, RDFS.label, _zh(report.title)))
    if report.path:
        g.add((node, rg("sourcePath"), Literal(_text(PurePath(report.path).name))))
    home = _home_key(x)
    if home is not None:
        g.add((node, rg("home"), iri_of(home, "home")))
    if x.author:
        g.add((node, rg("deliveredBy"), iri_of(x.author, "author")))


def _add_relation(ctx: _Ctx, s: URIRef, p: Predicate, o: URIRef, evidence: list[Evidence]) -> None:
    g, report = ctx.graph, ctx.report
    prop = PREDICATES[p]
    g.add((s, prop, o))
    stmt = mint(str(report) + "/", "stmt", _sha(str(report), str(s), str(prop), str(o)))
    g.add((stmt, RDF.type, RDF.Statement))
    g.add((stmt, RDF.type, rg("Assertion")))
    g.add((stmt, RDF.subject, s))
    g.add((stmt, RDF.predicate, prop))
    g.add((stmt, RDF.object, o))
    for ev in evidence:
        ev_node = mint(str(report) + "/", "ev", _sha(str(stmt), str(ev.start), str(ev.end),
                                                     ev.method, ev.source or "", ev.text))
        g.add((stmt, rg("evidence"), ev_node))
        g.add((ev_node, RDF.type, rg("Evidence")))
        g.add((ev_node, rg("method"), Literal(_text(ev.method))))
        g.add((ev_node, PROV.wasDerivedFrom, report))
        if ev.is_textual:
            g.add((ev_node, NIF.beginIndex, _int(ev.start)))  # type: ignore[arg-type]
            g.add((ev_node, NIF.endIndex, _int(ev.end)))  # type: ignore[arg-type]
            g.add((ev_node, NIF.anchorOf, Literal(_text(ev.text))))
        if ev.source:
            g.add((ev_node, rg("source"), Literal(_text(ev.source))))


def to_dataset(extractions: Iterable[Extraction], *, base_iri: str = DEFAULT_BASE_IRI) -> Dataset:
    """Build the dataset of the extractions: one named graph per report.

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


def to_quads(dataset: Dataset | Graph) -> list[ox.Quad]:
    """Every quad of ``dataset`` as pyoxigraph quads, sorted (graph, subject, predicate,
    object); a plain graph's triples go to the default graph."""
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


def serialize(dataset: Dataset | Graph, format: str = "trig") -> bytes:
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

    from .resources import shapes_path

    data = Graph()
    for s, p, o, *_ in (dataset.quads((None, None, None, None)) if isinstance(dataset, Dataset)
                        else ((s, p, o) for s, p, o in dataset)):
        data.add((s, p, o))
    shapes = Graph().parse(shapes_path(), format="turtle")
    conforms, _graph, text = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                              advanced=True, allow_warnings=True)
    return bool(conforms), str(text)
