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


def test_help_without_click_is_what_click_writes():
    """``reportgraph --help`` is answered from kept text (no click, no command imported):
    it must be byte for byte what click renders, at every width it is kept for, and a
    terminal of another width gets click's own rendering."""
    import os
    import subprocess
    import sys

    from reportgraph.cli import help_text

    for width in help_text.WIDTHS:
        assert help_text.TEXTS[width] == help_text.render(width), (
            f"the kept --help for width {width} is stale: run python -m reportgraph.cli.help_text")
    text = help_text.TEXTS[78]
    for name in ("build", "extract", "query", "queries", "export", "view", "serve", "remove", "--version"):
        assert f"  {name} " in text  # every command and option, with its short help
    assert "Start here:" in text and "reportgraph extract report.txt --json" in text
    for columns, width in (("80", 78), ("130", 98), ("90", 88), ("40", 50)):
        env = {**os.environ, "COLUMNS": columns}
        for flag in ("--help", "-h"):
            proc = subprocess.run([sys.executable, "-m", "reportgraph", flag], capture_output=True, env=env,
                                  timeout=120)
            assert proc.returncode == 0 and not proc.stderr, proc.stderr
            assert proc.stdout.decode("utf-8") == help_text.render(width), (columns, flag)


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


def test_build_writes_parsable_outputs_refuses_to_overwrite_and_is_deterministic(runner, tmp_path, nlp):
    import rdflib

    out = tmp_path / "out"
    first = runner.invoke(cli, ["build", "-o", str(out)])
    assert first.exit_code == 0, first.output
    assert "entities:" in first.stdout and "Organization" in first.stdout and "memberOf" in first.stdout
    g = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert len(g) > 1000
    ds = rdflib.Dataset().parse(out / "graph.trig", format="trig")
    assert len(list(ds.graphs())) >= 2  # the default graph and the report's named graph
    before = {n: (out / n).read_bytes() for n in ("graph.ttl", "graph.trig", "graph.graphml")}

    again = runner.invoke(cli, ["build", "-o", str(out)])
    assert again.exit_code == 1 and "--force" in again.stderr
    forced = runner.invoke(cli, ["build", "-o", str(out), "--force"])
    assert forced.exit_code == 0
    assert {n: (out / n).read_bytes() for n in before} == before
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_query_export_on_a_built_graph(runner, tmp_path, nlp):
    out = tmp_path / "out"
    assert runner.invoke(cli, ["build", "-o", str(out)]).exit_code == 0
    result = runner.invoke(cli, ["query", "members", str(out / "graph.ttl"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    members = {b["memberLabel"]["value"] for b in data["results"]["bindings"]}
    assert {"代县政协", "凤凰县政协", "阆中市政协", "寿县政协", "蔚县政协", "会泽县政协"} <= members
    assert len(members) == 7

    refused = runner.invoke(cli, ["query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
                                  str(out / "graph.ttl")])
    assert refused.exit_code == 1 and "SERVICE" in refused.stderr and "Traceback" not in refused.output

    gexf = tmp_path / "g.gexf"
    exported = runner.invoke(cli, ["export", str(out / "graph.trig"), "--format", "gexf", "-o", str(gexf)])
    assert exported.exit_code == 0
    import networkx as nx

    g = nx.read_gexf(gexf)
    assert "代县政协" in {d.get("label") for _, d in g.nodes(data=True)}
    nq = runner.invoke(cli, ["export", str(out / "graph.trig"), "--format", "nq", "-o", "-"])
    assert nq.exit_code == 0 and nq.stdout.count("\n") > 1000


def test_queries_lists_the_shipped_queries(runner):
    result = runner.invoke(cli, ["queries"])
    assert result.exit_code == 0
    names = {line.split()[0] for line in result.stdout.splitlines()}
    assert {"entities", "relations", "members", "located-in", "documents", "evidence"} <= names


def test_serve_command_answers_a_sparql_client_refuses_updates_and_stops(runner, tmp_path, nlp):
    import os
    import signal
    import subprocess
    import sys
    import urllib.error
    import urllib.request

    from rdflib.plugins.stores.sparqlconnector import SPARQLConnector

    out = tmp_path / "out"
    assert runner.invoke(cli, ["build", "-o", str(out)]).exit_code == 0
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, "-m", "reportgraph", "serve", str(out / "graph.trig"), "--port", "0"],
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stderr.readline()
        assert "SPARQL endpoint at http://127.0.0.1:" in line, line
        url = line.split(" at ", 1)[1].split()[0].rstrip(",")
        client = SPARQLConnector(query_endpoint=url, returnFormat="json")
        rows = list(client.query("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                                 "SELECT ?e WHERE { ?e skos:prefLabel \"代县政协\"@zh }"))
        assert len(rows) == 1 and str(rows[0][0]).startswith("https://w3id.org/reportgraph/id/")
        request = urllib.request.Request(url, data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                                         headers={"Content-Type": "application/sparql-update"})
        try:
            urllib.request.urlopen(request, timeout=10)
            status = 200
        except urllib.error.HTTPError as err:
            status = err.code
        assert status == 403
    finally:
        # SIGTERM, as a service manager stops it (SIGINT works the same from a terminal, but
        # a shell that starts the tests in the background makes its children ignore SIGINT)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=20)
    assert proc.returncode == 0
    assert "stopped" in err and "Traceback" not in err


def test_max_bytes_refuses_a_large_file_in_one_line(runner, tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("县政协" * 100, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(p), "--max-bytes", "100"])
    assert result.exit_code == 1
    assert "big.txt" in result.stderr and "over the limit of 100" in result.stderr


def test_store_build_shows_warnings_escapes_names_and_takes_max_bytes(runner, tmp_path, nlp):
    # issue 19, point 6: --store builds hid per-file warnings, file names with control
    # characters went raw to the terminal, and --store refused the --max-bytes it suggested
    src = tmp_path / "in"
    src.mkdir()
    (src / "e\x1b[31m.txt").write_bytes(b"")
    (src / "big.txt").write_text("# 繁峙县政协工作报告\n\n" + "繁峙县政协与五台县政协开展协商。" * 20, encoding="utf-8")
    (src / "ok.txt").write_text("# 五台县政协工作报告\n\n五台县政协与繁峙县政协开展协商。\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(src), "--store", str(tmp_path / "st"), "--max-bytes", "300"])
    assert "Traceback" not in result.output and "\x1b" not in result.output + result.stderr
    assert "e\\x1b[31m.txt: the report is empty" in result.stderr
    assert "over the limit of 300 (raise --max-bytes)" in result.stdout and "added: 2" in result.stdout
