"""Stores on read-only media, full or size-limited places (issue 19, point 6): queries
work, builds fail in one line, never with a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportgraph.corpus import build_corpus

TEXT = "# 繁峙县政协工作报告\n\n繁峙县政协与五台县政协开展协商。\n"


def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-Urm", "true"], capture_output=True).returncode == 0


def _read_only(directory: Path, command: str) -> subprocess.CompletedProcess[str]:
    """Run ``command`` with ``directory`` remounted read-only (a private mount namespace)."""
    script = (f"mount --bind '{directory}' '{directory}' && "
              f"mount -o remount,ro,bind '{directory}' && {command}")
    return subprocess.run(["unshare", "-Urm", "sh", "-c", script], capture_output=True, text=True, timeout=120)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.txt").write_text(TEXT, encoding="utf-8")
    build_corpus([tmp_path / "in"], store=tmp_path / "store")
    return tmp_path / "store"


@pytest.mark.skipif(not _unshare_works(), reason="needs unprivileged mount namespaces (unshare -Urm)")
def test_a_store_on_read_only_media_can_be_queried(store: Path) -> None:
    done = _read_only(store, f"'{sys.executable}' -m reportgraph query members '{store}' --format csv; "
                             f"touch '{store}/x' 2>/dev/null && echo WRITABLE; true")
    assert done.returncode == 0, done.stderr
    assert "WRITABLE" not in done.stdout and "memberLabel" in done.stdout.splitlines()[0]


@pytest.mark.skipif(not _unshare_works(), reason="needs unprivileged mount namespaces (unshare -Urm)")
def test_a_build_into_read_only_media_fails_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "ro").mkdir()
    done = _read_only(tmp_path / "ro", f"'{sys.executable}' -m reportgraph build '{tmp_path / 'in'}' "
                                       f"--store '{tmp_path / 'ro' / 'store'}'")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "Read-only file system" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_build_over_the_file_size_limit_fails_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"r{i}.txt").write_text(TEXT.replace("协商", "协商" * (i + 1)), encoding="utf-8")
    done = subprocess.run(["sh", "-c", f"ulimit -f 64; '{sys.executable}' -m reportgraph build "
                                       f"'{tmp_path / 'in'}' --store '{tmp_path / 'store'}'"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr  # not killed by SIGXFSZ (exit -25)
    assert "Traceback" not in done.stderr and "File too large" in done.stderr


@pytest.mark.skipif(not _unshare_works(), reason="needs unprivileged mount namespaces (unshare -Urm)")
def test_a_store_on_read_only_media_can_be_served(store: Path) -> None:
    code = ("import urllib.parse, urllib.request; from reportgraph.query.serve import SparqlServer\n"
            f"with SparqlServer({str(store)!r}, port=0) as s:\n"
            "    q = urllib.parse.quote('ASK { ?s ?p ?o }')\n"
            "    print(urllib.request.urlopen(s.url + '?query=' + q, timeout=30).read().decode())")
    done = _read_only(store, f"'{sys.executable}' -c \"{code}\"")
    assert done.returncode == 0, done.stderr
    assert '"boolean":true' in done.stdout.replace(" ", "")


@pytest.mark.skipif(not _unshare_works(), reason="needs unprivileged mount namespaces (unshare -Urm)")
def test_a_build_into_a_full_place_fails_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "full").mkdir()
    script = (f"mount -t tmpfs -o size=256k tmpfs '{tmp_path / 'full'}' && '{sys.executable}' -m reportgraph "
              f"build '{tmp_path / 'in'}' --store '{tmp_path / 'full' / 'store'}' --no-statistical")
    done = subprocess.run(["unshare", "-Urm", "sh", "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "No space left on device" in done.stderr and len(done.stderr.strip().splitlines()) == 1
