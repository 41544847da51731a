"""Passages of the genre and the facts a reader states for them, as fixture files a
linguist can extend without writing Python: ``tests/fixtures/passages/NAME.txt`` (the text)
and ``NAME.json`` (what is expected from it; see the folder's README). One test per file.

- ``"stage": "relate"``: the entities are given (every occurrence of a name or alias is a
  mention) and the relate stage alone runs; its relations are scored against ``relations``.
- ``"stage": "extract"``: the whole pipeline runs; the entities found (by name and type) and
  their relations are scored against ``entities`` and ``relations``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from reportgraph.model import EntityType
from reportgraph.nlp.pipeline import register_extensions

from builders import relate, triples

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "passages"
PASSAGES = sorted(p.stem for p in FOLDER.glob("*.json"))
KEYS = {"about", "stage", "author", "home", "entities", "relations", "min_precision", "min_recall",
        "min_entity_precision", "min_entity_recall"}


@pytest.fixture(scope="module")
def blank():
    register_extensions()
    return spacy.blank("zh")


def _load(name: str) -> tuple[str, dict]:
    text = (FOLDER / f"{name}.txt").read_text(encoding="utf-8")
    spec = json.loads((FOLDER / f"{name}.json").read_text(encoding="utf-8"))
    unknown = set(spec) - KEYS
    assert not unknown, f"{name}.json: unknown keys {sorted(unknown)} (known: {sorted(KEYS)})"
    for row in spec.get("entities", []):
        EntityType(row[1])  # a type name of the model (an entity may be named only by the hierarchy)
    for s, p, o in spec["relations"]:
        assert p in {"memberOf", "partOf", "locatedIn", "leads", "authored", "adoptedBy", "participatedIn",
                     "implements", "about"}, f"{name}.json: unknown predicate {p!r}"
    return text, spec


def _scores(found: set, expected: set) -> tuple[float, float]:
    tp = len(found & expected)
    return tp / len(found) if found else 1.0, tp / len(expected) if expected else 1.0


def test_there_are_passages():
    assert len(PASSAGES) >= 7
    assert sorted(p.stem for p in FOLDER.glob("*.txt")) == PASSAGES


@pytest.mark.parametrize("name", PASSAGES)
def test_passage(name, blank, nlp):
    text, spec = _load(name)
    if spec["stage"] == "relate":
        entities = [(row[0], EntityType(row[1]), *row[2:]) for row in spec["entities"]]
        x = relate(blank, text, entities, author=spec.get("author"), home=spec.get("home"))
        names = None
    else:
        assert spec["stage"] == "extract", f"{name}.json: stage is relate or extract"
        from reportgraph.extract import extract_text

        x = extract_text(text, doc_id=name, home=spec.get("home"), nlp=nlp)
        key = {e.key: e.name for e in x.entities}
        x_triples = {(key[s], p, key[o]) for s, p, o in triples(x)}
        names = {(e.name, e.type.value) for e in x.entities}
    found = triples(x) if names is None else x_triples
    expected = {tuple(r) for r in spec["relations"]}
    precision, recall = _scores(found, expected)
    assert precision >= spec.get("min_precision", 0.9), sorted(found - expected)
    assert recall >= spec.get("min_recall", 0.9), sorted(expected - found)
    if names is not None:
        want = {(row[0], row[1]) for row in spec["entities"]}
        precision, recall = _scores(names, want)
        assert precision >= spec.get("min_entity_precision", 0.9), sorted(names - want)
        assert recall >= spec.get("min_entity_recall", 0.9), sorted(want - names)
