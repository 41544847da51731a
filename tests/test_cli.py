"""The command line: outputs, exit codes and one-line errors for bad input."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from reportgraph.cli import cli


@pytest.fixture()
def runner():
    return CliRunner()


def test_help_teaches_with_examples(runner):
    for cmd in ([], ["build"], ["extract"]):
        result = runner.invoke(cli, [*cmd, "--help"])
        assert result.exit_code == 0
        assert "reportgraph build" in result.output or "Examples" in result.output


def test_extract_json_follows_the_scorer_contract(runner, nlp, sample_path):
    result = runner.invoke(cli, ["extract", str(sample_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    text = sample_path.read_text(encoding="utf-8")
    assert data["entities"] and {"entities", "relations"} <= data.keys()
    ids = {e["id"] for e in data["entities"]}
    for e in data["entities"]:
        assert e["type"] in {"Organization", "AdministrativeArea", "Place", "Initiative",
                             "Document", "Event", "Person"}
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for r in data["relations"]:
        assert r["subject"] in ids and r["object"] in ids
        assert r["evidence"]
        for ev in r["evidence"]:
            if ev["start"] is not None:
                assert text[ev["start"]:ev["end"]] == ev["text"]
            else:
                assert ev["source"]


@pytest.mark.parametrize(
    ("content", "needle"),
    [(b"%PDF-1.4 binary", "PDF"), (b"\x00\x01\x02\x00", "NUL"), (b"ok\x80\xff\x80" * 50, "GB18030")],
)
def test_bad_files_give_one_line_and_nonzero_exit(runner, tmp_path, content, needle):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    result = runner.invoke(cli, ["extract", str(p), "--json"])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "bad.txt" in lines[0] and needle in lines[0]
    assert "Traceback" not in result.output


def test_missing_file_and_empty_directory(runner, tmp_path):
    result = runner.invoke(cli, ["extract", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1 and "no such file" in result.stderr
    result = runner.invoke(cli, ["build", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "no text files" in result.stderr
    assert not (tmp_path / "out").exists()


def test_empty_file_warns_and_exits_zero(runner, tmp_path, nlp):
    p = tmp_path / "empty.txt"
    p.write_text("", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(p), "--json"])
    assert result.exit_code == 0
    assert "empty" in result.stderr
    assert json.loads(result.stdout)["entities"] == []


def test_gbk_file_is_read_and_reported_with_verbose(runner, tmp_path, nlp):
    p = tmp_path / "gbk.txt"
    p.write_bytes("山西省代县政协工作报告。".encode("gbk"))
    result = runner.invoke(cli, ["extract", str(p), "--json", "--verbose"])
    assert result.exit_code == 0
    assert "GB18030" in result.stderr
    names = {e["name"] for e in json.loads(result.stdout)["entities"]}
    assert "山西省" in names
