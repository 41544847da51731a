"""A store on a SPARQL 1.1 server (Oxigraph's, on loopback): written with the Graph Store
Protocol, the merged default graph kept there, resumable, retried (small, not timed)."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from reportgraph.corpus import build_corpus
from reportgraph.errors import StoreError
from reportgraph.rdf.to_rdf import union_triples
from reportgraph.store import remote
from reportgraph.store.remote import Endpoints, RemoteCorpusStore, read_quads, select_rows
from servers import oxigraph_server

TEXTS = {
    "a": "# 代县政协工作报告\n\n代县政协与山西省政协开展协商。我县实施乡村振兴战略。\n",
    "b": "# 蔚县政协工作报告\n\n蔚县政协赴山西省代县考察。河北省蔚县推进脱贫攻坚。\n",
    "c": "# 寿县政协工作报告\n\n安徽省寿县政协签署《寿县建言》。\n",
}


def _corpus(tmp_path: Path, names: str = "abc") -> Path:
    root = tmp_path / "reports"
    root.mkdir(exist_ok=True)
    for name in names:
        (root / f"{name}.txt").write_text(TEXTS[name], encoding="utf-8")
    return root


def _server_dataset(url: str) -> tuple[set[ox.Quad], set[ox.Triple]]:
    named = set(read_quads(url))
    default = {ox.Triple(r["s"], r["p"], r["o"])
               for r in select_rows(Endpoints.from_url(url), "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")}
    return named, default


def _disk_dataset(path: Path) -> tuple[set[ox.Quad], set[ox.Triple]]:
    s = ox.Store.read_only(str(path))
    try:
        return ({q for q in s if q.graph_name != ox.DefaultGraph()},
                {q.triple for q in s if q.graph_name == ox.DefaultGraph()})
    finally:
        del s


def test_server_store_holds_what_an_embedded_store_holds(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    local = build_corpus([root], store=tmp_path / "disk")
    with oxigraph_server(tmp_path / "ox") as url:
        r = build_corpus([root], store=url, batch=2)
        assert (r.added, r.failed) == (3, 0)
        assert r.store_entities == local.store_entities and r.store_reports == 3
        named, default = _server_dataset(url)
        assert (named, default) == _disk_dataset(tmp_path / "disk")
        assert default == set(union_triples(named))  # the merged graph, no union switch needed
        again = build_corpus([root], store=url)
        assert (again.added, again.skipped) == (0, 3)


def test_changed_report_replaces_its_graph_and_the_merged_graph_follows(tmp_path: Path) -> None:
    root = _corpus(tmp_path, "ab")
    with oxigraph_server(tmp_path / "ox") as url:
        build_corpus([root], store=url)
        (root / "a.txt").write_text("# 寿县政协工作报告\n\n安徽省寿县政协开展调研。\n", encoding="utf-8")
        r = build_corpus([root], store=url)
        assert (r.replaced, r.skipped) == (1, 1)
        named, default = _server_dataset(url)
    assert len({q.graph_name for q in named}) == 2
    assert default == set(union_triples(named))
    texts = {q.object.value for q in named if q.predicate.value.endswith("#docId")}
    assert texts == {"a", "b"}
    labels = {t.object.value for t in default if t.predicate.value.endswith("prefLabel")}
    assert "乡村振兴战略" not in labels and "寿县政协" in labels  # the old report's facts left


def test_a_batch_cut_short_is_dropped_and_rebuilt(tmp_path: Path) -> None:
    root = _corpus(tmp_path, "ab")
    with oxigraph_server(tmp_path / "ox") as url:
        build_corpus([root], store=url)
        store = RemoteCorpusStore(url)
        victim = next(g for g, d, _ in store.reports() if d == "a")
        # a crash after the mark and the PUT, before the merged graph was written
        store._update(f"INSERT DATA {{ GRAPH <urn:x-reportgraph:loading> {{ <{victim}> "
                      f"<urn:x-reportgraph:loading#graph> \"1\" }} }}")
        r = build_corpus([root], store=url)
        assert (r.stale_dropped, r.added, r.skipped) == (1, 1, 1)
        named, default = _server_dataset(url)
    assert default == set(union_triples(named))
    assert not any(q.graph_name.value.startswith("urn:x-reportgraph") for q in named)


def test_requests_are_retried_then_fail_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(remote, "BACKOFF", 0.01)
    real = urllib.request.urlopen
    calls: list[str] = []

    def flaky(req, *args, **kwargs):  # the first two attempts of each request fail
        calls.append(req.full_url)
        if len(calls) % 3:
            raise ConnectionResetError("connection reset by peer")
        return real(req, *args, **kwargs)

    with oxigraph_server(tmp_path / "ox") as url:
        monkeypatch.setattr(urllib.request, "urlopen", flaky)
        remote._request("PUT", url + "store?graph=http%3A%2F%2Fex.org%2Fg", body=b"<http://a> <http://b> <http://c> .\n",
                        content_type="application/n-triples")
        assert len(calls) == 3
        monkeypatch.setattr(urllib.request, "urlopen", real)
        assert len(read_quads(url)) == 1
    with pytest.raises(StoreError, match="no SPARQL server answers there"):
        RemoteCorpusStore(url)  # the server is gone


def test_a_url_that_is_not_a_server_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="not an http"):
        Endpoints.from_url("http:///nohost")



def test_query_load_and_export_read_from_the_server(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from reportgraph import ReportGraph
    from reportgraph.cli import cli
    from reportgraph.query.run import run_query

    root = _corpus(tmp_path)
    build_corpus([root], store=tmp_path / "disk")
    runner = CliRunner()
    with oxigraph_server(tmp_path / "ox") as url:
        built = runner.invoke(cli, ["build", str(root), "--store", url])
        assert built.exit_code == 0 and "added: 3" in built.output, built.output
        for name, bindings in [("neighbours", {"name": "山西省"}), ("mentions", {"name": "寿县政协"}),
                               ("entities", {}), ("evidence", {"name": "代县政协"})]:
            here = run_query(name, tmp_path / "disk", bindings=bindings)
            there = run_query(name, url, bindings=bindings)
            assert (there.variables, there.rows) == (here.variables, here.rows) and here.rows, name
        g, local = ReportGraph.load(url), ReportGraph.load(tmp_path / "disk")
        assert len(g) == len(local) and len(g.relations()) == len(local.relations())
        out = runner.invoke(cli, ["query", "members", url, "--format", "csv"])
        assert out.exit_code == 0, out.output
        res = runner.invoke(cli, ["export", url, "--format", "trig", "-o", str(tmp_path / "g.trig")])
        assert res.exit_code == 0, res.output
        assert (tmp_path / "g.trig").stat().st_size > 1000
        refused = runner.invoke(cli, ["serve", url])
        assert refused.exit_code != 0 and "SPARQL server already" in refused.output
        removed = runner.invoke(cli, ["remove", url, "c"])
        assert removed.exit_code == 0 and "removed c" in removed.output, removed.output
        named, default = _server_dataset(url)
    assert sorted(q.object.value for q in named if q.predicate.value.endswith("#docId")) == ["a", "b"]
    assert default == set(union_triples(named))


def test_queries_answer_while_a_build_writes_the_server(tmp_path: Path) -> None:
    """The endpoint and a build at the same time on one store: a reader is never locked
    out, and sees whole report graphs (each PUT is one transaction on the server)."""
    import threading

    from reportgraph.query.run import run_query

    root = _corpus(tmp_path)
    for i in range(3):  # more reports, so the build takes a while
        (root / f"extra{i}.txt").write_text(TEXTS["c"] + f"第{i}次会议。\n", encoding="utf-8")
    with oxigraph_server(tmp_path / "ox") as url:
        errors: list[BaseException] = []

        def build() -> None:
            try:
                build_corpus([root], store=url, batch=1)
            except BaseException as err:  # noqa: BLE001 - handed to the test
                errors.append(err)

        writer = threading.Thread(target=build)
        writer.start()
        seen: list[int] = []
        while writer.is_alive() or len(seen) < 2:
            rows = run_query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", url,
                             timeout=30)
            sizes = {str(r["g"]): int(str(r["n"])) for r in rows if not str(r["g"]).startswith("urn:")}
            seen.append(len(sizes))
        writer.join()
        assert not errors
        final = run_query("reports", url)
    assert len(final) == 6 and seen[-1] == 6
    assert seen == sorted(seen)  # reports only ever appear while the build runs
    assert any(0 < n < 6 for n in seen)  # ... and readers asked while it wrote
