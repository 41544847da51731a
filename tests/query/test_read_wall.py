"""The query child reads no file beyond the store (issue 19: the second wall's read side).

The child of :func:`reportgraph.query.run.execute` walls itself in with Landlock: it may
open files only to read them, only beneath the store's directory. A store object that
pries (opens a file of the test's choosing inside the child, after the walls, where the
engine would run the query) shows what a query that walked past the policy could reach."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from reportgraph import sandbox
from reportgraph.errors import QueryError
from reportgraph.query.run import execute, run_query
from reportgraph.query.serve import SparqlServer
from reportgraph.rdf.to_rdf import to_dataset
from reportgraph.store.embedded import open_store

from builders import make_extraction

landlock = pytest.mark.skipif(sandbox.landlock_abi() == 0, reason="this kernel has no Landlock")

COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
# reads indexes that opening the store and COUNT_ALL leave unopened
JOIN = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } GRAPH ?h { ?x ?q ?o } GRAPH ?g { ?y ?p ?z } }"


@pytest.fixture(scope="module")
def layered_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store written in three sessions: more table files than the engine opens when the
    store is opened (16), so a query child has to open some of them itself."""
    path = tmp_path_factory.mktemp("walled") / "store"
    for i in range(3):
        with open_store(path) as store:
            store.add_dataset(to_dataset([make_extraction(extra="县政协。" * (i + 1))]))
    assert len(list(path.glob("*.sst"))) > 16
    return path


class _Prying:
    """A store whose query first opens ``path`` in the query child, or counts the table
    files the child opens while the query runs; the outcome comes back as the error."""

    def __init__(self, store: ox.Store, path: Path | None = None, *, tables: Path | None = None) -> None:
        self.store, self.path = store, path
        self.tables = {(p.stat().st_dev, p.stat().st_ino) for p in tables.glob("*.sst")} if tables else set()

    def quads_for_pattern(self, *args: Any) -> Any:
        return self.store.quads_for_pattern(*args)

    def query(self, *args: Any, **kwargs: Any) -> Any:
        if self.path is not None:
            with open(self.path, "rb") as f:
                f.read(1)
            return self.store.query(*args, **kwargs)
        before = _open_tables(self.tables)
        rows = list(self.store.query(*args, **kwargs))
        raise RuntimeError(f"tables {before} {_open_tables(self.tables)} rows {rows[0][0].value}")


def _count(store: ox.Store, query: str = COUNT_ALL) -> int:
    """What ``query`` counts, run here, without a child or walls."""
    return int(next(iter(store.query(query)))[0].value)  # type: ignore[arg-type, index]


def _open_tables(tables: set[tuple[int, int]]) -> int:
    """How many of ``tables`` (device, inode) this process has open (/proc is walled off:
    each descriptor is asked with fstat)."""
    count = 0
    for fd in range(os.sysconf("SC_OPEN_MAX") if os.sysconf("SC_OPEN_MAX") < 65536 else 65536):
        try:
            st = os.fstat(fd)
        except OSError:
            continue
        count += (st.st_dev, st.st_ino) in tables
    return count


@landlock
def test_the_child_cannot_read_beyond_the_store(layered_store: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not for queries")
    with open_store(layered_store, read_only=True) as disk:
        for outside in (secret, Path(os.__file__)):
            with pytest.raises(QueryError, match="Permission denied"):
                execute(_Prying(disk.oxigraph, outside), COUNT_ALL, store_dir=layered_store)
        # inside the store: read as the engine reads it, and the query answers
        inside = execute(_Prying(disk.oxigraph, layered_store / "CURRENT"), COUNT_ALL, store_dir=layered_store)
        assert int(inside.rows[0][0].value) == _count(disk.oxigraph)  # type: ignore[union-attr]
        # without a directory named, the directories of the store files this process has open
        with pytest.raises(QueryError, match="Permission denied"):
            execute(_Prying(disk.oxigraph, secret), COUNT_ALL)


@landlock
def test_store_queries_work_behind_the_wall_as_the_engine_opens_its_tables(layered_store: Path) -> None:
    with open_store(layered_store, read_only=True) as disk:
        with pytest.raises(QueryError, match="tables") as err:  # before this process reads the tables
            execute(_Prying(disk.oxigraph, tables=layered_store), JOIN, store_dir=layered_store)
        expected = _count(disk.oxigraph, JOIN)
    _, before, after, _, rows = str(err.value).rsplit(" ", 4)
    assert int(after) > int(before) and int(rows) == expected  # tables opened by the walled child
    # the same through run_query on the store's path (the directory comes from the store)
    assert int(run_query(JOIN, str(layered_store)).rows[0][0].value) == expected  # type: ignore[union-attr]


@landlock
def test_the_endpoint_walls_its_queries_in_the_store(layered_store: Path) -> None:
    with SparqlServer(str(layered_store), port=0) as server:
        assert Path(server.app.store_dir).resolve() == layered_store.resolve()  # type: ignore[arg-type]


def test_without_landlock_the_walls_say_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "landlock_abi", lambda: 0)
    assert sandbox.restrict_files(["/nonexistent"]) == 0
    assert "can read any file" in sandbox.describe_walls()


@landlock
def test_the_walls_name_the_landlock_version() -> None:
    assert f"reads only the store (Landlock ABI {sandbox.landlock_abi()})" in sandbox.describe_walls()
