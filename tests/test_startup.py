"""What the command line loads before it does anything: the heavy libraries are imported
only by the commands that need them (speed itself is measured in
benchmarks/bench_startup.py, not here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from reportgraph.store.embedded import open_store

from builders import make_extraction

ROOT = Path(__file__).resolve().parents[1]
#: Libraries no command needs before it runs; extraction and the builds load them.
EXTRACTION = ("spacy", "onnxruntime", "dask", "distributed", "jieba", "networkx", "numpy", "rdflib")


def _modules_after(code: str) -> set[str]:
    """The top-level packages in ``sys.modules`` after ``code`` ran in a fresh interpreter."""
    probe = (code + "\nimport json, sys\n"
             "sys.__stdout__.write('\\n' + json.dumps(sorted({m.split('.')[0] for m in sys.modules})) + '\\n')")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return set(json.loads(proc.stdout.strip().splitlines()[-1]))


def test_importing_the_cli_loads_no_heavy_library() -> None:
    loaded = _modules_after("import reportgraph.cli.app")
    assert "reportgraph" in loaded and "click" in loaded  # the probe sees what was imported
    assert not loaded & {*EXTRACTION, "pyoxigraph"}, sorted(loaded & {*EXTRACTION, "pyoxigraph"})


def test_a_query_on_a_store_loads_only_the_query_engine(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with open_store(store) as s:
        s.add_report(make_extraction())
    code = ("from reportgraph.cli import main\n"
            "try:\n"
            f"    main(['query', 'members', {str(store)!r}, '--bind', 'groupName=某某联席会议', '--format', 'json'])\n"
            "except SystemExit as e:\n"
            "    assert not e.code, e.code\n")
    loaded = _modules_after(code)
    assert "pyoxigraph" in loaded  # the query did run
    assert not loaded & set(EXTRACTION), sorted(loaded & set(EXTRACTION))


def test_rebuilding_an_up_to_date_corpus_loads_no_pipeline(tmp_path: Path) -> None:
    """A build whose reports are all in the store already skips them without loading
    spaCy, the segmenter or the statistical model, in this process or a worker."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text("# 某县政协工作报告\n\n某县政协与某省政协开展协商。\n", encoding="utf-8")
    store = tmp_path / "store"
    code = ("from reportgraph.corpus import build_corpus\n"
            "if __name__ == '__main__':\n"
            f"    r = build_corpus([{str(reports)!r}], store={str(store)!r}, jobs=JOBS, report_memory=MEMORY)\n"
            "    assert (r.added, r.skipped, r.failed) == (ADDED, SKIPPED, 0), r.summary()\n")
    # extracted in the probe's own process (no memory budget, one job): the probe sees the pipeline
    first = _modules_after(code.replace("JOBS", "1").replace("MEMORY", "None").replace("ADDED", "1")
                           .replace("SKIPPED", "0"))
    assert "spacy" in first
    for jobs, memory in ((1, "None"), (1, "2**30"), (2, "2**30")):  # in this process, in a worker, in two
        again = _modules_after(code.replace("JOBS", str(jobs)).replace("MEMORY", memory).replace("ADDED", "0")
                               .replace("SKIPPED", "1"))
        assert not again & set(EXTRACTION), sorted(again & set(EXTRACTION))


def test_help_loads_neither_click_nor_a_command() -> None:
    code = ("import os\nos.environ['COLUMNS'] = '80'\nfrom reportgraph.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit as e:\n    assert not e.code, e.code\n")
    loaded = _modules_after(code)
    assert "reportgraph" in loaded
    assert not loaded & {"click", "pyoxigraph", *EXTRACTION}, sorted(loaded & {"click", "pyoxigraph", *EXTRACTION})
