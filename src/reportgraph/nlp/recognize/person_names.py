"""People: names beside posts (县政协副主席王某某, 县长 李某), the lists that continue them
(副主席张某、李某、王某某), lists of names before 等 or a verb of attending (王某、李某、赵某某等出席),
reporters and by-lines (记者 王某 通讯员 李 某), names on a line of their own under the report's
session line (known national leaders come from ``knowledge/data/people.tsv``).

A name is two or three characters after a common surname (four after a compound one), or a
name written with the middle dot (木某·某某, Mongolian, Tibetan and Uyghur names in
characters); a name without a known surname is read only right after a post and before a clear
boundary. Never a word jieba knows as something else, a place or a known body.

>>> from reportgraph.knowledge.lists import load_knowledge
>>> from reportgraph.knowledge.gazetteer import load_divisions
>>> found = find_people("县政协副主席王某某、李某出席会议，记者 张 某 报道。", load_knowledge(), load_divisions())
>>> [c.canonical for c in found]
['王某某', '李某', '张某']
"""

from __future__ import annotations

import re

from reportgraph.genre.grammar import HAN
from reportgraph.genre.prefilter import ANCHORS, finditer
from reportgraph.genre.posts import load_posts
from reportgraph.knowledge.gazetteer import Divisions, jieba_tags
from reportgraph.knowledge.lists import Knowledge
from reportgraph.model import EntityType
from reportgraph.nlp.candidate import Candidate

T = EntityType
_HAN = re.compile(f"[{HAN}]")
# Characters no name holds: function words, numbers of sessions, organ characters.
_NOT_IN_NAME = set("的了与及和在对为是把被从将等各我们这那其该此个位名号届次年月日县市省区州乡镇村委会党府部局厅处室")
# two to four Han characters, none of them one a name does not hold
_NAME_CHARS = re.compile(f"(?:(?![{''.join(sorted(_NOT_IN_NAME))}])[{HAN}]){{2,4}}")
_BOUNDARY = set("，、。；：,;:（）()“”\"\n \t　!！?？/|》《")
# What may follow a name in running text: a verb of the meeting, a conjunction, 等.
FOLLOW = (
    "出席", "主持", "讲话", "致辞", "指出", "强调", "表示", "说道", "说", "率队", "率领", "率", "带队", "一行",
    "代表", "作", "在", "到会", "应邀", "受邀", "参加", "等", "和", "与", "及", "以及", "同志", "分别", "汇报",
    "通报", "介绍", "宣读", "当选", "为", "结合", "阅批", "批示", "陪同", "看望", "调研", "视察", "会见", "就",
    "希望", "要求", "发言", "出任", "担任", "主讲", "宣布", "列席", "莅临", "听取", "提出", "认为", "对",
)
# Strong follows, enough for a name without a known surname (秘书长某某参加).
_STRONG_FOLLOW = ("出席", "主持", "讲话", "致辞", "指出", "强调", "表示", "率队", "带队", "一行", "参加",
                  "到会", "应邀", "受邀", "发言", "列席", "等")
_DOTTED = re.compile(f"[{HAN}]{{1,8}}(?:[·•‧・][{HAN}]{{1,8}})+")
_RUN_ITEM = re.compile(f"[{HAN}]{{2,3}}(?=、)")
# names of two or three characters joined by 、 (the first 、 two or three characters in)
_NAME_RUN = re.compile(f"(?:[{HAN}]{{2,3}}、)+[{HAN}]{{2,3}}")
ANCHORS[_NAME_RUN] = (re.compile("、"), 3)
_ORGAN_THEN_NAME = re.compile(f"(?:政协|人大|政府|委员会|委|局|部|办|社|报|网|站|台|中心|会)(?P<name>[{HAN}]{{2,3}})$")
_PRESS_STOP = re.compile(r"[）)\n，,。;；:：|]")


def _followed(text: str, e: int, strong: bool = False) -> bool:
    """Whether what follows offset ``e`` can end a name (with ``strong``, only a clause's end
    or a verb of the meeting)."""
    if e >= len(text) or text[e] in ("，、。；,;\n" if strong else _BOUNDARY):
        return True
    return text.startswith(_STRONG_FOLLOW if strong else FOLLOW, e)


class _Names:
    """What may be a person's name (surnames, jieba's words, places, known bodies)."""

    def __init__(self, knowledge: Knowledge, divisions: Divisions) -> None:
        self.k = knowledge
        self.d = divisions
        self.tags = jieba_tags()

    def surname(self, name: str) -> str | None:
        if name[:2] in self.k.compound_surnames:
            return name[:2]
        return name[:1] if name[:1] in self.k.surnames else None

    def plausible(self, name: str, *, need_surname: bool = True) -> bool:
        if "·" in name or "•" in name or "‧" in name or "・" in name:
            parts = re.split("[·•‧・]", name)
            return all(parts) and not any(ch in _NOT_IN_NAME for ch in name.replace("·", ""))
        if not _NAME_CHARS.fullmatch(name):
            return False
        sur = self.surname(name)
        if sur is None and need_surname:
            return False
        if sur is not None and not 1 <= len(name) - len(sur) <= 2:
            return False
        if sur is None and len(name) != 2:
            return False
        tag = self.tags.get(name)
        if tag is not None and not tag.startswith("nr"):
            return False
        if sur is None and tag is None and any(self.tags.get(name[i:i + 2], "nr")[:1] in "vd" for i in (0,)):
            return False
        if name in self.k.forms or self.d.lookup(name):
            return False
        return True

    def at(self, text: str, q: int, *, strict: bool = False, bare: bool = False) -> int | None:
        """The end of a name beginning at ``q`` (before a boundary or a follow word), or None."""
        m = _DOTTED.match(text, q)
        if m:  # the last part may run into the words after it: the longest that ends well
            last_dot = max(m.group(0).rfind(ch) for ch in "·•‧・") + q
            for e in range(m.end(), last_dot + 1, -1):
                if self.plausible(text[q:e]) and _followed(text, e):
                    return e
        for ln in (3, 2, 4):
            name = text[q:q + ln]
            if len(name) < ln:
                continue
            if ln == 4 and name[:2] not in self.k.compound_surnames:
                continue
            if self.plausible(name) and _followed(text, q + ln):
                if ln == 2 and not strict and self.tags.get(text[q:q + 3], "").startswith("nr"):
                    continue  # a three-character name jieba knows
                return q + ln
        name = text[q:q + 2]
        if bare and len(name) == 2 and self.plausible(name, need_surname=False) and _followed(text, q + 2, True):
            return q + 2  # 秘书长某某参加: a name without a common surname, right after a post
        return None


def find_people(text: str, knowledge: Knowledge, divisions: Divisions) -> list[Candidate]:
    """Every person the rules of this module find in ``text`` (see the module docstring)."""
    names = _Names(knowledge, divisions)
    posts = load_posts()
    tags = names.tags
    out: list[Candidate] = []
    seen: set[int] = set()

    def add(s: int, e: int, rule: str) -> int:
        if s not in seen:
            seen.add(s)
            written = text[s:e]
            out.append(Candidate(s, e, written, T.PERSON, rule, re.sub(r"\s+", "", written)))
        return e

    def continue_list(e: int, rule: str) -> None:
        """副主席张某、李某、秘书长王某: the names after the first one."""
        while e < len(text) and text[e] == "、":
            q = e + 1
            p = posts.before.match(text, q)
            if p and posts.rank.get(_strip_prefix(p.group(0))) not in ("press", "honorific"):
                q = p.end()
            end = names.at(text, q, strict=p is None)
            if end is None:
                return
            e = add(q, end, rule)

    for p in finditer(posts.before, text):
        word = p.group(0)
        rank = posts.rank.get(_strip_prefix(word))
        if rank in ("honorific", "press") or rank is None:
            continue
        q = p.end()
        if tags.get(text[p.start():q + 1]) or tags.get(text[p.start():q + 2]):
            continue  # 主席台, 代表团, 委员会: a longer word, not a post
        while q < len(text) and text[q] in " \t　":
            q += 1
        end = names.at(text, q, bare=rank in ("head", "deputy", "staff"))
        if end is None:
            continue
        add(q, end, "grammar:person-post")
        continue_list(end, "grammar:person-list")
    _runs(text, names, add)
    _elected(text, names, posts, add)
    _press(text, names, posts, add)
    _name_lines(text, names, add)
    out.sort(key=lambda c: c.start)
    return out


def _strip_prefix(word: str) -> str:
    """常务副县长 → 副县长 (the post of the table, its prefixes dropped)."""
    posts = load_posts()
    rank = posts.rank
    while word not in rank:
        p = next((p for p in posts.prefixes if word.startswith(p) and len(word) > len(p)), None)
        if p is None:
            break
        word = word[len(p):]
    return word


def _runs(text: str, names: _Names, add) -> None:  # type: ignore[no-untyped-def]
    """王某、李某、赵某某等在主席台就座: three or more names in a run (or two before 等)."""
    for m in finditer(_NAME_RUN, text):
        items = []
        pos = m.start()
        for part in m.group(0).split("、"):
            items.append((pos, pos + len(part)))
            pos += len(part) + 1
        # the first item is the name that ends at the first 、 (after a word such as 以及);
        # each test below is pure, so a run fails at the first that fails (most runs of
        # 、 list things, not people)
        s0, e0 = items[0]
        first = None
        for s in (e0 - 3, e0 - 2):
            if s >= s0 and names.plausible(text[s:e0]) and _opens_name(text, s, names):
                first = s
                break
        if first is None:
            continue
        middle = items[1:-1]
        if not all(names.plausible(text[s:e]) for s, e in middle):
            continue
        # the last item ends before a boundary or a follow word
        s_last, e_last = items[-1]
        last_end = None
        for e in (e_last, e_last - 1):
            if e - s_last >= 2 and names.plausible(text[s_last:e]) and _followed(text, e):
                last_end = e
                break
        if last_end is None:
            continue
        if len(items) < 3 and not text.startswith("等", last_end):
            continue
        add(first, e0, "grammar:person-run")
        for s, e in middle:
            add(s, e, "grammar:person-run")
        add(s_last, last_end, "grammar:person-run")


def _elected(text: str, names: _Names, posts, add) -> None:  # type: ignore[no-untyped-def]
    """选举王某为某某县政协主席，李某、赵某为副主席，钱某等18名同志为常务委员: the names
    before 为 and a post."""
    rx = re.compile(r"为(?:[^，。；,;]{0,40}?)(?:" + posts.before.pattern + r")(?=[，。；,;、]|$)")
    for m in rx.finditer(text):
        lo = max(0, m.start() - 40)
        seg_start = max(text.rfind(ch, lo, m.start()) for ch in "，。；,;\n")
        seg_start = lo if seg_start < 0 else seg_start + 1
        seg = text[seg_start:m.start()]
        cut = re.search(r"(?:选举|推选|任命|决定|通过)", seg)
        if cut:
            seg_start += cut.end()
            seg = text[seg_start:m.start()]
        elif seg_start > 0 and text[seg_start - 1] not in "，,；;":
            continue  # the first name of such a list comes after 选举
        seg = re.sub(r"等[\d一二三四五六七八九十百]+(?:名|位)(?:同志)?$", "", seg)
        pos = seg_start
        items = []
        for part in seg.split("、"):
            items.append((pos, pos + len(part)))
            pos += len(part) + 1
        if items and all(names.plausible(text[s:e]) for s, e in items):
            for s, e in items:
                add(s, e, "grammar:person-elected")


def _opens_name(text: str, s: int, names: _Names) -> bool:
    """Whether a name may begin at ``s``: after a boundary, or right after a word (以及, 领导,
    主席), not inside one."""
    if s == 0 or not _HAN.match(text[s - 1]):
        return True
    posts = load_posts()
    return any(text[s - k:s] in names.tags or text[s - k:s] in posts.rank for k in (2, 3, 4) if s - k >= 0)


def _press(text: str, names: _Names, posts, add) -> None:  # type: ignore[no-untyped-def]
    """记者 王某 通讯员 李 某, 录入：张某, 供稿：某某县政协 王某: names in by-lines."""
    press = [w for w, r in posts.rank.items() if r == "press"]
    rx = re.compile("(?:" + "|".join(sorted(map(re.escape, press), key=len, reverse=True)) + r")[ \t　]*[：:]?[ \t　]*")
    for m in rx.finditer(text):
        stop = _PRESS_STOP.search(text, m.end(), m.end() + 40)
        seg_end = stop.start() if stop else min(len(text), m.end() + 40)
        tokens = [(t.start(), t.end()) for t in re.finditer(r"[^\s　]+", text[m.end():seg_end])]
        merged: list[tuple[int, int]] = []
        for s, e in tokens:
            s, e = s + m.end(), e + m.end()
            if e - s == 1 and merged and merged[-1][1] - merged[-1][0] <= 3 and \
                    len(re.sub(r"\s", "", text[merged[-1][0]:merged[-1][1]])) == 1:
                merged[-1] = (merged[-1][0], e)  # 李 某: a name spaced out
            else:
                merged.append((s, e))
        for s, e in merged[:4]:
            name = re.sub(r"[ \t　]", "", text[s:e])
            if name in press or name in ("摄", "报道", "文", "图"):
                continue
            if names.plausible(name):
                add(s, e, "grammar:by-line")
            elif len(name) > 4:
                # an organisation before the name: 供稿：某某县政协 王某, 某某县政协王某
                tail = _ORGAN_THEN_NAME.search(name)
                if tail and names.plausible(tail.group("name")) and "\n" not in text[s:e]:
                    add(e - len(tail.group("name")), e, "grammar:by-line")
                continue
            else:
                break


_NAME_LINE = re.compile(f"^[ \\t　]*(?P<name>[{HAN}](?:[ \\t　]?[{HAN}]){{1,2}}|[{HAN}·]{{3,16}})[ \\t　]*$", re.MULTILINE)


def _name_lines(text: str, names: _Names, add) -> None:  # type: ignore[no-untyped-def]
    """A line holding only a name under the line of the session the report is delivered at
    (——在某某县第九届人民代表大会第一次会议上 / 王某某)."""
    head = text[:3000]
    for m in _NAME_LINE.finditer(head):
        before = head[:m.start()].rstrip()
        prev = before.rsplit("\n", 1)[-1].strip()
        if not (prev.endswith(("上", "上）", "上)")) and "会议" in prev or prev.endswith(("）", ")")) and "年" in prev):
            continue
        name = re.sub(r"[ \t　]", "", m.group("name"))
        if names.plausible(name):
            add(m.start("name"), m.end("name"), "grammar:name-line")
