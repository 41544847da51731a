"""Processes that die together and budgets per report (issue 19, cases 2 and 3).

A build's workers end when the build ends, whatever signal ended it, and never hold the
store's lock; a report over its time or memory budget, or one whose worker dies, fails
with its reason while the rest are built."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from procs import children, orphans_after

import reportgraph.extract as extract_mod
from reportgraph.corpus import build_corpus
from reportgraph.errors import StoreError
from reportgraph.store.embedded import open_store

TEXT = "# {county}政协工作报告\n\n{county}政协与山西省政协开展协商。我县实施乡村振兴战略。\n"
COUNTIES = ["代县", "蔚县", "寿县", "会泽县", "凤凰县", "繁峙县", "五台县", "原平市"]


def _corpus(root: Path, n: int = 8, extra: dict[str, str] | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (root / f"r{i:02d}.txt").write_text(TEXT.format(county=COUNTIES[i % len(COUNTIES)]) + "。" * i,
                                            encoding="utf-8")
    for name, text in (extra or {}).items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_the_build_and_release_the_store(tmp_path: Path, sig: int) -> None:
    corpus = _corpus(tmp_path / "in", 40)
    store = tmp_path / "store"
    build = subprocess.Popen([sys.executable, "-m", "reportgraph", "build", str(corpus), "--store", str(store),
                              "--jobs", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        workers: list[int] = []
        while time.monotonic() < deadline and len(workers) < 2 and build.poll() is None:
            workers = children(build.pid)
            time.sleep(0.1)
        assert len(workers) >= 2, "the build did not start its workers"
        build.send_signal(sig)
        build.wait(30)
        orphans = orphans_after(workers, 15)
    finally:
        if build.poll() is None:
            build.kill()
    assert orphans == []
    with open_store(store, read_only=True) as s:  # the lock is free: no "store in use"
        assert s is not None


def test_a_store_in_use_names_its_holder(tmp_path: Path) -> None:
    store = tmp_path / "store"
    holder = subprocess.Popen([sys.executable, "-c",
                               "import sys, time\nfrom reportgraph.store.embedded import open_store\n"
                               f"s = open_store({str(store)!r})\nprint('open', flush=True)\ntime.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match=f"process {holder.pid}"):
            open_store(store, read_only=True)
        holder.kill()
        holder.wait(10)
        with open_store(store, read_only=True):  # a dead holder's lock is gone with it
            pass
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(10)


def _bombs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports that say BOMB allocate without end, NATIVE allocate 300 MB twice (the second
    time in native code, which aborts when the allocation fails), HANG never finish, KILL
    kill their worker."""
    real = extract_mod.extract_report

    def extract(report, **kwargs):  # type: ignore[no-untyped-def]
        if "BOMB" in report.text:
            hog = []
            while True:
                hog.append(bytearray(64 * 2**20))
        if "NATIVE" in report.text:
            import pyoxigraph as ox

            ox.Literal("a" * (300 * 2**20))  # Python's copy fits in 512 MB; Rust's copy aborts
        if "HANG" in report.text:
            while True:
                time.sleep(0.05)
        if "KILL" in report.text:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(report, **kwargs)

    monkeypatch.setattr(extract_mod, "extract_report", extract)


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [1, 2])
def test_reports_over_budget_fail_and_the_rest_are_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         jobs: int) -> None:
    _bombs(monkeypatch)
    # --jobs 1 too: with a memory budget its report is extracted in one worker process
    extra = {"bomb.txt": "# 代县政协工作报告\n\nBOMB 代县政协。\n", "hang.txt": "# 蔚县政协工作报告\n\nHANG 蔚县政协。\n",
             "kill.txt": "# 寿县政协工作报告\n\nKILL 寿县政协。\n", "native.txt": "# 会泽县政协工作报告\n\nNATIVE 会泽县政协。\n"}
    corpus = _corpus(tmp_path / "in", 6, extra)
    report = build_corpus([corpus], store=tmp_path / "store", jobs=jobs, report_seconds=3,
                          report_memory=512 * 2**20)
    reasons = {Path(f["path"]).name: f["reason"] for f in report.failures}
    assert "memory budget of 512 MB" in reasons.pop("bomb.txt")
    assert "time budget of 3 s" in reasons.pop("hang.txt")
    assert "worker extracting it died" in reasons.pop("kill.txt")
    assert "out of memory in native code" in reasons.pop("native.txt")
    assert reasons == {} and report.added == 6
    import resource

    # the build's own process is never limited (its store writer is not held to a report's budget)
    assert resource.getrlimit(resource.RLIMIT_AS)[0] == resource.RLIM_INFINITY


@pytest.mark.slow
def test_a_report_punctuated_with_spaces_stays_within_a_small_budget(tmp_path: Path) -> None:
    # issue 19, case 2: 240 KB whose punctuation is spaces was one sentence that every
    # evidence item copied, and the kernel killed it at 24 GB. Now it is built within
    # 512 MB (--jobs 1 holds the budget in its worker: over it, the report would fail).
    passage = ("2023年，临县政协在县委的领导下，认真贯彻《临县政协协商工作规则》，组织委员围绕乡村振兴战略"
               "开展调研。民盟临县支部与临县政协共同举办“临县发展论坛”，王某某参加会议；李某某提出"
               "关于加快发展小米产业的建议！\n县政协机关签署《临县文史资料选辑》编纂协议，推进全域旅游。\n")
    spaced = passage.translate({ord(c): " " for c in "，。！？；、“”《》\n"})
    root = tmp_path / "in"
    root.mkdir()
    (root / "spaces.txt").write_text(spaced * (240_000 // len(spaced.encode()) + 1), encoding="utf-8")
    report = build_corpus([root], store=tmp_path / "store", jobs=1, report_seconds=300, report_memory=512 * 2**20)
    assert report.failures == [] and report.added == 1


def test_a_report_deaf_to_its_timer_is_killed_from_outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """process_within (how a Dask worker holds a report to its budgets, from a task thread):
    a report whose child cannot hear its own timer (SIGALRM blocked, as in native code
    holding the interpreter) is killed by the caller after the grace period and fails
    over its time budget; the caller is never limited and carries on."""
    import threading

    from reportgraph.corpus import workers

    real = extract_mod.extract_report

    def extract(report, **kwargs):  # type: ignore[no-untyped-def]
        if "DEAF" in report.text:
            signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])
            while True:
                time.sleep(0.05)
        return real(report, **kwargs)

    monkeypatch.setattr(extract_mod, "extract_report", extract)
    monkeypatch.setattr(workers, "_GRACE", 0.5)
    monkeypatch.setitem(workers._WORKER, "nlp", extract_mod.load_pipeline(None, statistical=False))
    deaf, good = tmp_path / "deaf.txt", tmp_path / "good.txt"
    deaf.write_text("# 代县政协工作报告\n\nDEAF 代县政协。\n", encoding="utf-8")
    good.write_text(TEXT.format(county="代县"), encoding="utf-8")
    out: dict[str, workers._Done] = {}
    before = set(children(os.getpid()))

    def run() -> None:  # in a thread, as a Dask task runs
        for f in (deaf, good):
            out[f.name] = workers.process_within(str(f), f.stem, None, None, seconds=2, memory=512 * 2**20)

    t = threading.Thread(target=run)
    t.start()
    t.join(120)
    assert "over its time budget of 2 s" in (out["deaf.txt"].error or "")
    assert out["good.txt"].error is None and out["good.txt"].entities
    assert set(children(os.getpid())) <= before  # the killed child was reaped
    import resource

    assert resource.getrlimit(resource.RLIMIT_AS)[0] == resource.RLIM_INFINITY
