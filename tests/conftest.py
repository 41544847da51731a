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
