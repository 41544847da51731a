"""The vocabulary comes from the ontology file, and the ontology covers the model."""

from __future__ import annotations

import importlib
from pathlib import Path

import pyoxigraph as ox
import pytest

import reportgraph.rdf.resources as resources
from reportgraph.errors import ReportGraphError
from reportgraph.model import EntityType, Predicate
from reportgraph.rdf.vocab import CLASSES, NAMESPACE, PREDICATES, TERMS, read_terms, rg

ROOT = Path(__file__).resolve().parents[2]
ONTO = ROOT / "ontology" / "reportgraph.ttl"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"


def test_every_model_value_has_an_iri() -> None:
    assert NAMESPACE == "https://w3id.org/reportgraph/ontology#"
    assert {str(v) for v in CLASSES.values()} == {NAMESPACE + t.value for t in EntityType}
    assert {str(v) for v in PREDICATES.values()} == {NAMESPACE + p.value for p in Predicate}
    assert len(CLASSES) == 7 and len(PREDICATES) == 9


def test_terms_used_by_to_rdf_exist() -> None:
    for name in ("Entity", "Report", "Mention", "Evidence", "Assertion", "key", "divisionCode",
                 "evidence", "method", "source", "sha256", "encoding", "sourcePath", "deliveredBy"):
        assert str(rg(name)) == NAMESPACE + name
    with pytest.raises(ReportGraphError, match="no term 'nope'"):
        rg("nope")


def test_every_term_has_zh_and_en_labels_and_a_definition() -> None:
    quads = list(ox.parse(path=str(ONTO)))
    for name in TERMS:
        iri = NAMESPACE + name
        labels = {(q.object.language) for q in quads
                  if q.subject.value == iri and q.predicate.value == RDFS + "label"}
        assert {"zh", "en"} <= labels, name
        assert any(q.subject.value == iri and q.predicate.value in (SKOS + "definition", RDFS + "comment")
                   for q in quads), name


def test_alignment_to_standards() -> None:
    quads = {(q.subject.value, q.predicate.value, q.object.value) for q in ox.parse(path=str(ONTO))}
    sub_c, sub_p = RDFS + "subClassOf", RDFS + "subPropertyOf"
    assert (NAMESPACE + "Organization", sub_c, "http://www.w3.org/ns/org#Organization") in quads
    assert (NAMESPACE + "AdministrativeArea", sub_c, "https://schema.org/AdministrativeArea") in quads
    assert (NAMESPACE + "Event", sub_c, "https://schema.org/Event") in quads
    assert (NAMESPACE + "Person", sub_c, "https://schema.org/Person") in quads
    assert (NAMESPACE + "Document", sub_c, "https://schema.org/CreativeWork") in quads
    assert (NAMESPACE + "memberOf", sub_p, "http://www.w3.org/ns/org#memberOf") in quads
    assert (NAMESPACE + "locatedIn", sub_p, "https://schema.org/containedInPlace") in quads
    assert (NAMESPACE + "authoredBy", sub_p, "http://purl.org/dc/terms/creator") in quads


def test_missing_class_fails_loudly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = ONTO.read_text(encoding="utf-8").replace("rg:Person a owl:Class", "rg:Person a owl:Thing")
    (tmp_path / "ontology").mkdir()
    (tmp_path / "ontology" / "reportgraph.ttl").write_text(text, encoding="utf-8")
    _ns, terms = read_terms(tmp_path / "ontology" / "reportgraph.ttl")
    assert "Person" not in terms
    import reportgraph.rdf.ontology as ontology
    import reportgraph.rdf.vocab as vocab
    monkeypatch.setattr(resources, "ontology_path", lambda: tmp_path / "ontology" / "reportgraph.ttl")
    try:
        importlib.reload(ontology)  # the ontology is read there, and checked against the model in vocab
        with pytest.raises(ReportGraphError, match="entity type 'Person' is missing"):
            importlib.reload(vocab)
    finally:
        monkeypatch.undo()
        importlib.reload(ontology)
        importlib.reload(vocab)


def test_data_dirs_from_wheel_layout_and_checkout(tmp_path: Path) -> None:
    # checkout / editable install: the repository root next to src/
    assert resources.data_dir("ontology") == ROOT / "ontology"
    # wheel: package data under reportgraph/_data
    pkg = tmp_path / "site-packages" / "reportgraph"
    (pkg / "_data" / "queries").mkdir(parents=True)
    assert resources.data_dir("queries", package_dir=pkg) == pkg / "_data" / "queries"
    with pytest.raises(ReportGraphError, match="cannot find the 'ontology' folder"):
        resources.data_dir("ontology", package_dir=pkg)
