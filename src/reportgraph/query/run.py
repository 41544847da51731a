"""Run named SPARQL queries safely and get typed results.

A query is a name (``queries/NAME.rq``) or a path to a ``.rq`` file. Values go in as
bindings (SEP-0007 substitutions in Oxigraph), never pasted into the query text. Every
query passes the policy first (:func:`check_query`): size and nesting limits are checked
before any parser sees it, and updates, ``SERVICE``, ``LOAD`` and ``FROM``/``FROM NAMED``
are refused with a :class:`~reportgraph.errors.QueryError`. The query then runs in a
forked child process with a wall-clock timeout (Oxigraph cannot be interrupted, and a
pathological query may even crash it) and a row cap; a capped result says it is
truncated. Queries see the merged graph of all the reports as their default graph (the
entities and relations, each triple once: :func:`reportgraph.rdf.to_rdf.union_triples`);
mentions and evidence are in each report's named graph, read with ``GRAPH ?g { … }``.

>>> from rdflib import Dataset, URIRef, Literal
>>> ds = Dataset()
>>> _ = ds.graph(URIRef("https://example.org/g")).add(
...     (URIRef("https://example.org/a"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
...      Literal("代县", lang="zh")))
>>> q = "SELECT ?s ?name WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?name }"
>>> result = run_query(q, ds, bindings={"name": Literal("代县", lang="zh")})
>>> [str(row["s"]) for row in result]
['https://example.org/a']
>>> run_query("SELECT * WHERE { SERVICE <http://127.0.0.1/> { ?s ?p ?o } }", ds)
Traceback (most recent call last):
...
reportgraph.errors.QueryError: SERVICE (federated query) is refused: queries run on the local graph only
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import re
import time
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal as TypingLiteral

import pyoxigraph as ox

from reportgraph.errors import QueryError, ReportGraphError
from reportgraph.query.policy import MAX_DEPTH, MAX_QUERY_CHARS, check_query, tokens

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10_000
#: Bytes of memory a query may take beyond what its process maps when it starts.
DEFAULT_MAX_MEMORY = 1 << 30
#: Seconds after which a running query yields the CPU to newer ones (nice 10).
SLOW_AFTER = 0.5

_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_VARIABLE = re.compile(r"[?$]([\w\u00b7]+)")


# ---------------------------------------------------------------- named queries

@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query file: its name, path, text, what it answers, and which variables can be bound."""

    name: str
    path: Path
    text: str
    description: str
    bindable: tuple[str, ...]


def _read_rq(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise QueryError(f"{path}: cannot read the query ({err.strerror})") from err
    if len(data) > 4 * MAX_QUERY_CHARS:
        raise QueryError(f"{path}: {len(data)} bytes; a query may have at most {MAX_QUERY_CHARS} characters")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise QueryError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start}); save it as UTF-8") from err


def load_query(name_or_path: str | os.PathLike[str]) -> NamedQuery:
    """A shipped query by name (``members``) or a ``.rq`` file by path.

    >>> q = load_query("members")
    >>> q.name, "group" in q.bindable
    ('members', True)
    """
    from reportgraph.rdf.resources import queries_dir

    raw = str(name_or_path)
    path = Path(raw)
    if not (raw.endswith(".rq") or os.sep in raw or path.is_file()):
        path = queries_dir() / f"{raw}.rq"
        if not path.is_file():
            names = ", ".join(sorted(p.stem for p in queries_dir().glob("*.rq")))
            raise QueryError(f"no query named {raw!r}; the shipped queries are: {names} (or give a .rq file)")
    elif not path.is_file():
        raise QueryError(f"{path}: no such query file")
    text = _read_rq(path)
    description: list[str] = []
    bindable: list[str] = []
    for line in text.splitlines():
        s = line.strip()
        if not s.startswith("#"):
            if s:
                break
            continue
        body = s.lstrip("#").strip()
        if body.lower().startswith("bind:"):
            bindable += _VARIABLE.findall(body)
        elif body:
            description.append(body)
    return NamedQuery(path.stem, path, text, " ".join(description), tuple(bindable))


# ---------------------------------------------------------------- results

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


_Raw = tuple[str, str, str | None, str | None]


def _raw(t: Any) -> _Raw | None:
    """A result term as a plain tuple (cheap to send from the child process)."""
    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return ("uri", t.value, None, None)
    if isinstance(t, ox.BlankNode):
        return ("bnode", t.value, None, None)
    if isinstance(t, ox.Literal):
        if t.language:
            return ("literal", t.value, None, t.language)
        dt = t.datatype.value
        return ("literal", t.value, None if dt == _XSD + "string" else dt, None)
    return ("triple", str(t), None, None)


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

        def show(t: Term | None) -> str:
            if t is None:
                return ""
            if t.kind == "uri":
                for p, ns in pre.items():
                    if t.value.startswith(ns) and len(t.value) > len(ns):
                        return f"{p}:{t.value[len(ns):]}"
            return t.value.replace("\n", " ")

        cells = [list(self.variables)] + [[show(t) for t in row] for row in self.rows]
        widths = [max(_width(r[i]) for r in cells) for i in range(len(self.variables))]
        lines = []
        for k, r in enumerate(cells):
            lines.append("  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths)).rstrip())
            if k == 0:
                lines.append("  ".join("-" * w for w in widths))
        n = len(self.rows)
        lines.append(f"({n} row{'s' if n != 1 else ''}"
                     + (", truncated at the row cap" if self.truncated else "") + ")")
        return "\n".join(lines)


_TABLE_PREFIXES = {
    "id": "https://w3id.org/reportgraph/id/",
    "rg": "https://w3id.org/reportgraph/ontology#",
    "report": "https://w3id.org/reportgraph/report/",
    "graph": "https://w3id.org/reportgraph/graph/",
    "xsd": _XSD,
}


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


# ---------------------------------------------------------------- sources and bindings

QuerySource = Any  # a Store, a pyoxigraph.Store, an rdflib Dataset/Graph, or a path


def open_source(source: QuerySource) -> tuple[ox.Store, Any]:
    """Resolve a query source to a pyoxigraph store, plus an object to close afterwards
    (or ``None``): a store directory is opened read-only, a graph file loaded in memory."""
    from reportgraph.store.embedded import Store, is_store, load_graph_file, open_store

    if isinstance(source, ox.Store):
        return source, None
    if isinstance(source, Store):
        return source.for_queries()
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if is_store(path):
            store = open_store(path, read_only=True)
            return store.oxigraph, store
        if path.is_dir():
            raise QueryError(f"{path}: a directory but not a graph store")
        try:
            return load_graph_file(path), None
        except ReportGraphError as err:
            raise QueryError(str(err)) from err
    from rdflib import Graph

    if isinstance(source, Graph):
        from reportgraph.rdf.to_rdf import to_quads

        from reportgraph.store.embedded import with_union

        mem = ox.Store()
        mem.extend(with_union(to_quads(source)))
        return mem, None
    raise QueryError(f"cannot query {type(source).__name__}: give a store, a graph file or a dataset")


def _binding_value(name: str, value: object) -> tuple[str, str, str | None, str | None]:
    """A binding as a picklable (kind, value, datatype, lang)."""
    if isinstance(value, Term):
        return value.kind, value.value, value.datatype, value.lang
    if isinstance(value, ox.NamedNode):
        return "uri", value.value, None, None
    if isinstance(value, ox.Literal):
        return "literal", value.value, value.datatype.value, value.language
    if isinstance(value, bool):
        return "literal", "true" if value else "false", _XSD + "boolean", None
    if isinstance(value, int):
        return "literal", str(value), _XSD + "integer", None
    if isinstance(value, float):
        return "literal", repr(value), _XSD + "double", None
    try:
        from rdflib import Literal, URIRef
    except ImportError:  # pragma: no cover
        Literal = URIRef = ()  # type: ignore[assignment,misc]
    if isinstance(value, URIRef):
        return "uri", str(value), None, None
    if isinstance(value, Literal):
        return ("literal", str(value), str(value.datatype) if value.datatype else None, value.language)
    if isinstance(value, str):
        return parse_binding(value)
    raise QueryError(f"cannot bind ?{name} to a {type(value).__name__}")


def parse_binding(text: str) -> tuple[str, str, str | None, str | None]:
    """Read a ``--bind`` value: ``<iri>`` or an absolute ``http(s)://``/``urn:`` IRI, a
    literal in N-Triples syntax (``"代县"@zh``), or else a plain string.

    >>> parse_binding("https://w3id.org/reportgraph/id/organization/代县政协")[0]
    'uri'
    >>> parse_binding('"代县"@zh')
    ('literal', '代县', None, 'zh')
    >>> parse_binding("代县政协")
    ('literal', '代县政协', None, None)
    """
    s = text.strip()
    if s.startswith("<") and s.endswith(">"):
        s = s[1:-1]
        if not re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", s):
            raise QueryError(f"bound IRI {text!r} is not absolute")
    if re.match(r"^(https?|urn|file|mailto|tag):\S+$", s):
        try:
            return "uri", ox.NamedNode(s).value, None, None
        except ValueError as err:
            raise QueryError(f"bound IRI {s!r} is not valid ({err})") from err
    if s.startswith('"'):
        try:
            triples = list(ox.parse(f"<urn:x:s> <urn:x:p> {s} .", format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError as err:
            raise QueryError(f"bound literal {text!r} is not valid N-Triples ({err})") from err
        if len(triples) != 1 or not isinstance(triples[0].object, ox.Literal):
            raise QueryError(f"bound value {text!r} is not one literal")
        lit = triples[0].object
        dt = lit.datatype.value
        return ("literal", lit.value,
                None if dt in (_XSD + "string", _RDF_LANGSTRING) else dt, lit.language)
    return "literal", text, None, None


def _ox_term(kind: str, value: str, datatype: str | None, lang: str | None) -> Any:
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if lang:
        return ox.Literal(value, language=lang)
    if datatype:
        return ox.Literal(value, datatype=ox.NamedNode(datatype))
    return ox.Literal(value)


# ---------------------------------------------------------------- execution

_BATCH = 500


def _child(store: ox.Store, text: str, subs: dict[str, tuple[str, str, str | None, str | None]],
           max_rows: int, union: bool, max_memory: int, conn: Any) -> None:
    """Run in the forked child: execute and stream rows back in batches.

    The child dies with its parent, cannot open network sockets or write files (the
    second wall under the policy: :mod:`reportgraph.sandbox`) and has a memory limit."""
    from reportgraph import sandbox

    sandbox.die_with_parent()
    try:  # an engine aborting on a failed allocation prints to stderr: not to the server's log
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass
    sandbox.deny_network()
    sandbox.limit_memory(max_memory)
    try:
        substitutions = {ox.Variable(k): _ox_term(*v) for k, v in subs.items()}
        result = store.query(text, use_default_graph_as_union=union, substitutions=substitutions)
        if isinstance(result, ox.QueryBoolean):
            conn.send(("ask", bool(result)))
            return
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            conn.send(("select", variables))
            rows: Iterator[tuple[Any, ...]] = (tuple(sol[i] for i in range(len(variables)))
                                               for sol in result)
        else:
            conn.send(("graph", ["subject", "predicate", "object"]))
            rows = ((t.subject, t.predicate, t.object) for t in result)
        batch: list[tuple[_Raw | None, ...]] = []
        count = 0
        for row in rows:
            if count == max_rows:
                conn.send(("rows", batch))
                conn.send(("done", True))
                return
            batch.append(tuple(_raw(t) for t in row))
            count += 1
            if len(batch) == _BATCH:
                conn.send(("rows", batch))
                batch = []
        conn.send(("rows", batch))
        conn.send(("done", False))
    except SyntaxError as err:
        conn.send(("syntax", str(err)))
    except MemoryError:
        conn.send(("memory", ""))
    except Exception as err:  # noqa: BLE001 - reported to the parent as a QueryError
        conn.send(("error", f"{type(err).__name__}: {err}"))
    finally:
        conn.close()


def execute(store: ox.Store, text: str, *, bindings: Mapping[str, object] | None = None,
            timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
            max_memory: int = DEFAULT_MAX_MEMORY) -> QueryResult:
    """Apply the policy and run ``text`` on ``store`` in a child process, with a timeout
    in seconds, a row cap and a memory budget in bytes. A query still running after
    :data:`SLOW_AFTER` seconds is lowered in CPU priority, so short queries started
    after it are not slowed down by it."""
    text = check_query(text)
    subs: dict[str, tuple[str, str, str | None, str | None]] = {}
    present = {t.text[1:] for t in tokens(text) if t.kind == "var"}
    for name, value in (bindings or {}).items():
        var = name.lstrip("?$")
        if var not in present:
            raise QueryError(f"the query has no variable ?{var} to bind "
                             f"(its variables: {', '.join('?' + v for v in sorted(present)) or 'none'})")
        subs[var] = _binding_value(var, value)
    if max_rows < 0:
        raise QueryError("the row cap must be 0 or more")
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    # Stores written by reportgraph keep the merged graph of the reports in the default
    # graph; for a store with named graphs only, fall back to Oxigraph's (multiset) union.
    union = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is None
    proc = ctx.Process(target=_child, args=(store, text, subs, max_rows, union, max_memory, send),
                       daemon=True)
    started = time.monotonic()
    proc.start()
    send.close()
    kind: str | None = None
    variables: list[str] = []
    rows: list[tuple[Term | None, ...]] = []
    boolean: bool | None = None
    truncated = False
    niced = False
    try:
        while True:
            now = time.monotonic()
            remaining = started + timeout - now
            if remaining <= 0:
                raise QueryError(f"query stopped after its {timeout:g} s timeout; narrow it "
                                 "(more specific patterns, LIMIT) or allow more time")
            if not niced and now - started >= SLOW_AFTER:
                niced = _lower_priority(proc.pid)
            wait = remaining if niced else min(remaining, started + SLOW_AFTER - now)
            if not recv.poll(max(wait, 0.0)):
                continue
            try:
                msg = recv.recv()
            except EOFError:
                proc.join(1)
                if proc.exitcode in (-6, -9):  # abort on a failed allocation, or the OOM killer
                    raise _over_memory(max_memory) from None
                raise QueryError(f"the query engine stopped unexpectedly (exit code {proc.exitcode}); "
                                 "simplify the query") from None
            tag = msg[0]
            if tag == "memory":
                raise _over_memory(max_memory)
            if tag == "syntax":
                hint = (" (full-width ｛ ｝ （ ） found: use ASCII { } ( ))"
                        if re.search("[｛｝（）]", text) else "")
                raise QueryError(f"invalid SPARQL: {msg[1]}{hint}")
            if tag == "error":
                m = re.search(r"does not contains? variable \?(\w+) in its SELECT projection", msg[1])
                if m:
                    raise QueryError(f"?{m.group(1)} can be bound only when the query selects it: "
                                     f"add ?{m.group(1)} to its SELECT clause")
                raise QueryError(f"query failed: {msg[1]}")
            if tag == "ask":
                kind, boolean = "ask", msg[1]
                break
            if tag in ("select", "graph"):
                kind, variables = tag, msg[1]
            elif tag == "rows":
                rows.extend(tuple(_term(t) for t in row) for row in msg[1])
            elif tag == "done":
                truncated = msg[1]
                break
    finally:
        recv.close()
        if proc.is_alive():
            proc.kill()
        proc.join(5)
    return QueryResult(kind, tuple(variables), tuple(rows), boolean, truncated,  # type: ignore[arg-type]
                       time.monotonic() - started, text)


def _over_memory(max_memory: int) -> QueryError:
    return QueryError(f"query stopped at its memory limit ({max_memory / 2**20:,.0f} MB); narrow it "
                      "(fewer or shorter values, LIMIT)")


def _lower_priority(pid: int) -> bool:
    try:
        os.setpriority(os.PRIO_PROCESS, pid, max(os.getpriority(os.PRIO_PROCESS, pid), 10))
    except OSError:
        pass
    return True


def run_query(name_or_text: str | os.PathLike[str], source: QuerySource, *,
              bindings: Mapping[str, object] | None = None, timeout: float = DEFAULT_TIMEOUT,
              max_rows: int = DEFAULT_MAX_ROWS, max_memory: int = DEFAULT_MAX_MEMORY) -> QueryResult:
    """Run a named query, a ``.rq`` file or query text on ``source`` (a store directory,
    a graph file, a :class:`~reportgraph.store.embedded.Store`, a pyoxigraph store or an rdflib
    dataset), with ``bindings`` for its variables, a timeout in seconds, a row cap and a
    memory budget in bytes."""
    raw = str(name_or_text)
    if (isinstance(name_or_text, os.PathLike) or raw.endswith(".rq")
            or re.fullmatch(r"[\w.\-/\\:~]+", raw)):
        text = load_query(name_or_text).text
    else:
        text = raw
    store, closer = open_source(source)
    try:
        return execute(store, text, bindings=bindings, timeout=timeout, max_rows=max_rows,
                       max_memory=max_memory)
    finally:
        if closer is not None:
            closer.close()
