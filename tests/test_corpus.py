"""Corpus builds into a store: resume, replace, remove, merge, failures (small, not timed)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from reportgraph.corpus import (BuildReport, CorpusStore, FileOutcome, build_corpus, content_sha256,
                                corpus_files, remove_report)
from reportgraph.errors import InputError, StoreError
from reportgraph.store.embedded import open_store
from reportgraph.rdf.to_rdf import union_triples
from builders import store_quads

RG = "https://w3id.org/reportgraph/ontology#"
TEXTS = {
    "a": "# 代县政协工作报告\n\n代县政协与山西省政协开展协商。我县实施乡村振兴战略。\n",
    "b": "# 蔚县政协工作报告\n\n蔚县政协赴山西省代县考察。河北省蔚县推进脱贫攻坚。\n",
    "c": "# 寿县政协工作报告\n\n安徽省寿县政协签署《寿县建言》。\n",
    "d": "# 会泽县政协工作报告\n\n云南省会泽县政协参加联席会议。\n",
    "e": "# 凤凰县政协工作报告\n\n湖南省凤凰县政协开展调研。\n",
}


class _StopAfter:
    """A progress display that interrupts the build after ``n`` written reports."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.seen: list[FileOutcome] = []

    def start(self, total_files: int) -> None:
        pass

    def advance(self, outcome: FileOutcome) -> None:
        self.seen.append(outcome)
        if sum(o.status in ("added", "replaced") for o in self.seen) >= self.n:
            raise KeyboardInterrupt

    def finish(self) -> None:
        pass


def _corpus(tmp_path: Path, names: str = "abcde") -> Path:
    root = tmp_path / "reports"
    for i, name in enumerate(names):
        sub = root / ("x" if i % 2 else "y")
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{name}.txt").write_text(TEXTS[name], encoding="utf-8")
    return root


def _reports(store: Path) -> list[tuple[str, str, str]]:
    with CorpusStore(store) as cs:
        return sorted(cs.reports(), key=lambda r: r[1])


def _graph_count(store: Path) -> int:
    s = ox.Store.read_only(str(store))
    try:
        return len(list(s.named_graphs()))
    finally:
        del s


def test_build_then_rebuild_skips_unchanged(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    first = build_corpus([root], store=tmp_path / "s")
    assert (first.files, first.added, first.failed) == (5, 5, 0)
    assert sorted(d for _, d, _ in _reports(tmp_path / "s")) == ["x__b", "x__d", "y__a", "y__c", "y__e"]
    again = build_corpus([root], store=tmp_path / "s")
    assert (again.added, again.skipped, again.chars) == (0, 5, 0)
    assert again.store_reports == 5


@pytest.mark.parametrize("jobs", [1, 2])
def test_interrupted_build_resumes_without_duplicates(tmp_path: Path, jobs: int) -> None:
    root = _corpus(tmp_path)
    store = tmp_path / "s"
    with pytest.raises(KeyboardInterrupt):
        build_corpus([root], store=store, jobs=jobs, progress=_StopAfter(2), batch=1)
    done = _reports(store)
    assert 2 <= len(done) < 5
    assert len({d for _, d, _ in done}) == len(done)  # whole reports only, each once
    resumed = build_corpus([root], store=store, jobs=jobs)
    assert resumed.skipped == len(done)
    assert resumed.added == 5 - len(done)
    final = _reports(store)
    assert len(final) == 5 and len({d for _, d, _ in final}) == 5
    assert _graph_count(store) == 5


def test_bulk_load_cut_short_is_dropped_and_rebuilt(tmp_path: Path) -> None:
    root = _corpus(tmp_path, "abc")
    store = tmp_path / "s"
    build_corpus([root], store=store, batch=3)
    victim = next(g for g, d, _ in _reports(store) if d == "y__a")
    with CorpusStore(store) as cs:  # a crash mid-load: the mark is in, the graph half
        cs.store.extend([ox.Quad(ox.NamedNode(victim), ox.NamedNode("urn:x-reportgraph:loading#graph"),
                                 ox.Literal("1"), ox.NamedNode("urn:x-reportgraph:loading"))])
        half = list(cs.store.quads_for_pattern(None, None, None, ox.NamedNode(victim)))[::2]
        cs.drop(victim)
        cs.store.extend(half)
    r = build_corpus([root], store=store)
    assert (r.stale_dropped, r.added, r.skipped) == (1, 1, 2)
    assert _graph_count(store) == 3
    full = build_corpus([root], store=tmp_path / "fresh")
    assert full.added == 3
    s1, s2 = ox.Store.read_only(str(store)), ox.Store.read_only(str(tmp_path / "fresh"))
    assert len(s1) == len(s2)


def test_changed_report_is_replaced(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    store = tmp_path / "s"
    build_corpus([root], store=store)
    path = root / "y" / "a.txt"
    old_sha = content_sha256(path)
    path.write_text(TEXTS["a"] + "县政协召开全体会议。\n", encoding="utf-8")
    r = build_corpus([root], store=store)
    assert (r.replaced, r.skipped, r.added) == (1, 4, 0)
    shas = {d: s for _, d, s in _reports(store)}
    assert shas["y__a"] == content_sha256(path) != old_sha
    assert _graph_count(store) == 5


def test_stale_graph_from_interrupted_replacement_is_dropped(tmp_path: Path) -> None:
    root = _corpus(tmp_path, "ab")
    store = tmp_path / "s"
    build_corpus([root], store=store)
    path = root / "y" / "a.txt"
    original = path.read_text(encoding="utf-8")
    path.write_text(original + "新的一段。\n", encoding="utf-8")
    build_corpus([root], store=tmp_path / "other")  # the new graph, as if loaded then killed
    with CorpusStore(tmp_path / "other") as other:
        new_graph = next(g for g, d, _ in other.reports() if d == "y__a")
        nquads = other.store.dump(format=ox.RdfFormat.N_QUADS, from_graph=ox.NamedNode(new_graph))
    converted = b"\n".join(line[: line.rindex(b" .")] + b" <" + new_graph.encode() + b"> ."
                           for line in nquads.splitlines() if line)
    with open_store(store) as st:  # crash here: both graphs of y__a are in the store
        st.replace_graphs(ox.parse(converted, format=ox.RdfFormat.N_QUADS))
    assert len([d for _, d, _ in _reports(store) if d == "y__a"]) == 2
    r = build_corpus([root], store=store)
    assert (r.skipped, r.stale_dropped) == (2, 1)
    assert [s for _, d, s in _reports(store) if d == "y__a"] == [content_sha256(path)]


def test_remove_by_doc_id_hash_and_path(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    store = tmp_path / "s"
    build_corpus([root], store=store)
    assert remove_report(store, "y__a") == ["y__a"]
    sha_b = content_sha256(root / "x" / "b.txt")
    assert remove_report(store, sha_b[:12]) == ["x__b"]
    assert remove_report(store, root / "y" / "c.txt") == ["y__c"]
    assert sorted(d for _, d, _ in _reports(store)) == ["x__d", "y__e"]
    with pytest.raises(InputError, match="no such report"):
        remove_report(store, "y__a")
    r = build_corpus([root], store=store)  # removed reports come back on the next build
    assert (r.added, r.skipped) == (3, 2)


def test_same_area_in_two_reports_is_one_node(tmp_path: Path) -> None:
    root = _corpus(tmp_path, "ab")
    store = tmp_path / "s"
    r = build_corpus([root], store=store)
    assert r.added == 2
    s = ox.Store.read_only(str(store))
    area = ox.NamedNode("https://w3id.org/reportgraph/id/administrativeArea/140000")  # 山西省
    graphs = {q.graph_name for q in s.quads_for_pattern(area, None, None)} - {ox.DefaultGraph()}
    assert len(graphs) == 2  # described in both reports' graphs (rg:description), as one node
    label = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    # ... and once in the default graph, which holds the union of the reports as a set
    assert len(list(s.quads_for_pattern(area, label, None, ox.DefaultGraph()))) == 1
    rows = list(s.query(f'SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e <{RG}divisionCode> "140000" }}'))
    assert rows[0]["n"].value == "1"
    assert r.store_entities["AdministrativeArea"] >= 4  # 代县, 山西省, 蔚县, 河北省: shared ones once


def test_failing_file_in_the_middle_is_reported_and_the_rest_built(tmp_path: Path) -> None:
    root = tmp_path / "reports"
    root.mkdir()
    (root / "1.txt").write_text(TEXTS["a"], encoding="utf-8")
    (root / "2.txt").write_bytes(b"%PDF-1.7 binary")
    (root / "3.txt").write_bytes(b"\xff\xfe\xfd\x00\x00broken")
    (root / "4.txt").write_text(TEXTS["b"], encoding="utf-8")
    r = build_corpus([root], store=tmp_path / "s", jobs=2)
    assert (r.added, r.failed) == (2, 2)
    reasons = {Path(f["path"]).name: f["reason"] for f in r.failures}
    assert "PDF" in reasons["2.txt"]
    assert "3.txt" in reasons
    assert "failed: " in r.summary() and "2.txt" in r.summary()
    assert r.to_json()["failed"] == 2


def test_duplicate_content_is_skipped(tmp_path: Path) -> None:
    root = _corpus(tmp_path, "ab")
    (root / "copy.txt").write_text(TEXTS["a"], encoding="utf-8")
    r = build_corpus([root], store=tmp_path / "s")
    assert (r.added, r.duplicates) == (2, 1)


def test_doc_ids_follow_relative_paths_and_collisions_are_errors(tmp_path: Path) -> None:
    root = _corpus(tmp_path, "ab")
    assert [f.doc_id for f in corpus_files([root])] == ["x__b", "y__a"]
    assert [f.doc_id for f in corpus_files([root / "y" / "a.txt"])] == ["a"]
    assert [f.doc_id for f in corpus_files([str(root / "**" / "*.txt")])] == ["b", "a"]
    with pytest.raises(InputError, match="matches no file"):
        corpus_files([str(root / "*.pdf")])
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "a.txt").write_text(TEXTS["c"], encoding="utf-8")
    with pytest.raises(InputError, match="would both be stored"):
        corpus_files([root / "y" / "a.txt", other / "a.txt"])


def test_conflicting_types_are_reported_not_merged(tmp_path: Path) -> None:
    from reportgraph.model import Entity, EntityType, Extraction
    from reportgraph.read.report import report_from_text

    store = tmp_path / "s"
    for i, etype in enumerate((EntityType.ORGANIZATION, EntityType.INITIATIVE)):
        r = report_from_text(f"报告{i}:双帽联席", doc_id=f"r{i}")
        x = Extraction(r, entities=(Entity("双帽联席", "双帽联席", etype),))
        with open_store(store) as st:
            st.add_report(x)
    with CorpusStore(store) as cs:
        conflicts = cs.type_conflicts()
    assert {"by": "key", "key": "双帽联席", "types": ["Initiative", "Organization"]} in conflicts
    assert {"by": "name", "key": "双帽联席", "types": ["Initiative", "Organization"]} in conflicts


def test_store_holds_exactly_the_serialised_graph(tmp_path: Path) -> None:
    from reportgraph.extract import extract_path
    from reportgraph.rdf.to_rdf import serialize, to_dataset

    root = _corpus(tmp_path, "a")
    build_corpus([root], store=tmp_path / "s")
    x = extract_path(root / "y" / "a.txt", doc_id="y__a")
    written = ox.parse(serialize(to_dataset([x]), "nquads"), format=ox.RdfFormat.N_QUADS)
    report_graph = [q for q in written if q.graph_name != ox.DefaultGraph()]  # the file adds the merged graph
    expected = sorted(ox.serialize(report_graph, format=ox.RdfFormat.N_QUADS).decode().splitlines())
    s = ox.Store.read_only(str(tmp_path / "s"))
    named = [q for q in s if q.graph_name != ox.DefaultGraph()]
    got = sorted(ox.serialize(named, format=ox.RdfFormat.N_QUADS).decode().splitlines())
    assert got == expected
    union = {q.triple for q in s if q.graph_name == ox.DefaultGraph()}
    assert union == set(union_triples(named))


@pytest.mark.parametrize("rdf_in_build", [True, False])
def test_rdf_made_by_the_build_or_the_workers_stores_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              rdf_in_build: bool) -> None:
    """With one job the build's process maps the worker's extraction to RDF (the worker only
    extracts); with more each worker maps its own. The store is the same either way, and the
    same as a build that extracts in its own process."""
    import reportgraph.corpus.build as build

    root = _corpus(tmp_path, "abc")
    build_corpus([root], store=tmp_path / "inproc", report_memory=None)  # no worker at all
    monkeypatch.setattr(build, "rdf_here", lambda jobs: rdf_in_build)
    r = build_corpus([root], store=tmp_path / "pool", jobs=1)
    assert (r.added, r.failed) == (3, 0) and r.entities and r.timings["rdf"] > 0
    assert store_quads(tmp_path / "pool") == store_quads(tmp_path / "inproc")


def test_a_report_the_build_cannot_map_fails_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reportgraph.corpus.build as build
    from reportgraph.corpus.workers import with_rdf

    def mapping(done, base_iri=None):  # type: ignore[no-untyped-def]
        if done.doc_id == "y__a":
            raise ValueError("no mapping for this one")
        return with_rdf(done, base_iri)

    monkeypatch.setattr(build, "rdf_here", lambda jobs: True)
    monkeypatch.setattr(build, "with_rdf", mapping)
    r = build_corpus([_corpus(tmp_path, "abc")], store=tmp_path / "s", jobs=1)
    assert (r.added, r.failed) == (2, 1)
    assert r.failures[0]["reason"] == "ValueError: no mapping for this one"
    assert sorted(d for _, d, _ in _reports(tmp_path / "s")) == ["x__b", "y__c"]


def test_the_build_maps_rdf_itself_only_with_one_job_and_a_free_core(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from reportgraph.corpus.workers import rdf_here

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.2, 0.2, 0.2))
    assert rdf_here(1) and not rdf_here(2)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.0, 0.2, 0.2))  # the other core is taken
    assert not rdf_here(1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert not rdf_here(1)


@pytest.mark.skipif(__import__("sys").platform != "linux", reason="pipe sizes are Linux's")
def test_a_workers_answer_fits_in_the_pipe_it_goes_back_through() -> None:
    import fcntl
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    from reportgraph.corpus.workers import roomy_results

    pool = ProcessPoolExecutor(1, mp_context=mp.get_context("fork"))
    try:
        fd = pool._result_queue._writer.fileno()  # type: ignore[attr-defined]
        assert fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ) < 1 << 20
        roomy_results(pool)
        assert fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ) == 1 << 20
        assert pool.submit(len, b"x" * 900_000).result() == 900_000
    finally:
        pool.shutdown()
    roomy_results(object())  # a pool without that queue: nothing to do, no error


def test_worker_hands_back_the_extraction_for_the_build_to_map(tmp_path: Path) -> None:
    from reportgraph.corpus.workers import _init_worker, _process, with_rdf

    path = _corpus(tmp_path, "a") / "y" / "a.txt"
    _init_worker(None, None, False, in_worker=False)
    whole = _process(str(path), "y__a", None, None)
    bare = _process(str(path), "y__a", None, None, rdf=False)
    assert whole.extraction is None and whole.nquads and whole.ntriples
    assert bare.extraction is not None and not bare.nquads and bare.graph == whole.graph
    mapped = with_rdf(bare)
    assert mapped.extraction is None and mapped.rdf_s > 0
    assert sorted(mapped.nquads.splitlines()) == sorted(whole.nquads.splitlines())
    assert sorted(mapped.ntriples.splitlines()) == sorted(whole.ntriples.splitlines())
    assert (mapped.entities, mapped.relations, mapped.chars) == (whole.entities, whole.relations, whole.chars)


def test_a_store_in_use_is_refused(tmp_path: Path) -> None:
    root = _corpus(tmp_path, "a")
    with CorpusStore(tmp_path / "s"):
        with pytest.raises(StoreError, match="in use|already open"):
            build_corpus([root], store=tmp_path / "s")


def test_report_json_and_summary(tmp_path: Path) -> None:
    r = build_corpus([_corpus(tmp_path, "a")], store=tmp_path / "s")
    data = r.to_json()
    assert isinstance(r, BuildReport)
    assert data["added"] == 1 and "wall" in data["timings"] and data["entities"]
    assert "added: 1" in r.summary()


def test_union_default_graph_follows_adds_and_removals(tmp_path: Path) -> None:
    """Queries read the default graph: it must always be the merged graph of the report
    graphs (each entity and relation triple once, no mentions or evidence), after a
    build, a removal and a rebuild, so counts are not multiplied."""
    from reportgraph.query.run import run_query

    root = _corpus(tmp_path, "abc")
    store = tmp_path / "s"

    def union_is_exact() -> None:
        s = ox.Store.read_only(str(store))
        try:
            named = [q for q in s if isinstance(q.graph_name, ox.NamedNode)]
            default = {q.triple for q in s if q.graph_name == ox.DefaultGraph()}
        finally:
            del s
        assert default == set(union_triples(named))

    build_corpus([root], store=store)
    union_is_exact()
    result = run_query("SELECT (COUNT(*) AS ?n) WHERE { ?e a <https://w3id.org/reportgraph/ontology#AdministrativeArea> }",
                       store)
    s = ox.Store.read_only(str(store))
    try:
        distinct = {q.subject for q in s.quads_for_pattern(None, ox.NamedNode(
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(f"{RG}AdministrativeArea"))}
    finally:
        del s
    assert int(result.values("n")[0]) == len(distinct)  # each area counted once
    remove_report(store, "y__a")
    union_is_exact()
    (root / "x" / "b.txt").write_text(TEXTS["b"] + "\n湖南省凤凰县政协参加会议。", encoding="utf-8")
    build_corpus([root], store=store)
    union_is_exact()


def test_background_writer_keeps_order_and_hands_back_errors() -> None:
    import threading

    from reportgraph.corpus import _Done
    from reportgraph.store.bulk import BatchWriter

    release = threading.Event()
    written: list[list[str]] = []

    def write(batch: list[_Done]) -> list[FileOutcome]:
        release.wait(5)
        if any(d.doc_id == "bad" for d in batch):
            raise OSError("disk full")
        written.append([d.doc_id for d in batch])
        return [FileOutcome(d.path, d.doc_id, "added") for d in batch]

    w = BatchWriter(write)
    w.submit([_Done("a", "a"), _Done("b", "b")])
    w.submit([_Done("c", "c")])  # waits in the queue while the first batch is held
    assert w.finished() == [] and written == []
    release.set()
    assert [o.doc_id for o in w.close()] == ["a", "b", "c"]
    assert written == [["a", "b"], ["c"]]

    w = BatchWriter(write)
    w.submit([_Done("bad", "bad")])
    with pytest.raises(OSError, match="disk full"):
        w.close()


def test_background_writer_abort_drops_the_waiting_batch() -> None:
    import threading

    from reportgraph.corpus import _Done
    from reportgraph.store.bulk import BatchWriter

    started, release = threading.Event(), threading.Event()
    written: list[str] = []

    def write(batch: list[_Done]) -> list[FileOutcome]:
        started.set()
        release.wait(5)
        written.extend(d.doc_id for d in batch)
        return []

    w = BatchWriter(write)
    w.submit([_Done("a", "a")])
    started.wait(5)
    w.submit([_Done("b", "b")])  # waits behind "a"
    threading.Timer(0.2, release.set).start()
    w.abort()
    assert written == ["a"]  # the batch being written finished; the waiting one was dropped
