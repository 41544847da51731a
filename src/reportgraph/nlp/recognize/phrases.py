"""Named things of the genre read from their words (``genre/data/words.tsv``) and the places
and bodies found before them:

- quoted slogans that count or campaign (“四抓四促”, “两区一园”, “大调研”, “第一课堂”) and a
  quoted slogan with its tail (“五大定位”新使命, “某某”工作思路); 法治某省建设, 平安某县建设;
- meetings named with a year, 首届 or a body or place in them (2023年某某流域三市政协联席会议,
  首届某某边区域合作交流会), the “两会” of a place;
- sites and venues after a place (某某县会展中心, 某某市大礼堂), regions of several
  areas (某某革命老区, 某某河流域, 闽粤边区域) with the provinces' one-character abbreviations;
- newspapers, websites and delegations after a place (某某日报, 某某政协网, 某某省党政代表团);
  a 政协's special committees after a national body (全国政协经济委员会); the units of the
  democratic parties (民革省委, 民盟某某市委会, 民建中央); 自治区党委, 自治州政协;
- documents without 《》 after the verb that makes them (签订某某合作协议, 发出倡议书).

>>> from reportgraph.extract import extract_text
>>> x = extract_text("# 某某县人民政府工作报告\\n我们落实“两区一园”，召开2023年闽粤边区域合作座谈会。")
>>> sorted(e.name for e in x.entities if e.type.value in ("Initiative", "Event"))
['2023年闽粤边区域合作座谈会', '“两区一园”']
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from reportgraph.genre.grammar import HAN, NUM, cn_number
from reportgraph.genre.organs import organ_table
from reportgraph.genre.prefilter import ANCHORS, finditer
from reportgraph.genre.words import alternation, genre_words
from reportgraph.knowledge.gazetteer import Divisions
from reportgraph.knowledge.lists import Knowledge
from reportgraph.model import EntityType
from reportgraph.nlp.candidate import Candidate

T = EntityType
_QUOTE = re.compile(r"“([^“”\n]{2,24})”")
_NOT_SLOGAN_AFTER = re.compile(r"(?:等)?[" + HAN + r"]{0,2}?(?:议题|主题|提案|议案|建议|精神|会|县|市|区|乡|镇|村|问题)")
_TOPICS_AFTER = re.compile(r"(?:等|这些)?[" + HAN + r"]{0,2}?(?:议题|主题|课题|专题)")
_QUOTE_RUN = re.compile(r"(?:“[^“”\n]{1,40}”[、和及与]?)+")
_TITLE_SPANS = re.compile(r"《[^《》\n]{1,80}》")
_MADE = r"(?:签订|签署|发出|发布|通过|审议通过|审议|形成|达成|制定|修订|出台|起草)了?"
_LAW = r"(?:条例|实施办法|办法|章程|修正案)"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    """The patterns of this module that read the genre's words (compiled once); ``region``
    and ``media`` are scanned only just before their tails and media
    (:data:`reportgraph.genre.prefilter.ANCHORS`)."""
    patterns = _compile_patterns()
    ANCHORS[patterns["region"]] = (re.compile(alternation("region-tail")), 3)  # 2–3 characters, then the tail
    ANCHORS[patterns["media"]] = (re.compile(alternation("media")), 2)  # (政协|人大)? then the medium
    return patterns


def _compile_patterns() -> dict[str, re.Pattern[str]]:
    lead = alternation("numeral-lead")
    return {
        "slogan_tail": re.compile(alternation("slogan-tail")),
        "numeral": re.compile(f"(?:{lead})"),
        "law_campaign": re.compile(f"(?:{alternation('rule-of-law')})(?P<place>[{HAN}]{{2,8}}?)建设"),
        "meeting": re.compile(
            r"(?P<name>(?:(?:19|20)\d\d年度?|首届|第[" + NUM + r"\d]+届)[^，。；：、“”《》\s（）()在的向对为把]{2,40}?"
            f"(?:{alternation('meeting')}))"),
        "held": re.compile(
            r"(?:召开|举行|举办|参加|出席|主持)了?(?P<name>[^，。；：、“”《》\s（）()了]{4,40}?"
            f"(?:{alternation('meeting')}))(?![{HAN}])"),
        "two_sessions": re.compile(r"“两会”|两会"),
        "campaign_building": re.compile(
            r"(?:推进|推动|加快|加强|助力|深化|开展|实施|服务|围绕|聚焦|参与|投身|融入)(?P<name>[^，。；、“”《》\s（）()的]{2,14}?建设)"
            r"(?=[^" + HAN + r"]|[的中上和与及]|$)"),
        "venue": re.compile(f"(?:{alternation('venue')})"),
        "media": re.compile(f"(?:政协|人大)?(?:{alternation('media')})(?![{HAN}])"),
        "delegation": re.compile(f"(?:{alternation('delegation')})"),
        "document": re.compile(_MADE + r"(?P<name>[^，。；：、《》\s（）()了]{2,30}?(?:"
                               + alternation("document-tail") + r"))(?![" + HAN + r"])"),
        "law": re.compile(r"(?:制定|修订|修改|审议通过|审议|通过|批准|废止|实施)了?(?P<name>[" + HAN
                          + r"]{2,20}?" + _LAW + r")(?=[和及与]|(?![" + HAN + r"]))"),
        "law_more": re.compile(r"[、和及](?P<name>[" + HAN + r"]{2,20}?" + _LAW + r")(?=[和及与]|(?![" + HAN + r"]))"),
        "region": re.compile(f"(?P<abbr>[{HAN}]{{2,3}})(?P<tail>{alternation('region-tail')})"),
        "region_programme": re.compile(f"(?:{alternation('region-tail')})?(?:{alternation('region-programme')})"),
        "mechanism": re.compile(f"[{HAN}]{{0,6}}?(?:协作|合作|联动|协调)(?:推进|发展)?机制"),
        "autonomous": re.compile(r"(?:本)?(?P<level>自治区|自治州|自治县|自治旗)"
                                 r"(?P<organ>党委|人大常委会|人大|人民政府|政府|政协)"),
        "party_unit": re.compile(r"(?P<party>民革|民盟|民建|民进|农工党|致公党|九三学社|台盟)"
                                 r"(?P<unit>中央|(?P<level>[省市县区州])(?:委员会|委会|委(?![员])))"),
        "sub_unit": re.compile(f"[{HAN}]{{0,6}}?(?:{alternation('unit-tail')})(?![员会])"),
        "national_committee": re.compile(r"全国政协(?P<name>(?:提案|经济|农业和农村|人口资源环境|人资环|"
                                         r"教科卫体|社会和法制|民族和宗教|港澳台侨和外事|文化文史和学习|"
                                         r"科技|办公厅|研究室)(?:委员会|委)?)"),
    }


_LEVELS_TWO_SESSIONS = re.compile(r"(?P<levels>(?:全国|省|市|县|州|区)(?:、(?:全国|省|市|县|州|区))+)(?=(?P<word>“两会”))")
_ADOPTED_PROPOSAL = re.compile(
    r"(?:采纳|采用|批示|办理|领衔提出|联名提出|提交)了?(?P<name>[^，。；：《》\s]{10,40}?的(?:建议|提案|议案))(?![" + HAN + r"])")
_DELIVERED_REPORT = re.compile(r"(?<=[" + HAN + r"])作了?(?P<name>[^，。；：、“”《》\s（）()的]{4,24}的报告)(?![" + HAN + r"])")
_HAN_RE = re.compile(r"[" + HAN + r"]")
_COUNTED_PROVINCES = re.compile(r"(?P<lead>[" + HAN + r"]{2,4})(?:[两二三四五六七八九十]|\d{1,2})个?(?:省区市|省市|省区|省)")


_ITEMS_BEFORE = re.compile(r"(?:[" + HAN + r"]{2,12}、)+[" + HAN + r"]{2,12}$")


def _counted_items_start(text: str, start: int, inner: str) -> int:
    """Where the items a quoted count names begin, when the items of that number stand right
    before it (工业强县、生态立县、旅游兴县“三大战略”: the three strategies and their count are one
    name); else ``start``."""
    n = cn_number(inner[0]) if inner[0] in NUM else None
    if not n or n < 2:
        return start
    m = _ITEMS_BEFORE.search(text, max(0, start - 80), start)
    if m is None:
        return start
    items = m.group(0).split("、")
    sizes = {len(x) for x in items[1:]}
    if len(items) != n or len(sizes) != 1 or len(items[0]) < (size := sizes.pop()):
        return start  # not that many items, or items of unlike lengths (the first may hold a verb)
    return start - len(m.group(0)) + len(items[0]) - size


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    """湘 → 湖南省: the provinces' one-character abbreviations (knowledge data)."""
    from importlib import resources

    text = resources.files("reportgraph.knowledge").joinpath("data", "province_abbreviations.tsv") \
        .read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            abbr, name, *rest = line.split("\t")
            out[abbr] = name
            for other in (rest[0].split("|") if rest and rest[0] else []):
                out.setdefault(other, name)
    return out


def organ_kinds() -> dict[str, object]:
    """The organ kinds of ``organs.tsv`` (政协, 党委…)."""
    return organ_table().kinds  # type: ignore[return-value]


def province_abbreviation_run(word: str) -> tuple[str, ...] | None:
    """闽粤 → (福建省, 广东省); None unless every character abbreviates a province.

    >>> province_abbreviation_run("苏浙皖")
    ('江苏省', '浙江省', '安徽省')
    """
    abbr = _abbreviations()
    if len(word) < 2 or any(ch not in abbr for ch in word):
        return None
    return tuple(abbr[ch] for ch in word)


def _areas_before(text: str, end: int, areas_ending: dict[int, Candidate], level: str) -> list:
    """The areas of the level ``level`` (省, 市…) enumerated right before ``end`` (福建、江西、
    广东|民革省委), with their divisions; none unless the last one touches ``end``."""
    from reportgraph.knowledge.gazetteer import load_divisions

    by_code = load_divisions().by_code
    out = []
    while (a := areas_ending.get(end)) is not None and a.code in by_code and by_code[a.code].organ_char == level:
        out.insert(0, (a, by_code[a.code]))
        if a.start > 0 and text[a.start - 1] in "、和及与":
            end = a.start - 1
        else:
            break
    return out


def find_phrases(text: str, found: list[Candidate], knowledge: Knowledge, divisions: Divisions) -> list[Candidate]:
    """The candidates of this module (see its docstring); ``found`` are those of the other rules."""
    p = _patterns()
    out: list[Candidate] = []
    titles = [m.span() for m in _TITLE_SPANS.finditer(text)]  # disjoint, in order
    title_starts = [ts for ts, _te in titles]

    def in_title(s: int, e: int) -> bool:
        i = bisect_right(title_starts, s) - 1  # the last title opening at or before s
        return i >= 0 and e <= titles[i][1]

    areas_ending: dict[int, Candidate] = {}
    bodies_ending: dict[int, Candidate] = {}
    for c in found:
        if c.type is T.ADMINISTRATIVE_AREA and (c.end not in areas_ending or areas_ending[c.end].start > c.start):
            areas_ending[c.end] = c
        if c.type is T.ORGANIZATION and (c.end not in bodies_ending or bodies_ending[c.end].start > c.start):
            bodies_ending[c.end] = c
    named = sorted((c.start, c.end) for c in found if c.type in (T.ORGANIZATION, T.ADMINISTRATIVE_AREA, T.PLACE))
    named_starts = [a for a, _b in named]

    def names_inside(s: int, e: int) -> bool:
        """Whether a found name, or provinces by their abbreviations (甘青两省), lie in the span."""
        i = bisect_left(named_starts, s)  # the names starting in the span (sorted by start)
        while i < len(named) and named[i][0] <= e:
            if named[i][1] <= e:
                return True
            i += 1
        for m in _COUNTED_PROVINCES.finditer(text, s, e):
            lead = m.group("lead")
            if any(province_abbreviation_run(lead[-k:]) for k in (4, 3, 2) if len(lead) >= k):
                return True
        return False

    # quoted slogans
    for m in _QUOTE.finditer(text):
        inner = m.group(1)
        if inner in knowledge.ideologies or in_title(m.start(), m.end()) or inner in ("两会",):
            continue
        tail = p["slogan_tail"].match(text, m.end())
        of = None if tail else p["slogan_tail"].match(text, m.end() + 1)
        if of and (text[m.end()] != "的" or _HAN_RE.match(text, of.end())):
            of = None  # “…”的工作思路, at a phrase's end: the slogan's programme
        if tail or of:
            add_end = (tail or of).end()  # type: ignore[union-attr]
            name = m.group(0) + text[(tail or of).start():add_end]  # type: ignore[union-attr]
            out.append(Candidate(m.start(), add_end, text[m.start():add_end], T.INITIATIVE, "grammar:slogan-tail",
                                 name, ref=inner))
            continue
        if re.search("[、，,。；]", inner) or _NOT_SLOGAN_AFTER.match(text, m.end()):
            continue
        if inner in genre_words("not-slogan") or re.match(f"[{NUM}两\\d]+年", inner) \
                or inner.endswith(("提案", "议案", "建议")):  # “一号提案” ranks a proposal
            continue  # “一府两院” names bodies, “十四年抗战” a period
        halves = re.split(r"[·・•]", inner)
        if len(halves) == 2 and all(len(h) >= 4 and _HAN_RE.match(h) for h in halves):
            # “有事好商量·某事共商量”: a brand of two halves, a body's programme
            out.append(Candidate(m.start(), m.end(), m.group(0), T.INITIATIVE, "grammar:dotted-slogan", m.group(0)))
            continue
        counted = p["numeral"].match(inner) and 3 <= len(inner) <= 8
        big = inner.startswith(tuple(genre_words("big-lead"))) and len(inner) == 3
        if counted or big:
            s = _counted_items_start(text, m.start(), inner)
            out.append(Candidate(s, m.end(), text[s:m.end()], T.INITIATIVE, "grammar:counted-slogan", text[s:m.end()]))
    # 法治某省建设
    area_texts = {a.text for a in found if a.type is T.ADMINISTRATIVE_AREA}
    for m in p["law_campaign"].finditer(text):
        if divisions.lookup(m.group("place")) or m.group("place") in area_texts:
            out.append(Candidate(m.start(), m.end(), m.group(0), T.INITIATIVE, "grammar:place-campaign", m.group(0)))
    # meetings
    for m in finditer(p["meeting"], text):
        s, e = m.span("name")
        if not in_title(s, e):
            out.append(Candidate(s, e, text[s:e], T.EVENT, "grammar:dated-meeting", text[s:e]))
    for m in p["held"].finditer(text):
        s, e = m.span("name")
        if names_inside(s, e) and not in_title(s, e):
            out.append(Candidate(s, e, text[s:e], T.EVENT, "grammar:held-meeting", text[s:e]))
    for m in _LEVELS_TWO_SESSIONS.finditer(text):  # 全国、省、市“两会”: the sessions of each level
        pos = m.start()
        for lv in m.group("levels").split("、"):
            if lv == "全国":
                out.append(Candidate(pos, pos + 2, lv, T.EVENT, "grammar:two-sessions-enumeration",
                                     "全国" + m.group("word")))
            else:
                out.append(Candidate(pos, pos + len(lv), lv, T.EVENT, "grammar:two-sessions-enumeration", None,
                                     None, "relative-name", lv, ref=m.group("word")))
            pos += len(lv) + 1
    for m in p["two_sessions"].finditer(text):
        area = areas_ending.get(m.start())
        if text.endswith("全国", 0, m.start()):
            s = m.start() - 2
        elif area is not None and not area.level:
            s = area.start
        else:
            continue
        out.append(Candidate(s, m.end(), text[s:m.end()], T.EVENT, "grammar:two-sessions", text[s:m.end()]))
    # 推进智慧社区建设, 助力某某流域生态文明建设: a named building campaign (a place, a body or a
    # campaign word in its name), not 队伍建设
    lead = tuple(genre_words("campaign-lead"))
    core_words = genre_words("campaign-core")
    for m in p["campaign_building"].finditer(text):
        s, e = m.span("name")
        name = m.group("name")
        led = name.startswith(lead) and len(name) - len(next(w for w in lead if name.startswith(w))) >= 4
        core = next((w for w in core_words if w in name[:-2]), None)  # 文旅走廊建设: a named corridor's
        cored = core is not None and name.index(core) >= 2
        if (led or cored or names_inside(s, e)) and not in_title(s, e):
            out.append(Candidate(s, e, name, T.INITIATIVE, "grammar:campaign-building", name))
    # venues, media and delegations after a place (or a body)
    for rx, etype, rule in ((p["venue"], T.PLACE, "grammar:venue"), (p["media"], T.ORGANIZATION, "grammar:media"),
                            (p["delegation"], T.ORGANIZATION, "grammar:delegation")):
        for m in finditer(rx, text):
            owner = areas_ending.get(m.start()) or (bodies_ending.get(m.start()) if etype is T.ORGANIZATION else None)
            if etype is T.PLACE and owner is None:
                body = bodies_ending.get(m.start())
                if body is not None and body.level and len(body.level) == 1 and body.start == m.start() - len(
                        body.text) and text[body.start] == body.level:  # 市政协会堂: the home's city's
                    out.append(Candidate(body.start, m.end(), text[body.start:m.end()], etype, rule, None, None,
                                         "relative-site", body.level))
                    continue
                lv = text[m.start() - 1:m.start()]
                if lv and lv in "县市州区旗" and (m.start() - 1 == 0 or not _HAN_RE.match(text[m.start() - 2])
                                                or text[m.start() - 2] in "在到赴、和与及的"):
                    out.append(Candidate(m.start() - 1, m.end(), text[m.start() - 1:m.end()], etype, rule, None,
                                         None, "relative-site", lv))  # 在县会展中心: the home's
                    continue
            if owner is None:
                # a short stem between the place and the word: 某某县科技文化中心 (科技 is in the word)
                continue
            s = owner.start
            name = text[s:m.end()]
            if owner.level and owner.level not in ("author", "home"):  # 我省代表团, 县融媒体中心
                if etype is T.ORGANIZATION and owner.type is T.ADMINISTRATIVE_AREA:
                    out.append(Candidate(s, m.end(), name, etype, rule, None, None, m.group(0), owner.level))
                continue
            out.append(Candidate(s, m.end(), name, etype, rule, name))
    # documents without 《》
    for m in p["document"].finditer(text):
        s, e = m.span("name")
        name = m.group("name")
        if name[:2] in ("相关", "有关", "各项", "这个", "该项") or len(name) < 4 or in_title(s, e) \
                or re.match(f"(?:多|[{NUM}两\\d]+)[项个份条]", name):
            continue
        out.append(Candidate(s, e, name, T.DOCUMENT, "grammar:made-document", name))
    for m in _DELIVERED_REPORT.finditer(text):  # (某某代表常委会)作提案工作情况的报告: the report delivered
        s, e = m.span("name")
        if not in_title(s, e):
            out.append(Candidate(s, e, m.group("name"), T.DOCUMENT, "grammar:delivered-report", m.group("name")))
    for m in _ADOPTED_PROPOSAL.finditer(text):  # 采纳了在全国…落实某某概念的建议: the proposal
        s, e = m.span("name")
        if not in_title(s, e) and not m.group("name").startswith(("很多", "一些", "大量", "许多", "有关", "相关", "各项")):
            out.append(Candidate(s, e, m.group("name"), T.DOCUMENT, "grammar:adopted-proposal", m.group("name")))
    for m in p["law"].finditer(text):
        s, e = m.span("name")
        name = m.group("name")
        if name[:2] in ("相关", "有关", "各项", "管理", "工作") or len(name) < 5 or in_title(s, e):
            continue
        out.append(Candidate(s, e, name, T.DOCUMENT, "grammar:law", name))
        for more in p["law_more"].finditer(text, e):  # …条例、某某条例、某某办法: each made too
            if more.start() != e:
                break
            e = more.end()
            out.append(Candidate(more.start("name"), e, more.group("name"), T.DOCUMENT, "grammar:law",
                                 more.group("name")))
    # regions of several areas: 川陕革命老区, 闽粤边区域, 某某河流域 (the river found as a place)
    for m in finditer(p["region"], text):
        abbr = m.group("abbr")
        run = province_abbreviation_run(abbr)
        if run is None:
            continue
        out.append(Candidate(m.start(), m.end(), m.group(0), T.PLACE, "grammar:region", m.group(0)))
    # 某某革命老区振兴发展, 某某河流域生态文明建设: a region's programme (the region named by its
    # tail), with the mechanism of cooperation it names (…保护治理发展协作推进机制)
    tails = tuple(genre_words("region-tail"))
    topics = {(q.start(1), q.end(1)) for run in _QUOTE_RUN.finditer(text) if _TOPICS_AFTER.match(text, run.end())
              for q in _QUOTE.finditer(text, run.start(), run.end())}  # “A”“B”等议题: topics, no names
    for c in [*found, *out]:
        if c.type is not T.PLACE or (m := p["region_programme"].match(text, c.end)) is None \
                or not (text.endswith(tails, c.start, c.end) or m.group(0).startswith(tails)):
            continue
        e = (p["mechanism"].match(text, m.end()) or m).end()
        if (c.start, e) in topics:
            continue
        out.append(Candidate(c.start, e, text[c.start:e], T.INITIATIVE, "grammar:region-programme", text[c.start:e]))
    # bodies
    for m in finditer(p["autonomous"], text):
        organ = m.group("organ")
        kind = {"党委": "党委", "人大常委会": "人大", "人大": "人大", "人民政府": "政府", "政府": "政府"}.get(organ, organ)
        out.append(Candidate(m.start(), m.end(), m.group(0), T.ORGANIZATION, "grammar:relative-organ", None, None,
                             kind, m.group("level")))
    for m in p["party_unit"].finditer(text):
        if m.group("unit") == "中央":
            out.append(Candidate(m.start(), m.end(), m.group(0), T.ORGANIZATION, "grammar:party-unit", m.group(0)))
        elif m.end() - m.start("unit") >= 2 and m.start("unit") == m.end("party"):
            unit = m.group("unit")[1:]
            each = _areas_before(text, m.start(), areas_ending, m.group("level"))
            if each:  # 福建、江西、广东民革省委: the unit of the party in each of those areas
                for i, (a, d) in enumerate(each):
                    e = m.end() if i == len(each) - 1 else a.end  # the last runs to the unit: 广东民革省委
                    out.append(Candidate(a.start, e, text[a.start:e], T.ORGANIZATION,
                                         "grammar:party-unit-enumeration", f"{m.group('party')}{d.name}{unit}", d.code))
                continue
            out.append(Candidate(m.start(), m.end(), m.group(0), T.ORGANIZATION, "grammar:party-unit", None, None,
                                 "party-unit:" + unit, m.group("level")))
    # units of a body named after it: 民盟某某市委会文化工委, 民革某某省委调研处, 县委办公室
    for owner in list(bodies_ending.values()):
        if not (owner.canonical or owner.kind in organ_kinds()):
            continue
        m = p["sub_unit"].match(text, owner.end)
        if m is None:
            continue
        unit = m.group(0)
        name = text[owner.start:m.end()]
        if owner.canonical:
            out.append(Candidate(owner.start, m.end(), name, T.ORGANIZATION, "grammar:sub-unit", owner.canonical + unit))
        else:
            out.append(Candidate(owner.start, m.end(), name, T.ORGANIZATION, "grammar:sub-unit", None, owner.code,
                                 f"{owner.kind}:{unit}", owner.level))
    for m in p["national_committee"].finditer(text):
        name = m.group("name")
        full = name[:-1] + "委员会" if name.endswith("委") and not name.endswith("委员会") else name
        out.append(Candidate(m.start(), m.end(), m.group(0), T.ORGANIZATION, "grammar:cppcc-committee", "全国政协" + full))
    return out
