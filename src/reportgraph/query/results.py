"""Query results: :class:`Term` and :class:`QueryResult`, with the W3C JSON and CSV
result formats and a plain-text table."""

from __future__ import annotations

import io
import json
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal as TypingLiteral


from reportgraph.rdf.ontology import NAMESPACE

_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True, slots=True)
class Term:
    """An RDF term in a result: ``kind`` is ``uri``, ``literal``, ``bnode`` or ``triple``."""

    kind: TypingLiteral["uri", "literal", "bnode", "triple"]
    value: str
    datatype: str | None = None
    lang: str | None = None

    def __str__(self) -> str:
        return self.value

    def to_json(self) -> dict[str, str]:
        """The term as in SPARQL 1.1 Query Results JSON."""
        kind = "literal" if self.kind == "triple" else self.kind
        out = {"type": kind, "value": self.value}
        if self.lang:
            out["xml:lang"] = self.lang
        elif self.datatype:
            out["datatype"] = self.datatype
        return out

    def to_python(self) -> object:
        """Numbers and booleans as Python values, everything else as its string.

        >>> Term("literal", "3", _XSD + "integer").to_python()
        3
        """
        if self.kind == "literal" and self.datatype and self.datatype.startswith(_XSD):
            local = self.datatype[len(_XSD):]
            try:
                if local in ("integer", "int", "long", "short", "nonNegativeInteger",
                             "positiveInteger", "negativeInteger", "nonPositiveInteger"):
                    return int(self.value)
                if local in ("decimal", "double", "float"):
                    return float(self.value)
                if local == "boolean":
                    return self.value in ("true", "1")
            except ValueError:
                return self.value
        return self.value


from reportgraph.rdf.terms import TermTuple as _Raw, term_tuple as _raw  # noqa: E402,F401  (re-exported)


def _term(raw: _Raw | None) -> Term | None:
    return None if raw is None else Term(*raw)  # type: ignore[arg-type]


@dataclass(frozen=True)
class QueryResult:
    """Rows of a SELECT (or the triples of a CONSTRUCT/DESCRIBE as ``subject``,
    ``predicate``, ``object`` rows), or the answer of an ASK. ``truncated`` is true when
    the row cap stopped the query early."""

    kind: TypingLiteral["select", "ask", "graph"]
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    truncated: bool = False
    elapsed: float = 0.0
    query: str = field(default="", repr=False)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Term]]:
        for row in self.rows:
            yield {v: t for v, t in zip(self.variables, row) if t is not None}

    def column(self, variable: str) -> list[Term | None]:
        """The values of one variable, in row order."""
        i = self.variables.index(variable)
        return [row[i] for row in self.rows]

    def values(self, variable: str) -> list[str]:
        """The string values of one variable (unbound values left out)."""
        return [t.value for t in self.column(variable) if t is not None]

    def to_json(self) -> str:
        """W3C SPARQL 1.1 Query Results JSON."""
        if self.kind == "ask":
            doc: dict[str, Any] = {"head": {}, "boolean": bool(self.boolean)}
        else:
            doc = {"head": {"vars": list(self.variables)},
                   "results": {"bindings": [{v: t.to_json() for v, t in row.items()} for row in self]}}
        return json.dumps(doc, ensure_ascii=False, indent=1)

    def to_csv(self) -> str:
        """W3C SPARQL 1.1 Query Results CSV (values only, CRLF line ends)."""
        import csv

        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        if self.kind == "ask":
            writer.writerow(["boolean"])
            writer.writerow(["true" if self.boolean else "false"])
        else:
            writer.writerow(self.variables)
            for row in self.rows:
                writer.writerow(["" if t is None else t.value for t in row])
        return out.getvalue()

    def to_table(self, *, prefixes: Mapping[str, str] | None = None) -> str:
        """A plain-text table for a terminal (IRIs shortened with known prefixes, CJK
        characters counted double-width), with a note when truncated."""
        if self.kind == "ask":
            return "true" if self.boolean else "false"
        pre = dict(_TABLE_PREFIXES if prefixes is None else prefixes)

        shown: dict[Term | None, tuple[str, int]] = {}  # rows repeat their terms: each shown once

        def show(t: Term | None) -> tuple[str, int]:
            found = shown.get(t)
            if found is None:
                text = "" if t is None else t.value.replace("\n", " ")
                if t is not None and t.kind == "uri":
                    for p, ns in pre.items():
                        if t.value.startswith(ns) and len(t.value) > len(ns):
                            text = f"{p}:{t.value[len(ns):]}"
                            break
                found = shown[t] = (text, _width(text))
            return found

        cells = [[(v, _width(v)) for v in self.variables]] + [[show(t) for t in row] for row in self.rows]
        widths = [max(r[i][1] for r in cells) for i in range(len(self.variables))]
        lines = []
        for k, r in enumerate(cells):
            lines.append("  ".join(c + " " * (w - cw) for (c, cw), w in zip(r, widths)).rstrip())
            if k == 0:
                lines.append("  ".join("-" * w for w in widths))
        n = len(self.rows)
        lines.append(f"({n} row{'s' if n != 1 else ''}"
                     + (", truncated at the row cap" if self.truncated else "") + ")")
        return "\n".join(lines)


_TABLE_PREFIXES = {
    "id": "https://w3id.org/reportgraph/id/",
    "rg": NAMESPACE,
    "report": "https://w3id.org/reportgraph/report/",
    "graph": "https://w3id.org/reportgraph/graph/",
    "xsd": _XSD,
}


def _width(s: str) -> int:
    if s.isascii():
        return len(s)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

