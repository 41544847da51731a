"""The compact provenance answers what the extraction says: every mention and every
piece of evidence of the sample report comes back from ``mentions.rq``, ``evidence.rq``
and the Python API with its offsets and text, read from the report's text written once."""

from __future__ import annotations

from reportgraph.api import ReportGraph
from reportgraph.model import Extraction
from reportgraph.query.run import run_query
from reportgraph.rdf.to_rdf import entity_iri, report_iri, report_quads, to_dataset


def _iri(x: Extraction, key: str) -> str:
    e = next(e for e in x.entities if e.key == key)
    return str(entity_iri(e.type, e.key, code=e.code))


def test_mentions_query_returns_every_mention_with_its_text(sample_extraction: Extraction) -> None:
    x = sample_extraction
    ds = to_dataset([x])
    expected = {(str(entity_iri(e.type, e.key, code=e.code)), m.start, m.end, m.text)
                for e in x.entities for m in e.mentions}
    rows = run_query("mentions", ds, max_rows=100_000)
    found = {(r["entity"].value, r["start"].to_python(), r["end"].to_python(), r["text"].value) for r in rows}
    assert found == expected and len(expected) > 150
    assert {r["report"].value for r in rows} == {str(report_iri(x.report))}


def test_evidence_query_and_api_return_every_sentence(sample_extraction: Extraction) -> None:
    x = sample_extraction
    ds = to_dataset([x])
    expected = {(_iri(x, r.subject), _iri(x, r.object), ev.start, ev.end, ev.text, ev.method)
                for r in x.relations for ev in r.evidence if ev.is_textual}
    rows = run_query("evidence", ds, max_rows=100_000)
    # each relation comes back once from each end (?entity is its subject, then its object)
    undirected = {(frozenset(e[:2]), *e[2:]) for e in expected}
    found = {(frozenset((r["entity"].value, r["other"].value)), r["start"].to_python(), r["end"].to_python(),
              r["sentence"].value, r["method"].value) for r in rows if "sentence" in r}
    assert found == undirected and len(expected) > 50
    api = {(rel.subject.iri, rel.object.iri, ev.start, ev.end, ev.text, ev.method)
           for rel in ReportGraph.load(ds).relations() for ev in rel.evidence if ev.start is not None}
    assert api == expected


def test_evidence_nodes_are_written_once_per_sentence_and_method(sample_extraction: Extraction) -> None:
    quads = report_quads(sample_extraction)
    nodes = [q.subject for q in quads if q.predicate.value.endswith("#method")]
    assert len(nodes) == len(set(nodes))
    links = [q for q in quads if q.predicate.value.endswith("#evidence")]
    assert len(links) > len(nodes)  # statements share them
    # nothing but the report's own text carries the text
    literals = [q.object.value for q in quads if q.predicate.value.endswith("#isString")]
    assert literals == [sample_extraction.report.text]
