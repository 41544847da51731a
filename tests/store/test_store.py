"""The on-disk store: replace on re-add, one process at a time, failed loads change nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from reportgraph.errors import InputError, StoreError
from reportgraph.model import Extraction
from reportgraph.query.run import run_query
from reportgraph.store.embedded import build_store, load_graph_file, open_store, read_graph_file
from reportgraph.store.union import report_graph
from reportgraph.rdf.to_rdf import graph_iri, serialize, to_dataset, to_quads, union_triples, write_graph

from builders import make_extraction

ROOT = Path(__file__).resolve().parents[2]


def test_re_adding_a_report_replaces_its_graph(tmp_path: Path) -> None:
    x1, x2 = make_extraction(), make_extraction(extra="县政协。")
    with open_store(tmp_path / "s") as store:
        g1 = store.add_report(x1)
        store.add_report(x2)
        n = len(store)
        assert store.graphs() == sorted([str(graph_iri(x1.report)), str(graph_iri(x2.report))])
        assert g1 == str(graph_iri(x1.report))
        store.add_report(x1)  # again: no duplicates
        assert len(store) == n
        # a new extraction of the same report (fewer entities) replaces the old graph entirely
        smaller = Extraction(x1.report, entities=x1.entities[:1])
        store.add_report(smaller)
        assert len(store.quads(g1)) == len(to_quads(to_dataset([smaller])))
        assert store.quads(str(graph_iri(x2.report)))  # the other report is untouched
    # persisted: reopen and query
    with open_store(tmp_path / "s", read_only=True) as store:
        assert len(store.graphs()) == 2
        with pytest.raises(StoreError, match="read-only"):
            store.add_report(x1)
    assert len(run_query("members", str(tmp_path / "s"))) == 2


def test_second_process_gets_in_use_error(tmp_path: Path) -> None:
    path = tmp_path / "s"
    code = ("import sys\nfrom reportgraph.store.embedded import open_store\nfrom reportgraph.errors import StoreError\n"
            f"try:\n    open_store({str(path)!r})\nexcept StoreError as e:\n    print(e); sys.exit(3)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with open_store(path) as store:
        store.add_report(make_extraction())
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                              timeout=60)
        assert proc.returncode == 3, proc.stderr
        assert "store in use by another process" in proc.stdout
        assert "Traceback" not in proc.stdout + proc.stderr
        # and a second handle in this process is refused too
        with pytest.raises(StoreError, match="already open in this process"):
            open_store(path)
    # closed: now the other process may open it
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_failed_loads_leave_the_store_unchanged(tmp_path: Path) -> None:
    x = make_extraction()
    good = tmp_path / "good.trig"
    write_graph(to_dataset([x]), good, "trig")
    with open_store(tmp_path / "s") as store:
        store.load_file(good)
        before = store.quads()
        # a file that replaces the same graph but breaks at its end: nothing is written
        other = make_extraction(extra="县政协。")
        data = serialize(to_dataset([Extraction(x.report, x.entities[:2]), other]), "trig")
        bad = tmp_path / "bad.trig"
        bad.write_bytes(data + b"\n<http://a> <http://b> .\n")
        with pytest.raises(InputError, match="not valid"):
            store.load_file(bad)
        assert store.quads() == before
        # triples outside a named graph are refused, nothing written
        with pytest.raises(StoreError, match="outside any named graph"):
            store.replace_graphs([ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"),
                                          ox.Literal("c"))] + to_quads(to_dataset([other])))
        assert store.quads() == before
        with pytest.raises(InputError, match="not a graph file"):
            store.load_file(tmp_path / "x.xyz")


def test_build_store_is_all_or_nothing(tmp_path: Path) -> None:
    quads = to_quads(to_dataset([make_extraction()]))
    assert build_store(tmp_path / "new", quads) == len(quads)
    with pytest.raises(StoreError, match="already exists"):
        build_store(tmp_path / "new", quads)

    def broken():
        yield from quads[:10]
        raise ValueError("disk on fire")

    with pytest.raises(StoreError, match="nothing was written"):
        build_store(tmp_path / "broken", broken())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new"]
    with open_store(tmp_path / "new", read_only=True) as store:
        assert len(store) == len(quads)


def test_open_store_refusals(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no graph store there"):
        open_store(tmp_path / "missing", read_only=True)
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="not a store directory"):
        open_store(tmp_path / "file")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("x")
    with pytest.raises(StoreError, match="holds no graph store"):
        open_store(tmp_path / "docs")


def test_graph_files_load_into_memory(tmp_path: Path) -> None:
    ds = to_dataset([make_extraction()])
    for fmt, suffix in [("trig", ".trig"), ("nquads", ".nq"), ("turtle", ".ttl"), ("ntriples", ".nt")]:
        write_graph(ds, tmp_path / f"g{suffix}", fmt)
        store = load_graph_file(tmp_path / f"g{suffix}")
        # the report graph (a Turtle file's triples go to a graph named after the file),
        # then the merged graph in the default graph
        quads = to_quads(ds)
        merged = set(union_triples(quads))
        default = {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
        assert default == merged, suffix
        graphs = {q.graph_name for q in store} - {ox.DefaultGraph()}
        if suffix in (".ttl", ".nt"):
            # a graph of triples only holds everything written out: the merged graph and the
            # report graph without its descriptions (which the merged triples say); the
            # report's node, mentions, statements and evidence go to the report's graph
            # (the queries count a fact's reports by graph), the rest to the file's graph
            report_graphs = {q.graph_name for q in quads}
            assert len(report_graphs) == 1
            assert graphs == {ox.NamedNode((tmp_path / f"g{suffix}").resolve().as_uri())} | report_graphs
            moved = [q for q in store if q.graph_name in report_graphs]
            assert moved and all(report_graph(q.subject) == q.graph_name for q in moved)
            assert {q.triple for q in moved} == {q.triple for q in quads if report_graph(q.subject)}
            written = merged | {q.triple for q in quads if q.predicate.value != RG + "description"}
            assert len(store) == len(written) + len(merged), suffix
        else:
            assert len(store) == len(quads) + len(merged), suffix
    (tmp_path / "dir.trig").mkdir()
    with pytest.raises(InputError, match="not a regular file"):
        read_graph_file(tmp_path / "dir.trig")
    (tmp_path / "bad.ttl").write_text('<http://a b> <http://p> "x" .')
    with pytest.raises(InputError, match="not valid"):
        load_graph_file(tmp_path / "bad.ttl")
    # a symlink to /dev/zero is not a regular file either (no hang)
    (tmp_path / "zero.nq").symlink_to("/dev/zero")
    with pytest.raises(InputError, match="not a regular file"):
        load_graph_file(tmp_path / "zero.nq")


RG = "https://w3id.org/reportgraph/ontology#"
COUNT_ORGS = ("SELECT (COUNT(*) AS ?n) WHERE { ?e a <https://w3id.org/reportgraph/ontology#Organization> }")


def test_union_is_a_set_and_follows_replacements(tmp_path: Path) -> None:
    x1, x2 = make_extraction(), make_extraction(extra="县政协。")
    ds = to_dataset([x1, x2])
    # 3 organizations, each described by both reports: counted once, on every source
    write_graph(ds, tmp_path / "g.trig", "trig")
    with open_store(tmp_path / "s") as store:
        store.add_dataset(ds)
        for source in (ds, tmp_path / "g.trig", store):
            assert run_query(COUNT_ORGS, source).values("n") == ["3"]
        # replace x1 by a version without 凤凰县政协 and remove x2: the union follows
        store.add_report(Extraction(x1.report, x1.entities[:1] + x1.entities[2:]))
        assert run_query(COUNT_ORGS, store).values("n") == ["3"]  # x2 still has it
        store.remove_graph(str(graph_iri(x2.report)))
        assert run_query(COUNT_ORGS, store).values("n") == ["2"]
        default = set(store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        assert {q.triple for q in default} == set(union_triples(store.quads()))
        # a store rebuilt from its graphs has the same merged graph
        store.rebuild_union()
        assert set(store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())) == default
        # a store changed behind our back can be repaired
        store.oxigraph.remove_graph(ox.NamedNode(str(graph_iri(x1.report))))
        store.rebuild_union()
        assert run_query(COUNT_ORGS, store).values("n") == ["0"]


def test_default_graph_is_the_merged_graph_without_provenance(tmp_path: Path) -> None:
    """The default graph holds the entities, the relations and the report's description;
    mentions, statements and evidence are in the report's named graph only, where
    GRAPH ?g finds them."""
    x = make_extraction()
    rg_ = "https://w3id.org/reportgraph/ontology#"
    with open_store(tmp_path / "s") as store:
        store.add_report(x)
        default = list(store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        types = {q.object.value for q in default if q.predicate.value.endswith("#type")}
        assert f"{rg_}Organization" in types and f"{rg_}Report" in types
        assert not types & {f"{rg_}Mention", f"{rg_}Assertion", f"{rg_}Evidence"}
        assert any(q.predicate.value == f"{rg_}memberOf" for q in default)
        assert not any("/m/" in q.subject.value or "/ev/" in q.subject.value for q in default)
        its = "http://www.w3.org/2005/11/its/rdf#taIdentRef"  # a mention is one triple
        in_default = run_query(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?m <{its}> ?e }}", store)
        in_graphs = run_query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?m <{its}> ?e }} }}", store)
        assert in_default.values("n") == ["0"]
        assert int(in_graphs.values("n")[0]) == len({m for e in x.entities for m in e.mentions})


def test_foreign_store_without_union_still_answers(tmp_path: Path) -> None:
    store = ox.Store()
    store.extend(to_quads(to_dataset([make_extraction()])))  # named graphs only
    assert run_query(COUNT_ORGS, store).values("n") == ["3"]
    assert len(run_query("members", store)) == 2


def _other_process(code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)


def test_readers_share_writers_wait(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with open_store(path) as store:
        store.add_report(make_extraction())
        # the writer's own queries read a snapshot, removed afterwards
        assert len(run_query("members", store)) == 2
        assert sorted(p.name for p in tmp_path.iterdir()) == ["s"]
        reader = _other_process(f"from reportgraph.query.run import run_query\n"
                                f"print(len(run_query('members', {str(path)!r})))")
        assert reader.returncode != 0 and "being written" in reader.stderr
    with open_store(path, read_only=True):
        # another reader (a query while serve runs) is fine; a writer is not
        reader = _other_process(f"from reportgraph.query.run import run_query\n"
                                f"print(len(run_query('members', {str(path)!r})))")
        assert reader.returncode == 0 and reader.stdout.strip() == "2", reader.stderr
        writer = _other_process(f"from reportgraph.store.embedded import open_store\nopen_store({str(path)!r})")
        assert writer.returncode != 0 and "store in use by another process" in writer.stderr


def test_a_writer_outside_reportgraph_keeps_readers_out(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with open_store(path) as store:
        store.add_report(make_extraction())
    # a process that opened the store for writing with pyoxigraph itself (no reportgraph lock)
    writer = subprocess.Popen([sys.executable, "-c", f"import pyoxigraph, sys\ns = pyoxigraph.Store({str(path)!r})\n"
                               "print('open', flush=True)\nsys.stdin.read()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match=f"store in use by another process \\(process {writer.pid}"):
            open_store(path, read_only=True)
    finally:
        writer.communicate("", timeout=60)
    # gone: readers are welcome, and reading leaves the store's files as they were
    files = sorted(p.name for p in path.iterdir())
    with open_store(path, read_only=True) as reader:
        assert len(reader) > 0
    assert sorted(p.name for p in path.iterdir()) == files
