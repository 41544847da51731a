"""Shared fixtures: the pipeline is built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "reportgraph" / "sample" / "daixian-cppcc-report.txt"


@pytest.fixture(scope="session")
def nlp():
    from reportgraph.extract import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def sample_extraction(nlp):
    from reportgraph.extract import extract_path

    return extract_path(SAMPLE, doc_id="seed", nlp=nlp)


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def big_page() -> tuple[dict, str]:
    """The viewer's data and page for a corpus-sized synthetic graph (80,000 entities,
    200,000 relations; tests/builders.py)."""
    from builders import big_graph

    from reportgraph.export.viewer import viewer_data, viewer_html

    nodes, relations = big_graph()
    data = viewer_data(nodes, relations)
    return data, viewer_html(data)
