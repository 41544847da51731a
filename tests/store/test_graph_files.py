"""Graph files loaded in memory: the same layout as before, parsed by Oxigraph, and a
memory budget per file (issue 19: a 1 GB file peaked at 10.5 GB)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from reportgraph.errors import InputError
from reportgraph.rdf.to_rdf import to_dataset, write_graph
from reportgraph.store.files import load_graph_file, read_graph_file
from reportgraph.store.union import with_union

from builders import make_extraction


@pytest.mark.parametrize("name, fmt", [("g.trig", "trig"), ("g.ttl", "turtle"), ("g.nq", "nquads"),
                                       ("g.nt", "nt")])
def test_loading_keeps_the_store_layout(tmp_path: Path, name: str, fmt: str) -> None:
    path = tmp_path / name
    write_graph(to_dataset([make_extraction(), make_extraction(extra="县政协。")]), path, format=fmt)
    expected = set(with_union(read_graph_file(path), unnamed=ox.NamedNode(path.resolve().as_uri())))
    assert set(load_graph_file(path)) == expected and expected


def test_a_file_over_the_memory_budget_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "g.trig"
    write_graph(to_dataset([make_extraction()]), path)
    size = path.stat().st_size
    with pytest.raises(InputError, match=r"over the limit .* \(build --store\)"):
        load_graph_file(path, max_memory=size)  # needs several times its size
    assert len(load_graph_file(path, max_memory=100 * size)) > 0
