"""The query policy: read a query by the SPARQL 1.1 grammar's own terminals, then refuse
what a read-only endpoint must not run.

The lexer covers the whole text with the grammar's terminals (IRIs, prefixed names with
their ``\\``-escapes and ``%``-escapes, blank-node labels, variables, strings with their
escapes, language tags, numbers, keywords, punctuation and comments) and refuses a
character that no terminal accounts for, so no word can hide from the checks in a place
the lexer skipped (``?o.SERVICE``, ``e:a\\#b SERVICE …``). On the tokens, it refuses:

- updates (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``CREATE``, ``DROP``, ``ADD``,
  ``MOVE``, ``COPY``, ``WITH``, ``USING``),
- ``SERVICE`` (federated query: the engine would make HTTP requests),
- ``FROM`` / ``FROM NAMED`` (other datasets),
- words that are not SPARQL keywords, and calls of functions other than SPARQL's
  built-ins and XSD casts.

Like Oxigraph, ``\\u`` escapes count only inside strings and IRIs; elsewhere they are
refused. Size and nesting limits are checked first, before any parser sees the text.
This is the first wall; the query child process is the second
(:mod:`reportgraph.sandbox`: no network, a memory limit).

>>> check_query("SELECT * { ?s ?p ?o }")
'SELECT * { ?s ?p ?o }'
>>> check_query("SELECT * WHERE { ?s ?p ?o.SERVICE <http://127.0.0.1/> { ?a ?b ?c } }")
Traceback (most recent call last):
...
reportgraph.errors.QueryError: SERVICE (federated query) is refused: queries run on the local graph only
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

from reportgraph.errors import QueryError

#: Queries longer than this many characters are refused before parsing.
MAX_QUERY_CHARS = 100_000
#: Deeper nesting of ( { [ than this is refused before parsing.
MAX_DEPTH = 64

XSD = "http://www.w3.org/2001/XMLSchema#"

UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "ADD", "MOVE",
                          "COPY", "WITH", "USING"})
#: SPARQL 1.1 (and Oxigraph's SPARQL 1.2 / RDF-star) keywords and built-in functions.
KEYWORDS = frozenset("""
BASE PREFIX SELECT CONSTRUCT DESCRIBE ASK DISTINCT REDUCED AS FROM NAMED WHERE GROUP BY
HAVING ORDER ASC DESC LIMIT OFFSET VALUES UNDEF OPTIONAL GRAPH SERVICE SILENT BIND MINUS
FILTER UNION NOT EXISTS IN A TRUE FALSE LATERAL SEPARATOR
STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN
UCASE LCASE ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY
HOURS MINUTES SECONDS TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE
IF STRLANG STRDT SAMETERM ISIRI ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE
COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT
TRIPLE SUBJECT PREDICATE OBJECT ISTRIPLE ADJUST LANGDIR STRLANGDIR HASLANG HASLANGDIR
DATA INTO TO ALL DEFAULT
""".split()) | UPDATE_WORDS

# The grammar's terminals (SPARQL 1.1 Query, section 19.8), as regular expressions.
_PN_CHARS_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF"
                  "\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF"
                  "\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_COMBINING = r"\u00B7\u0300-\u036F\u203F-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_UCHAR = r"(?:\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})"
_ECHAR = r"\\[tbnrf\"'\\]"
_EXP = r"[eE][+-]?[0-9]+"


def _terminals(base: str, combining: str) -> list[tuple[str, str]]:
    """The grammar's terminals, names made of the letters ``base`` (a character class's
    contents) and the marks ``combining``."""
    u = base + "_"
    chars = u + r"\-0-9" + combining
    prefix = rf"[{base}](?:[{chars}.]*[{chars}])?"
    local = rf"(?:[{u}:0-9]|{_PLX})(?:(?:[{chars}.:]|{_PLX})*(?:[{chars}:]|{_PLX}))?"
    varname = rf"[{u}0-9][{u}0-9{combining}]*"
    return [
        ("ws", r"[ \t\r\n]+"),
        ("comment", r"#[^\r\n]*"),
        ("iri", rf"<(?:[^<>\"{{}}|^`\\\x00-\x20]|{_UCHAR})*>"),
        ("string", rf"'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}|{_UCHAR}))*'''"),
        ("string", rf'"""(?:(?:"|"")?(?:[^"\\]|{_ECHAR}|{_UCHAR}))*"""'),
        ("string", rf"'(?:[^'\\\n\r]|{_ECHAR}|{_UCHAR})*'"),
        ("string", rf'"(?:[^"\\\n\r]|{_ECHAR}|{_UCHAR})*"'),
        ("var", rf"[?$]{varname}"),
        ("bnode", rf"_:[{u}0-9](?:[{chars}.]*[{chars}])?"),
        ("pname", rf"(?:{prefix})?:(?:{local})?"),
        ("langtag", r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
        ("number", rf"[0-9]+\.[0-9]*{_EXP}|\.[0-9]+{_EXP}|[0-9]+{_EXP}|[0-9]*\.[0-9]+|[0-9]+"),
        ("word", r"[A-Za-z][A-Za-z0-9_]*"),
        ("punct", r"\^\^|<<|>>|\{\||\|\}|<=|>=|!=|&&|\|\||[{}()\[\];,.=<>!+\-*/^|?~]"),
    ]


_TERMINALS = _terminals(_PN_CHARS_BASE, _COMBINING)
_KINDS = [kind for kind, _ in _TERMINALS]


@functools.cache
def _lexer(wide: bool) -> re.Pattern[str]:
    """The terminals as one pattern: ``wide``, names of any letters the grammar allows;
    else of ASCII letters only, which compiles in a fraction of the time (the wide classes
    cost a query's start-up ~20 ms) and lexes every text whose names are ASCII the same way:
    a text it cannot lex is lexed again with the wide one."""
    terminals = _TERMINALS if wide else _terminals("A-Za-z", "")
    return re.compile("|".join(f"(?P<t{i}>{rx})" for i, (_, rx) in enumerate(terminals)))


_OPEN, _CLOSE = "({[", ")}]"
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_PN_ESCAPE = re.compile(r"\\(.)")
#: A variable name in a comment (the ``# bind:`` lines of a named query).
_VARIABLE = re.compile(r"[?$]([\w\u00b7]+)")
#: Tokens after which an IRI or prefixed name followed by ``(`` is a function call.
_EXPRESSION_BEFORE = frozenset({"(", ",", "=", "!=", "<", ">", "<=", ">=", "&&", "||", "!", "+",
                                "-", "*", "/", "FILTER", "HAVING", "BY", "ASC", "DESC", "IF"})


class Token(NamedTuple):
    """A terminal of the query: its kind (``iri``, ``string``, ``var``, ``pname``,
    ``word``, ``punct``, …), its text and where it starts."""

    kind: str
    text: str
    start: int


def tokens(text: str) -> Iterator[Token]:
    """The query's terminals, comments and white space left out; a character that no
    terminal accounts for is a :class:`QueryError` naming it and its position.

    >>> [t.text for t in tokens("SELECT ?o{?s ?p ?o.SERVICE}")]
    ['SELECT', '?o', '{', '?s', '?p', '?o', '.', 'SERVICE', '}']
    >>> [t.kind for t in tokens(r"ASK { e:a\\#b e:a\\'b 'c' } # SERVICE")]
    ['word', 'punct', 'pname', 'pname', 'string', 'punct']
    >>> list(tokens("ASK { 'c }"))
    Traceback (most recent call last):
    ...
    reportgraph.errors.QueryError: invalid SPARQL at line 1, column 7: unexpected "'" (an unterminated string?)
    """
    found = _lex(text, _lexer(False))
    return iter(found if found is not None else _lex(text, _lexer(True), fail=True))  # type: ignore[arg-type]


def _lex(text: str, lexer: re.Pattern[str], *, fail: bool = False) -> list[Token] | None:
    out: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        m = lexer.match(text, i)
        if m is None or m.end() == i:
            if not fail:
                return None
            line = text.count("\n", 0, i) + 1
            col = i - (text.rfind("\n", 0, i) + 1) + 1
            c = text[i]
            shown = c if c.isprintable() else f"U+{ord(c):04X}"
            hint = ""
            if text.startswith(("\\u", "\\U"), i):
                hint = " (\\u escapes are allowed inside strings and IRIs only)"
            elif c in "\"'":
                hint = " (an unterminated string?)"
            elif c in "｛｝（）":
                hint = " (full-width ｛ ｝ （ ） found: use ASCII { } ( ))"
            raise QueryError(f'invalid SPARQL at line {line}, column {col}: unexpected "{shown}"{hint}')
        kind = _KINDS[int(m.lastgroup[1:])]  # type: ignore[index]
        if kind not in ("ws", "comment"):
            out.append(Token(kind, m.group(), i))
        i = m.end()
    return out


def _iri_text(token: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16))
                       if int(m.group(1) or m.group(2), 16) <= 0x10FFFF else m.group(), token[1:-1])


def _refusal(word: str) -> QueryError:
    if word == "SERVICE":
        return QueryError("SERVICE (federated query) is refused: queries run on the local graph only")
    if word == "FROM":
        return QueryError("FROM / FROM NAMED is refused: queries run on the merged graph of all "
                          "reports (use GRAPH ?g { ... } to pick reports)")
    return QueryError(f"updates are refused ({word}): reportgraph runs read-only queries")


def _rank(word: str) -> int:
    return 0 if word in UPDATE_WORDS else 1 if word == "SERVICE" else 2 if word == "FROM" else 3


def check_query(text: str) -> str:
    """Apply the policy; return the query text (BOM removed) or raise QueryError.

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
    try:
        toks = list(tokens(text))
    except QueryError:
        # an escape outside strings and IRIs: the engine refuses it too, but say what it
        # would have been if it reads as a refused word
        decoded = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16))
                              if int(m.group(1) or m.group(2), 16) <= 0x10FFFF else " ", text)
        words = {w.upper() for w in re.findall(r"[A-Za-z]+", decoded)} if decoded != text else set()
        refused = sorted((_rank(w), w) for w in words if _rank(w) < 3)
        if refused:
            raise _refusal(refused[0][1]) from None
        raise
    depth = 0
    refused: list[tuple[int, str]] = []
    prefixes: dict[str, str] = {}
    for k, tok in enumerate(toks):
        if tok.kind == "punct" and tok.text in _OPEN:
            depth += 1
            if depth > MAX_DEPTH:
                raise QueryError(f"query nests brackets more than {MAX_DEPTH} deep; simplify it")
        elif tok.kind == "punct" and tok.text in _CLOSE:
            depth = max(0, depth - 1)
        elif tok.kind == "word":
            word = tok.text.upper()
            if word not in KEYWORDS:
                raise QueryError(f"invalid SPARQL: {tok.text!r} is not a SPARQL keyword or function "
                                 "(variables start with ?, names need a prefix: rg:name)")
            rank = _rank(word)
            if rank < 3:
                refused.append((rank, word))
            if (word == "PREFIX" and k + 2 < len(toks) and toks[k + 1].kind == "pname"
                    and toks[k + 2].kind == "iri"):
                prefixes[toks[k + 1].text[:-1]] = _iri_text(toks[k + 2].text)
    if refused:
        raise _refusal(min(refused)[1])
    _check_calls(toks, prefixes)
    return text


def _check_calls(toks: list[Token], prefixes: dict[str, str]) -> None:
    """Refuse calls of functions named by IRI other than XSD casts (SPARQL's built-ins are
    keywords; an engine's extension functions are not for user queries)."""
    in_order = False
    for k in range(1, len(toks) - 1):
        tok, prev, nxt = toks[k], toks[k - 1], toks[k + 1]
        if prev.kind == "word":
            up = prev.text.upper()
            if up == "BY":
                in_order = True
            elif up in ("LIMIT", "OFFSET", "VALUES", "HAVING", "WHERE"):
                in_order = False
        if prev.text == "{" or prev.text == "}":
            in_order = False
        if tok.kind not in ("iri", "pname") or nxt.text != "(":
            continue
        before = prev.text.upper() if prev.kind == "word" else prev.text
        if not (in_order or (prev.kind in ("punct", "word") and before in _EXPRESSION_BEFORE)):
            continue  # a predicate followed by a collection: ?s rdf:value (1 2)
        if tok.kind == "iri":
            iri = _iri_text(tok.text)
        else:
            prefix, _, local = tok.text.partition(":")
            iri = prefixes.get(prefix, "\x00") + _PN_ESCAPE.sub(r"\1", local)
        if not (iri.startswith(XSD) and len(iri) > len(XSD)):
            raise QueryError(f"function {tok.text} is refused: queries may call SPARQL's built-in "
                             "functions and XSD casts (xsd:integer(...)) only")


__all__ = ["MAX_DEPTH", "MAX_QUERY_CHARS", "Token", "check_query", "tokens"]
