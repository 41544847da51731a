"""Hand-built extractions shared by the RDF, store, query and endpoint tests."""

from __future__ import annotations

import hashlib

from reportgraph.model import (
    Entity,
    EntityType,
    Evidence,
    Extraction,
    Mention,
    Predicate,
    Relation,
    Report,
)

TEXT = ("代县政协与凤凰县政协等七县(市)政协形成“双帽”七县(市)政协联席会议年会制度。"
        "县政协认真落实脱贫攻坚部署，参加“双帽”第五次联席会，编印《代县建言》。")
SHUANGMAO = "“双帽”七县(市)政协联席会议"


def _span(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    i = text.index(needle, start)
    return i, i + len(needle)


def make_extraction(text: str = TEXT, doc: str = "seed", extra: str = "") -> Extraction:
    """A small, realistic extraction built by hand (offsets computed from the text)."""
    text = text + extra
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    report = Report(doc, text, text, "utf-8", sha, path="/home/someone/reports/daixian.txt",
                    title="代县政协常委会工作报告", home="140923")
    s1 = _span(text, "。") 
    sent1 = (0, s1[1])
    sent2 = (s1[1], len(text))

    def ment(name: str, start: int = 0) -> Mention:
        a, b = _span(text, name, start)
        return Mention(doc, a, b, name)

    def ev(sent: tuple[int, int], method: str) -> Evidence:
        return Evidence(doc, sent[0], sent[1], text[sent[0]:sent[1]], method)

    gaz = Evidence(doc, None, None, "", "gazetteer", source="cpca")
    entities = (
        Entity("代县政协", "代县政协", EntityType.ORGANIZATION, aliases=("县政协",),
               mentions=(ment("代县政协"), ment("县政协", sent2[0]))),
        Entity("凤凰县政协", "凤凰县政协", EntityType.ORGANIZATION, mentions=(ment("凤凰县政协"),)),
        Entity(SHUANGMAO, SHUANGMAO, EntityType.ORGANIZATION, aliases=("“双帽”联席会议",),
               mentions=(ment(SHUANGMAO),)),
        Entity("140923", "代县", EntityType.ADMINISTRATIVE_AREA, code="140923",
               longitude=112.96, latitude=39.07, source="cpca"),
        Entity("140000", "山西省", EntityType.ADMINISTRATIVE_AREA, code="140000"),
        Entity("脱贫攻坚", "脱贫攻坚", EntityType.INITIATIVE, mentions=(ment("脱贫攻坚"),)),
        Entity("“双帽”第五次联席会", "“双帽”第五次联席会", EntityType.EVENT,
               mentions=(ment("“双帽”第五次联席会"),)),
        Entity("《代县建言》", "《代县建言》", EntityType.DOCUMENT, mentions=(ment("《代县建言》"),)),
    )
    relations = (
        Relation("代县政协", Predicate.MEMBER_OF, SHUANGMAO, (ev(sent1, "cue:形成"),)),
        Relation("凤凰县政协", Predicate.MEMBER_OF, SHUANGMAO, (ev(sent1, "cue:形成"),)),
        Relation("代县政协", Predicate.IMPLEMENTS, "脱贫攻坚", (ev(sent2, "cue:落实"),)),
        Relation("代县政协", Predicate.PARTICIPATED_IN, "“双帽”第五次联席会", (ev(sent2, "cue:参加"),)),
        Relation("代县政协", Predicate.AUTHORED, "《代县建言》", (ev(sent2, "cue:编印"),)),
        Relation("代县政协", Predicate.LOCATED_IN, "140923", (gaz,)),
        Relation("140923", Predicate.LOCATED_IN, "140000", (gaz,)),
        # the same fact stated twice in one report: one statement, two pieces of evidence
        Relation("代县政协", Predicate.MEMBER_OF, SHUANGMAO, (ev(sent2, "cue:参加"),)),
    )
    return Extraction(report, entities, relations, author="代县政协", author_found="stated", home="140923")


def big_graph(entities: int = 80_000, relations: int = 200_000, *, reports: int = 2000, seed: int = 1):
    """A large synthetic entity graph as :mod:`reportgraph.api` records, the size of a
    2,000-report corpus: areas with coordinates, organisations located in them, and
    relations between random entities, a few hubs (national bodies and initiatives) tied
    to many. Each relation has one or two evidence sentences from one of ``reports``."""
    import random

    from reportgraph.api import Entity as GEntity
    from reportgraph.api import Evidence as GEvidence
    from reportgraph.api import Relation as GRelation

    rng = random.Random(seed)
    kinds = [EntityType.ORGANIZATION, EntityType.DOCUMENT, EntityType.INITIATIVE, EntityType.EVENT,
             EntityType.PLACE, EntityType.PERSON]
    nodes = []
    for i in range(entities):
        if i % 20 == 0:
            nodes.append(GEntity(f"urn:big:{i}", f"测试{i}县", EntityType.ADMINISTRATIVE_AREA, (f"{i}县",), f"{i:06d}",
                                 round(rng.uniform(75, 130), 3), round(rng.uniform(20, 50), 3)))
        else:
            kind = kinds[i % len(kinds)]
            nodes.append(GEntity(f"urn:big:{i}", f"实体{i}号{kind.value}", kind, (f"简称{i}",)))
    hubs = nodes[1:40]
    predicates = list(Predicate)
    edges: dict[tuple[str, str, Predicate], GRelation] = {}
    while len(edges) < relations:
        a = rng.choice(nodes)
        b = rng.choice(hubs) if rng.random() < 0.2 else rng.choice(nodes)
        if a.iri == b.iri:
            continue
        p = predicates[rng.randrange(len(predicates))]
        doc = f"urn:big:report:{rng.randrange(reports)}"
        evidence = tuple(GEvidence(doc, 0, 30, f"句子{len(edges)}：{a.name}与{b.name}的关系。", "cue:test")
                         for _ in range(rng.choice((1, 1, 2))))
        edges[(a.iri, b.iri, p)] = GRelation(a, p, b, evidence)
    return nodes, list(edges.values())


# -- the relate stage on entities given by hand (tests/nlp/test_relate.py, the passage fixtures)

def relate(blank, text: str, spec: list[tuple], *, author: str | None = None, home: str | None = None,
           doc_id: str = "t") -> Extraction:
    """Run the relater on ``text`` with entities ``(name, type, *aliases)``; every
    occurrence of a name or alias is a mention (nested names are kept, as a recogniser
    that reports both 四川省阆中市 and 四川省 would)."""
    import re

    from reportgraph.knowledge.gazetteer import load_divisions
    from reportgraph.nlp.from_doc import from_doc
    from reportgraph.nlp.pipeline import split_sentences
    from reportgraph.nlp.relate.component import Relater
    from reportgraph.read.report import report_from_text

    report = report_from_text(text, doc_id=doc_id)
    doc = blank.make_doc(report.clean)
    split_sentences(doc)
    divisions = load_divisions()
    entities = []
    for name, etype, *aliases in spec:
        spans: set[tuple[int, int]] = set()
        for form in sorted({name, *aliases}, key=len, reverse=True):
            for m in re.finditer(re.escape(form), text):
                if not any(s <= m.start() and m.end() <= e for s, e in spans):
                    spans.add((m.start(), m.end()))
        code = None
        if etype is EntityType.ADMINISTRATIVE_AREA:
            code = next((divisions.by_name[f][0].code for f in (name, *aliases) if f in divisions.by_name), None)
        mentions = tuple(Mention(doc_id, s, e, text[s:e]) for s, e in sorted(spans))
        entities.append(Entity(name, name, etype, tuple(aliases), mentions, code))
    doc._.rg_report = report
    doc._.rg_entities = entities
    doc._.rg_author = author
    doc._.rg_home = home
    Relater()(doc)
    return from_doc(doc)


def triples(x: Extraction) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate.value, r.object) for r in x.relations}


def write_texts(root, texts: dict[str, str]):
    """A folder of report files ``NAME.txt`` with the given texts; returns it."""
    root.mkdir(parents=True)
    for name, text in texts.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    return root


def store_quads(store) -> list[str]:
    """Every quad of an on-disk store, as sorted N-Quads lines (read-only: a build may hold it)."""
    import pyoxigraph as ox

    s = ox.Store.read_only(str(store))
    try:
        return sorted(str(q) for q in s)
    finally:
        del s
