"""What a built store holds per report, and what its bytes would be laid out otherwise.

    PYTHONPATH=src .venv/bin/python benchmarks/store_breakdown.py STORE [--variants]

Reads a store written by ``reportgraph build --store`` (read-only) and prints, per report:
quads in the report graphs and in the merged default graph, the report-graph quads by the
kind of their subject (mention, statement, evidence node, sentence, the rest: entities,
relations and the report, descriptions) and by predicate; then the store's SST bytes, and
every file of its directory, per input character (the input characters are the length of
each report's ``nif:isString``).

With ``--variants`` it copies the quads into fresh stores under ``--workdir``, each with
one bulk load, and prints the bytes per character of: the same quads (what the store
costs when RocksDB keeps the bulk loader's compressed files instead of re-compacting them
into an uncompressed level), without the merged default graph, without the entity
descriptions the merged graph already holds in the report graphs, then also with
evidence nodes folded into their IRIs (method and offsets) and sentences not written,
and then also without ``rdf:predicate`` and without mentions. The variants are layouts to
weigh, not layouts the named queries read (they were written for the layout before
``rg:description`` and folded evidence; on a store in today's layout only the first two
mean anything).
"""

from __future__ import annotations

import argparse
import collections
import os
import shutil
import urllib.parse
from pathlib import Path

import pyoxigraph as ox

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RG = "https://w3id.org/reportgraph/ontology#"
PROV = "http://www.w3.org/ns/prov#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"


def sst_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.iterdir() if f.suffix == ".sst")


def kind(q: ox.Quad) -> str:
    v = q.subject.value if isinstance(q.subject, ox.NamedNode) else ""
    for k, name in (("/m/", "mention"), ("/stmt/", "statement"), ("/ev/", "evidence"), ("#char=", "sentence")):
        if k in v:
            return name
    if q.predicate.value == RG + "description":
        return "descriptions (rg:description)"
    return "entities, relations, report"


def dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.iterdir() if f.is_file())


def local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def variants(quads: list[ox.Quad]) -> list[tuple[str, list[ox.Quad]]]:
    d = ox.DefaultGraph()
    default = [q for q in quads if q.graph_name == d]
    merged = {q.triple for q in default}
    named = [q for q in quads if q.graph_name != d]
    ev: dict[str, dict[str, ox.Term]] = collections.defaultdict(dict)
    for q in named:
        if kind(q) == "evidence":
            ev[q.subject.value][q.predicate.value] = q.object

    def folded(iri: str) -> ox.NamedNode | None:
        e = ev.get(iri, {})
        if PROV + "wasDerivedFrom" not in e:
            return None  # evidence from a source keeps its node
        span = e[PROV + "wasDerivedFrom"].value.split("#char=")[1]
        return ox.NamedNode(f"{iri.split('/ev/')[0]}/ev/{span}/{urllib.parse.quote(e[RG + 'method'].value, safe=':')}")

    def make(level: int) -> list[ox.Quad]:
        out = []
        for q in named:
            k = kind(q)
            if level >= 2 and k == "entities, relations, report" and q.triple in merged:
                continue
            if level >= 3:
                if k == "sentence" or (k == "evidence" and folded(q.subject.value) is not None):
                    continue
                if k == "statement" and q.predicate.value == RG + "evidence":
                    f = folded(q.object.value)
                    if f is not None:
                        q = ox.Quad(q.subject, q.predicate, f, q.graph_name)
            if level >= 4 and q.predicate.value == RDF + "predicate":
                continue
            if level >= 5 and k == "mention":
                continue
            out.append(q)
        return out + (default if level != 1 else [])

    names = ["as built, one bulk load", "without the merged default graph",
             "without entity descriptions in report graphs", "  and evidence folded into IRIs, no sentences",
             "  and no rdf:predicate", "  and no mentions"]
    return [(name, make(i)) for i, name in enumerate(names)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--variants", action="store_true")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/reportgraph-store-breakdown"))
    a = ap.parse_args()
    store = ox.Store.read_only(str(a.store))
    quads = list(store)
    d = ox.DefaultGraph()
    chars = sum(len(q.object.value) for q in quads if q.predicate.value == NIF + "isString" and q.graph_name != d)
    reports = len({q.graph_name.value for q in quads if q.predicate.value == NIF + "isString" and q.graph_name != d})
    named = [q for q in quads if q.graph_name != d]
    print(f"{reports} reports, {chars:,} characters, {len(quads):,} quads")
    print(f"  per report: {len(named) / reports:,.0f} in its report graph, "
          f"{(len(quads) - len(named)) / reports:,.0f} in the merged default graph")
    for k, n in collections.Counter(map(kind, named)).most_common():
        print(f"    {k:<32} {n / reports:8,.1f}")
    print("  report-graph quads per report by predicate:")
    for p, n in collections.Counter(local(q.predicate.value) for q in named).most_common(20):
        print(f"    {p:<32} {n / reports:8,.1f}")
    size = sst_bytes(a.store)
    print(f"  store: {size / 2**20:,.1f} MB of SST files, {size / chars:.1f} bytes per input character, "
          f"{size / len(quads):.0f} per quad")
    everything = dir_bytes(a.store)
    print(f"  store directory, every file: {everything / 2**20:,.1f} MB, {everything / chars:.1f} bytes per input "
          "character")
    if a.variants:
        a.workdir.mkdir(parents=True, exist_ok=True)
        for name, qs in variants(quads):
            path = a.workdir / "variant"
            shutil.rmtree(path, ignore_errors=True)
            s = ox.Store(str(path))
            s.bulk_load(ox.serialize(qs, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
            s.flush()
            del s
            n = sum(1 for q in qs if q.graph_name != d)
            print(f"  {name:<48} {n / reports:6,.0f} + {(len(qs) - n) / reports:4,.0f} quads/report, "
                  f"{sst_bytes(path) / chars:5.1f} bytes/char")
        shutil.rmtree(a.workdir / "variant", ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
