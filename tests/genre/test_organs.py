"""Organ kinds as data: the compiled table gives the patterns and names the code used to spell
out, and a kind added in a table of one's own, named in a pipeline config (as
genre/data/README.md shows), is recognised, resolved and related without a code change."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgraph.cli import cli
from reportgraph.errors import ConfigError, InputError
from reportgraph.extract import extract_text
from reportgraph.genre.organs import load_organ_table, organ_names, organ_table
from reportgraph.nlp.pipeline import build_pipeline
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


def test_a_bad_table_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("监委\t" + "\t".join(["x"] * 12) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.tsv line 1"):
        load_organ_table(organs=[str(bad)])
    with pytest.raises(InputError, match="cannot read the organ table .*missing.tsv"):
        load_organ_table(organs=[str(tmp_path / "missing.tsv")])


def test_a_config_naming_an_unknown_version_or_table_fails_clearly(tmp_path):
    version = tmp_path / "version.cfg"
    version.write_text('[genre]\ntables = "reportgraph.genre.v9"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown genre tables 'reportgraph.genre.v9'.*ships: reportgraph.genre.v1"):
        build_pipeline(config=version, statistical=False)
    table = tmp_path / "table.cfg"
    table.write_text('[genre]\norgans = ["no-such-organs.tsv"]\n', encoding="utf-8")
    with pytest.raises(InputError, match="no-such-organs.tsv"):
        build_pipeline(config=table, statistical=False)
    result = CliRunner().invoke(cli, ["extract", str(FIXTURES / "supervision.txt"), "--no-statistical",
                                       "--config", str(version)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "reportgraph: unknown genre tables 'reportgraph.genre.v9' ([genre] tables in the pipeline config); "
        "this reportgraph ships: reportgraph.genre.v1"]


def test_the_tables_are_settings_of_every_reportgraph_component():
    nlp = build_pipeline(config=FIXTURES / "organs-extra.cfg", statistical=False)
    config = nlp.config.interpolate()
    for name in ("reportgraph_recognize", "reportgraph_resolve", "reportgraph_relate"):
        settings = config["components"][name]
        assert settings["tables"] == "reportgraph.genre.v1"
        assert [Path(p).name for p in settings["organs"]] == ["organs-extra.tsv"]
        assert "监委" in nlp.get_pipe(name).organs.kinds


def _names(x) -> dict:
    return {e.name: e for e in x.entities}


def test_an_organ_kind_added_from_a_config_is_recognised_resolved_and_related():
    text = (FIXTURES / "supervision.txt").read_text(encoding="utf-8")
    shipped = build_pipeline(statistical=False)
    assert not [n for n in _names(extract_text(text, nlp=shipped)) if "监" in n]
    nlp = build_pipeline(config=FIXTURES / "organs-extra.cfg", statistical=False)
    after = extract_text(text, nlp=nlp)
    by_name = _names(after)
    body = by_name["石阡县监察委员会"]
    assert body.type.value == "Organization"
    assert {"县监委", "石阡县监委"} <= set(body.aliases) | {m.text for m in body.mentions}
    county = by_name["石阡县"]
    assert ("locatedIn", county.key) in {(r.predicate.value, r.object) for r in after.relations if r.subject == body.key}
    # the tables belong to the pipeline: the shipped one, run again in the same process, still
    # knows no 监委, and the tables in use outside a component are the shipped ones
    assert not [n for n in _names(extract_text(text, nlp=shipped)) if "监" in n]
    assert "监委" not in organ_table().kinds
