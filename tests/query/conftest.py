"""What the query and endpoint tests share: a small store and an endpoint over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reportgraph.query.serve import SparqlServer
from reportgraph.rdf.to_rdf import to_dataset
from reportgraph.store.embedded import open_store

from builders import make_extraction


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of two small reports (the second repeats the first with one more sentence)."""
    path = tmp_path_factory.mktemp("endpoint") / "store"
    with open_store(path) as store:
        store.add_dataset(to_dataset([make_extraction(), make_extraction(extra="县政协。")]))
    return path


@pytest.fixture(scope="module")
def server(store_dir: Path) -> Iterator[SparqlServer]:
    """The endpoint over :func:`store_dir` on a free loopback port (2 s timeout, 50 rows)."""
    with SparqlServer(str(store_dir), port=0, timeout=2, max_rows=50, max_body=10_000) as s:
        yield s
