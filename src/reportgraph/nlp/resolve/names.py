"""Canonical names: each mention read against the home place and its parents (县政协 → 代县政协,
十九大 → 中共十九大, 市十三届人大二次会议 → 忻州市十三届人大二次会议) and put into its entity.

:class:`CanonicalNames` is mixed into :class:`reportgraph.nlp.resolve.component.Resolver`,
which supplies ``divisions`` (the gazetteer) and ``level_division``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from reportgraph.genre.organs import organ_names, organ_table
from reportgraph.knowledge.gazetteer import Division
from reportgraph.knowledge.numerals import to_chinese
from reportgraph.model import EntityType
from reportgraph.nlp.candidate import Candidate

if TYPE_CHECKING:
    from reportgraph.knowledge.gazetteer import Divisions

T = EntityType
_cn = to_chinese


class CanonicalNames:
    """The canonical name of each mention; see the module docstring."""

    divisions: Divisions

    def _organ(self, kind: str, dv: Division) -> tuple[str, tuple[str, ...]]:
        names = organ_names(kind, dv)
        return names[0], names[1:]

    def _resolve_one(self, c: Candidate, home: Division | None, author_kind: str | None,
                     proposals: dict[str, str], put) -> None:  # type: ignore[no-untyped-def]
        d = self.divisions
        if c.type is T.ADMINISTRATIVE_AREA:
            if c.kind == "relative-zone":  # 市开发区 → 某某市开发区, 高新区 → 某某高新区 (the home's)
                dv = home if c.level == "home" else self.level_division(c.level or "", home)
                if dv is None:
                    return
                if c.level == "home":
                    stem = dv.name[:-1] if len(dv.name) >= 3 and dv.name[-1] in "县市区旗" else dv.name
                    name = stem + c.text
                else:
                    name = dv.name + c.text[1:]
                put(T.ADMINISTRATIVE_AREA, name, name, c)
                return
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
        if c.kind and c.kind.startswith("author-unit:"):
            return  # 调研处 named alone: the author's unit, named once the author is known
        if c.type is T.ORGANIZATION and c.kind and ":" in c.kind and c.kind.split(":", 1)[0] in organ_table().kinds:
            # 县政协提案委员会, 县委办公室: a unit of an organ (kind "政协:提案委员会")
            owner, unit = c.kind.split(":", 1)
            dv = d.by_code.get(c.code or "") if c.code else (
                self.level_division(c.level, home) if c.level and c.level not in ("author", "home") else home)
            if c.level == "author" and author_kind not in (None, owner):
                return
            if dv is None:
                return
            name = f"{organ_names(owner, dv)[0]}{unit}"
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
        if c.type is T.ORGANIZATION and c.kind and not c.kind.startswith("party-unit") and not c.canonical:
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
        if c.type is T.EVENT and c.kind == "relative-name":
            # 省 of 全国、省、市“两会”: the home's province's “两会” (某某省“两会”)
            dv = self.level_division(c.level or "", home)
            if dv is not None:
                name = dv.name + (c.ref or "")
                put(T.EVENT, name, name, c)
            return
        if c.type is T.PLACE and c.kind == "relative-site":
            # 县会展中心, 市政协会堂: a site of the home's county or city (某某县会展中心)
            dv = self.level_division(c.level or "", home)
            if dv is None:
                return
            base = next((f for f in dv.short_forms if f.endswith(c.level or "")), dv.name)
            name = base + c.text[1:]
            put(T.PLACE, name, name, c)
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
