"""The query policy: size and nesting limits checked before any parser sees a query, and
updates, ``SERVICE``, ``LOAD`` and ``FROM``/``FROM NAMED`` refused with a
:class:`~reportgraph.errors.QueryError`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportgraph.errors import QueryError

#: Queries longer than this many characters are refused before parsing.
MAX_QUERY_CHARS = 100_000
#: Deeper nesting of ( { [ than this is refused before parsing.
MAX_DEPTH = 64
_UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "ADD", "MOVE",
                           "COPY", "WITH", "USING"})
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_STRING = re.compile(r"'''(?:[^'\\]|\\.|'(?!''))*(?:''')?|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*(?:\"\"\")?"
                     r"|'(?:[^'\\\n\r]|\\.)*'?|\"(?:[^\"\\\n\r]|\\.)*\"?", re.S)
_WORD = re.compile(r"[\w:?$@.\-\u00b7]+")
_VARIABLE = re.compile(r"[?$]([\w\u00b7]+)")
_OPEN, _CLOSE = "({[", ")}]"


def _lex(text: str) -> Iterator[tuple[str, str]]:
    """Yield ``(kind, token)`` for the words and brackets of a query, skipping strings,
    IRIs and comments (kinds: ``word``, ``open``, ``close``, ``iri``, ``string``)."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
        elif c in "'\"":
            m = _STRING.match(text, i)
            assert m is not None
            yield "string", m.group()
            i = m.end() if m.end() > i else i + 1
        elif c == "<" and (m := _IRI.match(text, i)):
            yield "iri", m.group()
            i = m.end()
        elif c in _OPEN:
            yield "open", c
            i += 1
        elif c in _CLOSE:
            yield "close", c
            i += 1
        elif m := _WORD.match(text, i):
            yield "word", m.group()
            i = m.end()
        else:
            i += 1


def check_query(text: str) -> str:
    """Apply the query policy; return the query text (BOM removed) or raise QueryError.

    >>> check_query("SELECT * { ?s ?p ?o }")
    'SELECT * { ?s ?p ?o }'
    >>> check_query("INSERT DATA { <http://a> <http://b> <http://c> }")
    Traceback (most recent call last):
    ...
    reportgraph.errors.QueryError: updates are refused (INSERT): reportgraph runs read-only queries
    >>> check_query("SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    reportgraph.errors.QueryError: FROM / FROM NAMED is refused: queries run on the merged graph of all reports (use GRAPH ?g { ... } to pick reports)
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}")
    text = text.lstrip("\ufeff")
    # SPARQL processes \\u escapes before parsing: check the text the parser will see
    decoded = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16))
                          if int(m.group(1) or m.group(2), 16) <= 0x10FFFF else m.group(), text)
    depth = deepest = 0
    refused: list[tuple[int, str]] = []
    for kind, token in _lex(decoded):
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                raise QueryError(f"query nests brackets more than {MAX_DEPTH} deep; simplify it")
        elif kind == "close":
            depth = max(0, depth - 1)
        elif kind == "word" and token.isalpha():
            word = token.upper()
            if word in _UPDATE_WORDS:
                refused.append((0, word))
            elif word == "SERVICE":
                refused.append((1, word))
            elif word == "FROM":
                refused.append((2, word))
    if refused:
        rank, word = min(refused)
        if rank == 0:
            raise QueryError(f"updates are refused ({word}): reportgraph runs read-only queries")
        if rank == 1:
            raise QueryError("SERVICE (federated query) is refused: queries run on the local graph only")
        raise QueryError("FROM / FROM NAMED is refused: queries run on the merged graph of all "
                         "reports (use GRAPH ?g { ... } to pick reports)")
    return text

