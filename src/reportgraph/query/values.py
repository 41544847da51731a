"""Query results as typed Python values: what :meth:`ReportGraph.query
<reportgraph.api.ReportGraph.query>` returns.

- an IRI is an :class:`IRI`, a blank node a :class:`BNode`;
- a literal with a language tag is a :class:`LangString` (``.lang``: ``"zh"``);
- numbers are ``int`` / ``float`` (``xsd:decimal`` a :class:`~decimal.Decimal`), booleans
  ``bool``, ``xsd:date`` a :class:`datetime.date`, ``xsd:dateTime`` a
  :class:`datetime.datetime`;
- a plain string is a ``str``; any other typed literal (``xsd:gYear``…) a
  :class:`TypedLiteral` (``.datatype``).

IRIs and strings stay ``str`` subclasses, so ``row["name"] == "代县政协"`` and
``row["e"] == "https://…"`` hold as before, and ``isinstance(v, IRI)`` or ``v.lang``
tell them apart.

>>> from reportgraph.query.results import Term
>>> name = to_value(Term("literal", "代县政协", None, "zh"))
>>> name == "代县政协", name.lang, repr(name)
(True, 'zh', "'代县政协'@zh")
>>> iri = to_value(Term("uri", "https://w3id.org/reportgraph/id/x"))
>>> isinstance(iri, IRI), isinstance(iri, str)
(True, True)
>>> to_value(Term("literal", "2021-01-06", "http://www.w3.org/2001/XMLSchema#date"))
datetime.date(2021, 1, 6)
>>> to_value(Term("literal", "2021", "http://www.w3.org/2001/XMLSchema#gYear")).datatype
'http://www.w3.org/2001/XMLSchema#gYear'
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportgraph.query.results import Term

__all__ = ["BNode", "IRI", "LangString", "TypedLiteral", "to_value"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {"integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
             "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"}


class IRI(str):
    """An IRI in a result (a ``str``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{str(self)}>"


class BNode(str):
    """A blank node's label in a result (a ``str``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"_:{str(self)}"


class LangString(str):
    """A literal with a language tag (a ``str``; ``.lang`` is the tag)."""

    __slots__ = ("lang",)
    lang: str

    def __new__(cls, value: str, lang: str) -> LangString:
        self = super().__new__(cls, value)
        self.lang = lang
        return self

    def __repr__(self) -> str:
        return f"{str.__repr__(self)}@{self.lang}"

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return (LangString, (str(self), self.lang))


class TypedLiteral(str):
    """A literal of a datatype with no Python counterpart here (a ``str``; ``.datatype``
    is the datatype's IRI)."""

    __slots__ = ("datatype",)
    datatype: str

    def __new__(cls, value: str, datatype: str) -> TypedLiteral:
        self = super().__new__(cls, value)
        self.datatype = datatype
        return self

    def __repr__(self) -> str:
        return f"{str.__repr__(self)}^^<{self.datatype}>"

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return (TypedLiteral, (str(self), self.datatype))


def to_value(term: Term | None) -> object:
    """The Python value of a result term (``None`` stays ``None``)."""
    if term is None:
        return None
    if term.kind == "uri":
        return IRI(term.value)
    if term.kind == "bnode":
        return BNode(term.value)
    if term.kind != "literal":
        return term.value
    if term.lang:
        return LangString(term.value, term.lang)
    if not term.datatype:
        return term.value
    if term.datatype.startswith(_XSD):
        local = term.datatype[len(_XSD):]
        try:
            if local in _INTEGERS:
                return int(term.value)
            if local in ("double", "float"):
                return float(term.value)
            if local == "decimal":
                return Decimal(term.value)
            if local == "boolean":
                return term.value in ("true", "1")
            if local == "date":
                return dt.date.fromisoformat(term.value)
            if local == "dateTime":
                return dt.datetime.fromisoformat(term.value)
        except (ValueError, InvalidOperation):
            pass
    return TypedLiteral(term.value, term.datatype)
