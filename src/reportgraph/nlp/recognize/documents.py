"""Rules that find documents and initiatives over the whole text: 《titles》, numbered and
quoted proposals, quoted initiatives and slogans, initiatives after a verb of
implementation (实施乡村建设行动), and long-range visions.

:class:`DocumentRules` is mixed into :class:`reportgraph.nlp.recognize.rules.TextRules`,
which supplies ``knowledge`` (the shipped lists).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from reportgraph.genre import grammar as g
from reportgraph.model import EntityType
from reportgraph.nlp.candidate import Candidate

if TYPE_CHECKING:
    from reportgraph.knowledge.lists import Knowledge

T = EntityType

# Runs of quoted names (“A”、“B”和“C”).
_QUOTE_RUN = re.compile(r"(?:“[^“”\n]{1,40}”[、和及与]?)+")
# What after a run of quoted names makes them topics or proposals, not initiatives.
@lru_cache(maxsize=1)
def _local_slogan() -> re.Pattern[str]:
    """A place's programme in four characters: a means, a verb of making and the level or the
    province's abbreviation (富民强市, 工业强县, 依法治市, 富民兴鲁, 生态立省)."""
    from reportgraph.nlp.recognize.phrases import _abbreviations

    places = "省市县区州旗盟" + "".join(sorted(_abbreviations()))  # not 国: 依法治国 is a formula
    return re.compile(r"(?:富民|工业|生态|旅游|产业|科教|人才|文化|农业|依法|开放|创新|"
                      r"交通|数字|质量|教育|科技|法治|人才)(?:强|兴|立|治)[" + places + r"](?![" + g.HAN + r"]{0,1}[委长])")


# Verbs that make the quoted names after them programmes carried out (建设“…”, 实施“…”), and
# what after them makes them an idea or a demand instead (“…”概念, “…”要求).
_ACTED = re.compile(r"(?:建设|实施|推进|打造|开展|落实|践行)$")
_NOT_ACTED = re.compile(r"(?:等)?(?:概念|精神|要求|理念|思想|论述|讲话|指示|批示|制度)")
_PRACTICE_AFTER = re.compile(r"(?:等)?(?:经验做法|典型经验|经验|做法|制度)")
_NOT_AN_INITIATIVE = re.compile(r"(?:等)?(?:[" + g.HAN + r"]{0,2})?(?:议题|主题|提案|议案|文史资料|作用|精神)")


class DocumentRules:
    """The document and initiative rules; see the module docstring."""

    knowledge: Knowledge

    def _documents(self, text: str, add, atoms: list[Candidate]) -> None:  # type: ignore[no-untyped-def]
        for m in g.TITLE.finditer(text):
            add(Candidate(m.start(), m.end(), m.group(0), T.DOCUMENT, "grammar:title", m.group(0)))
        for m in g.finditer(g.PROPOSAL, text):
            s = m.start()
            # the body that numbers it: 全国政协2020年4736号提案
            pre = re.search(r"(?:全国政协|[县市省州区]政协|政协)$", text[max(0, s - 6):s])
            if pre and m.group("year"):
                s -= len(pre.group(0))
            add(Candidate(s, m.end(), text[s:m.end()], T.DOCUMENT, "grammar:proposal", None,
                          kind="proposal", ref=m.group("num") + m.group("kind")))
        # Runs of quoted names, classified by what follows them.
        for run in g.finditer(_QUOTE_RUN, text):
            after = text[run.end():run.end() + 8]
            quotes = list(g.QUOTE.finditer(run.group(0)))
            if re.match(r"(?:等|这些|这)?(?:[^的，。；、\s“”]{0,4}?)(?:提案|议案|建议案|社情民意信息)", after) \
                    and not re.match(r"(?:等)?(?:议题|主题)", after):
                for q in quotes:
                    s, e = run.start() + q.start(), run.start() + q.end()
                    add(Candidate(s, e, q.group(0), T.DOCUMENT, "grammar:quoted-proposal", q.group(0)))
            elif re.match(r"(?:关于)", text[max(0, run.start() - 2):run.start()]):
                pass

    def _initiatives(self, text: str, add) -> None:  # type: ignore[no-untyped-def]
        ideologies = self.knowledge.ideologies
        # Quoted labels of places (“双帽”县, “双帽”七县): “双帽”发展 is their development, not a plan.
        labels = {m.group(1) for m in re.finditer(
            r"“([^“”\n]{1,12})”(?:[" + g.NUM + r"\d]+个?)?[县市区乡镇村](?![" + g.HAN + r"]{0,1}(?:委|政府))", text)}
        for run in g.finditer(_QUOTE_RUN, text):
            if _NOT_AN_INITIATIVE.match(text, run.end()):
                continue
            quotes = list(g.QUOTE.finditer(run.group(0)))
            acted = _ACTED.search(text, max(0, run.start() - 2), run.start()) is not None \
                and not _NOT_ACTED.match(text, run.end())
            run_strong = len(quotes) > 1 and run.group(0).endswith("”") and g.STRONG_SUFFIX.match(text, run.end())
            for k, q in enumerate(quotes):
                s, e = run.start() + q.start(), run.start() + q.end()
                inner = q.group(0)[1:-1]
                if inner in ideologies and not (k == len(quotes) - 1 and g.STRONG_SUFFIX.match(text, e)):
                    continue  # “四个意识”; but “四个全面”战略布局 is a strategy
                if run_strong and k < len(quotes) - 1 and not re.search("[、，]", inner):
                    # “一市两区三组团”“五基地六产业七景区”发展思路: each names a part of the plan
                    add(Candidate(s, e, q.group(0), T.INITIATIVE, "grammar:quoted-slogan", q.group(0)))
                    continue
                if ("、" in inner or "，" in inner) and not (
                        k == len(quotes) - 1 and g.STRONG_SUFFIX.match(text, e)):
                    continue
                if k == len(quotes) - 1 and run.group(0).endswith("”"):
                    suf = g.INITIATIVE_SUFFIX.match(text, e)
                    if suf and suf.group(0) == "发展" and inner in labels:
                        suf = None
                    if suf and not re.match(r"[" + g.HAN + r"]", text[suf.end():suf.end() + 1] or " ") \
                            or suf and (g.STRONG_SUFFIX.fullmatch(suf.group(0)) or suf.group(0) in (
                                "产业布局", "行动", "攻坚战")):
                        add(Candidate(s, suf.end(), text[s:suf.end()], T.INITIATIVE, "grammar:quoted-initiative",
                                      text[s:suf.end()], form=None, ref=inner))
                        continue
                    mod = g.MODIFIED_INITIATIVE.match(text, e)
                    if mod:  # “三晋英才”支持计划, “百企帮百村”精准扶贫行动
                        add(Candidate(s, mod.end(), text[s:mod.end()], T.INITIATIVE, "grammar:quoted-initiative",
                                      text[s:mod.end()], form=None, ref=inner))
                        continue
                if re.fullmatch(r"十[一二三四五六七八九]五", inner):
                    add(Candidate(s, e, q.group(0), T.INITIATIVE, "grammar:five-year-plan", f"“{inner}”规划"))
                    continue
                if re.fullmatch(r"[六七八九十]五", inner) and text[e:e + 1] in "末期时的计时以，。、":
                    # “十五”末, “九五”期间: the plan of those years (a 计划 until 2005)
                    add(Candidate(s, e, q.group(0), T.INITIATIVE, "grammar:five-year-plan", f"“{inner}”计划"))
                    continue
                if g.ACTION_ENDING.search(inner) and len(inner) <= 12:
                    add(Candidate(s, e, q.group(0), T.INITIATIVE, "grammar:quoted-slogan", q.group(0)))
                elif _PRACTICE_AFTER.match(text, e) and len(inner) <= 16 and not re.search("[、，。；]", inner):
                    # “某某保护与减贫”经验做法, “周五夜读”等制度: a named practice the report cites
                    add(Candidate(s, e, q.group(0), T.INITIATIVE, "grammar:practice-slogan", q.group(0)))
                elif acted and len(inner) <= 12 and not re.search("[、，。；]", inner) \
                        and inner not in self.knowledge.forms:  # “六稳”: known by its own name
                    # 加快建设“某某丝路带”: a quoted name the report builds or carries out
                    add(Candidate(s, e, q.group(0), T.INITIATIVE, "grammar:acted-slogan", q.group(0)))
        for m in g.VERB_INITIATIVE.finditer(text):
            name = m.group("name")
            if any(ch in name for ch in "的和与及、"):
                continue
            stem = re.sub(r"(?:战略|规划|工程|行动|攻坚战|专项行动|专项斗争|行动计划)$", "", name)
            if stem in g.GENERIC_INITIATIVE_STEMS or g.NUMBERED_STEM.match(stem) or len(stem) < 2:
                continue  # 开展专项行动, 推进重点工程, 实施十大工程: not a named programme
            add(Candidate(m.start("name"), m.end("name"), name, T.INITIATIVE, "grammar:verb-initiative", name))
        for m in g.finditer(g.BIG_CAMPAIGN, text):  # 开展大走访大调研活动
            add(Candidate(m.start(), m.end(), m.group(0), T.INITIATIVE, "grammar:big-campaign", m.group(0)))
        for m in _local_slogan().finditer(text):
            add(Candidate(m.start(), m.end(), m.group(0), T.INITIATIVE, "grammar:local-slogan", m.group(0)))
        for m in g.VISION.finditer(text):
            add(Candidate(m.start(), m.end(), m.group(0), T.INITIATIVE, "grammar:vision", m.group(0)))
