"""The queries reportgraph runs itself are .rq files that parse, name only terms of the
ontology, and list exactly its entity classes and relation properties where they list
them; no Python module of the package holds SPARQL or types the ontology namespace."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from reportgraph.query.internal import internal_names, internal_query
from reportgraph.rdf.vocab import CLASSES, NAMESPACE, PREDICATES, read_terms
from reportgraph.rdf.resources import ontology_path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "reportgraph"
ENTITY_CLASSES = {str(c) for c in CLASSES.values()}
RELATIONS = {str(p) for p in PREDICATES.values()}


def _values(text: str, var: str) -> set[str]:
    m = re.search(r"VALUES \?" + var + r" \{([^}]*)\}", text)
    assert m, var
    return {NAMESPACE + t[3:] if t.startswith("rg:") else t.strip("<>") for t in m.group(1).split()}


@pytest.mark.parametrize("name", internal_names())
def test_each_internal_query_parses_and_names_ontology_terms(name):
    text = internal_query(name)
    ox.Store().query(text)
    _ns, terms = read_terms(ontology_path())
    for local in re.findall(r"\brg:(\w+)", text):
        assert local in terms, (name, local)
    if "VALUES ?class" in text:
        assert _values(text, "class") == ENTITY_CLASSES
    if "VALUES ?t " in text:
        assert _values(text, "t") == ENTITY_CLASSES
    if name == "relations":
        assert _values(text, "p") == RELATIONS


def test_no_sparql_or_namespace_typed_in_python():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        body = re.sub(r'""".*?"""', "", text, flags=re.S)  # docstrings and their examples may show queries
        if re.search(r"f[\"'][^\"']*\b(?:SELECT|CONSTRUCT|ASK|DESCRIBE)\b[^\"']*\{", body):
            offenders.append(f"{path.name}: SPARQL in an f-string")
        if path.name != "vocab.py" and "w3id.org/reportgraph/ontology#" in body:
            offenders.append(f"{path.name}: the ontology namespace typed by hand")
    assert offenders == []
