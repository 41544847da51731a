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
    loaded = _modules_after("import reportgraph.cli")
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
