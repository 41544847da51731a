"""A query's final ``ORDER BY`` done here rather than by the engine.

Oxigraph 0.5 sorts by decoding both terms from the store's string dictionary for every
comparison: ``n log n`` dictionary reads, each slower the bigger the store (it holds every
text and mention IRI), so a full listing's sort grew faster than its rows and took about
half of its time (``benchmarks/README.md``). The rows are decoded once anyway to be sent
to the caller; sorting them after that costs a fraction of a second for 100,000 rows.

Only what can be sorted exactly as the engine sorts is taken over (:func:`split_order`):
a ``SELECT`` whose last clause is an ``ORDER BY`` of projected variables, each plain or in
``ASC()``/``DESC()`` (no ``LIMIT``/``OFFSET`` after it: the engine then keeps its sort),
with at most ``run.SORT_HERE_ROWS`` rows (beyond, the engine sorts: it keeps rows more
compactly than Python does).
The order is SPARQL's as Oxigraph implements it (``cmp_terms`` in ``spareval``): unbound,
then blank nodes, IRIs and literals; IRIs and strings by code point; numbers by value;
strings of one language by code point. A column whose literals the engine would compare
by another rule (dates, booleans, numbers mixed with strings, several languages, ``NaN``)
makes :func:`sort_rows` return ``None``, and the caller runs the query with its ``ORDER
BY``. Rows that tie on every key keep the engine's order (Python's sort is stable; the
engine's is not, so it gives tied rows in no particular order either).

>>> plan = split_order("SELECT ?a ?n WHERE { ?a ?p ?n } ORDER BY DESC(?n) ?a")
>>> plan.text, plan.keys
('SELECT ?a ?n WHERE { ?a ?p ?n } ', (('n', False), ('a', True)))
>>> split_order("SELECT ?a WHERE { ?a ?p ?n } ORDER BY ?n") is None  # ?n is not projected
True
>>> split_order("SELECT ?a WHERE { ?a ?p ?n } ORDER BY ?a LIMIT 3") is None
True
>>> rows = [(("literal", "2", _INTEGER, None),), (("literal", "10", _INTEGER, None),), (None,)]
>>> sort_rows(("n",), rows, (("n", True),))
[(None,), (('literal', '2', 'http://www.w3.org/2001/XMLSchema#integer', None),), (('literal', '10', 'http://www.w3.org/2001/XMLSchema#integer', None),)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from reportgraph.query.policy import Token, tokens

__all__ = ["Ordering", "sort_rows", "split_order"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER = _XSD + "integer"
#: Numbers in their canonical lexical forms' grammar (a literal that does not match is
#: ill-typed, and the engine orders it by another rule): ``xsd:integer`` and ``xsd:decimal``
#: compare exactly by value; ``xsd:double`` as binary floating point, never mixed with the
#: first two here (the engine converts between them, Python compares exactly).
_NUMBERS = {
    _INTEGER: ("exact", re.compile(r"[+-]?[0-9]+")),
    _XSD + "decimal": ("exact", re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")),
    _XSD + "double": ("double", re.compile(r"[+-]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|INF)")),
}


class Ordering(NamedTuple):
    """A query without its final ``ORDER BY`` and the keys it sorted by: ``(variable,
    ascending)`` pairs, most significant first."""

    text: str
    keys: tuple[tuple[str, bool], ...]


def split_order(text: str) -> Ordering | None:
    """The query ``text`` without its final ``ORDER BY``, and its keys; ``None`` when the
    query is not a ``SELECT`` ending with an ``ORDER BY`` of projected variables."""
    toks = list(tokens(text))
    form = next((t for t in toks if t.kind == "word" and t.text.upper() in
                 ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")), None)
    if form is None or form.text.upper() != "SELECT":
        return None
    order = _final_order(toks)
    if order is None:
        return None
    keys = _keys(toks[order + 2:])
    if not keys:
        return None
    projected = _projected(toks[toks.index(form) + 1:])
    if projected is not None and not all(var in projected for var, _ in keys):
        return None
    return Ordering(text[:toks[order].start], tuple(keys))


def _final_order(toks: list[Token]) -> int | None:
    """The index of the ``ORDER`` of an ``ORDER BY`` outside every group, or ``None``."""
    depth = 0
    found = None
    for i, tok in enumerate(toks):
        if tok.kind == "punct" and tok.text in ("{", "{|"):
            depth += 1
        elif tok.kind == "punct" and tok.text in ("}", "|}"):
            depth -= 1
        elif (depth == 0 and tok.kind == "word" and tok.text.upper() == "ORDER"
              and i + 1 < len(toks) and toks[i + 1].text.upper() == "BY"):
            found = i
    return found


def _keys(toks: list[Token]) -> list[tuple[str, bool]] | None:
    """``?v``, ``ASC(?v)`` and ``DESC(?v)`` to the end of the query, or ``None``."""
    keys: list[tuple[str, bool]] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.kind == "var":
            keys.append((tok.text[1:], True))
            i += 1
        elif (tok.kind == "word" and tok.text.upper() in ("ASC", "DESC") and i + 3 < len(toks)
              and toks[i + 1].text == "(" and toks[i + 2].kind == "var" and toks[i + 3].text == ")"):
            keys.append((toks[i + 2].text[1:], tok.text.upper() == "ASC"))
            i += 4
        else:
            return None  # an expression, or LIMIT/OFFSET/VALUES after the ORDER BY
    return keys


def _projected(toks: list[Token]) -> set[str] | None:
    """The variables a ``SELECT`` clause projects (``None`` for ``SELECT *``): those at the
    clause's top level and those named by ``AS``."""
    out: set[str] = set()
    depth = 0
    for i, tok in enumerate(toks):
        if depth == 0 and (tok.text in ("{",) or (tok.kind == "word" and tok.text.upper() in ("WHERE", "FROM"))):
            return out
        if tok.text == "*" and depth == 0:
            return None
        if tok.text == "(":
            depth += 1
        elif tok.text == ")":
            depth -= 1
        elif tok.kind == "var" and (depth == 0 or toks[i - 1].text.upper() == "AS"):
            out.add(tok.text[1:])
    return out


_Raw = tuple[str, str, "str | None", "str | None"]


def sort_rows(variables: Sequence[str], rows: list[tuple[Any, ...]],
              keys: Sequence[tuple[str, bool]]) -> list[tuple[Any, ...]] | None:
    """``rows`` (of ``(kind, value, datatype, lang)`` tuples or ``None``, in the order of
    ``variables``) sorted by ``keys`` as the engine sorts, or ``None`` when a key column
    holds terms the engine would compare by a rule not followed here."""
    out = list(rows)
    for var, ascending in reversed(keys):  # least significant first; each sort is stable
        try:
            col = variables.index(var)
        except ValueError:
            return None
        column_key = _column_key([row[col] for row in rows])
        if column_key is None:
            return None
        out.sort(key=lambda row: column_key[row[col]], reverse=not ascending)
    return out


def _column_key(terms: list[_Raw | None]) -> dict[_Raw | None, tuple[Any, ...]] | None:
    """Each distinct term of a column with its sort key, or ``None`` when the column's
    literals are not all of one comparable kind."""
    keys: dict[_Raw | None, tuple[Any, ...]] = {}
    kind_of_literals: object = None
    for term in terms:
        if term in keys:
            continue
        if term is None:
            keys[term] = (0,)
            continue
        kind, value, datatype, lang = term
        if kind == "bnode":
            keys[term] = (1, value)
            continue
        if kind == "uri":
            keys[term] = (2, value)
            continue
        if kind != "literal":
            return None
        literal_kind, comparable = _literal(value, datatype, lang)
        if literal_kind is None or (kind_of_literals is not None and literal_kind != kind_of_literals):
            return None
        kind_of_literals = literal_kind
        keys[term] = (3, comparable)
    return keys


def _literal(value: str, datatype: str | None, lang: str | None) -> tuple[object, Any]:
    """A literal's kind (literals of one kind compare by the value given) and that value;
    ``(None, None)`` for a literal not ordered here."""
    if lang:
        return ("lang", lang.lower()), value
    if datatype is None or datatype == _XSD + "string":
        return "string", value
    kind, grammar = _NUMBERS.get(datatype, (None, None))
    if grammar is None or not grammar.fullmatch(value):
        return None, None
    if kind != "exact":
        return kind, float(value)
    number = Decimal(value)
    # the engine's integers are 64-bit and its decimals have 18 fraction digits: a literal
    # beyond that is ill-typed to it
    if not -2**63 <= number < 2**63 if datatype == _INTEGER else \
            abs(number) >= 10**18 or len(value.partition(".")[2]) > 18:
        return None, None
    return kind, number
