"""Safety: the cases of ``shared/reference/bad-inputs.md`` section (c) not covered elsewhere.

Each test asserts the safe behaviour of one case (its number in the test's docstring).
Already covered elsewhere: decoding labels, binary files, size limit (test_read); the
sanitiser property (test_properties); hostile XML labels (test_export); minting of
hostile keys (test_to_rdf); the query policy, store lock and endpoint (test_query,
test_store, test_serve). Everything that could hang runs in a child process with a timeout.
"""

from __future__ import annotations

import codecs
import hashlib
import http.server
import json
import os
import random
import subprocess
import sys
import threading
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from reportgraph.api import ReportGraph, open_store
from reportgraph.cli import cli
from reportgraph.errors import InputError, OutputError
from reportgraph.extract import chunk_bounds, extract_report, make_doc
from reportgraph.model import Entity, EntityType, Evidence, Extraction, Mention, Predicate, Relation, Report
from reportgraph.knowledge.normalize import HAS_T2S, match_key
from reportgraph.read.report import read_report, report_from_text
from reportgraph.rdf.merged import DESCRIPTION, union_triples
from reportgraph.rdf.serialize import with_merged_default
from reportgraph.rdf.to_rdf import DEFAULT_BASE_IRI, entity_iri, serialize, to_dataset, to_quads
from reportgraph.export.xmlchars import xml_safe

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
FORBIDDEN_IN_IRI = set('<>"{}|^`\\')
OUTPUTS = ("graph.ttl", "graph.trig", "graph.graphml")
PARAGRAPH = ("山西省代县政协与湖南省凤凰县政协等七县(市)政协形成“双帽”七县(市)政协联席会议年会制度。\n"
             "县政协认真落实脱贫攻坚部署，编印《代县建言》。")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONHASHSEED", "PYTHONPATH")}
    return {**env, "PYTHONPATH": str(SRC), **extra}


def _run(args: list[str], *, timeout: float = 60, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a child Python process; a hang fails the test instead of blocking the suite."""
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=timeout,
                          env=_env(**env), cwd=ROOT)


def _graph_part(x: Extraction) -> set[ox.Quad]:
    """What a report says about its entities (triples whose subject is an entity IRI):
    independent of the report's bytes, so equal across encodings."""
    default = ox.DefaultGraph()
    return {ox.Quad(q.subject, q.predicate, q.object, default) for q in to_quads(to_dataset([x]))
            if q.subject.value.startswith(DEFAULT_BASE_IRI)}


# ---------------------------------------------------------------- case 1: decoding matrix

ENCODINGS = [
    ("utf-8", b"", 0),
    ("utf-8", codecs.BOM_UTF8, 1),
    ("gbk", b"", 0),
    ("gb18030", b"", 0),
    ("utf-16-le", codecs.BOM_UTF16_LE, 1),
    ("utf-16-be", codecs.BOM_UTF16_BE, 1),
]


def test_decoding_matrix_gives_the_same_entities_and_graph(tmp_path: Path, nlp) -> None:
    """Case 1: one paragraph in six encodings gives the same entities, relations, offsets
    (counted from the text after any BOM) and entity triples."""
    results = []
    for i, (codec, bom, shift) in enumerate(ENCODINGS):
        p = tmp_path / f"r{i}.txt"
        p.write_bytes(bom + PARAGRAPH.encode(codec))
        x = extract_report(read_report(p, doc_id="r"), nlp=nlp)
        for e in x.entities:
            for m in e.mentions:
                assert x.report.text[m.start:m.end] == m.text
        entities = sorted((e.type.value, e.key, e.name, e.aliases,
                           tuple((m.start - shift, m.end - shift) for m in e.mentions)) for e in x.entities)
        relations = sorted((r.subject, r.predicate.value, r.object) for r in x.relations)
        results.append((entities, relations, _graph_part(x)))
    first = results[0]
    assert first[0] and first[1]
    assert {e[2] for e in first[0]} >= {"山西省", "代县政协", "《代县建言》"}
    for codec_result in results[1:]:
        assert codec_result == first


def test_short_gbk_sample_is_not_taken_for_cp949(tmp_path: Path) -> None:
    """Case 1: a detector guesses cp949 for short GBK text; the decoding chain does not guess."""
    for text in ("山西省代县", "北京大学", "县政协"):
        p = tmp_path / "short.txt"
        p.write_bytes(text.encode("gbk"))
        r = read_report(p)
        assert (r.text, r.encoding) == (text, "GB18030")


@pytest.mark.parametrize("text", ["縣政協", "政府工作報告", "臺灣省政府工作報告，縣政府推動鄉村振興。"])
def test_big5_without_encoding_warns_or_fails(tmp_path: Path, text: str) -> None:
    """Case 1: Big5 read without --encoding must never pass silently as GB18030 mojibake."""
    p = tmp_path / "big5.txt"
    p.write_bytes(text.encode("big5"))
    result = CliRunner().invoke(cli, ["extract", str(p), "--json"])
    assert "Traceback" not in result.output
    assert "big5" in result.stderr.lower(), result.stderr
    if result.exit_code == 0:
        assert "warning" in result.stderr
    else:
        assert result.exit_code == 1 and result.stdout == ""
    assert read_report(p, encoding="big5").text == text


# ---------------------------------------------------------------- case 2: hostile files

def _special(tmp_path: Path, kind: str) -> Path:
    if kind == "fifo":
        p = tmp_path / "fifo.txt"
        os.mkfifo(p)
    elif kind == "dev-zero":
        p = tmp_path / "zero.txt"
        p.symlink_to("/dev/zero")
    elif kind == "loop":
        p = tmp_path / "loop.txt"
        p.symlink_to(tmp_path / "loop.txt")
    elif kind == "directory":
        p = tmp_path / "dir"
        p.mkdir()
        (p / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    elif kind == "png":
        p = tmp_path / "image.txt"
        p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    elif kind == "zip":
        p = tmp_path / "doc.txt"
        p.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    else:  # nul
        p = tmp_path / "nul.txt"
        p.write_bytes("代县政协".encode() + b"\x00" + "工作".encode())
    return p


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "loop", "directory", "png", "zip", "nul"])
def test_hostile_input_files_fail_fast_with_one_line(tmp_path: Path, kind: str) -> None:
    """Case 2: special and binary files end the CLI at once (no hang: a child process with
    a timeout) with exit 1, one line naming the file, and nothing written."""
    p = _special(tmp_path, kind)
    out = tmp_path / "out"
    run = _run(["-m", "reportgraph", "build", str(p), "-o", str(out)], timeout=60)
    assert run.returncode == 1, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and p.name in lines[0], run.stderr
    assert "Traceback" not in run.stderr
    assert not out.exists()


def test_special_files_in_a_directory_are_skipped(tmp_path: Path) -> None:
    """Case 2: a FIFO or a link to /dev/zero named *.txt inside an input folder is never opened."""
    from reportgraph.read.report import discover

    (tmp_path / "good.txt").write_text(PARAGRAPH, encoding="utf-8")
    _special(tmp_path, "fifo")
    _special(tmp_path, "dev-zero")
    assert [p.name for p in discover([tmp_path])] == ["good.txt"]


@pytest.mark.parametrize("content", [b"", b" \n\t\r\n\xe3\x80\x80 "])
def test_empty_and_blank_files_build_a_valid_graph_with_a_warning(tmp_path: Path, content: bytes) -> None:
    """Case 2: an empty or whitespace-only report gives valid, non-empty outputs (the
    report's own triples) and a warning; exit 0."""
    p = tmp_path / "blank.txt"
    p.write_bytes(content)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(p), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "empty" in result.stderr
    ttl = out / "graph.ttl"
    triples = list(ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))
    assert triples and ttl.stat().st_size > 0
    etree.parse(str(out / "graph.graphml"))
    assert ReportGraph.load(out / "graph.trig").entities() == ()


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "loop"])
def test_graph_loader_refuses_special_files(tmp_path: Path, kind: str) -> None:
    """Case 2 for graph files: ReportGraph.load never opens a FIFO or /dev/zero named *.ttl."""
    p = _special(tmp_path, kind)
    target = p.with_name("graph.ttl")
    p.rename(target)
    code = ("import sys; from reportgraph.api import ReportGraph; from reportgraph.errors import ReportGraphError\n"
            "try:\n    ReportGraph.load(sys.argv[1])\nexcept ReportGraphError as err:\n    print(err); sys.exit(3)\n")
    run = _run(["-c", code, str(target)], timeout=30)
    assert run.returncode == 3, run.stderr
    assert "graph.ttl" in run.stdout


# ---------------------------------------------------------------- case 3: length limit

_JOINERS = {"\u200d", "\u034f"}


def _splits_grapheme(text: str, cut: int) -> bool:
    if not 0 < cut < len(text):
        return False
    a, b = text[cut - 1], text[cut]
    return (unicodedata.category(b) in ("Mn", "Mc", "Me") or b in _JOINERS or a in _JOINERS
            or 0xFE00 <= ord(b) <= 0xFE0F or (a == "\r" and b == "\n")
            or (0xD800 <= ord(a) <= 0xDBFF and 0xDC00 <= ord(b) <= 0xDFFF))


PIECES = st.sampled_from(["代县", "。", "\n", "e\u0301", "\ud83d\ude00", "\U0001F600", "👩\u200d💻", "\r\n",
                          "❤\ufe0f", "a", " ", "如\u0301\u0302"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join), st.integers(min_value=4, max_value=30))
def test_chunks_cover_the_text_and_never_split_a_grapheme(text: str, limit: int) -> None:
    """Case 3: chunks are contiguous, at most ``limit`` long, and never cut a surrogate
    pair, a base from its combining marks, a ZWJ sequence or CRLF."""
    bounds = chunk_bounds(text, limit)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(0 < e - s <= limit for s, e in bounds) or text == ""
    for _, end in bounds[:-1]:
        assert not _splits_grapheme(text, end), (text, limit, bounds)


def test_text_over_max_length_is_chunked_without_e088() -> None:
    """Case 3: 1.2 M characters (over spaCy's 1,000,000) become one Doc with every
    character in place. A blank pipeline keeps this fast; the reportgraph pipeline on
    long text is checked below with a small ``max_length``."""
    import spacy

    nlp = spacy.blank("xx")
    assert nlp.max_length == 1_000_000
    text = ("山西省 代县政协 与 湖南省 凤凰县政协 。\n" * 60_000)[:1_200_000]
    report = report_from_text(text, doc_id="long")
    doc = make_doc(nlp, report)
    assert doc.text == report.clean and len(doc.text) == 1_200_000
    for token in doc[:50]:
        assert report.clean[token.idx:token.idx + len(token.text)] == token.text
    last = doc[-1]
    assert report.clean[last.idx:last.idx + len(last.text)] == last.text


def test_entities_across_chunk_boundaries_keep_correct_offsets(nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    """Case 3: with a small ``max_length`` the text is cut inside runs with no sentence
    end, through names; every offset still points into the text as read, and the
    sentences that fit a chunk give the same entities as unchunked."""
    whole_text = "山西省代县政协在代县。湖南省凤凰县政协参加会议。\n" * 8
    run_on = "山西省代县政协湖南省凤凰县政协" * 30  # no sentence end: cut at the limit
    text = "\ufeff" + whole_text + run_on + "。" + whole_text
    unchunked = extract_report(report_from_text(text, doc_id="t"), nlp=nlp)
    monkeypatch.setattr(nlp, "max_length", 101)
    bounds = chunk_bounds(report_from_text(text, doc_id="t").clean, 100)
    assert len(bounds) > 5
    chunked = extract_report(report_from_text(text, doc_id="t"), nlp=nlp)
    for e in chunked.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    for r in chunked.relations:
        for ev in r.evidence:
            if ev.start is not None:
                assert text[ev.start:ev.end] == ev.text
    names = {e.name for e in chunked.entities}
    assert {"山西省", "代县政协", "凤凰县政协"} <= names
    assert names <= {e.name for e in unchunked.entities} | names  # nothing raises, nothing invented
    outside = lambda x: sorted((m.start, m.end) for e in x.entities for m in e.mentions  # noqa: E731
                               if m.end <= 1 + len(whole_text) or m.start > len(text) - len(whole_text))
    assert outside(chunked) == outside(unchunked)


def test_extraction_time_grows_linearly_with_the_text(nlp) -> None:
    """Case 3 (time budget): eight times the text takes about eight times as long (a limit
    of sixteen, to absorb noise; quadratic code takes 30-60 times), checked with an alarm
    so a quadratic pipeline costs seconds, not minutes."""
    import signal

    sample = (ROOT / "src/reportgraph/sample/daixian-cppcc-report.txt").read_text(encoding="utf-8")
    extract_report(report_from_text(sample, doc_id="warm"), nlp=nlp)
    once = []
    for _ in range(3):  # CPU time, the least of three: other processes on the machine add no noise
        start = time.process_time()
        extract_report(report_from_text(sample, doc_id="x1"), nlp=nlp)
        once.append(time.process_time() - start)
    budget = max(1.0, 16 * min(once))

    def alarm(*_: object) -> None:
        raise TimeoutError(f"eight times the text took more than {budget:.1f} s of CPU (16 × the time of one)")

    previous = signal.signal(signal.SIGPROF, alarm)
    signal.setitimer(signal.ITIMER_PROF, budget)  # counts this process's CPU time, not the wall clock
    try:
        extract_report(report_from_text(sample * 8, doc_id="x8"), nlp=nlp)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


@pytest.mark.skipif(not os.environ.get("REPORTGRAPH_LONG_TEXT"),
                    reason="minutes with the full pipeline; set REPORTGRAPH_LONG_TEXT=1 to run")
def test_full_pipeline_on_1_2_million_characters(nlp) -> None:
    """Case 3 end to end (slow): the reportgraph pipeline on 1.2 M characters."""
    text = ("县政协认真履行职能。" * 120_001)[:1_200_000]
    x = extract_report(report_from_text(text, doc_id="long"), nlp=nlp)
    for e in x.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text


# ---------------------------------------------------------------- case 5: matching keys

def test_matching_keys_ignore_width_and_spaces_and_keep_labels() -> None:
    """Case 5: ＡＢＣ公司（北京） ≡ ABC公司(北京), 北京\\u3000大学 ≡ 北京 大学, invisible
    characters do not count; the label (surface form) is not touched."""
    assert match_key("ＡＢＣ公司（北京）") == match_key("ABC公司(北京)") == "ABC公司(北京)"
    assert match_key("北京\u3000大学") == match_key("北京 大学") == match_key("北京\xa0大学") == "北京大学"
    assert match_key("代县\u200b政协\ufeff\u200d") == "代县政协"
    assert match_key("\ud800县政协\x07") == "县政协"
    surface = "ＡＢＣ公司（北京）"
    match_key(surface)
    assert surface == "ＡＢＣ公司（北京）"


@pytest.mark.skipif(not HAS_T2S, reason="opencc not installed: no traditional → simplified keys")
def test_matching_keys_convert_traditional_by_phrase() -> None:
    """Case 5: OpenCC t2s phrase conversion: 北京大學 ≡ 北京大学, 頭髮 → 头发, 乾隆 stays."""
    assert match_key("北京大學") == match_key("北京大学") == "北京大学"
    assert match_key("頭髮") == "头发"
    assert match_key("乾隆") == "乾隆"
    assert match_key("中國人民政治協商會議代縣委員會") == "中国人民政治协商会议代县委员会"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_matching_key_is_idempotent_and_clean(name: str) -> None:
    """Case 5: keys never raise, are their own key, and hold no space, control, format
    character or surrogate."""
    key = match_key(name)
    assert match_key(key) == key
    assert not any(c.isspace() or unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in key)


@pytest.fixture(scope="module")
def variant_graph() -> ReportGraph:
    return ReportGraph.load(to_dataset([_hand_extraction({"北京大学": "北京大学", "ABC公司(北京)": "ＡＢＣ公司（北京）"})]))


def test_api_lookups_use_the_matching_key(variant_graph: ReportGraph) -> None:
    """Case 5 in ReportGraph.find/search: width, spaces and script variants find the
    entity, whose name is still the surface form."""
    g = variant_graph
    assert g.find("ABC公司(北京)").name == "ＡＢＣ公司（北京）"
    assert g.find("北京\u3000大学").name == "北京大学"
    assert [e.name for e in g.search("ａｂｃ公司")] == ["ＡＢＣ公司（北京）"]
    if HAS_T2S:
        assert g.find("北京大學").name == "北京大学"
        assert [e.name for e in g.search("京大學")] == ["北京大学"]


# ---------------------------------------------------------------- hand-made extractions

def _hand_extraction(names: dict[str, str], *, doc: str = "hostile") -> Extraction:
    """An extraction whose entities have the given keys and names (any text), each
    mentioned once, all related to the first; the report text holds every name."""
    text = "".join(names.values())
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    report = Report(doc, text, text, "utf-8", sha, path=f"/x/{doc}.txt", title=text[:40] or None)
    entities, pos = [], 0
    for key, name in names.items():
        entities.append(Entity(key, name, EntityType.ORGANIZATION, aliases=(name + "\x01别名",),
                               mentions=(Mention(doc, pos, pos + len(name), name),)))
        pos += len(name)
    keys = list(names)
    relations = tuple(Relation(keys[0], Predicate.MEMBER_OF, k, (Evidence(doc, 0, len(text), text, "cue:\x0b"),))
                      for k in keys[1:])
    return Extraction(report, tuple(entities), relations)


# ---------------------------------------------------------------- case 6: IRI minting

KEYS = st.text(min_size=1, max_size=40)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(KEYS, st.sampled_from(list(EntityType)))
def test_minted_iris_are_strict_and_have_no_forbidden_characters(key: str, type_: EntityType) -> None:
    """Case 6 (a, c): every minted IRI is absolute, accepted by pyoxigraph, and holds none
    of <>"{}|^`\\, no whitespace and no control character."""
    iri = str(entity_iri(type_, key))
    ox.NamedNode(iri)
    assert iri.startswith("https://")
    assert not FORBIDDEN_IN_IRI & set(iri)
    assert not any(c.isspace() or unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zs") for c in iri)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(KEYS, min_size=2, max_size=4, unique=True))
def test_minted_iris_survive_every_line_and_turtle_format(keys: list[str]) -> None:
    """Case 6 (d) and case 8: a graph of entities with arbitrary keys and names
    round-trips through Turtle, N-Triples, N-Quads and TriG, strictly parsed, to the same quads."""
    x = _hand_extraction({k: k for k in keys})
    ds = to_dataset([x])
    quads = set(with_merged_default(to_quads(ds)))  # trig and nquads add the merged default graph
    triples = {q.triple for q in quads if q.predicate != DESCRIPTION}  # turtle: every triple written out
    for fmt, oxfmt in (("turtle", ox.RdfFormat.TURTLE), ("ntriples", ox.RdfFormat.N_TRIPLES),
                       ("nquads", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG)):
        back = list(ox.parse(serialize(ds, fmt), format=oxfmt))
        if fmt in ("turtle", "ntriples"):
            assert {q.triple for q in back} == triples, fmt
        else:
            assert set(back) == quads, fmt


def test_minting_is_the_same_in_processes_with_other_hash_seeds() -> None:
    """Case 6 (b): 300 arbitrary keys (lone surrogates, controls, astral characters) give
    the same IRIs in two child processes with different PYTHONHASHSEED and here."""
    rng = random.Random(6)
    alphabet = [chr(c) for c in (*range(0, 0x80), 0xA0, 0x3000, 0x200B, 0xFEFF, 0xFFFE, 0xD800, 0xDFFF,
                                 *range(0x4E00, 0x4E40), 0x1F600, 0x10FFFF, 0x301, 0xFF21)]
    keys = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 120))) for _ in range(300)]
    code = ("import sys, json; from reportgraph.rdf.to_rdf import entity_iri; from reportgraph.model import EntityType\n"
            "keys = [''.join(map(chr, k)) for k in json.loads(sys.stdin.read())]\n"
            "print(json.dumps([str(entity_iri(t, k)) for k in keys for t in EntityType]))")
    here = [str(entity_iri(t, k)) for k in keys for t in EntityType]
    payload = json.dumps([[ord(c) for c in k] for k in keys])  # code points: JSON would pair surrogates
    for seed in ("1", "4242"):
        run = subprocess.run([sys.executable, "-c", code], input=payload, capture_output=True, text=True,
                             timeout=60, env=_env(PYTHONHASHSEED=seed), check=True)
        assert json.loads(run.stdout) == here
    assert len(set(here)) == len(set(keys)) * len(EntityType)


# ---------------------------------------------------------------- case 7: hostile literals

HOSTILE = {
    "ctl": "代县\x01政协",
    "vtab": "县\x0b政协",
    "nonchar": "政协\ufffe\uffff委员会",
    "cr": "凤凰县\r政协",
    "quotes": 'x"""y\'\'\'z"',
    "backslash": "a\\b\\u0041\\",
    "surrogate": "阆中\ud800市",
    "markup": "<b>&amp;</b>]]>",
    "long": "长" * 30_000 + "\x02",
}


@pytest.fixture(scope="module")
def hostile_extraction() -> Extraction:
    return _hand_extraction(HOSTILE)


def _literal_text(value: str) -> str:
    """How to_rdf writes text: lone surrogates become U+FFFD, nothing else changes."""
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in value)


def test_hostile_literals_parse_strictly_in_every_rdf_format(hostile_extraction: Extraction) -> None:
    """Case 7: Turtle, N-Triples, N-Quads and TriG with controls, U+FFFE, \\r, quotes,
    backslashes, a lone surrogate and a 30,000-character label parse strictly, with the
    labels exactly as written (a lone surrogate as U+FFFD, never a silent '?')."""
    ds = to_dataset([hostile_extraction])
    expected = {_literal_text(v) for v in HOSTILE.values()}
    for fmt, oxfmt in (("turtle", ox.RdfFormat.TURTLE), ("ntriples", ox.RdfFormat.N_TRIPLES),
                       ("nquads", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG)):
        data = serialize(ds, fmt)
        data.decode("utf-8")  # valid UTF-8, no surrogates
        labels = {q.object.value for q in ox.parse(data, format=oxfmt)
                  if q.predicate.value.endswith("prefLabel")}
        assert labels == expected, fmt


def test_hostile_literals_give_valid_xml_and_json_exports(tmp_path: Path, hostile_extraction: Extraction) -> None:
    """Case 7: GraphML and GEXF written from the RDF graph parse with lxml (strict XML)
    and read back with the XML-safe label; JSON-LD and node-link JSON parse too."""
    from reportgraph.export.writers import export_graph
    from reportgraph.rdf.to_rdf import write_graph

    trig = tmp_path / "graph.trig"
    write_graph(to_dataset([hostile_extraction]), trig, "trig")
    expected = {xml_safe(_literal_text(v)) for v in HOSTILE.values()}
    for name in ("g.graphml", "g.gexf"):
        path = export_graph(trig, tmp_path / name)
        etree.parse(str(path), etree.XMLParser(huge_tree=True))  # strict: raises on a bad character
        read = nx.read_graphml if name.endswith("graphml") else nx.read_gexf
        assert {d["label"] for _, d in read(path).nodes(data=True)} == expected, name
    export_graph(trig, tmp_path / "g.json")
    labels = {n["label"] for n in json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))["nodes"]}
    assert len(labels) == len(HOSTILE)
    result = CliRunner().invoke(cli, ["export", str(trig), "--format", "jsonld", "-o", str(tmp_path / "g.jsonld")])
    assert result.exit_code == 0, result.output
    back = list(ox.parse(path=str(tmp_path / "g.jsonld"), format=ox.RdfFormat.JSON_LD))
    # the report graphs alone: their descriptions stand for the entities' triples
    assert {t.object.value for t in union_triples(back) if t.predicate.value.endswith("prefLabel")} == \
        {_literal_text(v) for v in HOSTILE.values()}


# ---------------------------------------------------------------- case 8: round trips

def test_round_trip_through_every_format_gives_the_same_quads(tmp_path: Path, sample_extraction) -> None:
    """Case 8: the sample report's graph → each format the CLI writes → strict parse →
    the same quads (the same triples for the formats without named graphs); N-Quads parsed
    line by line equals N-Quads parsed whole; ReportGraph reads the same entities and
    relations from every file."""
    from reportgraph.rdf.to_rdf import write_graph

    ds = to_dataset([sample_extraction])
    quads = set(with_merged_default(to_quads(ds)))  # trig and nquads add the merged default graph
    triples = {q.triple for q in quads if q.predicate != DESCRIPTION}  # turtle: every triple written out
    graphs = {}
    for fmt, suffix, oxfmt in (("turtle", "ttl", ox.RdfFormat.TURTLE), ("ntriples", "nt", ox.RdfFormat.N_TRIPLES),
                               ("nquads", "nq", ox.RdfFormat.N_QUADS), ("trig", "trig", ox.RdfFormat.TRIG)):
        path = tmp_path / f"graph.{suffix}"
        write_graph(ds, path, fmt)
        back = set(ox.parse(path=str(path), format=oxfmt))
        assert ({q.triple for q in back} == triples) if suffix in ("ttl", "nt") else (back == quads), fmt
        graphs[suffix] = ReportGraph.load(path)
    nq = (tmp_path / "graph.nq").read_bytes()
    by_line = {q for line in nq.splitlines(keepends=True) for q in ox.parse(line, format=ox.RdfFormat.N_QUADS)}
    assert by_line == quads
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "graph.trig"), "--format", "jsonld",
                                      "-o", str(tmp_path / "graph.jsonld")])
    assert result.exit_code == 0, result.output
    graphs["jsonld"] = ReportGraph.load(tmp_path / "graph.jsonld")
    first = graphs["trig"]
    for suffix, g in graphs.items():
        assert g.entities() == first.entities(), suffix
        assert g.relations() == first.relations(), suffix


@pytest.mark.parametrize(("fmt", "oxfmt"), [("nq", ox.RdfFormat.N_QUADS), ("jsonld", ox.RdfFormat.JSON_LD)])
def test_cli_export_round_trip_keeps_every_quad(tmp_path: Path, fmt: str, oxfmt: ox.RdfFormat) -> None:
    """Case 8 through the CLI: graph.trig → export → parse gives back exactly the quads."""
    from reportgraph.rdf.to_rdf import write_graph

    ds = to_dataset([_hand_extraction({"代县政协": "代县政协", "凤凰县政协": "凤凰县政协"})])
    write_graph(ds, tmp_path / "graph.trig", "trig")
    out = tmp_path / f"graph.{fmt}"
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "graph.trig"), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    expected = with_merged_default(to_quads(ds)) if fmt == "nq" else to_quads(ds)  # JSON-LD: report graphs
    assert set(ox.parse(path=str(out), format=oxfmt)) == set(expected)


# ---------------------------------------------------------------- case 9: byte-identical rebuild

_BUILD = """
import sys
from reportgraph.cli import cli
out, gexf, *inputs = sys.argv[1:]
cli.main(["build", *inputs, "-o", out], standalone_mode=False)
cli.main(["export", out + "/graph.trig", "--format", "gexf", "-o", gexf], standalone_mode=False)
"""


def test_rebuild_is_byte_identical_across_hash_seeds_and_input_orders(tmp_path: Path, nlp,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Case 9: the CLI build (then export to GEXF) run here and in a child process with
    another PYTHONHASHSEED, the inputs in opposite orders, gives byte-identical Turtle,
    TriG, GraphML and GEXF. (One child only: each costs seconds of spaCy start-up.)"""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(PARAGRAPH, encoding="utf-8")
    b.write_bytes("阆中市政协与代县政协交流。\n四川省阆中市政协参加“双帽”第五次联席会。".encode("gb18030"))
    seed = "31337" if os.environ.get("PYTHONHASHSEED") != "31337" else "7"
    child = subprocess.Popen([sys.executable, "-c", _BUILD, str(tmp_path / "out2"), str(tmp_path / "g2.gexf"),
                              str(b), str(a)], env=_env(PYTHONHASHSEED=seed, SOURCE_DATE_EPOCH="0"), cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(a), str(b), "-o", str(tmp_path / "out1")]).exit_code == 0
    assert runner.invoke(cli, ["export", str(tmp_path / "out1" / "graph.trig"), "--format", "gexf",
                               "-o", str(tmp_path / "g1.gexf")]).exit_code == 0
    _, err = child.communicate(timeout=180)
    assert child.returncode == 0, err
    digests = []
    for n in ("1", "2"):
        files = [tmp_path / f"out{n}" / name for name in OUTPUTS] + [tmp_path / f"g{n}.gexf"]
        assert all(f.stat().st_size > 0 for f in files)
        digests.append([hashlib.sha256(f.read_bytes()).hexdigest() for f in files])
    assert digests[0] == digests[1]


# ---------------------------------------------------------------- case 10: atomic write, --force

@pytest.fixture()
def built(tmp_path: Path, nlp) -> tuple[Path, Path, dict[str, bytes]]:
    src = tmp_path / "r.txt"
    src.write_text(PARAGRAPH, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    src.write_text(PARAGRAPH + "\n阆中市政协参加会议。", encoding="utf-8")  # the next build differs
    return src, out, {n: (out / n).read_bytes() for n in OUTPUTS}


def _unchanged(out: Path, before: dict[str, bytes]) -> None:
    assert {n: (out / n).read_bytes() for n in OUTPUTS} == before
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)  # no temporary file left


def test_build_refuses_to_overwrite_without_force(built) -> None:
    """Case 10: without --force an existing output is never replaced; exit ≠ 0, one line."""
    src, out, before = built
    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(out)])
    assert result.exit_code == 1
    assert "--force" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    _unchanged(out, before)


def test_failed_serialisation_leaves_every_old_output(built, monkeypatch: pytest.MonkeyPatch) -> None:
    """Case 10: a serializer failing mid-build (the GraphML projection, after Turtle and
    TriG are serialised) leaves all old outputs byte-identical and no temporary file."""
    src, out, before = built

    def boom(*_a: object, **_k: object) -> bytes:
        raise OutputError("injected failure while serialising")

    monkeypatch.setattr("reportgraph.export.graphml.graphml_from_table", boom)
    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(out), "--force"])
    assert result.exit_code == 1 and "injected failure" in result.stderr
    _unchanged(out, before)


def test_failed_write_leaves_the_old_file(built, monkeypatch: pytest.MonkeyPatch) -> None:
    """Case 10: the disk failing while a file is written (fsync raises) leaves that file
    byte-identical, no temporary file, and a one-line error, not a traceback."""
    src, out, before = built
    real = os.fsync

    def failing(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("reportgraph.outputs.os.fsync", failing)
    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(out), "--force"])
    monkeypatch.setattr("reportgraph.outputs.os.fsync", real)
    assert result.exit_code == 1
    assert "No space left" in result.stderr and "Traceback" not in result.output
    _unchanged(out, before)


def test_disk_full_between_outputs_leaves_every_old_output(built, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19: the disk filling up after graph.ttl and graph.trig are written, while
    graph.graphml is, left new Turtle beside old GraphML; now all three stay old."""
    src, out, before = built
    real = os.fsync
    calls = [0]

    def third_fails(fd: int) -> None:
        calls[0] += 1
        if calls[0] == 3:
            raise OSError(28, "No space left on device")
        real(fd)

    monkeypatch.setattr("reportgraph.outputs.os.fsync", third_fails)
    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(out), "--force"])
    assert result.exit_code == 1 and calls[0] == 3
    assert "No space left" in result.stderr and "Traceback" not in result.output
    _unchanged(out, before)


def test_force_replaces_atomically(built) -> None:
    """Case 10: with --force the outputs are replaced; a reader polling meanwhile only
    ever sees the whole old file or the whole new one."""
    src, out, before = built
    seen: set[bytes] = set()
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            try:
                seen.add((out / "graph.ttl").read_bytes())
            except FileNotFoundError:  # pragma: no cover - would be a failure below
                seen.add(b"<missing>")

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    try:
        result = CliRunner().invoke(cli, ["build", str(src), "-o", str(out), "--force"])
    finally:
        stop.set()
        thread.join(5)
    assert result.exit_code == 0, result.output
    after = (out / "graph.ttl").read_bytes()
    assert after != before["graph.ttl"]
    assert seen <= {before["graph.ttl"], after}
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)


def test_export_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    """Case 10 for export: an existing file is kept unless --force."""
    fixture = ROOT / "tests" / "fixtures" / "small.trig"
    target = tmp_path / "g.gexf"
    target.write_bytes(b"old")
    for fmt in ("gexf", "nq"):
        result = CliRunner().invoke(cli, ["export", str(fixture), "--format", fmt, "-o", str(target)])
        assert result.exit_code == 1 and "--force" in result.stderr
        assert target.read_bytes() == b"old"
    result = CliRunner().invoke(cli, ["export", str(fixture), "--format", "gexf", "-o", str(target), "--force"])
    assert result.exit_code == 0
    etree.parse(str(target))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.gexf"]


# ---------------------------------------------------------------- case 16: RDF import hardening

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
 <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
 <rdf:Description rdf:about="http://example.org/s"><ex:p>&i;</ex:p></rdf:Description>
</rdf:RDF>
"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY secret SYSTEM "file://{secret}"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
 <rdf:Description rdf:about="http://example.org/s"><ex:p>&secret;</ex:p></rdf:Description>
</rdf:RDF>
"""

PLAIN_RDF_XML = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#" xmlns:rg="https://w3id.org/reportgraph/ontology#">
 <rg:Organization rdf:about="https://example.org/org/1"><rdfs:label xml:lang="zh">代县政协</rdfs:label></rg:Organization>
</rdf:RDF>
"""


def _hostile_xml(tmp_path: Path, kind: str) -> Path:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    if kind == "laughs":
        p, data = tmp_path / "laughs.rdf", LAUGHS.encode()
    elif kind == "xxe":
        p, data = tmp_path / "xxe.owl", XXE.format(secret=secret).encode()
    else:  # the same in UTF-16, with a BOM
        p, data = tmp_path / "laughs16.rdf", codecs.BOM_UTF16_LE + LAUGHS.encode("utf-16-le")
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("kind", ["laughs", "xxe", "utf16"])
@pytest.mark.parametrize("loader", [ReportGraph.load, open_store])
def test_rdf_xml_with_a_doctype_is_refused_at_once(tmp_path: Path, kind: str, loader) -> None:
    """Case 16: a ~600-byte billion-laughs file (Oxigraph would expand it to gigabytes)
    and an XXE file are refused in under a second with "DOCTYPE not allowed"."""
    p = _hostile_xml(tmp_path, kind)
    if kind == "laughs":
        assert len(p.read_bytes()) < 700
    start = time.perf_counter()
    with pytest.raises(InputError, match="DOCTYPE not allowed") as info:
        loader(p)
    assert time.perf_counter() - start < 1.0
    assert p.name in str(info.value) and "TOP-SECRET" not in str(info.value)


def test_cli_refuses_a_doctype_in_one_line(tmp_path: Path) -> None:
    """Case 16 through the CLI: exit 1, one line, nothing written."""
    p = _hostile_xml(tmp_path, "laughs")
    result = CliRunner().invoke(cli, ["export", str(p), "--format", "nq", "-o", str(tmp_path / "o.nq")])
    assert result.exit_code == 1
    assert "DOCTYPE not allowed" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "o.nq").exists()


def test_plain_rdf_xml_still_loads(tmp_path: Path) -> None:
    """Case 16: refusing DTDs does not refuse ordinary RDF/XML."""
    p = tmp_path / "plain.rdf"
    p.write_text(PLAIN_RDF_XML, encoding="utf-8")
    assert ReportGraph.load(p).find("代县政协").iri == "https://example.org/org/1"


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        type(self).hits.append(self.path)
        body = json.dumps({"@context": {"name": "http://www.w3.org/2000/01/rdf-schema#label"}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET  # noqa: N815

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture()
def tripwire() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server counting every request it gets."""
    _Counter.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Counter.hits
    finally:
        server.shutdown()
        server.server_close()


def test_json_ld_with_a_remote_context_makes_no_request(tmp_path: Path, tripwire) -> None:
    """Case 16: JSON-LD whose @context is a URL is refused with a clear message and the
    URL is never fetched (a loopback server counts zero hits), from Python and the CLI."""
    url, hits = tripwire
    p = tmp_path / "remote.jsonld"
    p.write_text(json.dumps({"@context": f"{url}/context.jsonld", "@id": "https://example.org/s",
                             "name": "代县政协"}), encoding="utf-8")
    for loader in (ReportGraph.load, open_store):
        with pytest.raises(InputError, match="remote JSON-LD @context not allowed"):
            loader(p)
    result = CliRunner().invoke(cli, ["export", str(p), "--format", "nq", "-o", str(tmp_path / "o.nq")])
    assert result.exit_code == 1 and "@context" in result.stderr
    nested = tmp_path / "nested.jsonld"
    nested.write_text(json.dumps({"@context": [{"ex": "https://example.org/"}, f"{url}/c2"],
                                  "@graph": [{"@id": "ex:s", "@context": f"{url}/c3", "ex:p": "x"}]}),
                      encoding="utf-8")
    with pytest.raises(InputError):
        ReportGraph.load(nested)
    time.sleep(0.1)
    assert hits == []
