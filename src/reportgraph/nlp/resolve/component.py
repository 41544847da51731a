"""The ``reportgraph_resolve`` component: one entity per real thing.

Assigns ``doc._.rg_entities`` (a list of :class:`reportgraph.model.Entity`), and
``doc._.rg_home`` / ``doc._.rg_author`` (entity keys, or None: what the title, the opening or
the caller state), and ``doc._.rg_head`` (a :class:`reportgraph.nlp.resolve.home.ReportHead`:
the title and the author and home with the guesses, which the relate stage reads).

- The home place: ``Report.home`` when given, else the place named in the title, else
  the most often named county-level place.
- The author: read from the title (政协…常务委员会工作报告 → the home's 政协, 政府工作报告 → the
  home's 人民政府, 人大常委会工作报告 → its 人大常委会).
- 我县, 全县, 县政协, 县委, 省政协, 市委… are read against the home and its parents
  (代县 → 忻州市 → 山西省), and organs get canonical names (山西省政协, 中共忻州市委).
- The report itself is a Document entity (its title line is the mention).

Entity keys: the division code for an administrative area, the canonical name otherwise.

>>> from reportgraph.extract import extract_text
>>> x = extract_text("# 政协凤凰县委员会常务委员会工作报告\\n县政协在县委领导下，助力我县乡村振兴。")
>>> sorted(e.name for e in x.entities if e.type.value == "Organization")
['中共凤凰县委', '凤凰县政协']
>>> x.author
'凤凰县政协'
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from reportgraph.genre.organs import DEFAULT_TABLES, OrganTable, load_organ_table, using_organ_table
from reportgraph.knowledge.gazetteer import SOURCE, Divisions, load_divisions
from reportgraph.knowledge.lists import load_knowledge
from reportgraph.knowledge.normalize import match_key
from reportgraph.model import Entity, EntityType, Mention
from reportgraph.nlp.candidate import Candidate
from reportgraph.nlp.doc_offsets import doc_text
from reportgraph.nlp.resolve.home import _OPENING, HomeAndAuthor, ReportHead, settle_author_and_home
from reportgraph.nlp.resolve.names import CanonicalNames
from reportgraph.read.title import title_span

T = EntityType

_LINE_BREAK = re.compile(r"\s*\n\s*")
_SPACES = re.compile(r"\s+")
# 九三学社某市委员会 / 某市委会 / 某市委: one committee of a democratic party, however its end is
# written (the party's forms from the knowledge's bodies.tsv)
_PARTY_COMMITTEE = re.compile(
    r"^(?P<head>(?:" + "|".join(map(re.escape, sorted(load_knowledge().parties, key=len, reverse=True)))
    + r").{1,12}?[省市县区州旗盟])委(?:员会|会)$")


@lru_cache(maxsize=65536)
def _group_key(etype: EntityType, key: str) -> str:
    """The key that groups an entity's spellings: the matching key, with a democratic party's
    committee's 委员会/委会 read as 委. Remembered (a pure function of its arguments; the same
    names recur in every report)."""
    if etype is EntityType.ORGANIZATION:
        m = _PARTY_COMMITTEE.match(key)
        if m:
            key = m.group("head") + "委"
    return match_key(key)


def _unbroken(name: str) -> str:
    """The name without its line breaks and the spaces around them."""
    return _LINE_BREAK.sub("", name) if "\n" in name else name


class Resolver(CanonicalNames, HomeAndAuthor):
    """Group mentions into entities, reading short and relative names against the home."""

    def __init__(self, *, organs: OrganTable | None = None) -> None:
        self.organs = organs  # the organ kinds of the pipeline's settings (None: the shipped ones)
        self.divisions: Divisions = load_divisions()

    # -- resolution --------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        with using_organ_table(self.organs):
            return self._resolve(doc)

    def _resolve(self, doc: Doc) -> Doc:
        report = doc._.rg_report
        doc_id = report.doc_id if report is not None else "doc"
        text = doc_text(doc)
        raw = report.text if report is not None else text
        cands: list[Candidate] = list(doc._.rg_mentions or [])
        found = title_span(text)  # the view the pipeline reads: the report's title, here
        title, span = found if found else (None, None)
        home = self.find_home(cands, span, report.home if report is not None else None, text)
        author_kind = self.author_kind(title) or self.author_kind_of_opening(text)

        groups: dict[tuple[EntityType, str], dict] = {}
        order: list[tuple[EntityType, str]] = []
        by_match: dict[tuple[EntityType, str], tuple[EntityType, str]] = {}

        def put(etype: EntityType, key: str, name: str, c: Candidate | None, aliases: tuple[str, ...] = (),
                code: str | None = None) -> None:
            name = _unbroken(name)  # a name broken over lines
            key = _unbroken(key)
            # variant spellings (full-width forms, spaces, traditional characters) are one
            # entity: grouped by the matching key, named by the first surface form
            k = by_match.setdefault((etype, _group_key(etype, key)), (etype, key))
            if k not in groups:
                groups[k] = {"name": name, "mentions": [], "aliases": set(), "code": code, "local": set(),
                             "free": set()}
                order.append(k)
            grp = groups[k]
            if name != grp["name"]:
                grp["aliases"].add(name)
            grp["aliases"].update(aliases)
            if c is not None:
                grp["mentions"].append(c)
                alias = _SPACES.sub("", c.alias)
                if len(alias) >= 2:
                    grp["aliases"].add(alias)
                    # 县政协, 我县, 常委会: read against this report's home or author only
                    grp["local" if c.level else "free"].add(alias)

        proposals: dict[str, str] = {}
        for c in cands:
            if c.kind == "proposal" and re.match(r"\D", c.text):
                proposals.setdefault(c.ref or "", c.text)

        for c in cands:
            self._resolve_one(c, home, author_kind, proposals, put)

        author_key = self._author_key(author_kind, home, groups, put)
        opening_body = None
        if author_key is None:
            author_key, opening_body = self._author_from_opening(text, cands, groups)
        if author_key is None:
            author_key = self._author_from_byline(text, groups)
        for c in cands:
            if c.kind and c.kind.startswith("author-unit:") and author_key:
                unit = c.kind.split(":", 1)[1]  # 调研处 of 某某省委 speaking: 某某省委调研处
                put(T.ORGANIZATION, author_key + unit, author_key + unit, c)
        extracted = self.digest_of(title) if title and span else None
        if extracted:  # 某某工作报告摘编: the extracts are a document, the report they give another
            put(T.DOCUMENT, title, title, Candidate(span[0], span[1], title, T.DOCUMENT, "grammar:report-digest",
                                                    title, sent=0))
            title, span = extracted, (span[0], span[0] + len(extracted))
        if title and span and "报告" in title:
            tc = Candidate(span[0], span[1], title, T.DOCUMENT, "grammar:report-title", title, sent=0)
            aliases = self._report_aliases(title, home, author_kind)
            put(T.DOCUMENT, title, title, tc, aliases)
        elif author_key:
            # no title line: the report is named after the body that delivers it
            if opening_body is None:
                m = _OPENING.search(text[:3000])
                opening_body = m.group("body") if m else None
        if opening_body and author_key and not (title and span and "报告" in title):
            body = re.sub(r"\s+", "", opening_body)
            aliases = [f"{author_key}工作报告"]
            if "委员会" in body:  # 政协某某县第九届委员会常务委员会工作报告
                name = f"{body}工作报告"
                if "常务委员会" in body:
                    aliases.append(f"{author_key}常委会工作报告")
            elif "常委会" in body:  # 区政协九届常委会 → 某某区政协常委会工作报告
                name = f"{author_key}常委会工作报告"
                aliases.append(f"{body}工作报告")
            else:
                name = f"{author_key.replace('人民政府', '政府')}工作报告"
            put(T.DOCUMENT, name, name, None, tuple(a for a in aliases if a != name))

        if home is not None and (T.ADMINISTRATIVE_AREA, home.code) not in groups:
            # the home named only through 我县 or the title's organ: still an entity (no mention)
            put(T.ADMINISTRATIVE_AREA, home.code, home.name, None, code=home.code)
        entities = []
        for k in order:
            etype, key = k
            grp = groups[k]
            name = grp["name"]
            mentions = sorted({(c.start, c.end) for c in grp["mentions"]})
            d = self.divisions.by_code.get(grp["code"]) if grp["code"] else None
            entities.append(Entity(
                key=key, name=name, type=etype,
                aliases=tuple(sorted(a for a in grp["aliases"] if a != name)),
                local_aliases=tuple(sorted(a for a in grp["local"] - grp["free"] if a != name)),
                mentions=tuple(Mention(doc_id, s, e, raw[s:e]) for s, e in mentions),
                code=grp["code"], longitude=d.longitude if d else None,
                latitude=d.latitude if d else None, source=SOURCE if d else None,
            ))
        doc._.rg_entities = entities
        doc._.rg_home = home.code if home is not None else None
        doc._.rg_author = author_key
        head_author, head_home = settle_author_and_home(
            {e.key: e for e in entities}, text, report.title if report is not None else None,
            report.home if report is not None else None, author_key, doc._.rg_home)
        doc._.rg_head = ReportHead(title, head_author, head_home)
        return doc

@Language.factory(
    "reportgraph_resolve",
    assigns=["doc._.rg_entities", "doc._.rg_home", "doc._.rg_author", "doc._.rg_head"],
    requires=["doc._.rg_mentions"],
    default_config={"tables": DEFAULT_TABLES, "organs": []},
)
def make_resolver(nlp: Language, name: str, tables: str, organs: list[str]) -> Resolver:
    """spaCy factory for :class:`Resolver`; ``tables`` and ``organs`` as for
    ``reportgraph_recognize`` (``pipeline.cfg``'s ``[genre]``)."""
    from reportgraph.nlp.extensions import register_extensions

    register_extensions(("rg_report", "rg_mentions", "rg_entities", "rg_home", "rg_author", "rg_head"))
    return Resolver(organs=load_organ_table(tables, organs))
