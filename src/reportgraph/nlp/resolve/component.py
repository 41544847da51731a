"""The ``reportgraph_resolve`` component: one entity per real thing.

Assigns ``doc._.rg_entities`` (a list of :class:`reportgraph.model.Entity`), and
``doc._.rg_home`` / ``doc._.rg_author`` (entity keys, or None).

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
from collections import Counter
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from reportgraph.knowledge.gazetteer import SOURCE, Division, Divisions, load_divisions
from reportgraph.genre.organs import organ_names, organ_table
from reportgraph.knowledge.normalize import match_key
from reportgraph.model import Entity, EntityType, Mention
from reportgraph.nlp.candidate import Candidate
from reportgraph.nlp.doc_offsets import doc_text

T = EntityType

# Title words → the kind of body delivering the report (organs.tsv's author column).
_AUTHOR_KINDS = organ_table().authors
_CN_DIGITS = "〇一二三四五六七八九"
_OPENING = re.compile(r"(?:我|受)(?:代表)?(?P<body>[^。\n]{2,40}?)(?:的委托)?[，,]?向(?:大会|本次会议)(?:报告|作)")


def _cn(n: int) -> str:
    """19 → 十九 (below 100)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


_LINE_BREAK = re.compile(r"\s*\n\s*")
_SPACES = re.compile(r"\s+")


def _unbroken(name: str) -> str:
    """The name without its line breaks and the spaces around them."""
    return _LINE_BREAK.sub("", name) if "\n" in name else name


class Resolver:
    """Group mentions into entities, reading short and relative names against the home."""

    def __init__(self) -> None:
        self.divisions: Divisions = load_divisions()

    # -- home and author ----------------------------------------------------------------
    def find_home(self, cands: list[Candidate], title_span: tuple[int, int] | None,
                  override: str | None) -> Division | None:
        """The place the report speaks for."""
        d = self.divisions
        if override:
            override = override.strip()
            context = [c.code for c in cands if c.code]
            for i in range(1, len(override) - 1):  # 张家界市永定区: the parent names the context
                if d.lookup(override[i:]) and d.lookup(override[:i]):
                    context = [x.code for x in d.lookup(override[:i])] * 5 + context
                    override = override[i:]
                    break
            found = d.choose(override, context)
            if found is None:
                for form in (override + s for s in ("县", "市", "区", "省")):
                    found = d.choose(form, context)
                    if found:
                        break
            if found is not None:
                return found
        areas = [c for c in cands if c.type is T.ADMINISTRATIVE_AREA and c.code]
        org_areas = [c for c in cands if c.type is T.ORGANIZATION and c.code]
        if title_span:
            s, e = title_span
            in_title = [c for c in areas + org_areas if s <= c.start and c.end <= e]
            if in_title:
                best = max(in_title, key=lambda c: (d.by_code[c.code].level, -c.start))  # type: ignore[index]
                return d.by_code[best.code]  # type: ignore[index]
        # the session the report is delivered at (——在湖北省第十三届人民代表大会第一次会议上)
        sessions = [c for c in cands if c.type is T.EVENT and c.kind == "session" and c.code and c.start < 400]
        if sessions:
            return d.by_code[sessions[0].code]  # type: ignore[index]
        counts = Counter(c.code for c in areas + org_areas)
        if not counts:
            return None
        # 我省, 全市, 县政协…: the level the report speaks from
        levels = Counter(c.level for c in cands if c.level and c.level not in ("home", "author"))
        if levels:
            level = levels.most_common(1)[0][0]
            at_level = {k: n for k, n in counts.items() if d.by_code[k].organ_char == level}  # type: ignore[index]
            if at_level:
                counts = Counter(at_level)
        has_relative = any(c.level for c in cands)
        best_code = max(counts, key=lambda k: (counts[k], d.by_code[k].level if has_relative else 0, k))
        return d.by_code[best_code]  # type: ignore[index]

    @staticmethod
    def author_kind(title: str | None) -> str | None:
        """The kind of body that delivers a report with this title."""
        if not title or "报告" not in title:
            return None
        for rx, kind in _AUTHOR_KINDS:
            if rx.search(title):
                return kind
        return None

    @staticmethod
    def author_kind_of_opening(text: str) -> str | None:
        """The kind of body named in 我代表…向大会报告 (when the title does not say)."""
        m = _OPENING.search(text[:3000])
        if not m:
            return None
        for rx, kind in _AUTHOR_KINDS:
            if rx.search(m.group("body")):
                return kind
        return None

    def level_division(self, level: str, home: Division | None) -> Division | None:
        """The division 县/市/省/州/区 names for a report whose home is ``home``."""
        if home is None:
            return None
        chain = [home, *self.divisions.ancestors(home.code)]
        for dv in chain:
            if dv.organ_char == level:
                return dv
        if level == "市":  # a municipality is its own 市
            for dv in chain:
                if dv.level == 1 and dv.name.endswith("市"):
                    return dv
        return None

    # -- resolution --------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        report = doc._.rg_report
        doc_id = report.doc_id if report is not None else "doc"
        text = doc_text(doc)
        raw = report.text if report is not None else text
        cands: list[Candidate] = list(doc._.rg_mentions or [])
        title, title_span = self._title(text)
        home = self.find_home(cands, title_span, report.home if report is not None else None)
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
            k = by_match.setdefault((etype, match_key(key)), (etype, key))
            if k not in groups:
                groups[k] = {"name": name, "mentions": [], "aliases": set(), "code": code}
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
        if title and title_span and "报告" in title:
            tc = Candidate(title_span[0], title_span[1], title, T.DOCUMENT, "grammar:report-title", title, sent=0)
            aliases = self._report_aliases(title, home, author_kind)
            put(T.DOCUMENT, title, title, tc, aliases)
        elif author_key:
            # no title line: the report is named after the body that delivers it
            if opening_body is None:
                m = _OPENING.search(text[:3000])
                opening_body = m.group("body") if m else None
        if opening_body and author_key and not (title and title_span and "报告" in title):
            body = re.sub(r"\s+", "", opening_body)
            name = f"{body}工作报告" if "委员会" in body else f"{author_key.replace('人民政府', '政府')}工作报告"
            put(T.DOCUMENT, name, name, None, (f"{author_key}工作报告",))

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
                mentions=tuple(Mention(doc_id, s, e, raw[s:e]) for s, e in mentions),
                code=grp["code"], longitude=d.longitude if d else None,
                latitude=d.latitude if d else None, source=SOURCE if d else None,
            ))
        doc._.rg_entities = entities
        doc._.rg_home = home.code if home is not None else None
        doc._.rg_author = author_key
        return doc

    @staticmethod
    def _title(text: str) -> tuple[str | None, tuple[int, int] | None]:
        """The title: the first non-empty line, joined with the next short lines while it
        does not yet say what it is (中国人民政治协商会议 / 第七届磐安县委员会常务委员会工作报告);
        letters spaced out for layout (工 作 报 告) are closed up."""
        lines = [m for m in re.finditer(r"[^\n]+", text) if m.group(0).strip(" \t　#")]
        if not lines:
            return None, None
        parts = []
        if lines[0].group(0).strip(" \t　#")[:1] in "—-－":
            return None, None  # a subtitle (——在…会议上的报告) with the title missing
        for m in lines[:4]:
            line = m.group(0).strip(" \t　#")
            if len(line) > 80 or re.search(r"[。，；：:,;]", line) or (parts and line[:1] in "—-－(（"):
                break
            parts.append(m)
            if "报告" in line:
                break
        if not parts:
            return None, None
        if not any("报告" in p.group(0) for p in parts):
            parts = parts[:1]
        first, last = parts[0], parts[-1]
        s = first.start() + (len(first.group(0)) - len(first.group(0).lstrip(" \t　#")))
        e = last.start() + len(last.group(0).rstrip(" \t　"))
        title = re.sub(r"\s+", "", text[s:e])
        if len(title) > 80:
            return None, None
        return title, (s, e)

    def _organ(self, kind: str, dv: Division) -> tuple[str, tuple[str, ...]]:
        names = organ_names(kind, dv)
        return names[0], names[1:]

    def _resolve_one(self, c: Candidate, home: Division | None, author_kind: str | None,
                     proposals: dict[str, str], put) -> None:  # type: ignore[no-untyped-def]
        d = self.divisions
        if c.type is T.ADMINISTRATIVE_AREA:
            if c.level:
                dv = self.level_division(c.level, home)
                if dv is None:
                    return
                put(T.ADMINISTRATIVE_AREA, dv.code, dv.name, c, code=dv.code)
            elif c.code:
                dv = d.by_code[c.code]
                put(T.ADMINISTRATIVE_AREA, dv.code, dv.name, c, code=dv.code)
            else:
                put(c.type, c.canonical or c.text, c.canonical or c.text, c)
            return
        if c.type is T.ORGANIZATION and c.kind and c.kind.startswith("政协:"):
            dv = d.by_code.get(c.code or "") if c.code else (
                self.level_division(c.level, home) if c.level and c.level not in ("author", "home") else home)
            if c.level == "author" and author_kind not in (None, "政协"):
                return
            if dv is None:
                return
            committee = c.kind.split(":", 1)[1]
            name = f"{organ_names('政协', dv)[0]}{committee}"
            put(T.ORGANIZATION, name, name, c)
            return
        if c.type is T.ORGANIZATION and c.kind and c.kind.startswith("委") and len(c.kind) > 1:
            dv = self.level_division(c.level or "", home)
            if dv is None:
                return
            name = organ_names("党委", dv)[0] + c.kind[1:]
            put(T.ORGANIZATION, name, name, c)
            return
        if c.type is T.EVENT and c.kind and c.kind.startswith("organ-session:"):
            organ = self._organ_of(replace(c, kind=c.kind.split(":", 1)[1]), home, author_kind)
            if organ is None:
                return
            name = organ[0] + (c.ref or "")
            put(T.EVENT, name, name, c)
            return
        if c.type is T.ORGANIZATION and c.kind and c.kind not in ("party-unit",) and not c.canonical:
            organ = self._organ_of(c, home, author_kind)
            if organ is not None:
                put(T.ORGANIZATION, organ[0], organ[0], c, organ[1])
            return
        if c.kind and c.kind.startswith("party-unit:") and c.level:
            dv = self.level_division(c.level, home)
            if dv is None:
                return
            party = c.text[: -len(c.kind.split(":")[1]) - 1]
            name = f"{party}{dv.name}{c.kind.split(':')[1]}"
            put(T.ORGANIZATION, name, name, c)
            return
        if c.type is T.EVENT and c.kind == "local-plenum":
            dv = self.level_division(c.level or "", home)
            if dv is None:
                return
            name = organ_names("党委", dv)[0] + (c.ref or "")
            put(T.EVENT, name, name, c)
            return
        if c.type is T.EVENT and c.kind == "local-congress":
            dv = self.level_division(c.level or "", home) if c.level else d.by_code.get(c.code or "")
            if dv is None:
                return
            name = f"中共{dv.name}第{c.ref}次代表大会"
            put(T.EVENT, name, name, c, (f"{dv.name}第{c.ref}次党代会",))
            return
        if c.type is T.EVENT and c.kind == "bare-session":
            body = None if home is None else (
                "人大" if "人大" in c.text or author_kind not in ("政协", "人大") else author_kind)
            if body is None or ("政协" in c.text and body != "政协"):
                put(T.EVENT, c.text, c.text, c)
                return
            if body == "人大":  # a session of the people's congress itself, not of its standing committee
                name = f"{home.name}{c.text}" if "人大" in c.text else f"{home.name}人大{c.text}"  # type: ignore[union-attr]
            else:
                name = organ_names(body, home)[0] + c.text  # type: ignore[arg-type]
            put(T.EVENT, name, name, c)
            return
        if c.type is T.EVENT and c.kind == "short-session":
            dv = self.level_division(c.level or "", home)
            name = f"{dv.name}{c.ref}" if dv is not None else c.text
            put(T.EVENT, name, name, c)
            return
        if c.type is T.EVENT and c.kind == "congress":
            n = int(c.ref or 0)
            name = f"中共{_cn(n)}大"
            put(T.EVENT, name, name, c, (f"{_cn(n)}大", f"党的{_cn(n)}大", f"中国共产党第{_cn(n)}次全国代表大会"))
            return
        if c.type is T.EVENT and c.kind == "plenum":
            n, m = (int(x) for x in (c.ref or "0:0").split(":"))
            name = f"中共{_cn(n)}届{_cn(m)}中全会"
            put(T.EVENT, name, name, c, (f"{_cn(n)}届{_cn(m)}中全会",))
            return
        if c.type is T.EVENT and c.kind in ("session", "term") and not c.canonical and c.code:
            dv = d.by_code[c.code]
            text = c.text
            name = text if dv.name in text else text
            put(T.EVENT, name, name, c)
            return
        if c.type is T.DOCUMENT and c.kind == "proposal":
            name = proposals.get(c.ref or "", c.text)
            put(T.DOCUMENT, name, name, c)
            return
        if c.type is T.INITIATIVE and c.ref and c.rule == "grammar:quoted-initiative":
            put(T.INITIATIVE, c.canonical or c.text, c.canonical or c.text, c, (c.ref,))
            return
        name = c.canonical or c.text
        put(c.type, name, name, c)

    def _organ_of(self, c: Candidate, home: Division | None,
                  author_kind: str | None) -> tuple[str, tuple[str, ...]] | None:
        """The canonical name and other names of the organ a candidate names."""
        kind = c.kind or ""
        if c.level == "author":
            if kind == "author":  # bare 常委会: the author's, when it has one
                if author_kind not in ("政协", "人大"):
                    return None
                kind = author_kind
            dv = home
        elif c.level == "home":
            dv = home
        elif c.level:
            dv = self.level_division(c.level, home)
        else:
            dv = self.divisions.by_code.get(c.code or "")
        if dv is None:
            return None
        return self._organ(kind, dv)

    def _author_key(self, author_kind: str | None, home: Division | None, groups: dict, put) -> str | None:  # type: ignore[no-untyped-def]
        if author_kind is None or home is None:
            return None
        name, aliases = self._organ(author_kind, home)
        if (T.ORGANIZATION, name) not in groups:
            put(T.ORGANIZATION, name, name, None, aliases)
        return name

    @staticmethod
    def _author_from_opening(text: str, cands: list[Candidate], groups: dict) -> tuple[str | None, str | None]:
        """我代表上杭县人民政府，向大会报告…: the body the speaker represents (its key, and
        the words that name it)."""
        m = _OPENING.search(text[:3000])
        if not m:
            return None, None
        for key, grp in groups.items():
            etype, name = key
            if etype is not T.ORGANIZATION:
                continue
            if any(m.start("body") <= c.start and c.end <= m.end("body") for c in grp["mentions"]):
                return name, m.group("body")
        return None, None

    def _report_aliases(self, title: str, home: Division | None, author_kind: str | None) -> tuple[str, ...]:
        out = []
        short = title.replace("中国人民政治协商会议", "政协")
        if short != title:
            out.append(short)
        if home is not None and author_kind == "政协" and "常务委员会" in title:
            out.append(f"{home.name}政协常委会工作报告")
        if home is not None and author_kind == "政府" and home.name not in title:
            out.append(f"{home.name}{title}")
        return tuple(out)


@Language.factory(
    "reportgraph_resolve",
    assigns=["doc._.rg_entities", "doc._.rg_home", "doc._.rg_author"],
    requires=["doc._.rg_mentions"],
)
def make_resolver(nlp: Language, name: str) -> Resolver:
    """spaCy factory for :class:`Resolver`."""
    return Resolver()
