"""Corpus builds on a Dask LocalCluster of 2 workers: the same rows as ``--jobs 2`` in an
embedded store and in an Oxigraph server, resume after an interruption, no report lost
when a worker dies (small: one cluster for the module, five short reports)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from builders import store_quads, write_texts
from procs import descendants, orphans_after, state
from servers import oxigraph_server

from reportgraph.corpus import FileOutcome, build_corpus
from reportgraph.corpus.dask import build_distributed, connect, parse_scheduler
from reportgraph.errors import ReportGraphError
from reportgraph.query.run import check_query, load_query, run_query
from reportgraph.rdf.resources import query_names
from reportgraph.store.remote import select

distributed = pytest.importorskip("distributed")

TEXTS = {
    "a": "# 代县政协工作报告\n\n代县政协与山西省政协开展协商。我县实施乡村振兴战略。\n",
    "b": "# 蔚县政协工作报告\n\n蔚县政协赴山西省代县考察。河北省蔚县推进脱贫攻坚。\n",
    "c": "# 寿县政协工作报告\n\n安徽省寿县政协签署《寿县建言》。民革寿县支部、民盟寿县委员会参加。\n",
    "d": "# 会泽县政协工作报告\n\n云南省会泽县政协参加联席会议。县委书记王某某出席。\n",
    "e": "# 凤凰县政协工作报告\n\n湖南省凤凰县政协开展调研。\n",
}


@pytest.fixture(scope="module")
def client():
    with connect("local:2") as c:  # the cluster `--scheduler local:2` starts
        yield c


def _corpus(tmp_path: Path) -> Path:
    return write_texts(tmp_path / "reports", TEXTS)


def _rows(source: object) -> dict[str, tuple]:
    """Every named query's rows on a store directory or (through the SPARQL protocol) a server."""
    out = {}
    for name in query_names():
        if isinstance(source, str):
            out[name] = select(source, check_query(load_query(name).text)).rows
        else:
            out[name] = run_query(name, source).rows
    return out


class _StopAfter:
    def __init__(self, n: int, then=None) -> None:
        self.n, self.then, self.seen = n, then, []

    def start(self, total_files: int) -> None:
        pass

    def advance(self, outcome: FileOutcome) -> None:
        self.seen.append(outcome)
        if sum(o.status == "added" for o in self.seen) == self.n:
            if self.then is None:
                raise KeyboardInterrupt
            self.then()

    def finish(self) -> None:
        pass


def test_local_cluster_gives_the_rows_of_jobs_2_in_a_store_and_a_server(tmp_path: Path, client) -> None:
    root = _corpus(tmp_path)
    (root / "f.txt").write_bytes(b"%PDF-1.7 binary")  # fails alone; the rest is built
    ref = build_corpus([root], store=tmp_path / "ref", jobs=2)
    r = build_distributed([root], store=tmp_path / "dask", scheduler=client, batch=2)
    assert (r.added, r.failed, r.jobs) == (5, 1, 2)
    assert "PDF" in r.failures[0]["reason"]
    assert r.store_entities == ref.store_entities
    assert store_quads(tmp_path / "dask") == store_quads(tmp_path / "ref")  # the same store content
    expected = _rows(tmp_path / "ref")
    assert sum(len(v) for v in expected.values()) > 20
    assert _rows(tmp_path / "dask") == expected
    with oxigraph_server(tmp_path / "ox") as url:
        r = build_distributed([root], store=url, scheduler=client)
        assert (r.added, r.failed) == (5, 1)
        assert _rows(url) == expected
        again = build_distributed([root], store=url, scheduler=client)
        assert (again.added, again.skipped) == (0, 5)


def test_interrupted_distributed_build_resumes(tmp_path: Path, client) -> None:
    root = _corpus(tmp_path)
    store = tmp_path / "s"
    with pytest.raises(KeyboardInterrupt):
        build_distributed([root], store=store, scheduler=client, progress=_StopAfter(2), batch=1, window=2)
    s = ox.Store.read_only(str(store))
    done = len([g for g in s.named_graphs() if g.value.startswith("https://")])
    del s
    assert 2 <= done < 5
    resumed = build_distributed([root], store=store, scheduler=client)
    assert (resumed.skipped, resumed.added) == (done, 5 - done)
    build_corpus([root], store=tmp_path / "ref")
    assert store_quads(store) == store_quads(tmp_path / "ref")


def test_a_worker_killed_mid_task_loses_no_report(tmp_path: Path, client) -> None:
    root = _corpus(tmp_path)
    pids = client.run(os.getpid)
    killed: list[int] = []

    def kill_a_busy_worker() -> None:
        busy = [w for w, keys in client.processing().items() if keys] or list(pids)
        killed.append(pids[busy[0]])
        os.kill(pids[busy[0]], signal.SIGKILL)

    r = build_distributed([root], store=tmp_path / "s", scheduler=client, batch=1,
                          progress=_StopAfter(1, then=kill_a_busy_worker))
    assert killed and (r.added, r.failed) == (5, 0)
    build_corpus([root], store=tmp_path / "ref")
    assert store_quads(tmp_path / "s") == store_quads(tmp_path / "ref")
    client.wait_for_workers(2, timeout=60)  # the nanny restarted it, with the pipeline


def test_local_cluster_workers_watch_the_build_from_their_start(client) -> None:
    """Each worker ran the preload as it started (before the pipeline plugin): it ends with
    this process whatever signal ends it; its parent is this process."""
    import reportgraph.corpus.dask as cd

    watched = client.run(lambda: (list(cd._WATCHED), os.getppid()))
    assert len(watched) == 2
    assert all(w == ([os.getpid()], os.getpid()) for w in watched.values())


def test_scheduler_spec_errors_are_clear() -> None:
    assert parse_scheduler("local:3") == ("local", 3)
    with pytest.raises(ReportGraphError, match="local:N"):
        parse_scheduler("local:zero")


def test_cli_scheduler_needs_a_store(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from reportgraph.cli import cli

    out = CliRunner().invoke(cli, ["build", "--scheduler", "local:2", "-o", str(tmp_path / "o")])
    assert out.exit_code == 2 and "--store" in out.output


def _cmdline(pid: int) -> bytes:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes()
    except OSError:
        return b""


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_killing_a_local_cluster_build_leaves_no_worker_and_the_store_free(tmp_path: Path) -> None:
    """``kill -9`` of ``build --scheduler local:2`` mid-build: its worker processes end within
    seconds — one of them stopped (SIGSTOP) first, so Dask's own pipe watch, a thread, cannot
    act and only the parent-death signal ends it — and the store opens for a new build that
    completes the corpus (tiny reports, no statistical stage: small enough for CI)."""
    root = tmp_path / "reports"
    root.mkdir()
    names = list(TEXTS.values())
    for i in range(120):
        (root / f"r{i:03d}.txt").write_text(names[i % len(names)] + "。" * i, encoding="utf-8")
    store = tmp_path / "store"
    cmd = [sys.executable, "-m", "reportgraph", "build", str(root), "--store", str(store), "--no-statistical"]
    build = subprocess.Popen([*cmd, "--scheduler", "local:2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 240

        def spawned() -> list[int]:
            return [p for p in descendants(build.pid) if b"spawn_main" in _cmdline(p)]

        while time.monotonic() < deadline and build.poll() is None and len(workers := spawned()) < 2:
            time.sleep(0.05)
        created = len(list(store.glob("*.sst")))  # the store is made before the cluster starts
        while time.monotonic() < deadline and build.poll() is None and len(list(store.glob("*.sst"))) <= created:
            time.sleep(0.05)  # the first batch of reports is bulk-loaded: the build is under way
        assert build.poll() is None and len(workers) == 2, "the build was not caught mid-build"
        os.kill(workers[0], signal.SIGSTOP)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and state(workers[0]) != "T":
            time.sleep(0.05)
        assert state(workers[0]) == "T"
        everything = descendants(build.pid)
        build.kill()
        build.wait(30)
        orphans = orphans_after(everything, 10)
    finally:
        if build.poll() is None:
            build.kill()
            build.wait(30)
    assert orphans == []
    done = subprocess.run([*cmd, "--jobs", "1", "--report", str(tmp_path / "r.json")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    r = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    # killed while the first batch was loaded (its graphs are dropped and built again, as
    # any interrupted batch) or after: nothing lost, nothing twice, the rest built
    assert r["failed"] == 0 and r["added"] >= 1 and r["skipped"] + r["added"] == 120


def test_reports_over_budget_fail_on_the_cluster_and_the_rest_are_built(tmp_path: Path, client) -> None:
    """Issue 19 on Dask: a report that allocates without end (BOMB), one that never ends
    (HANG), one whose extraction kills its process (KILL) and one over --max-bytes each
    fail with their reason; the others are built, the store holds the rows of a --jobs 2
    build of the good ones, and the workers themselves were never limited or lost."""

    def install() -> None:  # in each worker (pickled by value): the hooks of test_processes
        import reportgraph.extract as em

        real = getattr(em, "_real_extract_report", em.extract_report)
        em._real_extract_report = real

        def extract(report, **kwargs):  # type: ignore[no-untyped-def]
            if "BOMB" in report.text:
                hog = []
                while True:
                    hog.append(bytearray(64 * 2**20))
            if "HANG" in report.text:
                while True:
                    time.sleep(0.05)
            if "KILL" in report.text:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(report, **kwargs)

        em.extract_report = extract

    client.run(install)
    pids = client.run(os.getpid)
    good = _corpus(tmp_path)
    root = tmp_path / "all"
    root.mkdir()
    for f in good.iterdir():
        (root / f.name).write_bytes(f.read_bytes())
    (root / "bomb.txt").write_text("# 代县政协工作报告\n\nBOMB 代县政协。\n", encoding="utf-8")
    (root / "hang.txt").write_text("# 蔚县政协工作报告\n\nHANG 蔚县政协。\n", encoding="utf-8")
    (root / "kill.txt").write_text("# 寿县政协工作报告\n\nKILL 寿县政协。\n", encoding="utf-8")
    big = tmp_path / "big" / "big.txt"
    big.parent.mkdir()
    big.write_text("# 寿县政协工作报告\n\n" + "寿县政协开展协商。" * 200, encoding="utf-8")
    (root / "big.txt").write_bytes(big.read_bytes())
    r = build_distributed([root], store=tmp_path / "dask", scheduler=client, statistical=False,
                          report_seconds=3, report_memory=256 * 2**20, max_bytes=2000)
    reasons = {Path(f["path"]).name: f["reason"] for f in r.failures}
    assert "memory budget of 256 MB" in reasons.pop("bomb.txt")
    assert "time budget of 3 s" in reasons.pop("hang.txt")
    assert "worker extracting it died" in reasons.pop("kill.txt")
    too_big = reasons.pop("big.txt")
    assert "over the limit of 2,000 (raise --max-bytes)" in too_big
    assert reasons == {} and (r.added, r.failed) == (5, 4)
    assert client.run(os.getpid) == pids  # no worker died or was restarted
    import resource

    assert all(lim[0] == resource.RLIM_INFINITY for lim in
               client.run(resource.getrlimit, resource.RLIMIT_AS).values())  # the workers are not limited
    ref = build_corpus([good, big.parent], store=tmp_path / "ref", jobs=2, statistical=False, max_bytes=2000)
    assert ref.added == 5 and [f["reason"] for f in ref.failures] == [too_big.replace(str(root), str(big.parent))]
    assert store_quads(tmp_path / "dask") == store_quads(tmp_path / "ref")
    assert _rows(tmp_path / "dask") == _rows(tmp_path / "ref")
