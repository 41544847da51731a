"""The JSON-LD export is the same bytes whatever the hash seed (issue 19, point 6)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import rdflib

from reportgraph.rdf.to_rdf import to_dataset, write_graph

from builders import make_extraction


def test_jsonld_export_is_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    trig = tmp_path / "graph.trig"
    write_graph(to_dataset([make_extraction(), make_extraction(extra="县政协。")]), trig)
    outputs = []
    for seed in ("1", "2", "77"):
        out = tmp_path / f"g{seed}.jsonld"
        subprocess.run([sys.executable, "-m", "reportgraph", "export", str(trig), "--format", "jsonld",
                        "-o", str(out)], check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    back = rdflib.Dataset().parse(data=outputs[0], format="json-ld")
    source = rdflib.Dataset().parse(trig, format="trig")
    # the JSON-LD holds the report graphs alone (readers remake the merged graph)
    named = [{(s, p, o, c) for s, p, o, c in d.quads((None, None, None, None))
              if c != rdflib.graph.DATASET_DEFAULT_GRAPH_ID} for d in (back, source)]
    assert named[0] == named[1] and named[0]
