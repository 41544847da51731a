"""The genre's relation cues, loaded once from ``genre/data/relation_cues.tsv`` (the cue
lists: predicate, position, voice, words) and ``genre/data/relation_words.tsv`` (the words
beside them: prepositions, joiners, organ heads…).

These are cues of the genre (政协常委会工作报告, 政府工作报告), not phrases of one report.
:mod:`reportgraph.nlp.relate` reads them by list name; each relation it finds names the cue
in its evidence's ``method`` (``"cue:签署"``). Predicate signatures come from the SHACL
shapes (:mod:`reportgraph.genre.signatures`).

>>> "签署" in AUTHORED
True
>>> CUE_LISTS["AUTHORED"].predicate.value, CUE_LISTS["AUTHORED"].position
('authored', 'before')
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgraph.errors import ReportGraphError
from reportgraph.genre.organs import organ_table
from reportgraph.model import Predicate

DATA_DIR = Path(__file__).resolve().parent / "data"
POSITIONS = frozenset({"before", "after", "around", "inside"})
VOICES = frozenset({"active", "passive", "nominal", "nominal-de", "received"})


@dataclass(frozen=True, slots=True)
class CueList:
    """One line of ``relation_cues.tsv``: the words that state ``predicate`` from ``position``
    (relative to the object) in ``voice``."""

    name: str
    predicate: Predicate
    position: str
    voice: str
    words: tuple[str, ...]


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            rows.append((n, line.rstrip("\n").split("\t")))
    return rows


def _words(field: str) -> tuple[str, ...]:
    return tuple("" if w == '""' else w for w in field.split())


def load_cue_lists(path: Path | None = None) -> dict[str, CueList]:
    """The cue lists of ``relation_cues.tsv`` by name; a malformed line fails naming it."""
    path = path or DATA_DIR / "relation_cues.tsv"
    out: dict[str, CueList] = {}
    for n, cols in _rows(path):
        if len(cols) != 5:
            raise ReportGraphError(f"{path}:{n}: expected 5 tab-separated columns "
                                   f"(list, predicate, position, voice, words), found {len(cols)}")
        name, pred, position, voice, words = cols
        try:
            predicate = Predicate(pred)
        except ValueError:
            raise ReportGraphError(f"{path}:{n}: unknown predicate {pred!r}; use one of "
                                   f"{', '.join(p.value for p in Predicate)}") from None
        if position not in POSITIONS or voice not in VOICES:
            raise ReportGraphError(f"{path}:{n}: position {position!r} / voice {voice!r}: use "
                                   f"{sorted(POSITIONS)} / {sorted(VOICES)}")
        out[name] = CueList(name, predicate, position, voice, _words(words))
    return out


def load_word_lists(path: Path | None = None) -> dict[str, tuple[str, ...]]:
    """The word lists of ``relation_words.tsv`` by name."""
    path = path or DATA_DIR / "relation_words.tsv"
    out: dict[str, tuple[str, ...]] = {}
    for n, cols in _rows(path):
        if len(cols) != 2:
            raise ReportGraphError(f"{path}:{n}: expected a list name, a tab and its words")
        out[cols[0]] = _words(cols[1])
    return out


CUE_LISTS: dict[str, CueList] = load_cue_lists()
WORDS: dict[str, tuple[str, ...]] = load_word_lists()


def _cue(name: str) -> tuple[str, ...]:
    try:
        return CUE_LISTS[name].words
    except KeyError:
        raise ReportGraphError(f"{DATA_DIR / 'relation_cues.tsv'}: the cue list {name} is missing") from None


def _word(name: str) -> tuple[str, ...]:
    try:
        return WORDS[name]
    except KeyError:
        raise ReportGraphError(f"{DATA_DIR / 'relation_words.tsv'}: the word list {name} is missing") from None


# -- the cue lists (relation_cues.tsv) ---------------------------------------------------
AUTHORED = _cue("AUTHORED")
AUTHORED_AFTER = _cue("AUTHORED_AFTER")
PARTICIPATED = _cue("PARTICIPATED")
ATTENDED = frozenset(_cue("ATTENDED"))
IMPLEMENTS = _cue("IMPLEMENTS")
IMPLEMENTS_AFTER = _cue("IMPLEMENTS_AFTER")
IMPLEMENTS_AFTER_WITH_DE = frozenset(_cue("IMPLEMENTS_AFTER_WITH_DE"))
ADOPTED = _cue("ADOPTED")
ADOPTED_ACTIVE = _cue("ADOPTED_ACTIVE")
FORMED = _cue("FORMED")
JOINED = _cue("JOINED")
PARTICIPATING_UNITS = _cue("PARTICIPATING_UNITS")
HELD = _cue("HELD")
SUBDIVIDES = _cue("SUBDIVIDES")
ATTENDANCE = _cue("ATTENDANCE")
ADOPTS = _cue("ADOPTS")
HOSTED_BY = _cue("HOSTED_BY")
SELECTED = _cue("SELECTED")

# -- the words beside them (relation_words.tsv) ------------------------------------------
EVENT_NOUNS = "(?:" + "|".join(_word("EVENT_NOUNS")) + ")"  # a regex: 参加会议, 出席论坛
COMITATIVE = frozenset(_word("COMITATIVE"))
TOGETHER = _word("TOGETHER")
CAUSATIVES = _word("CAUSATIVES")
NOT_THE_DRAFTER = _word("NOT_THE_DRAFTER")
TOPIC_MARKERS = _word("TOPIC_MARKERS")
TOPIC_VERBS = frozenset(_word("TOPIC_VERBS"))
TOPIC_PREPOSITIONS = _word("TOPIC_PREPOSITIONS")
EVENT_FRAMES = _word("EVENT_FRAMES")
COLLECTIVE_WORDS = _word("COLLECTIVE_WORDS")
CAMPAIGN_MODIFIED = _word("CAMPAIGN_MODIFIED")
ORGAN_SUFFIXES = _word("ORGAN_SUFFIXES")
# Heads an enumeration of places shares (organ_table().heads), and the words after a place
# that make it a body's seat (organ_table().seat_words): both from the organ kinds of
# organs.tsv (and the party departments of departments.tsv), read when the rules run.
LEADERSHIP_VERBS = _word("LEADERSHIP_VERBS")
OBJECT_PREPOSITIONS = _word("OBJECT_PREPOSITIONS")
CLAUSE_OPENERS = _word("CLAUSE_OPENERS")
FIRST_PERSON = _word("FIRST_PERSON")
AREA_PLAN_WORDS = _word("AREA_PLAN_WORDS")
PLAN_REACHED = frozenset(_word("PLAN_REACHED"))
TARGET_WORDS = _word("TARGET_WORDS")
AREA_RESULTS = frozenset(_word("AREA_RESULTS"))
MANNER_ADVERBS = _word("MANNER_ADVERBS")
BYLINE_WORDS = _word("BYLINE_WORDS")
SPEECH_VERBS = _word("SPEECH_VERBS")
GOVERNMENT_SUFFIXES = _word("GOVERNMENT_SUFFIXES")
PAIR_WORDS = _word("PAIR_WORDS")
RESPECTIVELY = _word("RESPECTIVELY")
MEMBER_WORDS = _word("MEMBER_WORDS")
JOINERS = _word("JOINERS")
COUNTRY_NAMES = frozenset(_word("COUNTRY_NAMES"))
LOCAL_AREA_SUFFIXES = _word("LOCAL_AREA_SUFFIXES")
LOCAL_SITE_SUFFIXES = _word("LOCAL_SITE_SUFFIXES")
SIGNED_AT_WORDS = frozenset(_word("SIGNED_AT_WORDS"))
NATIONAL_NEW_AREAS = frozenset(_word("NATIONAL_NEW_AREAS"))
ATTENDANCE_TAIL = _word("ATTENDANCE_TAIL")
NOT_ATTENDING = _word("NOT_ATTENDING")
EVENT_MODIFIED = _word("EVENT_MODIFIED")
MEETING_SUBJECTS = _word("MEETING_SUBJECTS")
MEETING_PARTS = _word("MEETING_PARTS")
MEETING_FLOOR = _word("MEETING_FLOOR")
NOT_SPEAKERS = _word("NOT_SPEAKERS")
AGREEMENT_WORDS = _word("AGREEMENT_WORDS")
RESPONDED = _word("RESPONDED")
LEADING_VERBS = _word("LEADING_VERBS")
PEOPLE_SUBJECTS = _word("PEOPLE_SUBJECTS")
WORK_RECORD = _word("WORK_RECORD")
CONTRIBUTION_VERBS = _word("CONTRIBUTION_VERBS")
SIGNING_VERBS = frozenset(_word("SIGNING_VERBS"))
SELECTED_AS = _word("SELECTED_AS")
