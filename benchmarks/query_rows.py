"""Every named query's rows (and the Python API's relations with their evidence) on a
graph file or store, as JSON: to check that a change of the RDF layout keeps every answer.

    PYTHONPATH=src python benchmarks/query_rows.py SOURCE > before.json
    ... change the code, rebuild SOURCE ...
    PYTHONPATH=src python benchmarks/query_rows.py SOURCE > after.json
    python benchmarks/query_rows.py --compare before.json after.json

Each query runs unbound, and the queries that take ``?entity``/``?name`` run bound to a
few entities (by IRI and by name): the bodies that deliver the reports and the entities
with the most mentions. Rows are compared as sets of tuples of (kind, value, datatype,
language), so an order that differs where the query leaves it open is no difference.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def _cell(t: object) -> list[object] | None:
    if t is None:
        return None
    return [t.kind, t.value, t.datatype, t.lang]  # type: ignore[attr-defined]


def dump(source: str, *, picks: int = 6, timeout: float = 60) -> dict[str, object]:
    """The rows of every named query on ``source`` (see the module docstring); a run that
    takes longer than ``timeout`` seconds is recorded as an error."""
    from reportgraph.api import ReportGraph
    from reportgraph.errors import ReportGraphError
    from reportgraph.query.run import load_query, run_query
    from reportgraph.rdf.resources import queries_dir

    out: dict[str, object] = {}
    names = sorted(p.stem for p in queries_dir().glob("*.rq"))
    ents = run_query("entities", source, timeout=600, max_rows=10**7)
    ranked = sorted(ents, key=lambda r: (-int(r["mentions"].value), r["entity"].value))
    bodies = run_query("SELECT DISTINCT ?e WHERE { ?r <https://w3id.org/reportgraph/ontology#deliveredBy> ?e } "
                       "ORDER BY ?e LIMIT 3", source, timeout=600).values("e")
    chosen = list(dict.fromkeys(bodies + [r["entity"].value for r in ranked[:picks]]))
    labels = {r["entity"].value: r["label"].value for r in ents}
    for name in names:
        q = load_query(name)
        runs: list[tuple[str, dict[str, object]]] = [(name, {})]
        if "text" in q.bindable:
            runs = [(f"{name} text=政协", {"text": "政协"}), (f"{name} text=县", {"text": "县"})]
        for iri in chosen:
            if "entity" in q.bindable:
                from reportgraph.query.run import Term

                runs.append((f"{name} entity={iri}", {"entity": Term("uri", iri)}))
            if "name" in q.bindable and iri in labels:
                runs.append((f"{name} name={labels[iri]}", {"name": labels[iri]}))
        for label, bindings in runs:
            try:
                res = run_query(name, source, bindings=bindings, timeout=timeout, max_rows=10**7)
            except ReportGraphError as err:  # a timeout: recorded, so both sides can be compared
                out[label] = {"variables": [], "rows": [f"error: {str(err)[:40]}"]}
                continue
            rows = sorted(json.dumps([_cell(c) for c in row], ensure_ascii=False) for row in res.rows)
            out[label] = {"variables": list(res.variables), "rows": rows}
    g = ReportGraph.load(source)
    rels = []
    for r in g.relations():
        rels.append(json.dumps([r.subject.iri, r.predicate.value, r.object.iri,
                                [[e.document, e.start, e.end, e.text, e.method, e.source] for e in r.evidence]],
                               ensure_ascii=False))
    out["api relations"] = {"variables": [], "rows": sorted(rels)}
    out["api entities"] = {"variables": [], "rows": sorted(
        json.dumps([e.iri, e.name, e.type.value, list(e.aliases), e.code], ensure_ascii=False)
        for e in g.entities())}
    return out


def compare(a: dict[str, dict[str, object]], b: dict[str, dict[str, object]]) -> int:
    """Print the differences; return how many runs differ."""
    bad = 0
    for key in sorted(set(a) | set(b)):
        if key not in a or key not in b:
            print(f"only in {'after' if key in b else 'before'}: {key}")
            bad += 1
            continue
        ra, rb = set(a[key]["rows"]), set(b[key]["rows"])  # type: ignore[arg-type]
        if a[key]["variables"] != b[key]["variables"] or ra != rb or \
                len(a[key]["rows"]) != len(b[key]["rows"]):  # type: ignore[arg-type]
            bad += 1
            print(f"DIFF {key}: {len(ra)} vs {len(rb)} rows; -{len(ra - rb)} +{len(rb - ra)}")
            for r in sorted(ra - rb)[:3]:
                print("   -", r[:300])
            for r in sorted(rb - ra)[:3]:
                print("   +", r[:300])
    total = sum(len(v["rows"]) for v in a.values())  # type: ignore[arg-type]
    print(f"{len(a)} runs, {total} rows before; {bad} differ")
    return bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", nargs="?")
    ap.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"))
    ap.add_argument("--timeout", type=float, default=60, help="seconds per query run (default 60)")
    a = ap.parse_args()
    if a.compare:
        before, after = (json.loads(Path(p).read_text(encoding="utf-8")) for p in a.compare)
        return 1 if compare(before, after) else 0
    json.dump(dump(a.source, timeout=a.timeout), sys.stdout, ensure_ascii=False, indent=0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
