"""The ontology, the named queries and the sample are found from a checkout / editable
install and from an installed wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from reportgraph.rdf import resources

ROOT = Path(__file__).resolve().parents[1]


def test_checkout_and_editable_install_use_the_repository_folders():
    assert resources.ontology_path() == ROOT / "ontology" / "reportgraph.ttl"
    assert resources.queries_dir() == ROOT / "queries"
    assert set(resources.query_names()) >= {"entities", "relations", "members", "located-in",
                                            "documents", "evidence"}


@pytest.mark.slow
def test_installed_wheel_carries_ontology_queries_and_sample(tmp_path):
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(wheel_dir), str(ROOT)],
        check=True,
    )
    (wheel,) = wheel_dir.glob("reportgraph-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "reportgraph/_data/ontology/reportgraph.ttl" in names
    assert "reportgraph/_data/ontology/shapes.ttl" in names
    assert "reportgraph/_data/queries/members.rq" in names
    assert "reportgraph/sample/daixian-cppcc-report.txt" in names
    assert "reportgraph/nlp/pipeline.cfg" in names
    assert "reportgraph/knowledge/data/bodies.tsv" in names
    # the HTML viewer's page, script and vendored libraries with their licences
    for asset in ("template.html", "viewer.js", "viewer.css", "vendor/sigma.min.js", "vendor/graphology.umd.min.js",
                  "vendor/graphology-layout-forceatlas2.min.js", "vendor/LICENSE-sigma.txt", "vendor/README.md"):
        assert f"reportgraph/export/viewer/{asset}" in names

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
                    str(wheel)], check=True)
    code = (
        "import reportgraph.rdf.resources as r, reportgraph.cli as c;"
        "print(r.ontology_path()); print(r.queries_dir()); print(c._sample_path())"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    assert all(line.startswith(str(target)) for line in out), out
    assert all(Path(line).exists() for line in out)
