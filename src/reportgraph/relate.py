"""The ``reportgraph_relate`` component: relations between resolved entities.

Assigns ``doc._.rg_relations`` (a list of :class:`reportgraph.model.Relation`), read from

- the sentence's structure and the genre's cues (:mod:`reportgraph.cues`): 签署《…》 →
  authored, 被全国政协采用 → adoptedBy, 在……的领导下 → leads, 应邀参加/举办 → participatedIn,
  实施/推进/围绕 → implements, 与 A、B和C政协……形成 X联席会议 → memberOf, 在我县举办 →
  locatedIn; a clause with no subject takes the report's author (``doc._.rg_author``);
  enumerations (A、B、C和D政协) distribute over every member;
- the naming grammar: 代县政协 is located in 代县, 代县政协党组 is part of 代县政协, 代县脱贫攻坚
  is 代县's campaign, 《关于精准扶贫……》 is about 精准扶贫, 全国政协2020年4736号提案 was adopted
  by 全国政协, “双帽”第五次联席会 is a session of the “双帽”…联席会议;
- shipped knowledge: an administrative area is located in its parent (the division
  hierarchy), with evidence naming that source instead of offsets.

Every relation carries :class:`reportgraph.model.Evidence`: the sentence (offsets into the
text as read, its text) and the cue or rule (``method``), or the knowledge base.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from . import cues
from .gazetteer import SOURCE, load_divisions
from .model import Entity, EntityType, Evidence, Predicate, Relation

T = EntityType
P = Predicate

_OPEN = "“‘《（(「『【["
_CLOSE = "”’》）)」』】]"
_CLAUSE_BREAK = ",，:：;；。！？!?\n"
_QUOTES_RE = re.compile(r"[“”‘’\"'《》「」『』\s*]")
_ORDINAL_RE = re.compile(r"第[一二三四五六七八九十百零〇\d]+(?:次|届)")
_LEADS_AFTER = re.compile(
    r"(?:的)?(?:坚强|正确|全面|集中统一|统一|绝对|坚定|有力|直接|亲切)领导(?!小组|干部|班子|职务|岗位|同志|人|者|成员)"
    r"|领导(?:的|下|之下)|的领导"
)
_LEADS_NEXT = frozenset("下之是，,。；;、")
_ORGAN_RE = re.compile(
    r"^[\u4e00-\u9fff]{0,8}(?:委员会|委|办公室|办|党组|党委|党支部|党总支|机关|专委会|研究室|联络组)$")
_REPORT_TAIL = re.compile(r"^(?:第[一二三四五六七八九十\d]+届)?(?:常务委员会|常委会)?(?:\d{4}年)?(?:工作)?报告$")
_NUMBERED_PROPOSAL = re.compile(r"\d+号(?:提案|建议|议案)")


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    key: str
    type: EntityType


def _norm(text: str) -> str:
    return _QUOTES_RE.sub("", text)


class _Context:
    """One doc's entities, mentions, sentences and clauses, and the relations found."""

    def __init__(self, doc: Doc) -> None:
        report = doc._.rg_report
        self.doc_id: str = report.doc_id if report is not None else "doc"
        self.text: str = doc.text
        self.raw: str = report.text if report is not None else doc.text
        self.report = report
        self.entities: dict[str, Entity] = {e.key: e for e in (doc._.rg_entities or [])}
        mentions = sorted(
            {_Mention(m.start, m.end, e.key, e.type) for e in self.entities.values() for m in e.mentions},
            key=lambda m: (m.start, -m.end, m.key),
        )
        self.mentions = mentions
        self.outer: list[_Mention] = []
        for m in mentions:
            if self.outer and m.start < self.outer[-1].end and m.end <= self.outer[-1].end:
                continue
            if self.outer and m.start < self.outer[-1].end:
                continue  # overlapping, not nested: keep the first
            self.outer.append(m)
        self.by_form: dict[str, str] = {}
        self.forms: dict[str, set[str]] = {k: set() for k in self.entities}
        for e in sorted(self.entities.values(), key=lambda e: (len(e.mentions) == 0, e.key)):
            for form in (e.name, *e.aliases, *(m.text for m in e.mentions)):
                f = _norm(form)
                if len(f) >= 2:
                    self.by_form.setdefault(f, e.key)
                    self.forms[e.key].add(f)
        self.author: str | None = doc._.rg_author if doc._.rg_author in self.entities else None
        self.home: str | None = doc._.rg_home if doc._.rg_home in self.entities else None
        if self.home is None and report is not None and report.home:
            self.home = self.by_form.get(_norm(report.home))
        if self.author is None:
            self.author = self._guess_author()
        self.sentences: list[tuple[int, int]] = []
        for sent in doc.sents:
            chunk = self.text[sent.start_char:sent.end_char]
            stripped = chunk.strip()
            if stripped:
                s = sent.start_char + len(chunk) - len(chunk.lstrip())
                self.sentences.append((s, s + len(stripped)))
        self._starts = [s for s, _e in self.sentences]
        self._forms_by_types: dict[frozenset[EntityType], tuple[dict[str, str], int]] = {}
        self.relations: list[Relation] = []
        self.virtual: list[_Mention] = []  # organs named only through an enumeration
        self.members: dict[str, set[str]] = {}
        self.implied: list[Entity] = []  # organs named only through an enumeration

    # -- helpers ------------------------------------------------------------------
    def _guess_author(self) -> str | None:
        """The body named at the head of the report's title, when the resolver gave none."""
        title = (self.report.title if self.report is not None else None) or ""
        title = _norm(title)
        best: tuple[int, str] | None = None
        for form, key in self.by_form.items():
            if self.entities[key].type is T.ORGANIZATION and title.startswith(form) \
                    and _REPORT_TAIL.match(title[len(form):]):
                if best is None or len(form) > best[0]:
                    best = (len(form), key)
        return best[1] if best else None

    def type_of(self, key: str) -> EntityType:
        return self.entities[key].type

    def add(self, s: str | None, p: Predicate, o: str | None, ev: Evidence) -> None:
        if s is None or o is None or s == o or s not in self.entities or o not in self.entities:
            return
        subj_types, obj_types = cues.SIGNATURES[p]
        if self.type_of(s) not in subj_types or self.type_of(o) not in obj_types:
            return
        self.relations.append(Relation(s, p, o, (ev,)))

    def evidence(self, span: tuple[int, int], method: str) -> Evidence:
        s, e = span
        return Evidence(self.doc_id, s, e, self.raw[s:e], method)

    def sentence_of(self, pos: int) -> tuple[int, int] | None:
        """The sentence containing a character offset."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self.sentences[i][1]:
            return self.sentences[i]
        return None

    def clauses(self, sent: tuple[int, int]) -> list[tuple[int, int]]:
        """Comma-delimited clauses, never cut inside quotes, titles, brackets or mentions."""
        s, e = sent
        inside = {i for m in self.outer if s <= m.start < e for i in range(m.start, m.end)}
        out, depth, begin = [], 0, s
        for i in range(s, e):
            c = self.text[i]
            if c in _OPEN:
                depth += 1
            elif c in _CLOSE:
                depth = max(0, depth - 1)
            elif c in _CLAUSE_BREAK and depth == 0 and i not in inside:
                out.append((begin, i + 1))
                begin = i + 1
        if begin < e:
            out.append((begin, e))
        merged: list[tuple[int, int]] = []
        for c in out:  # 其中 …: the clause continues the previous one's scope
            if merged and self.text[c[0]:c[1]].lstrip().startswith("其中"):
                merged[-1] = (merged[-1][0], c[1])
            else:
                merged.append(c)
        return merged

    def outer_in(self, span: tuple[int, int]) -> list[_Mention]:
        return [m for m in self.outer if span[0] <= m.start and m.end <= span[1]]

    def inner_of(self, outer: _Mention) -> list[_Mention]:
        return [m for m in self.mentions if outer.start <= m.start and m.end <= outer.end and m != outer]

    def in_quotes(self, pos: int, span: tuple[int, int]) -> bool:
        depth = 0
        for i in range(span[0], pos):
            c = self.text[i]
            if c in "“‘《「『":
                depth += 1
            elif c in "”’》」』":
                depth = max(0, depth - 1)
        return depth > 0

    def groups(self, mentions: list[_Mention]) -> list[list[_Mention]]:
        """Enumerations: mentions joined only by 、/和/及/与 (and quotes)."""
        out: list[list[_Mention]] = []
        for m in mentions:
            if out:
                gap = _norm(self.text[out[-1][-1].end:m.start])
                if gap in cues.JOINERS:
                    out[-1].append(m)
                    continue
            out.append([m])
        return out

    def find_forms(self, text: str, types: set[EntityType]) -> list[tuple[int, int, str]]:
        """Longest known forms of entities of ``types`` inside ``text`` (normalised), left to
        right, without overlaps: ``(start, end, key)``."""
        key = frozenset(types)
        if key not in self._forms_by_types:
            table = {f: k for f, k in self.by_form.items() if self.type_of(k) in types}
            self._forms_by_types[key] = (table, max(map(len, table), default=0))
        table, longest = self._forms_by_types[key]
        found: list[tuple[int, int, str]] = []
        i = 0
        while i < len(text):
            for n in range(min(longest, len(text) - i), 1, -1):
                k = table.get(text[i:i + n])
                if k is not None:
                    found.append((i, i + n, k))
                    i += n
                    break
            else:
                i += 1
        return found

    def organs_of_group(self, group: list[_Mention], follow: int) -> tuple[list[str], bool]:
        """The bodies an enumeration names: A、B和C政协 distributes the head 政协 over A and B
        (and over the addresses 四川省阆中市, whose province only locates the county).
        Returns the keys and whether the group had such a head."""
        suffix = ""
        last = group[-1]
        if self.type_of(last.key) is T.ORGANIZATION:
            inner_areas = [m for m in self.inner_of(last) if m.type is T.ADMINISTRATIVE_AREA]
            if inner_areas and inner_areas[0].start == last.start:
                suffix = _norm(self.text[inner_areas[-1].end:last.end])
            else:
                for f in sorted(self.forms[last.key], key=len, reverse=True):
                    area = next((a for a in self.find_forms(f, {T.ADMINISTRATIVE_AREA}) if a[0] == 0), None)
                    if area:
                        suffix = f[area[1]:]
                        break
        else:
            tail = _norm(self.text[follow:follow + 12])
            suffix = next((h for h in sorted(cues.ORGAN_HEADS, key=len, reverse=True) if tail.startswith(h)), "")
        if not suffix:
            return [], False
        keys: list[str] = []
        for i, m in enumerate(group):
            if m.type is not T.ADMINISTRATIVE_AREA:
                keys.append(m.key)
                continue
            nxt = group[i + 1] if i + 1 < len(group) else None
            if nxt is not None and nxt.start == m.end and nxt.type is T.ADMINISTRATIVE_AREA \
                    and _is_address(self, m.key, nxt.key):
                continue  # 四川省|阆中市: the province is the address, not a member
            forms = set(self.forms[m.key]) | {_norm(self.text[m.start:m.end])}
            key = next((k for f in sorted(forms, key=len, reverse=True)
                        if (k := self.by_form.get(_norm(f + suffix))) is not None
                        and self.type_of(k) is T.ORGANIZATION), None)
            if key is None and suffix in cues.ORGAN_HEADS:
                key = self.imply_organ(m, suffix)
            if key is not None:
                keys.append(key)
                self.virtual.append(_Mention(m.start, m.end, key, T.ORGANIZATION))
        return keys, True

    def imply_organ(self, area: _Mention, suffix: str) -> str:
        """An organ an enumeration names only through its area (阆中市 in A、阆中市和B政协):
        an entity of its own, with no mention of its own (its relations carry the sentence)."""
        e = self.entities[area.key]
        name = _norm(e.name) + suffix
        surface = _norm(self.text[area.start:area.end]) + suffix
        aliases = tuple(sorted({surface} - {name}))
        entity = Entity(name, name, T.ORGANIZATION, aliases, (), None, source="grammar:enumeration")
        self.entities[name] = entity
        self.implied.append(entity)
        self.forms[name] = {name, *aliases}
        for f in (name, *aliases):
            self.by_form.setdefault(f, name)
        self._forms_by_types.clear()
        return name

    def expand(self, group: list[_Mention], types: set[EntityType]) -> list[str]:
        """The keys a subject group names (with distributed organs)."""
        if any(m.type is T.ADMINISTRATIVE_AREA for m in group) and T.ORGANIZATION in types:
            organs, headed = self.organs_of_group(group, group[-1].end)
            if headed:
                return [k for k in organs if self.type_of(k) in types]
        return [m.key for m in group if m.type in types]


class Relater:
    """Relations from sentence structure, the genre's cues, naming and shipped knowledge."""

    def __call__(self, doc: Doc) -> Doc:
        ctx = _Context(doc)
        for sent in ctx.sentences:
            _sentence_rules(ctx, sent)
        _naming_rules(ctx)
        _knowledge_rules(ctx)
        _collective_rules(ctx)
        if ctx.implied:
            doc._.rg_entities = [*(doc._.rg_entities or []), *ctx.implied]
        doc._.rg_relations = ctx.relations
        return doc


# -- sentence rules --------------------------------------------------------------------

def _cue_positions(ctx: _Context, clause: tuple[int, int], words: Iterable[str]) -> list[tuple[int, str]]:
    """Where cue words occur in a clause, outside mentions and quotes, longest first."""
    text = ctx.text
    taken: set[int] = set()
    out = []
    inside = {i for m in ctx.outer if clause[0] <= m.start < clause[1] for i in range(m.start, m.end)}
    for w in sorted(set(words), key=len, reverse=True):
        start = clause[0]
        while True:
            i = text.find(w, start, clause[1])
            if i < 0:
                break
            start = i + 1
            span = set(range(i, i + len(w)))
            if span & inside and not _leading_verb(ctx, i, w):
                continue
            if span & taken or ctx.in_quotes(i, clause):
                continue
            taken |= span
            out.append((i, w))
    return sorted(out)


def _leading_verb(ctx: _Context, pos: int, word: str) -> bool:
    """A cue the recogniser kept at the head of a mention (打赢脱贫攻坚战 for 脱贫攻坚)."""
    for m in ctx.outer:
        if m.start == pos:
            return word not in _norm(ctx.entities[m.key].name)
    return False


def _subject(ctx: _Context, clauses: list[tuple[int, int]], ci: int, pos: int,
             types: set[EntityType]) -> tuple[list[str], bool]:
    """The subject of the verb at ``pos``: a body before it in its clause, the body opening
    an earlier clause of the sentence, or the report's author (a dropped subject)."""
    clause = clauses[ci]
    before = [m for m in ctx.outer_in((clause[0], pos))]
    for group in reversed(ctx.groups(before)):
        if not any(m.type in _AGENTS for m in group):
            continue
        first = group[0]
        lead = ctx.text[clause[0]:first.start]
        if lead.rstrip().endswith(cues.OBJECT_PREPOSITIONS):
            continue
        if _norm(ctx.text[group[-1].end:pos]).startswith("的"):
            continue
        return ctx.expand(group, types), True  # an explicit subject, even of another type
    collective = _numbered_collective(ctx, clause[0], pos)
    if collective:
        return [collective], True
    for cj in range(ci - 1, -1, -1):
        c = clauses[cj]
        collective = _numbered_collective(ctx, c[0], c[1])
        if collective:
            return [collective], True
        mentions = ctx.outer_in(c)
        if not mentions:
            continue
        lead = _strip_opener(_norm(ctx.text[c[0]:mentions[0].start]))
        if lead:
            continue
        group = ctx.groups(mentions)[0]
        if any(m.type in _AGENTS for m in group):
            return ctx.expand(group, types), True
    return ([ctx.author] if ctx.author else []), False


_AGENTS = frozenset({T.ORGANIZATION, T.ADMINISTRATIVE_AREA, T.PERSON})
_NUMBERED_BODIES = re.compile(
    r"[一二三四五六七八九十两\d]+个?(?:省|市|县|区|州|旗)(?:[(（][市县区州][)）])?(?:政协|人大|政府|党委)?")


def _strip_opener(lead: str) -> str:
    for opener in sorted(cues.CLAUSE_OPENERS, key=len, reverse=True):
        if lead.startswith(opener):
            return lead[len(opener):]
    return lead


def _numbered_collective(ctx: _Context, start: int, end: int) -> str | None:
    """七县(市)政协 opening a clause: the doc's one alliance (联席会议, 联盟…) speaks."""
    lead = _strip_opener(_norm(ctx.text[start:end]))
    m = _NUMBERED_BODIES.match(lead)
    if not m:
        return None
    found = [k for k, e in ctx.entities.items() if e.type is T.ORGANIZATION
             and any(c in f for f in ctx.forms[k] | {_norm(e.name)} for c in cues.COLLECTIVE_WORDS)]
    named = [k for k in found if any(m.group(0) in f for f in ctx.forms[k] | {_norm(ctx.entities[k].name)})]
    if len(named) == 1:
        return named[0]
    return found[0] if len(found) == 1 else None


def _objects_after(ctx: _Context, clause: tuple[int, int], pos: int, types: set[EntityType]) -> list[_Mention]:
    return [m for m in ctx.outer_in((pos, clause[1])) if m.type in types]


def _sentence_rules(ctx: _Context, sent: tuple[int, int]) -> None:
    clauses = ctx.clauses(sent)
    text = ctx.text
    sent_mentions = ctx.outer_in(sent)
    if not sent_mentions:
        return
    events_in_sentence = [m for m in sent_mentions if m.type is T.EVENT]
    for ci, clause in enumerate(clauses):
        agents = {T.ORGANIZATION, T.PERSON}
        # authored: 签署/撰写/编辑出版/发出/上报 《…》
        for pos, w in _cue_positions(ctx, clause, cues.AUTHORED):
            objs = _objects_after(ctx, clause, pos, {T.DOCUMENT})
            if not objs:
                continue
            subjects, _ = _subject(ctx, clauses, ci, pos, agents)
            for s in subjects:
                for o in objs:
                    ctx.add(s, P.AUTHORED, o.key, ctx.evidence(sent, f"cue:{w}"))
        for m in ctx.outer_in(clause):  # 完成《…规划》编制
            after = text[m.end:m.end + 4]
            w = next((c for c in cues.AUTHORED_AFTER if after.startswith((c, "的" + c))), None)
            if m.type is T.DOCUMENT and w:
                subjects, _ = _subject(ctx, clauses, ci, m.start, agents)
                for s in subjects:
                    ctx.add(s, P.AUTHORED, m.key, ctx.evidence(sent, f"cue:…{w}"))
        for m in ctx.outer_in(clause):  # 在 EVENT 上 (讲话, 报告工作)
            if m.type is T.EVENT and text[:m.start].endswith("在") and text[m.end:m.end + 1] == "上":
                subjects, _ = _subject(ctx, clauses, ci, m.start - 1, {T.ORGANIZATION, T.PERSON})
                for s in subjects:
                    ctx.add(s, P.PARTICIPATED_IN, m.key, ctx.evidence(sent, "cue:在…上"))
        # adoptedBy: 《…》 被 ORG 采用
        for m in re.finditer("被", text[clause[0]:clause[1]]):
            pos = clause[0] + m.start()
            after = [x for x in ctx.outer_in((pos + 1, clause[1]))]
            if not after or after[0].type is not T.ORGANIZATION:
                continue
            adopters = [a for a in ctx.groups(after)[0] if a.type is T.ORGANIZATION]  # 被市委、市政府采纳
            verb = text[adopters[-1].end:adopters[-1].end + 4]
            cue = next((v for v in cues.ADOPTED if verb.startswith(v) or verb[1:].startswith(v)), None)
            if cue is None or _norm(text[pos + 1:adopters[0].start]):
                continue
            for d in [x for x in ctx.outer_in((clause[0], pos)) if x.type is T.DOCUMENT]:
                for adopter in adopters:
                    ctx.add(d.key, P.ADOPTED_BY, adopter.key, ctx.evidence(sent, f"cue:被…{cue}"))
        # participatedIn: 参加/出席/举办/召开 EVENT
        for pos, w in _cue_positions(ctx, clause, cues.PARTICIPATED):
            objs = _objects_after(ctx, clause, pos, {T.EVENT})
            rest = _norm(text[pos + len(w):clause[1]]).rstrip(_CLAUSE_BREAK)
            if not objs and (not rest or re.match(r"(?:了)?(?:会议|大会|活动|会)", rest)):
                earlier = [m for m in events_in_sentence if m.end <= pos]
                objs = earlier[-1:]
            if not objs:
                continue
            subjects, _ = _subject(ctx, clauses, ci, pos, {T.ORGANIZATION, T.PERSON, T.ADMINISTRATIVE_AREA})
            for s in subjects:
                for o in objs:
                    ctx.add(s, P.PARTICIPATED_IN, o.key, ctx.evidence(sent, f"cue:{w}"))
        # implements / about: 实施/推进/围绕 INITIATIVE; 围绕……主题/协商 → about
        for pos, w in _cue_positions(ctx, clause, cues.IMPLEMENTS):
            objs = _objects_after(ctx, clause, pos, {T.INITIATIVE})
            if not objs:
                continue
            rest = text[pos:clause[1]]
            if w == "围绕" and any(t in rest for t in cues.TOPIC_MARKERS):
                frames = [ev for ev in events_in_sentence if clause[0] <= ev.start < clause[1]
                          or text[ev.end:ev.end + 2].startswith(cues.EVENT_FRAMES)]
                for ev in frames:
                    for o in objs:
                        ctx.add(ev.key, P.ABOUT, o.key, ctx.evidence(sent, "cue:围绕…协商"))
                continue
            subjects, _ = _subject(ctx, clauses, ci, pos, {T.ORGANIZATION, T.ADMINISTRATIVE_AREA})
            for o in objs:
                organ = _adjacent_organ(ctx, o)
                for s in [organ] if organ else subjects:
                    ctx.add(s, P.IMPLEMENTS, o.key, ctx.evidence(sent, f"cue:{w}"))
        for m in ctx.outer_in(clause):
            if m.type is not T.INITIATIVE:
                continue
            after = _norm(text[m.end:m.end + 4])
            w = next((c for c in cues.IMPLEMENTS_AFTER if after.startswith(c) or after.startswith("的" + c)), None)
            if w is None:
                continue
            subjects, _ = _subject(ctx, clauses, ci, m.start, {T.ORGANIZATION, T.ADMINISTRATIVE_AREA})
            for s in subjects:
                ctx.add(s, P.IMPLEMENTS, m.key, ctx.evidence(sent, f"cue:…{w}"))
        for pos, w in _cue_positions(ctx, clause, cues.SUBDIVIDES):  # X 下设 A、B和C
            owners = [m for m in ctx.outer_in((clause[0], pos)) if m.type is T.ORGANIZATION]
            parts = [m for m in _objects_after(ctx, clause, pos, {T.ORGANIZATION})]
            if owners and not _norm(text[owners[-1].end:pos]):
                for part in parts:
                    ctx.add(part.key, P.PART_OF, owners[-1].key, ctx.evidence(sent, f"cue:{w}"))
        _membership(ctx, sent, clauses, ci)
        _held_in(ctx, sent, clause)
    _leads(ctx, sent, clauses)
    _adjacency(ctx, sent, sent_mentions)


def _adjacent_organ(ctx: _Context, initiative: _Mention) -> str | None:
    """政协党组全面从严治党: an internal organ right before the initiative is its bearer."""
    for m in ctx.outer:
        if m.end == initiative.start and m.type is T.ORGANIZATION:
            if any(f.endswith(cues.ORGAN_SUFFIXES) for f in ctx.forms[m.key]):
                return m.key
    return None


def _membership(ctx: _Context, sent: tuple[int, int], clauses: list[tuple[int, int]], ci: int) -> None:
    """与 A、B和C政协……形成 X联席会议: the speaker, A, B and C are members of X."""
    clause = clauses[ci]
    text = ctx.text
    for pos, w in _cue_positions(ctx, clause, cues.FORMED):
        objs = [m for m in _objects_after(ctx, clause, pos, {T.ORGANIZATION})
                if any(c in f for f in ctx.forms[m.key] for c in cues.COLLECTIVE_WORDS)]
        if not objs:
            continue
        collective = objs[0].key
        partners: list[str] = []
        for cj in range(ci, -1, -1):
            c = clauses[cj]
            end = pos if cj == ci else c[1]
            i = text.rfind("与", c[0], end)
            while i >= 0 and ctx.in_quotes(i, c):
                i = text.rfind("与", c[0], i)
            if i < 0:
                continue
            after = [m for m in ctx.outer_in((i + 1, end))
                     if m.type in (T.ORGANIZATION, T.ADMINISTRATIVE_AREA)]
            if after:
                partners = ctx.expand(ctx.groups(after)[0], {T.ORGANIZATION, T.ADMINISTRATIVE_AREA})
            break
        subjects, _ = _subject(ctx, clauses, ci, pos, {T.ORGANIZATION, T.ADMINISTRATIVE_AREA})
        for s in [*subjects, *partners]:
            ctx.add(s, P.MEMBER_OF, collective, ctx.evidence(sent, f"cue:与…{w}"))
            if s in ctx.entities and s != collective:
                ctx.members.setdefault(collective, set()).add(s)
    for pos, w in _cue_positions(ctx, clause, cues.JOINED):
        after = [m for m in ctx.outer_in((pos, clause[1])) if m.type is T.ORGANIZATION]
        before = [m for m in ctx.outer_in((clause[0], pos)) if m.type is T.ORGANIZATION]
        if w == "加入" and after:
            subjects, _ = _subject(ctx, clauses, ci, pos, {T.ORGANIZATION, T.ADMINISTRATIVE_AREA})
            for s in subjects:
                ctx.add(s, P.MEMBER_OF, after[0].key, ctx.evidence(sent, "cue:加入"))
        elif w != "加入" and before and _norm(text[before[-1].end:pos]) in ("", "的"):
            # X的成员(单位)包括 A、B / A是X的成员
            owner = before[-1]
            members = [m for m in after if m.type is T.ORGANIZATION]
            head = ctx.text[clause[0]:owner.start]
            if not members and head.rstrip().endswith("是"):
                members = [m for m in before[:-1]][-1:]
            for m in members:
                ctx.add(m.key, P.MEMBER_OF, owner.key, ctx.evidence(sent, f"cue:{w}"))


def _held_in(ctx: _Context, sent: tuple[int, int], clause: tuple[int, int]) -> None:
    """EVENT 在 AREA 举办 / 在 AREA 召开的 EVENT: the event is located in the area."""
    text = ctx.text
    ms = ctx.outer_in(clause)
    for i, m in enumerate(ms):
        if m.type is not T.ADMINISTRATIVE_AREA or not text[:m.start].endswith("在"):
            continue
        verb = text[m.end:m.end + 3]
        if not verb.startswith(cues.HELD):
            continue
        event = None
        if i > 0 and ms[i - 1].type is T.EVENT and not _norm(text[ms[i - 1].end:m.start - 1]):
            event = ms[i - 1]
        elif i + 1 < len(ms) and ms[i + 1].type is T.EVENT and len(_norm(text[m.end:ms[i + 1].start])) <= 3:
            event = ms[i + 1]
        if event is not None:
            ctx.add(event.key, P.LOCATED_IN, m.key, ctx.evidence(sent, f"cue:在…{verb[:2]}"))


_PARTY_RE = re.compile(r"(?<![政入建参本各该全政])党(?=的(?:坚强|全面|集中统一|绝对)?领导|对)")


def _leads(ctx: _Context, sent: tuple[int, int], clauses: list[tuple[int, int]]) -> None:
    """在 X(、Y) 的领导下 / X 坚强领导 / Z 是 X 领导的 / X 对 Z 的领导 (党 is the Party).
    A bare “X领导” (省政协领导来调研) names X's leaders, not leadership."""
    text = ctx.text
    ms = ctx.outer_in(sent)
    party = ctx.by_form.get("中国共产党") or ctx.by_form.get("中共")
    if party is not None and ctx.type_of(party) is T.ORGANIZATION:
        covered = {i for m in ms for i in range(m.start, m.end)}
        extra = [_Mention(m.start(), m.end(), party, T.ORGANIZATION)
                 for m in _PARTY_RE.finditer(text, sent[0], sent[1]) if m.start() not in covered]
        ms = sorted([*ms, *extra], key=lambda m: (m.start, -m.end))
    for i, x in enumerate(ms):
        if x.type is not T.ORGANIZATION:
            continue
        after = text[x.end:sent[1]]
        # the leaders: X and the bodies enumerated before it (在县委、县政府的领导下)
        leaders = [x]
        j = i
        while j > 0 and ms[j - 1].type is T.ORGANIZATION and \
                _norm(text[ms[j - 1].end:ms[j].start]) in cues.JOINERS:
            leaders.insert(0, ms[j - 1])
            j -= 1
        head = text[sent[0]:leaders[0].start]
        led: str | None = None
        if after.startswith("对"):
            nxt = ms[i + 1] if i + 1 < len(ms) else None
            if nxt is None or nxt.start != x.end + 1 or nxt.type is not T.ORGANIZATION:
                continue
            if not re.match(r"(?:各项|的|工作|事业)*(?:的)?(?:全面)?领导", text[nxt.end:nxt.end + 8]):
                continue
            led, method = nxt.key, "cue:对…的领导"
        else:
            m = _LEADS_AFTER.match(after)
            if not m or head.endswith("对"):
                continue
            if m.group(0) == "的领导" and not (after[m.end():m.end() + 1] in _LEADS_NEXT
                                              or head.endswith(cues.LEADERSHIP_VERBS)):
                continue
            prev = ms[j - 1] if j > 0 else None
            attached = prev is not None and prev.type is T.ORGANIZATION and prev.end == leaders[0].start - 1
            if head.endswith("是") and attached:
                led, method = prev.key, "cue:是…领导的"
            elif head.endswith("在") and attached:
                led, method = prev.key, "cue:在…的领导下"
            else:
                led = ctx.author
                method = "cue:在…的领导下" if head.endswith("在") else "cue:领导"
        for leader in leaders:
            ctx.add(leader.key, P.LEADS, led, ctx.evidence(sent, method))


def _adjacency(ctx: _Context, sent: tuple[int, int], ms: list[_Mention]) -> None:
    """Juxtaposed names: 四川省阆中市 (address), 代县脱贫攻坚 (the area's campaign),
    省政协庆祝…征文 (the body's event), 全国政协2020年4736号提案 (registered by the body)."""
    text = ctx.text
    pairs: list[tuple[_Mention, _Mention]] = []
    for a, b in zip(ms, ms[1:]):
        if a.end == b.start:
            pairs.append((a, b))
    for outer in ms:  # a name that opens a longer one: 四川省|阆中市, 代县|脱贫攻坚
        inner = [m for m in ctx.inner_of(outer) if m.start == outer.start and m.key != outer.key]
        for m in inner[:1]:
            pairs.append((m, outer))
    areas = [m for m in ctx.mentions if m.type is T.ADMINISTRATIVE_AREA and sent[0] <= m.start < sent[1]]
    pairs += [(a, b) for a in areas for b in areas if a.end == b.start]  # 湖南省|凤凰县|政协
    for a, b in pairs:
        ta, tb = a.type, b.type
        if ta is T.ADMINISTRATIVE_AREA and tb is T.ADMINISTRATIVE_AREA and _is_address(ctx, a.key, b.key):
            ctx.add(b.key, P.LOCATED_IN, a.key, ctx.evidence(sent, "grammar:address"))
        elif ta is T.ADMINISTRATIVE_AREA and tb is T.INITIATIVE and not _norm(ctx.entities[b.key].name).startswith(
                tuple(ctx.forms[a.key])) and not _modifies_noun(text, b.end):
            ctx.add(a.key, P.IMPLEMENTS, b.key, ctx.evidence(sent, "grammar:area+initiative"))
        elif ta is T.ORGANIZATION and tb is T.EVENT and not _norm(ctx.entities[b.key].name).startswith(
                tuple(ctx.forms[a.key])):
            ctx.add(a.key, P.PARTICIPATED_IN, b.key, ctx.evidence(sent, "grammar:body+event"))
        elif ta is T.ORGANIZATION and tb is T.DOCUMENT and _NUMBERED_PROPOSAL.search(text[b.start:b.end]):
            ctx.add(b.key, P.ADOPTED_BY, a.key, ctx.evidence(sent, "grammar:numbered-proposal"))
    # 代县创卫 named as one mention: the area opens the initiative's surface form
    for m in ms:
        if m.type is not T.INITIATIVE:
            continue
        surface = _norm(text[m.start:m.end])
        found = ctx.find_forms(surface, {T.ADMINISTRATIVE_AREA})
        if found and found[0][0] == 0 and found[0][1] < len(surface) and \
                not _norm(ctx.entities[m.key].name).startswith(surface[:found[0][1]]) \
                and not _modifies_noun(text, m.end):
            ctx.add(found[0][2], P.IMPLEMENTS, m.key, ctx.evidence(sent, "grammar:area+initiative"))


def _modifies_noun(text: str, end: int) -> bool:
    """全省脱贫攻坚奖, 全县脱贫攻坚领导小组: the campaign only names an award or a body."""
    return text[end:end + 5].startswith(cues.CAMPAIGN_MODIFIED)


def _is_address(ctx: _Context, upper: str, lower: str) -> bool:
    a, b = ctx.entities[upper], ctx.entities[lower]
    if a.code and b.code:
        divisions = load_divisions()
        return b.code in divisions.by_code and any(
            d.code == a.code for d in divisions.ancestors(b.code))
    return _norm(a.name).endswith(("省", "自治区", "市", "州", "盟")) and not _norm(a.name) in cues.COUNTRY_NAMES


# -- naming rules ----------------------------------------------------------------------

def _mention_sentences(ctx: _Context, key: str) -> list[tuple[_Mention, tuple[int, int]]]:
    out = []
    for m in [*ctx.mentions, *ctx.virtual]:
        if m.key == key:
            sent = ctx.sentence_of(m.start)
            if sent is not None:
                out.append((m, sent))
    return out


def _naming_rules(ctx: _Context) -> None:
    area_types = {T.ADMINISTRATIVE_AREA}
    for key, e in ctx.entities.items():
        names = sorted(ctx.forms[key] | {_norm(e.name)}, key=len, reverse=True)
        if e.type in (T.ORGANIZATION, T.PLACE) and not _is_organ(ctx, key, names):
            # 代县政协, 中共代县县委, 民进代县小组, 长城代县段: located in the area they name
            area = _seat(ctx, _norm(e.name)) or next((a for a in (_seat(ctx, n) for n in names) if a), None)
            if area is not None:
                _add_with_mentions(ctx, key, P.LOCATED_IN, area, "grammar:organ-of-place")
        if e.type is T.ORGANIZATION:
            # 代县政协党组, 阆中市政协提案委员会: part of 代县政协, 阆中市政协
            organ = _body_of_organ(ctx, key)
            if organ is not None:
                _add_with_mentions(ctx, key, P.PART_OF, organ[0], f"grammar:organ:{organ[1]}")
        if e.type in (T.DOCUMENT, T.EVENT):
            # 《关于精准扶贫……》, 庆祝改革开放40周年征文: about the initiative (area, place) named
            targets = {T.INITIATIVE, T.PLACE} if e.type is T.EVENT else {
                T.INITIATIVE, T.ADMINISTRATIVE_AREA, T.PLACE}
            found: dict[str, tuple[int, str]] = {}
            for n in names:
                for s, end, k in ctx.find_forms(n, targets | {T.ORGANIZATION}):
                    if k != key and n[s:end] != n and ctx.type_of(k) in targets:
                        found.setdefault(k, (s, n))
            for k in [k for k, (pos, n) in found.items() if ctx.type_of(k) is T.ADMINISTRATIVE_AREA]:
                pos, n = found[k]
                end = pos + len(next((f for f in sorted(ctx.forms[k], key=len, reverse=True)
                                      if n.startswith(f, pos)), ""))
                if n[end:].startswith(cues.ORGAN_WORDS):
                    del found[k]  # 《…代县委员会…工作报告》: the body's seat, not the topic
            areas = [k for k in found if ctx.type_of(k) is not T.INITIATIVE]
            located = [k for k in areas if found[k][1][:found[k][0]].endswith(("在", "于"))]
            for k in found:
                if areas and located and k in areas and k not in located:
                    continue
                _add_with_mentions(ctx, key, P.ABOUT, k, "grammar:title-names")
            if e.type is T.DOCUMENT:
                for n in names[:1]:
                    spans = ctx.find_forms(n, {T.ADMINISTRATIVE_AREA, T.INITIATIVE})
                    for (s1, e1, k1), (s2, _e2, k2) in zip(spans, spans[1:]):
                        if e1 == s2 and ctx.type_of(k1) is T.ADMINISTRATIVE_AREA and \
                                ctx.type_of(k2) is T.INITIATIVE:
                            _add_with_mentions(ctx, k1, P.IMPLEMENTS, k2, "grammar:area+initiative", of=key)
    # the report itself: authored by the body that delivers it
    if ctx.author and ctx.report is not None and ctx.report.title:
        title = _norm(ctx.report.title)
        for key, e in ctx.entities.items():
            if e.type is T.DOCUMENT and (title in ctx.forms[key] or _norm(e.name) == title):
                _add_with_mentions(ctx, ctx.author, P.AUTHORED, key, "rule:report-title", of=key)
    # local areas without a code (towns, villages, new districts) lie in the home area
    if ctx.home:
        for key, e in ctx.entities.items():
            n = _norm(e.name)
            if e.type is T.ADMINISTRATIVE_AREA and not e.code and n.endswith(cues.LOCAL_AREA_SUFFIXES) \
                    and n not in cues.NATIONAL_NEW_AREAS and key != ctx.home and not _seat(ctx, n) \
                    and not _only_nested(ctx, e):
                _add_with_mentions(ctx, key, P.LOCATED_IN, ctx.home, "rule:local-area-of-home")
            elif e.type is T.ADMINISTRATIVE_AREA and not e.code and area_types and _seat(ctx, n):
                _add_with_mentions(ctx, key, P.LOCATED_IN, _seat(ctx, n), "grammar:address")
            elif e.type is T.PLACE and not _seat(ctx, n) and any(
                    f.endswith(cues.LOCAL_SITE_SUFFIXES) for f in ctx.forms[key]):
                _add_with_mentions(ctx, key, P.LOCATED_IN, ctx.home, "rule:local-site-of-home")


def _only_nested(ctx: _Context, e: Entity) -> bool:
    """Every mention lies inside a campaign's or event's name (“四下乡” is a campaign, not a 乡;
    a place named in a proposal's title still is one)."""
    hosts = [m for m in ctx.outer if m.type in (T.INITIATIVE, T.EVENT) and m.key != e.key]
    return bool(e.mentions) and all(
        any(h.start <= m.start and m.end <= h.end for h in hosts) for m in e.mentions)


def _body_of_organ(ctx: _Context, key: str) -> tuple[str, str] | None:
    """(body, organ word) when the name is another body's name plus an organ word
    (代县政协 + 党组, 阆中市政协 + 提案委员会); a rest naming a place (代县委员会) is not one."""
    e = ctx.entities[key]
    name = _norm(e.name)
    for n in [name, *sorted(ctx.forms[key] - {name}, key=len)]:
        for k in range(len(n) - 1, 1, -1):
            whole = ctx.by_form.get(n[:k])
            rest = n[k:]
            if whole is None or whole == key or ctx.type_of(whole) is not T.ORGANIZATION:
                continue
            if _ORGAN_RE.match(rest) and not ctx.find_forms(rest, {T.ADMINISTRATIVE_AREA}) \
                    and not _names_division(rest):
                return whole, rest
    return None


def _names_division(text: str) -> bool:
    """Whether the text contains a division's name (忻州市委: a place's committee, not an organ)."""
    if any(c in text for c in cues.COUNTRY_NAMES):
        return True
    names = load_divisions().by_name
    return any(text[i:j] in names for i in range(len(text)) for j in range(i + 2, len(text) + 1))


def _is_organ(ctx: _Context, key: str, names: list[str]) -> bool:
    """An internal organ of another body of the doc (代县政协党组): located with its body."""
    return _body_of_organ(ctx, key) is not None


def _seat(ctx: _Context, name: str) -> str | None:
    """The administrative area a body's name contains (the rightmost, most specific)."""
    best = None
    for s, e, k in ctx.find_forms(name, {T.ADMINISTRATIVE_AREA}):
        if name[s:e] == name or name[s:e] in cues.COUNTRY_NAMES or _norm(ctx.entities[k].name) in cues.COUNTRY_NAMES:
            continue
        best = k
    return best


def _add_with_mentions(ctx: _Context, s: str, p: Predicate, o: str, method: str, *, of: str | None = None) -> None:
    """Evidence from the sentences that name the subject (or ``of``), at most three."""
    sents = []
    for _m, sent in _mention_sentences(ctx, of or s):
        if sent not in sents:
            sents.append(sent)
    for sent in sents[:3]:
        ctx.add(s, p, o, ctx.evidence(sent, method))


# -- knowledge and collectives ----------------------------------------------------------

def _knowledge_rules(ctx: _Context) -> None:
    """An administrative area is located in its nearest parent among the doc's entities."""
    divisions = load_divisions()
    by_code = {e.code: e for e in ctx.entities.values() if e.code and e.type is T.ADMINISTRATIVE_AREA}
    for e in by_code.values():
        if e.code not in divisions.by_code:
            continue
        for anc in divisions.ancestors(e.code):
            if anc.code in by_code:
                ev = Evidence(ctx.doc_id, None, None, "", "knowledge:division-hierarchy", SOURCE)
                ctx.add(e.key, P.LOCATED_IN, by_code[anc.code].key, ev)
                break


def _collective_rules(ctx: _Context) -> None:
    """A collective’s members share what it signs and attends; a session of a body (“双帽”
    第五次联席会 of the “双帽”…联席会议) is attended by the body and its members."""
    for key, e in ctx.entities.items():
        if e.type is not T.EVENT:
            continue
        body = _body_of_session(ctx, _norm(e.name))
        if body is None:
            continue
        for s in [body, *sorted(ctx.members.get(body, ()))]:
            _add_with_mentions(ctx, s, P.PARTICIPATED_IN, key, "rule:session-of-body", of=key)
    extra = []
    for r in ctx.relations:
        if r.predicate in (P.AUTHORED, P.PARTICIPATED_IN) and r.subject in ctx.members:
            for m in sorted(ctx.members[r.subject]):
                ev = r.evidence[0]
                extra.append((m, r.predicate, r.object, Evidence(ev.doc, ev.start, ev.end, ev.text,
                                                                   ev.method + "+members", ev.source)))
    for s, p, o, ev in extra:
        ctx.add(s, p, o, ev)


def _body_of_session(ctx: _Context, name: str) -> str | None:
    """The body an ordinal session belongs to: “双帽”第五次联席会 → the “双帽”…联席会议 (its
    name shares the prefix and the kind of meeting); 政协…第十五届委员会第三次会议 → the author
    when the prefix names it."""
    ords = list(_ORDINAL_RE.finditer(name))
    if not ords:
        return None
    prefix, kind = name[:ords[0].start()], name[ords[-1].end():].rstrip("议")
    generic = kind in ("", "会", "大会", "全会", "会议", "常委会会", "常委会")
    candidates = []
    for key, e in ctx.entities.items():
        if e.type is not T.ORGANIZATION:
            continue
        forms = {_ORDINAL_RE.sub("", f) for f in ctx.forms[key] | {_norm(e.name)}}
        if generic:
            if key == ctx.author and prefix and _ORDINAL_RE.sub("", prefix) in forms:
                candidates.append(key)
        elif any(kind[:2] in f and (not prefix or prefix in f) for f in forms):
            candidates.append(key)
    return candidates[0] if len(candidates) == 1 else None


@Language.factory(
    "reportgraph_relate",
    assigns=["doc._.rg_relations", "doc._.rg_entities"],
    requires=["doc._.rg_entities", "token.is_sent_start"],
)
def make_relater(nlp: Language, name: str) -> Relater:
    """spaCy factory for :class:`Relater`."""
    return Relater()
