"""Organ kinds as data: the compiled table gives the patterns and names the code used to spell
out, and a kind added in a table of one's own (as genre/data/README.md shows) is recognised,
resolved and related without a code change."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportgraph.errors import InputError
from reportgraph.genre import organs
from reportgraph.genre.organs import organ_names, organ_table
from reportgraph.knowledge.gazetteer import load_divisions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "genre"


def test_names_of_every_kind_follow_the_templates():
    d = load_divisions()
    daixian, shanxi, guangxi = d.by_code["140923"], d.by_code["140000"], d.by_code["450000"]
    assert organ_names("党委", daixian)[0] == "中共代县县委"
    assert organ_names("党委", shanxi)[0] == "中共山西省委"
    assert organ_names("党委", guangxi)[0] == "中共广西壮族自治区委员会"
    assert organ_names("人大", daixian)[:2] == ("代县人大常委会", "代县人大")
    assert organ_names("教育局", daixian) == ("代县教育局",)


def test_place_and_level_patterns_come_from_the_table():
    t = organ_table()
    assert t.after.match("政协党组").lastgroup == "政协党组"
    assert t.after.match("中级人民法院").lastgroup == "中级法院"
    assert t.after.match("教育局").lastgroup == "dept"
    assert t.after.match("委员会") is None  # 委 may not be followed by 员
    m = t.relative.match("县人大常委会")
    assert (m.group("level"), m.lastgroup) == ("县", "人大")
    assert "政协" in t.heads and "统战部" in t.heads
    assert {"政协", "人大", "党委"} <= t.session_kinds


def test_a_bad_table_is_a_clear_error(tmp_path, monkeypatch):
    bad = tmp_path / "bad.tsv"
    bad.write_text("监委\t" + "\t".join(["x"] * 12) + "\n", encoding="utf-8")
    monkeypatch.setenv("REPORTGRAPH_ORGANS", str(bad))
    organ_table.cache_clear()
    try:
        with pytest.raises(InputError, match="bad.tsv line 1"):
            organs.organ_table()
    finally:
        monkeypatch.delenv("REPORTGRAPH_ORGANS")
        organ_table.cache_clear()


def _extract(path: Path, extra: Path | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "REPORTGRAPH_ORGANS"}
    if extra is not None:
        env["REPORTGRAPH_ORGANS"] = str(extra)
    out = subprocess.run([sys.executable, "-m", "reportgraph", "extract", str(path), "--json"],
                         env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_an_organ_kind_added_from_a_table_is_recognised_resolved_and_related():
    text = FIXTURES / "supervision.txt"
    before = _extract(text, None)
    assert not [e for e in before["entities"] if "监" in e["name"]]
    after = _extract(text, FIXTURES / "organs-extra.tsv")
    by_name = {e["name"]: e for e in after["entities"]}
    body = by_name["石阡县监察委员会"]
    assert body["type"] == "Organization"
    assert {"县监委", "石阡县监委"} <= set(body["aliases"]) | {m["text"] for m in body["mentions"]}
    county = by_name["石阡县"]
    assert {"subject": body["id"], "predicate": "locatedIn", "object": county["id"]} in [
        {k: r[k] for k in ("subject", "predicate", "object")} for r in after["relations"]]
