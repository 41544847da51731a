"""The formats of the SPARQL 1.1 Protocol: content negotiation and serialisation.

SELECT and ASK results come as SPARQL Results JSON, XML, CSV or TSV; CONSTRUCT and
DESCRIBE results, and the service description, as Turtle, N-Triples, RDF/XML or JSON-LD
(pyoxigraph's serialisers). :func:`negotiate` reads an ``Accept`` header with its
q-values (RFC 9110) and a ``format=`` parameter as clients such as SPARQLWrapper send it.
A result cut at the row cap says so in the result itself: a ``"truncated": true`` member
and a ``head.link`` in JSON, a ``<link>`` in the XML head, a comment in Turtle and
N-Triples (CSV and TSV have no place for it: the ``X-Reportgraph-Truncated`` header says it).

>>> negotiate("application/sparql-results+xml;q=0.9, text/csv", "select").name
'csv'
>>> negotiate("text/html", "graph") is None
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from reportgraph.rdf.ontology import NAMESPACE
from reportgraph.query.results import QueryResult, Term

TRUNCATED_LINK = NAMESPACE + "truncatedResult"


@dataclass(frozen=True, slots=True)
class Format:
    """A format the endpoint can give: short name, media type, other media types that
    ask for it, and the pyoxigraph RDF format for graph results."""

    name: str
    media_type: str
    aliases: tuple[str, ...] = ()
    rdf: ox.RdfFormat | None = None

    @property
    def content_type(self) -> str:
        return self.media_type + ("; charset=utf-8" if self.name != "rdfxml" else "")


RESULT_FORMATS = (
    Format("json", "application/sparql-results+json", ("application/json",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values"),
)
GRAPH_FORMATS = (
    Format("turtle", "text/turtle", ("application/x-turtle",), ox.RdfFormat.TURTLE),
    Format("ntriples", "application/n-triples", ("text/plain",), ox.RdfFormat.N_TRIPLES),
    Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml"), ox.RdfFormat.RDF_XML),
    Format("jsonld", "application/ld+json", ("application/json",), ox.RdfFormat.JSON_LD),
)
_SHORT = {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv",
          "turtle": "turtle", "ttl": "turtle", "nt": "ntriples", "ntriples": "ntriples",
          "n-triples": "ntriples", "rdf": "rdfxml", "rdfxml": "rdfxml", "rdf+xml": "rdfxml",
          "jsonld": "jsonld", "json-ld": "jsonld"}
# A client asking for a result format on a graph query (and the other way round) gets
# the nearest format of the other family (SPARQLWrapper asks for "xml" on CONSTRUCT).
_CROSS = {"json": "jsonld", "xml": "rdfxml", "csv": "ntriples", "tsv": "ntriples",
          "turtle": "json", "ntriples": "json", "rdfxml": "xml", "jsonld": "json"}


def formats_for(kind: str) -> tuple[Format, ...]:
    """The formats of a result kind: ``select``/``ask`` or ``graph``."""
    return GRAPH_FORMATS if kind == "graph" else RESULT_FORMATS


def _accept(header: str) -> list[tuple[str, float, int]]:
    """Media ranges of an Accept header as ``(range, q, order)``; bad q-values count 0."""
    out = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media or "/" not in media:
            continue
        q = 1.0
        for f in fields[1:]:
            key, _, value = f.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        out.append((media, q, i))
    return out


def negotiate(accept: str | None, kind: str, *, format_param: str | None = None) -> Format | None:
    """The format to answer a ``kind`` query with, or ``None`` when the client accepts
    none the endpoint can give (406). No Accept header and ``*/*`` give JSON for
    SELECT/ASK and Turtle for graphs; ``format=`` (a short name or a media type) wins
    over the header when it names a format of the endpoint."""
    offered = formats_for(kind)
    if format_param:
        wanted = format_param.strip().lower()
        name = _SHORT.get(wanted) or next((f.name for f in RESULT_FORMATS + GRAPH_FORMATS
                                            if wanted == f.media_type or wanted in f.aliases), None)
        if name is not None:
            for target in (name, _CROSS[name]):
                for f in offered:
                    if f.name == target:
                        return f
    if not accept or not accept.strip():
        return offered[0]
    ranges = _accept(accept)
    best: tuple[float, int, int, int] | None = None
    chosen: Format | None = None
    for pref, f in enumerate(offered):
        # the most specific range that matches gives this format its q (RFC 9110, 12.5.1)
        match: tuple[int, float, int] | None = None
        for media, q, order in ranges:
            if media == f.media_type:
                specificity = 3
            elif media in f.aliases:
                specificity = 2
            elif media == f.media_type.split("/")[0] + "/*":
                specificity = 1
            elif media == "*/*":
                specificity = 0
            else:
                continue
            if match is None or specificity > match[0]:
                match = (specificity, q, order)
        if match is None or match[1] <= 0:
            continue
        key = (match[1], match[0], -match[2], -pref)
        if best is None or key > best:
            best, chosen = key, f
    return chosen


def _term_xml(t: Term) -> str:
    if t.kind == "uri":
        return f"<uri>{escape(t.value)}</uri>"
    if t.kind == "bnode":
        return f"<bnode>{escape(t.value)}</bnode>"
    if t.lang:
        return f"<literal xml:lang={quoteattr(t.lang)}>{escape(_xml_text(t.value))}</literal>"
    if t.datatype:
        return f"<literal datatype={quoteattr(t.datatype)}>{escape(_xml_text(t.value))}</literal>"
    return f"<literal>{escape(_xml_text(t.value))}</literal>"


def _xml_text(s: str) -> str:
    """XML 1.0 cannot hold most control characters, even escaped: they become U+FFFD."""
    return "".join(c if c in "\t\n\r" or ("\x20" <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd")
                   or c >= "\U00010000" else "\ufffd" for c in s)


def to_ox(t: Term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A result term as a pyoxigraph term."""
    if t.kind == "uri":
        return ox.NamedNode(t.value)
    if t.kind == "bnode":
        return ox.BlankNode(t.value)
    if t.lang:
        return ox.Literal(t.value, language=t.lang)
    if t.datatype:
        return ox.Literal(t.value, datatype=ox.NamedNode(t.datatype))
    return ox.Literal(t.value)


def serialize(result: QueryResult, fmt: Format, *, max_rows: int | None = None) -> bytes:
    """The result in ``fmt`` (one of :func:`formats_for` ``result.kind``)."""
    note = f"truncated at the row cap ({max_rows} rows)" if max_rows is not None else "truncated at the row cap"
    if result.kind == "graph":
        triples = [ox.Triple(*(to_ox(t) for t in row)) for row in result.rows  # type: ignore[misc]
                   if all(t is not None for t in row)]
        body = ox.serialize(triples, format=fmt.rdf) or b""
        if result.truncated and fmt.name in ("turtle", "ntriples"):
            body = f"# {note}\n".encode() + body
        elif result.truncated and fmt.name == "rdfxml":
            head, sep, rest = body.partition(b"?>")
            body = head + sep + f"\n<!-- {note} -->".encode() + rest if sep else body
        return body
    if fmt.name == "json":
        doc = json.loads(result.to_json())
        if result.truncated:
            doc["head"]["link"] = [TRUNCATED_LINK]
            doc["truncated"] = True
        return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
    if fmt.name == "csv":
        return result.to_csv().encode("utf-8")
    if fmt.name == "tsv":
        if result.kind == "ask":
            return b"?_askResult\n" + (b"true\n" if result.boolean else b"false\n")
        lines = ["\t".join("?" + v for v in result.variables)]
        for row in result.rows:
            lines.append("\t".join("" if t is None else str(to_ox(t)) for t in row))
        return ("\n".join(lines) + "\n").encode("utf-8")
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    if result.truncated:
        out.append(f"<link href={quoteattr(TRUNCATED_LINK)}/>")
    out.append("</head>")
    if result.kind == "ask":
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in result.rows:
            out.append("<result>" + "".join(f"<binding name={quoteattr(v)}>{_term_xml(t)}</binding>"
                                            for v, t in zip(result.variables, row) if t is not None)
                       + "</result>")
        out.append("</results>")
    out.append("</sparql>")
    return ("\n".join(out) + "\n").encode("utf-8")


__all__ = ["Format", "GRAPH_FORMATS", "RESULT_FORMATS", "formats_for", "negotiate", "serialize", "to_ox"]
