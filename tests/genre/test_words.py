"""The genre's word tables: each word has one owner (a tail that is also a word of a set of
words.tsv has its name type there, not again in name_tails.tsv), and post prefixes are data."""

from __future__ import annotations

from importlib import resources

from reportgraph.genre.posts import load_posts
from reportgraph.genre.words import genre_words, name_types
from reportgraph.nlp.recognize.person_names import _strip_prefix
from reportgraph.nlp.recognize.statistical import name_tails

DATA = resources.files("reportgraph.genre").joinpath("data")


def _words_of(name: str) -> set[str]:
    text = DATA.joinpath(name).read_text(encoding="utf-8")
    return {line.split("\t")[0 if name == "name_tails.tsv" else 1]
            for line in text.splitlines() if line.strip() and not line.startswith("#")}


def test_no_word_is_in_both_tables():
    assert not _words_of("name_tails.tsv") & _words_of("words.tsv")


def test_the_tails_words_tsv_owns_are_read_as_tails():
    assert "日报" in genre_words("media") and name_types()["日报"] == "Organization"
    assert name_tails()["日报"].value == "Organization"
    assert name_tails()["博物馆"].value == "Place" and name_tails()["公司"].value == "Organization"


def test_post_prefixes_come_from_the_posts_table():
    p = load_posts()
    assert {"常务", "代理", "原", "时任"} <= set(p.prefixes)
    assert "常务" in p.modifiers  # a prefix that is also a modifier of roles keeps both
    assert p.before.fullmatch("原常务副县长") and not p.before.fullmatch("原")
    assert _strip_prefix("代理县长") == "县长" and _strip_prefix("时任副县长") == "副县长"
