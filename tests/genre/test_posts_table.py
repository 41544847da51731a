"""One post table (genre/data/posts.tsv) read by one loader: the recogniser's ranks and the
relation stage's roles come from the same rows."""

import pytest

from reportgraph.errors import ReportGraphError
from reportgraph.genre import post_roles
from reportgraph.genre.posts import load_posts


def test_a_row_serves_both_readers():
    p = load_posts()
    assert p.rank["县长"] == "head" and "县长" in p.roles and p.bare_body["县长"] == "government"
    assert "副" in p.modifiers and "副" not in p.rank  # read for posts only
    assert "总书记" in p.after_name and p.bare_body["总书记"] == "中共中央"
    assert "同志" in p.rank and "同志" not in p.roles  # recognised beside a name, no post
    assert post_roles.ROLES == list(p.roles) and post_roles.BARE_BODY is p.bare_body


def test_role_patterns_read_the_table():
    assert post_roles.ROLE_BEFORE_NAME.search("县委常务副书记").group("role") == "常务副书记"
    assert post_roles.head_of("代理县长") == "县长"
    assert post_roles.ROLE_AFTER_NAME.match("总书记指出")


def test_a_bad_post_column_is_a_clear_error(monkeypatch):
    from reportgraph.genre import posts as mod

    class Fake:
        def joinpath(self, *_a):
            return self

        def read_text(self, encoding):
            return "县长\thead\tboth\tboss\t-\n"

    monkeypatch.setattr(mod.resources, "files", lambda _pkg: Fake())
    mod.load_posts.cache_clear()
    try:
        with pytest.raises(ReportGraphError, match="posts.tsv:1: post must be"):
            mod.load_posts()
    finally:
        mod.load_posts.cache_clear()
