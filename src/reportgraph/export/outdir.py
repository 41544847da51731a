"""The output directory of ``reportgraph build``: ``graph.ttl`` (all reports, merged),
``graph.trig`` (one named graph per report) and ``graph.graphml`` (the entity graph for
Gephi), written atomically and only after all three are serialised."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reportgraph.outputs import check_outdir, write_all_atomic

if TYPE_CHECKING:
    from reportgraph.model import Extraction

GRAPH_TTL = "graph.ttl"
GRAPH_TRIG = "graph.trig"
GRAPH_GRAPHML = "graph.graphml"
OUTPUT_NAMES = (GRAPH_TTL, GRAPH_TRIG, GRAPH_GRAPHML)


def check_outputs(outdir: Path, *, force: bool) -> None:
    """Refuse an ``outdir`` that already holds the outputs, unless ``force``."""
    check_outdir(outdir, list(OUTPUT_NAMES), force=force)


def write_outputs(extractions: Sequence[Extraction], outdir: Path, *, base_iri: str | None = None) -> list[Path]:
    """Write the three outputs of ``extractions`` into ``outdir``; return their paths.
    Everything is serialised first: a serializer failing leaves every previous output as
    it was."""
    from reportgraph.export.graphml import graphml_bytes
    from reportgraph.export.writers import to_entity_graph
    from reportgraph.rdf.to_rdf import serialize, to_dataset

    kwargs = {"base_iri": base_iri} if base_iri else {}
    dataset = to_dataset(extractions, **kwargs)
    outputs = {
        GRAPH_TTL: serialize(dataset, "turtle"),
        GRAPH_TRIG: serialize(dataset, "trig"),
        GRAPH_GRAPHML: graphml_bytes(to_entity_graph(dataset)),
    }
    # every temporary file is written before any is renamed: a full disk midway keeps all old ones
    write_all_atomic({outdir / name: data for name, data in outputs.items()})
    return [outdir / name for name in outputs]
