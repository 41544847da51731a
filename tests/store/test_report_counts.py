"""A report's own counts (rg:entityCount, rg:mentionCount, rg:relationCount), written with
its node (docs/graph-layout.md): they equal a recount from the report graphs (the counting
``queries/reports.rq`` did before it read them), and they leave with their report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from reportgraph.cli import cli
from reportgraph.errors import StoreError
from reportgraph.query.run import run_query
from reportgraph.rdf.merged import union_triples
from reportgraph.rdf.to_rdf import report_iri, report_quads
from reportgraph.store.bulk import CorpusStore
from reportgraph.store.embedded import open_store

from builders import make_extraction

RG = "https://w3id.org/reportgraph/ontology#"
PASSAGES = Path(__file__).resolve().parent.parent / "fixtures" / "passages"
COUNTS = ("entityCount", "mentionCount", "relationCount")

# Each report's entities, mentions and relations counted over every mention and statement
# of the store (the mentions and statements are named below their report's IRI; posts, in
# the merged graph, by the evidence below it).
RECOUNT = """
PREFIX rg: <https://w3id.org/reportgraph/ontology#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
SELECT ?report (COALESCE(?e, 0) AS ?entities) (COALESCE(?m, 0) AS ?mentions) (COALESCE(?s, 0) AS ?relations)
WHERE {
  ?report a rg:Report .
  OPTIONAL {
    SELECT ?report (COUNT(DISTINCT ?entity) AS ?e) (COUNT(DISTINCT ?mention) AS ?m) WHERE {
      GRAPH ?g { ?mention itsrdf:taIdentRef ?entity }
      BIND (IRI(STRBEFORE(STR(?mention), "/m/")) AS ?report)
    } GROUP BY ?report }
  OPTIONAL {
    SELECT ?report (COUNT(DISTINCT ?stmt) AS ?s) WHERE {
      { GRAPH ?g { ?stmt rg:evidence ?ev } } UNION { ?stmt rg:evidence ?ev }
      BIND (IRI(STRBEFORE(STR(?ev), "/ev/")) AS ?report)
    } GROUP BY ?report }
}"""


def _table(rows) -> dict[str, tuple[int, int, int]]:
    return {r["report"].value: tuple(int(r[k].value) for k in ("entities", "mentions", "relations"))
            for r in rows}


def _build(tmp_path: Path) -> tuple[Path, list[Path]]:
    corpus = tmp_path / "in"
    corpus.mkdir()
    files = []
    for name in ("pingyao-cppcc", "tonglu-cppcc", "langzhong-cppcc"):
        files.append(Path(shutil.copy(PASSAGES / f"{name}.txt", corpus / f"{name}.txt")))
    store = tmp_path / "store"
    result = CliRunner().invoke(cli, ["build", str(corpus), "--store", str(store), "--no-statistical"])
    assert result.exit_code == 0, result.output
    return store, files


def test_the_counts_are_written_with_the_report_node():
    x = make_extraction()
    quads = report_quads(x)
    node = ox.NamedNode(str(report_iri(x.report)))
    counts = {q.predicate.value[len(RG):]: q.object for q in quads
              if q.subject == node and q.predicate.value in {RG + c for c in COUNTS}}
    assert set(counts) == set(COUNTS)
    assert all(c.datatype == ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer") for c in counts.values())
    mentions = {q.subject for q in quads if q.predicate.value.endswith("#taIdentRef")}
    # 6 entities are mentioned (代县 and 山西省 only through the gazetteer), 7 mentions (县政协
    # is a second one of 代县政协), 7 statements (the fact stated twice is one)
    assert (int(counts["entityCount"].value), int(counts["mentionCount"].value),
            int(counts["relationCount"].value)) == (6, len(mentions), 7) == (6, 7, 7)


def test_a_report_without_mentions_has_zero_counts():
    x = make_extraction()
    bare = type(x)(x.report, (), ())
    node = ox.NamedNode(str(report_iri(x.report)))
    counts = {q.predicate.value[len(RG):]: int(q.object.value) for q in report_quads(bare)
              if q.subject == node and q.predicate.value in {RG + c for c in COUNTS}}
    assert counts == dict.fromkeys(COUNTS, 0)


def test_stored_counts_equal_a_recount_and_leave_with_their_report(tmp_path: Path):
    store, files = _build(tmp_path)
    listed = _table(run_query("reports", store, max_rows=10**6))
    recounted = _table(run_query(RECOUNT, store, max_rows=10**6))
    assert len(listed) == 3 and listed == recounted
    assert all(n > 0 for counts in listed.values() for n in counts)
    posts = run_query("SELECT ?p WHERE { ?p a <http://www.w3.org/ns/org#Membership> ; "
                      "<https://w3id.org/reportgraph/ontology#evidence> ?ev }", store)
    assert posts.rows, "the corpus has posts with evidence, which the relation count includes"

    gone = run_query("SELECT ?r WHERE { ?r <https://w3id.org/reportgraph/ontology#sourcePath> "
                     "\"tonglu-cppcc.txt\" }", store).values("r")
    assert len(gone) == 1
    result = CliRunner().invoke(cli, ["remove", str(store), str(files[1])])
    assert result.exit_code == 0, result.output
    after = _table(run_query("reports", store, max_rows=10**6))
    assert after == _table(run_query(RECOUNT, store, max_rows=10**6))
    assert after == {r: c for r, c in listed.items() if r != gone[0]}
    # nothing of the removed report's node is left anywhere (default or named graphs), and
    # every count in the store is on a report the listing shows
    stale = run_query("SELECT ?p WHERE { { ?r ?p ?n } UNION { GRAPH ?g { ?r ?p ?n } } "
                      "FILTER (?r = <%s>) }" % gone[0], store)
    assert not stale.rows
    counted = run_query("SELECT DISTINCT ?r WHERE { { ?r ?p ?n } UNION { GRAPH ?g { ?r ?p ?n } } "
                        "VALUES ?p { %s } }" % " ".join(f"<{RG}{c}>" for c in COUNTS), store)
    assert set(counted.values("r")) == set(after)


def test_a_store_whose_reports_lack_their_counts_is_refused(tmp_path: Path):
    quads = [q for q in report_quads(make_extraction()) if q.predicate.value not in {RG + c for c in COUNTS}]
    store = ox.Store(str(tmp_path / "old"))
    store.extend(quads + [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
                          for t in union_triples(quads)])
    store.flush()
    del store
    result = CliRunner().invoke(cli, ["query", "reports", str(tmp_path / "old")])
    assert result.exit_code != 0 and "earlier version of reportgraph" in result.output
    assert "Traceback" not in result.output
    with pytest.raises(StoreError, match="earlier version"), CorpusStore(tmp_path / "old") as old:
        old.check_layout()
    with open_store(tmp_path / "new") as fresh:  # the same report with its counts is read
        fresh.replace_graphs(report_quads(make_extraction()))
    rows = run_query("reports", tmp_path / "new").rows
    assert [int(v.value) for v in rows[0][-3:]] == [6, 7, 7]
