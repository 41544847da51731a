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

import itertools
import multiprocessing
import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pyoxigraph as ox

from reportgraph.errors import QueryError, ReportGraphError, StoreError
from reportgraph.query.bindings import _binding_value, _ox_term, parse_binding
from reportgraph.query.named import NamedQuery, load_query
from reportgraph.query.order import sort_rows, split_order
from reportgraph.query.policy import MAX_DEPTH, MAX_QUERY_CHARS, check_query, tokens
from reportgraph.query.results import QueryResult, Term, _raw, _Raw, _term

__all__ = ["DEFAULT_MAX_MEMORY", "DEFAULT_MAX_ROWS", "DEFAULT_TIMEOUT", "MAX_DEPTH", "MAX_QUERY_CHARS", "NamedQuery", "QueryResult",
           "QuerySource", "QueryTimeout", "SlowLaneFull", "Term", "check_query", "execute", "load_query", "open_source", "parse_binding",
           "run_query"]

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10_000
#: Bytes of memory a query may take beyond what its process maps when it starts.
DEFAULT_MAX_MEMORY = 1 << 30
#: CPU seconds after which a running query yields the CPU to newer ones (nice 19), and
#: after which it is long (an endpoint's slow lane: :mod:`reportgraph.query.scheduler`).
NICE_AFTER = 0.1
SLOW_AFTER = 0.5

# ---------------------------------------------------------------- sources and bindings

QuerySource = Any  # a Store, a pyoxigraph.Store, an rdflib Dataset/Graph, or a path


def open_source(source: QuerySource) -> tuple[ox.Store, Any]:
    """Resolve a query source to a pyoxigraph store, plus an object to close afterwards
    (or ``None``): :func:`reportgraph.store.sources.open_source` (a store directory opened
    read-only, a graph file loaded in memory), its errors as :class:`QueryError`."""
    from reportgraph.store.sources import open_source as open_any

    try:
        return open_any(source)
    except (QueryError, StoreError):
        raise
    except ReportGraphError as err:
        raise QueryError(str(err)) from err


# ---------------------------------------------------------------- execution

_BATCH = 500
#: Rows up to which a final ORDER BY is sorted in the query's child rather than by the
#: engine (query/order.py); beyond, the engine sorts, as it keeps rows more compactly.
SORT_HERE_ROWS = 1_000_000


def _child(store: ox.Store, text: str, subs: dict[str, tuple[str, str, str | None, str | None]],
           max_rows: int, union: bool, max_memory: int, conn: Any, parent: int | None = None,
           store_dir: str | None = None) -> None:
    """Run in the forked child: execute and stream rows back in batches.

    The child dies with its parent, cannot open network sockets or write files, can read
    only the store's files (the second wall under the policy: :mod:`reportgraph.sandbox`)
    and has a memory limit."""
    from reportgraph import sandbox

    sandbox.die_with_parent(parent)
    import faulthandler

    faulthandler.disable()  # an engine crash is reported by the parent, without a dump
    try:  # an engine aborting on a failed allocation prints to stderr: not to the server's log
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass
    sandbox.deny_network()
    sandbox.limit_memory(max_memory)
    sandbox.restrict_files([store_dir] if store_dir else sandbox.open_store_dirs())
    try:
        substitutions = {ox.Variable(k): _ox_term(*v) for k, v in subs.items()}
        raw = _Memo(_raw)
        plan = split_order(text)
        if plan is not None:  # the final ORDER BY sorted here (query/order.py), when it can be
            result = store.query(plan.text, use_default_graph_as_union=union, substitutions=substitutions)
            variables = [v.value for v in result.variables]
            got = [tuple(map(raw, row)) for row in itertools.islice(result, SORT_HERE_ROWS + 1)]
            ordered = sort_rows(variables, got, plan.keys) if len(got) <= SORT_HERE_ROWS else None
            del got
            if ordered is not None:
                conn.send(("select", variables))
                for start in range(0, min(len(ordered), max_rows), _BATCH):
                    conn.send(("rows", ordered[start:min(start + _BATCH, max_rows)]))
                conn.send(("done", len(ordered) > max_rows))
                return
        result = store.query(text, use_default_graph_as_union=union, substitutions=substitutions)
        if isinstance(result, ox.QueryBoolean):
            conn.send(("ask", bool(result)))
            return
        if isinstance(result, ox.QuerySolutions):
            conn.send(("select", [v.value for v in result.variables]))
            rows: Iterator[Any] = iter(result)  # a solution iterates over its values, unbound as None
        else:
            conn.send(("graph", ["subject", "predicate", "object"]))
            rows = ((t.subject, t.predicate, t.object) for t in result)
        batch: list[tuple[_Raw | None, ...]] = []
        count = 0
        for row in rows:
            if count == max_rows:  # one row more than the cap: the result is cut
                conn.send(("rows", batch))
                conn.send(("done", True))
                return
            batch.append(tuple(map(raw, row)))
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
            max_memory: int = DEFAULT_MAX_MEMORY, on_slow: Callable[[], bool] | None = None,
            store_dir: str | os.PathLike[str] | None = None) -> QueryResult:
    """Apply the policy and run ``text`` on ``store`` in a child process, with a timeout
    in seconds, a row cap and a memory budget in bytes. The child reads files only beneath
    ``store_dir``, the directory of ``store``'s files (by default the directories of the
    store files this process has open; nothing for a store in memory). With ``on_slow`` (an
    endpoint's queries), a query that has used :data:`NICE_AFTER` seconds of CPU is lowered in
    CPU priority, so short queries started after it are not slowed down by it (a lone query,
    from the command line or the API, keeps its priority); after :data:`SLOW_AFTER` seconds of CPU ``on_slow``
    is asked whether it may go on (an endpoint's slow lane: :mod:`reportgraph.query.scheduler`), and when it says no the
    query is stopped with :class:`SlowLaneFull`."""
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
    if union and _describes_once(store):
        # report graphs that describe their entities once (rg:description): their merged
        # graph, made in memory, is what the queries read
        from reportgraph.store.sources import _laid_out, _store_quads

        store, union = _laid_out(_store_quads(store)), False
    proc = ctx.Process(target=_child, args=(store, text, subs, max_rows, union, max_memory, send, os.getpid(),
                                                 None if store_dir is None else os.fspath(store_dir)),
                       daemon=True)
    started = time.monotonic()
    proc.start()
    send.close()
    kind: str | None = None
    variables: list[str] = []
    rows: list[tuple[Term | None, ...]] = []
    boolean: bool | None = None
    truncated = False
    niced = long_ = False
    term = _Memo(_term)
    try:
        while True:
            now = time.monotonic()
            remaining = started + timeout - now
            if remaining <= 0:
                raise QueryTimeout(f"query stopped after its {timeout:g} s timeout; narrow it "
                                 "(more specific patterns, LIMIT) or allow more time")
            # By the CPU it has used (a short query kept waiting for a CPU on a busy machine
            # is not long): after NICE_AFTER s it yields to newer queries, after SLOW_AFTER s
            # it is long and must have a place in the slow lane. Checked every 50 ms.
            if not long_:
                used = _cpu_seconds(proc.pid, now - started)
                if not niced and on_slow is not None and used >= NICE_AFTER:
                    niced = _lower_priority(proc.pid)
                if used >= SLOW_AFTER:
                    long_ = True
                    if on_slow is not None and not on_slow():
                        raise SlowLaneFull("long queries are all running already: this one was stopped "
                                           f"after {SLOW_AFTER:g} s of CPU; try again later or narrow it")
            wait = remaining if long_ else min(remaining, 0.05)
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
                rows.extend(tuple(map(term, row)) for row in msg[1])
            elif tag == "done":
                truncated = msg[1]
                break
    finally:
        recv.close()
        if proc.is_alive():
            proc.kill()  # it has sent everything (or ran out of time): no need to wait for its exit
        # the exit of a forked child takes a while (its copy of the address space is torn
        # down): reap it beside the caller rather than in the answer's latency
        threading.Thread(target=proc.join, args=(10,), name="reportgraph-reap", daemon=True).start()
    return QueryResult(kind, tuple(variables), tuple(rows), boolean, truncated,  # type: ignore[arg-type]
                       time.monotonic() - started, text)


class _Memo:
    """A term conversion that converts each distinct term once (rows repeat their entity,
    labels and report): fewer calls, and the rows share one object per term, so a batch
    pickles smaller. Forgets everything past ``limit`` terms."""

    __slots__ = ("convert", "seen", "limit")

    def __init__(self, convert: Callable[[Any], Any], limit: int = 100_000) -> None:
        self.convert = convert
        self.seen: dict[Any, Any] = {}
        self.limit = limit

    def __call__(self, term: Any) -> Any:
        if term is None:
            return None
        found = self.seen.get(term)
        if found is None:
            if len(self.seen) >= self.limit:
                self.seen.clear()
            found = self.seen[term] = self.convert(term)
        return found


class QueryTimeout(QueryError):
    """A query stopped at its timeout."""


class SlowLaneFull(QueryError):
    """A query stopped because it ran long while the endpoint's long-query places were taken."""


def _over_memory(max_memory: int) -> QueryError:
    return QueryError(f"query stopped at its memory limit ({max_memory / 2**20:,.0f} MB); narrow it "
                      "(fewer or shorter values, LIMIT)")


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_seconds(pid: int, wall: float) -> float:
    """CPU seconds a process has used (user + system), or ``wall`` where /proc cannot say."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS
    except (OSError, IndexError, ValueError):
        return wall


def _lower_priority(pid: int) -> bool:
    try:
        os.setpriority(os.PRIO_PROCESS, pid, 19)  # background work from now on
    except OSError:
        pass
    return True


def _describes_once(store: ox.Store) -> bool:
    """Whether ``store``'s report graphs describe their entities once (``rg:description``),
    so their merged graph is needed to query them."""
    from reportgraph.rdf.ontology import NAMESPACE

    description = ox.NamedNode(NAMESPACE + "description")
    return next(iter(store.quads_for_pattern(None, description, None, None)), None) is not None


def run_query(name_or_text: str | os.PathLike[str], source: QuerySource, *,
              bindings: Mapping[str, object] | None = None, timeout: float = DEFAULT_TIMEOUT,
              max_rows: int = DEFAULT_MAX_ROWS, max_memory: int = DEFAULT_MAX_MEMORY) -> QueryResult:
    """Run a named query, a ``.rq`` file or query text on ``source`` (a store directory,
    a graph file, a :class:`~reportgraph.store.embedded.Store`, a pyoxigraph store, an rdflib
    dataset or the ``http(s)://`` URL of a SPARQL server's dataset, which runs the query
    itself), with ``bindings`` for its variables, a timeout in seconds, a row cap and a
    memory budget in bytes (not for a server, which has its own limits)."""
    raw = str(name_or_text)
    if (isinstance(name_or_text, os.PathLike) or raw.endswith(".rq")
            or re.fullmatch(r"[\w.\-/\\:~]+", raw)):
        text = load_query(name_or_text).text
    else:
        text = raw
    from reportgraph.store.address import is_endpoint

    if is_endpoint(source):
        return _run_remote(str(source), text, bindings=bindings, timeout=timeout, max_rows=max_rows)
    store, closer = open_source(source)
    try:
        return execute(store, text, bindings=bindings, timeout=timeout, max_rows=max_rows,
                       max_memory=max_memory, store_dir=getattr(closer, "data_dir", None))
    finally:
        if closer is not None:
            closer.close()


def _run_remote(url: str, text: str, *, bindings: Mapping[str, object] | None, timeout: float,
                max_rows: int) -> QueryResult:
    """The policy here, the query on the server (:func:`reportgraph.store.remote.select`),
    the bindings substituted into its text as terms (never as pasted strings)."""
    from reportgraph.store.remote import select

    text = check_query(text)
    present = {t.text[1:] for t in tokens(text) if t.kind == "var"}
    subs = {}
    for name, value in (bindings or {}).items():
        var = name.lstrip("?$")
        if var not in present:
            raise QueryError(f"the query has no variable ?{var} to bind "
                             f"(its variables: {', '.join('?' + v for v in sorted(present)) or 'none'})")
        subs[var] = _ox_term(*_binding_value(var, value))
    return select(url, text, bindings=subs, timeout=timeout, max_rows=max_rows)  # type: ignore[no-any-return]
