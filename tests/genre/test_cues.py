"""The relation cues are data (genre/data/relation_cues.tsv), signatures come from the shapes."""

from __future__ import annotations

import pytest

from reportgraph.errors import ReportGraphError
from reportgraph.genre import cues
from reportgraph.genre.signatures import signatures
from reportgraph.model import EntityType as T
from reportgraph.model import Predicate as P


def test_every_cue_list_names_a_predicate_position_and_voice() -> None:
    assert cues.CUE_LISTS["ADOPTED"].voice == "passive"
    assert cues.CUE_LISTS["AUTHORED_AFTER"].position == "after"
    assert {c.predicate for c in cues.CUE_LISTS.values()} >= {P.AUTHORED, P.PARTICIPATED_IN, P.IMPLEMENTS,
                                                           P.ADOPTED_BY, P.MEMBER_OF, P.LOCATED_IN, P.PART_OF}
    assert "签署" in cues.AUTHORED and "" in cues.JOINERS


def test_a_cue_is_a_word_on_its_line(tmp_path) -> None:
    path = tmp_path / "cues.tsv"
    path.write_text("# comment\nAUTHORED\tauthored\tbefore\tactive\t签署 缔结\n", encoding="utf-8")
    assert cues.load_cue_lists(path)["AUTHORED"].words == ("签署", "缔结")


@pytest.mark.parametrize("line, said", [
    ("AUTHORED\twrote\tbefore\tactive\t签署", "unknown predicate 'wrote'"),
    ("AUTHORED\tauthored\tbeside\tactive\t签署", "position 'beside'"),
    ("AUTHORED\tauthored\t签署", "expected 5 tab-separated columns"),
])
def test_a_malformed_cue_line_is_named(tmp_path, line, said) -> None:
    path = tmp_path / "cues.tsv"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ReportGraphError, match=said) as err:
        cues.load_cue_lists(path)
    assert ":1:" in str(err.value)


def test_signatures_are_read_from_the_shapes() -> None:
    sig = signatures()
    assert set(sig) == set(P)
    assert sig[P.MEMBER_OF] == (frozenset({T.ORGANIZATION, T.ADMINISTRATIVE_AREA}), frozenset({T.ORGANIZATION}))
    assert sig[P.ABOUT] == (frozenset({T.DOCUMENT, T.EVENT}),
                            frozenset({T.INITIATIVE, T.ADMINISTRATIVE_AREA, T.PLACE}))
    assert sig[P.PARTICIPATED_IN][1] == frozenset({T.EVENT})


def test_a_shape_file_without_a_predicate_fails_naming_it(tmp_path) -> None:
    path = tmp_path / "shapes.ttl"
    path.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n", encoding="utf-8")
    with pytest.raises(ReportGraphError, match="rg:memberOf"):
        signatures(path)
