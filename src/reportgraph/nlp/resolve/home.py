"""The home place and the author of a report, as the resolver works them out.

- The home place: ``Report.home`` when given, else the place named in the title, else the
  seat of the body in a by-line of its own media (来源：某某县政协, 某某县政协办公室供稿), else
  the session the report is delivered at, else the host of the meeting a news report opens
  with (…座谈会在某某县召开, 某某县政协承办; not when it speaks of 我省, 我市…), else the most
  often named place at the level the report speaks from; a place the report's people travel
  to (赴某某省考察) is none of these.
- The author: read from the title (政协…常务委员会工作报告 → the home's 政协, 政府工作报告 → the
  home's 人民政府, 人大常委会工作报告 → its 人大常委会), else from the opening (我代表…向大会报告),
  else the body of the by-line.
- The title is :mod:`reportgraph.read.title`'s (the report's, and its span in the text).
- When neither the title's kind of body nor the opening names an author, or the home is
  not an entity: :func:`settle_author_and_home` guesses them from the entities' names (the
  body heading the title, the place it is seated in). The resolver calls it once and writes
  the outcome as ``doc._.rg_head``; the relate stage reads that (and calls it itself only
  for a doc the resolver did not annotate), and ``from_doc`` carries it into the model
  (``Extraction.author`` with ``author_found`` "stated" or "guessed", ``Extraction.home``),
  which the RDF reads.

:class:`HomeAndAuthor` is mixed into :class:`reportgraph.nlp.resolve.component.Resolver`,
which supplies ``divisions`` (the gazetteer) and ``_organ``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from reportgraph.genre.organs import organ_table
from reportgraph.genre.words import alternation, genre_words
from reportgraph.knowledge.gazetteer import Division, jieba_tags
from reportgraph.model import Entity, EntityType
from reportgraph.nlp.candidate import Candidate
from reportgraph.nlp.forms import FormIndex, normalize_form

if TYPE_CHECKING:
    from reportgraph.knowledge.gazetteer import Divisions

T = EntityType

_STEMS: dict[str, dict[str, list[Division]]] = {}


def _stems_at_level(divisions: Divisions, level: str) -> dict[str, list[Division]]:
    """婺源 → [婺源县]: the names of the divisions at a level without their suffix (two
    characters or more), built once per level."""
    if level not in _STEMS:
        out: dict[str, list[Division]] = {}
        for dv in divisions.by_code.values():
            if dv.organ_char == level and dv.name.endswith(("县", "市", "区", "旗")) and len(dv.name) >= 3 \
                    and not dv.name.endswith(("自治县", "自治旗")):
                out.setdefault(dv.name[:-1], []).append(dv)
        _STEMS[level] = out
    return _STEMS[level]


_REPORT_TAIL = re.compile(r"^(?:第[一二三四五六七八九十\d]+届)?(?:常务委员会|常委会)?(?:\d{4}年)?(?:工作)?报告$")
# 我代表…向大会报告, 受…的委托向大会作…, and in news of the session 王某某代表…向大会作工作报告
_OPENING = re.compile(r"(?:(?:我|受)(?:代表)?|代表)(?P<body>[^。\n]{2,40}?)(?:的委托)?[，,]?向(?:大会|本次会议)(?:报告|作)")


_BODY = r"[^\s|｜，。；、:：()（）\[\]【】“”]{2,30}?"
# the first person naming a home without its name: a host named then is someone else's
_FIRST_PERSON_AREA = re.compile(r"我(?:省|市|县|区|州|旗|盟)")
_LEDE = 300  # the characters a news report's opening sentences take


@lru_cache(maxsize=1)
def _byline() -> re.Pattern[str]:
    """来源：某某县政协 | （供稿：某某县政协某某某） | 某某县政协办公室供稿 | （某某市政协 供稿）."""
    return re.compile(
        r"(?:" + alternation("byline-lead") + r")[ \t　]*[:：][ \t　]*(?P<lead>" + _BODY + r")(?=[\s|｜，。；()（）]|$)"
        r"|(?:^|(?<=[（(]))[ \t　]*(?P<tail>" + _BODY + r")[ \t　]*(?:" + alternation("byline-tail") + r")"
        r"[ \t　]*(?=[）)\n]|$)", re.MULTILINE)


@lru_cache(maxsize=1)
def _host() -> re.Pattern[str]:
    """在某某县召开 (the place hosting a meeting), 某某县政协承办 (the body hosting it)."""
    return re.compile(r"在(?P<where>[^，。；：\n“”]{2,16}?)(?:" + alternation("host-verb") + r")"
                      r"|(?P<host>承办)")


def byline_spans(text: str) -> list[tuple[int, int]]:
    """Where the bodies named in by-lines are (来源：某某县政协 → the span of 某某县政协); a
    body counts only when the by-line starts with it (not 来源：某某日报)."""
    out = []
    for m in _byline().finditer(text):
        g = "lead" if m.group("lead") else "tail"
        out.append(m.span(g))
    return out


class HomeAndAuthor:
    """Home place, author and title; see the module docstring."""

    divisions: Divisions

    # -- home and author ----------------------------------------------------------------
    def find_home(self, cands: list[Candidate], title_span: tuple[int, int] | None,
                  override: str | None, text: str = "") -> Division | None:
        """The place the report speaks for: ``override``, else the place of the title, of the
        session line, the most named one at the level the report speaks from (全县, 县委), or a
        bare stem at that level (落户婺源 … 全县 → 婺源县)."""
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
        visited = self._visited(text, areas)
        if title_span:
            s, e = title_span
            in_title = [c for c in areas + org_areas if s <= c.start and c.end <= e and c.code not in visited]
            if in_title:
                best = max(in_title, key=lambda c: (d.by_code[c.code].level, -c.start))  # type: ignore[index]
                return d.by_code[best.code]  # type: ignore[index]
        # the body of a by-line of its own media (来源：某某县政协): its seat
        for s, e in byline_spans(text):
            body = [c for c in org_areas if c.start == s and c.end <= e]  # not 某某日报, 某某网
            if body:
                return d.by_code[max(body, key=lambda c: c.end).code]  # type: ignore[index]
        # the session the report is delivered at (——在福建省第十四届人民代表大会第一次会议上)
        sessions = [c for c in cands if c.type is T.EVENT and c.kind == "session" and c.code and c.start < 400]
        if sessions:
            return d.by_code[sessions[0].code]  # type: ignore[index]
        host = self._host_home(text, areas, org_areas)
        if host is not None:
            return host
        counts = Counter(c.code for c in areas + org_areas if c.code not in visited) \
            or Counter(c.code for c in areas + org_areas)
        # 我省, 全市, 县政协…: the level the report speaks from
        levels = Counter(c.level for c in cands if c.level and c.level not in ("home", "author"))
        if levels and text:
            level = levels.most_common(1)[0][0]
            if not any(d.by_code[k].organ_char == level for k in counts):  # type: ignore[index]
                bare = self._bare_stem_home(text, level)
                if bare is not None:
                    return bare
        if not counts:
            return None
        if levels:
            level = levels.most_common(1)[0][0]
            at_level = {k: n for k, n in counts.items() if d.by_code[k].organ_char == level}  # type: ignore[index]
            if at_level:
                counts = Counter(at_level)
        has_relative = any(c.level for c in cands)
        best_code = max(counts, key=lambda k: (counts[k], d.by_code[k].level if has_relative else 0, k))
        return d.by_code[best_code]  # type: ignore[index]

    @staticmethod
    def _visited(text: str, areas: list[Candidate]) -> set[str]:
        """The places the report's people travel to (赴甘肃省考察, 前往某某县): someone else's
        home, with the address that follows such a place (赴安徽省宣城市)."""
        verbs = genre_words("visit-verb")
        out: set[str] = set()
        ends: set[int] = set()
        for c in sorted(areas, key=lambda c: c.start):
            if c.code and (c.start in ends or text.endswith(verbs, 0, c.start)):
                out.add(c.code)
                ends.add(c.end)
        return out

    def _host_home(self, text: str, areas: list[Candidate], org_areas: list[Candidate]) -> Division | None:
        """The host of the meeting a news report opens with: the place of 在某某县召开 (the
        last of 福建省某某市), or the body of 某某县政协承办; none when the opening speaks of
        我省, 我市… (the report is another place's news of a visit)."""
        lede = text[:_LEDE]
        if _FIRST_PERSON_AREA.search(lede):
            return None
        for m in _host().finditer(lede):
            if m.group("host"):
                body = [c for c in org_areas if c.end == m.start() or c.end == m.start() - 1]
                if body:
                    return self.divisions.by_code[body[-1].code]  # type: ignore[index]
                continue
            s, e = m.span("where")
            inside = [c for c in areas if s <= c.start and c.end <= e]
            if inside:
                return self.divisions.by_code[max(inside, key=lambda c: c.end).code]  # type: ignore[index]
        return None

    def _bare_stem_home(self, text: str, level: str) -> Division | None:
        """The division at ``level`` (县, 市…) whose name without its suffix the text uses
        most (婺源 for 婺源县), when one stem stands out: a stem jieba knows as an everyday
        word (和平, 安全) does not count."""
        stems = _stems_at_level(self.divisions, level)
        tags = jieba_tags()
        seen: Counter[str] = Counter()
        for ln in (3, 2):
            for i in range(len(text) - ln + 1):
                stem = text[i:i + ln]
                if stem in stems and text[i + ln:i + ln + 1] not in ("县", "市", "区", "旗", "州"):
                    tag = tags.get(stem)
                    if tag is None or tag.startswith(("ns", "nr", "nz")):
                        seen[stem] += 1
        if not seen:
            return None
        (best, n), *rest = seen.most_common(2) + [("", 0)]
        if rest[0][1] == n or len(stems[best]) != 1:
            return None  # two stems as frequent, or a stem of two places: no telling
        return stems[best][0]

    @staticmethod
    def author_kind(title: str | None) -> str | None:
        """The kind of body that delivers a report with this title."""
        if not title or "报告" not in title:
            return None
        for rx, kind in organ_table().authors:
            if rx.search(title):
                return kind
        return None

    @staticmethod
    def author_kind_of_opening(text: str) -> str | None:
        """The kind of body named in 我代表…向大会报告 (when the title does not say)."""
        m = _OPENING.search(text[:3000])
        if not m:
            return None
        for rx, kind in organ_table().authors:
            if rx.search(m.group("body")):
                return kind
        return None

    def level_division(self, level: str, home: Division | None) -> Division | None:
        """The division 县/市/省/州/区 names for a report whose home is ``home``."""
        if home is None:
            return None
        chain = [home, *self.divisions.ancestors(home.code)]
        if len(level) > 1:  # 自治区, 自治州, 自治县: the division of that suffix
            return next((dv for dv in chain if dv.name.endswith(level)), None)
        for dv in chain:
            if dv.organ_char == level:
                return dv
        if level in "县旗" and home.code[4:] != "00" and home.level >= 3:
            return home  # 县政协 in a report of a county that became a city or a district
        if level == "市":  # a municipality is its own 市
            for dv in chain:
                if dv.level == 1 and dv.name.endswith("市"):
                    return dv
        return None

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

    @staticmethod
    def _author_from_byline(text: str, groups: dict) -> str | None:
        """The body a by-line of the report names (来源：某某县政协): its key."""
        for s, e in byline_spans(text):
            for (etype, name), grp in groups.items():
                if etype is T.ORGANIZATION and any(s == c.start and c.end <= e for c in grp["mentions"]):
                    return name
        return None

    @staticmethod
    def digest_of(title: str) -> str | None:
        """The report a title gives in extracts (某某工作报告摘编 → 某某工作报告), else None."""
        digest = next((w for w in genre_words("report-digest") if title.endswith(w)), None)
        if digest is None or len(title) < len(digest) + 4 or not title[: -len(digest)].endswith("报告"):
            return None
        return title[: -len(digest)]

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


@dataclass(frozen=True, slots=True)
class ReportHead:
    """What the resolver worked out about who delivers the report and where: its title (as
    the resolver reads it), the author's and the home's entity keys (guesses included)."""

    title: str | None
    author: str | None
    home: str | None


def settle_author_and_home(entities: Mapping[str, Entity], text: str, report_title: str | None,
                           report_home: str | None, author: str | None,
                           home: str | None) -> tuple[str | None, str | None]:
    """The author and the home as entity keys: the given ones when they are entities, else
    the home the caller named, the body heading the title, the place the author sits in."""
    author = author if author in entities else None
    home = home if home in entities else None
    if author is not None and home is not None:
        return author, home
    index = FormIndex(entities)
    if home is None and report_home:
        home = index.by_form.get(normalize_form(report_home))
    if author is None:
        author = _guess_author(index, report_title, text)
    if home is None and author is not None:
        seat = [k for _s, _e, k in index.find_forms(normalize_form(entities[author].name), {T.ADMINISTRATIVE_AREA})]
        home = seat[-1] if seat else None
    return author, home


def _guess_author(index: FormIndex, report_title: str | None, text: str) -> str | None:
    """The body named at the head of the report's title."""
    title = normalize_form(report_title or "")
    best: tuple[int, str] | None = None
    for form, key in index.by_form.items():
        if index.entities[key].type is T.ORGANIZATION and title.startswith(form) \
                and _REPORT_TAIL.match(title[len(form):]):
            if best is None or len(form) > best[0]:
                best = (len(form), key)
    return best[1] if best else _author_of_heading(index, text)


def _author_of_heading(index: FormIndex, text: str) -> str | None:
    """The body a heading over several lines names (中国人民政治协商会议 / 第七届磐安县委员会
    常务委员会工作报告 → 磐安县政协; …人民政府工作报告 → …人民政府): its kind of body (政协 or
    government) seated in the one place the heading names."""
    lines = [normalize_form(line) for line in text[:400].splitlines() if line.strip()]
    head = ""
    for line in lines[:6]:
        head += line
        if "报告" in line or "工作综述" in line:  # …常务委员会一年来工作综述: the yearly review
            break
    else:
        return None
    kind = next((k for rx, k in organ_table().authors if rx.search(head)), None)
    areas = {k for _s, _e, k in index.find_forms(head, {T.ADMINISTRATIVE_AREA})}
    if kind is None or len(areas) != 1:
        return None
    area = next(iter(areas))
    area_forms = index.forms[area] | {normalize_form(index.entities[area].name)}
    found = [k for k, e in index.entities.items() if e.type is T.ORGANIZATION
             and normalize_form(e.name).endswith(organ_table().kinds[kind].after)
             and any(f in normalize_form(e.name) for f in area_forms)]
    return found[0] if len(found) == 1 else None
