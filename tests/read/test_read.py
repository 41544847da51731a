"""The read stage: decoding chain, offset-preserving cleaning, bad inputs."""

from __future__ import annotations

import codecs
import os

import pytest

from reportgraph.errors import InputError
from reportgraph.read.report import clean_text, decode, discover, read_report, report_from_text

TEXT = "中国人民政治协商会议第十五届代县委员会常务委员会工作报告\n县政协签署《代县建言》。"


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (TEXT.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "UTF-8 (BOM)"),
        (TEXT.encode("gb18030"), "GB18030"),
        (TEXT.encode("gbk"), "GB18030"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "UTF-16-LE (BOM)"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "UTF-16-BE (BOM)"),
    ],
)
def test_decoding_chain(tmp_path, data, label):
    p = tmp_path / "r.txt"
    p.write_bytes(data)
    r = read_report(p)
    assert r.encoding == label
    assert r.text.lstrip("\ufeff") == TEXT
    assert len(r.clean) == len(r.text)
    assert r.title == "中国人民政治协商会议第十五届代县委员会常务委员会工作报告"


def test_bom_is_blanked_not_removed_so_offsets_hold():
    r = report_from_text("\ufeff县政协", doc_id="d")
    assert r.clean == " 县政协"
    assert r.text[1:4] == "县政协"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n...", "PDF"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"abc\x00\x00def", "NUL"),
        (bytes(range(0x80, 0x100)) * 4, "neither UTF-8 nor GB18030"),
    ],
)
def test_binary_and_undecodable_files_are_refused_with_the_name(tmp_path, data, reason):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_report(p)
    assert "bad.txt" in str(info.value) and reason in str(info.value)


def test_big5_is_detected_and_can_be_forced(tmp_path):
    p = tmp_path / "big5.txt"
    p.write_bytes("臺灣省政府工作報告，縣政府推動鄉村振興。".encode("big5") * 20)
    try:
        r = read_report(p)
    except InputError as err:
        assert "big5" in str(err).lower()
    else:  # GB18030 may decode it without private-use characters; then it is mojibake
        assert "縣政府" not in r.text
    assert "縣政府" in read_report(p, encoding="big5").text


def test_missing_file_directory_and_special_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_report(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_report(tmp_path)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_report(fifo)


def test_size_limit(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("县" * 100, encoding="utf-8")
    with pytest.raises(InputError, match="over the limit"):
        read_report(p, max_bytes=50)


def test_empty_file_reads_with_a_warning(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"  \n")
    r = read_report(p)
    assert "the report is empty" in r.warnings


def test_directory_with_no_text_files(tmp_path):
    (tmp_path / "x.png").write_bytes(b"\x89PNG")
    with pytest.raises(InputError, match="no text files"):
        discover([tmp_path])


def test_discover_recurses_and_sorts(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x", encoding="utf-8")
    (tmp_path / "1.txt").write_text("x", encoding="utf-8")
    (tmp_path / "skip.json").write_text("{}", encoding="utf-8")
    assert [p.name for p in discover([tmp_path])] == ["1.txt", "2.txt"]


def test_clean_blanks_controls_format_chars_and_markup_keeping_length():
    raw = "(上接第二版)**一、**县政协\u200b\x01提案\ufffe"
    cleaned = clean_text(raw)
    assert len(cleaned) == len(raw)
    assert cleaned.split() == ["一、", "县政协", "提案"]


@pytest.mark.parametrize("raw, words", [
    ("> > 县政协提案", ["县政协提案"]),                   # a quote in a quote
    ("> - ## 一是加强学习", ["一是加强学习"]),            # a heading in a list in a quote
    ("（上接（下转第三版）第二版）县政协", ["县政协"]),     # a marker inside a marker
])
def test_clean_blanks_markers_that_blanking_uncovers(raw: str, words: list[str]) -> None:
    cleaned = clean_text(raw)
    assert len(cleaned) == len(raw) and cleaned.split() == words
    assert clean_text(cleaned) == cleaned


def test_decode_refuses_an_unknown_forced_encoding():
    with pytest.raises(InputError, match="unknown encoding"):
        decode(b"abc", encoding="no-such-codec")
