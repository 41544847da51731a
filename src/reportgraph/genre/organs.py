"""Organ kinds as data: ``genre/data/organs.tsv`` and ``genre/data/departments.tsv``, compiled
once into the patterns and names every stage uses (the recogniser's place + organ and level +
organ patterns, the resolver's canonical names and report authors, the relation stage's
enumeration heads and seat words).

Adding an organ kind is one line of ``organs.tsv`` (see ``genre/data/README.md``). Which
version of the shipped tables a pipeline reads, and further organ tables of one's own (paths;
their lines come after the shipped ones, before the party committee, which matches any ``委``),
are settings of ``pipeline.cfg`` (``[genre]``): each reportgraph component compiles its choice
with :func:`load_organ_table` and makes it the one :func:`organ_table` gives while it runs
(:func:`using_organ_table`), so pipelines with different tables can live in one process.

>>> t = organ_table()
>>> t.kinds["政协"].names[:2]
('{n}政协', '政协{n}委员会')
>>> t.after.match("政协常委会工作").lastgroup
'政协'
>>> t.relative.match("县人大常委会").group("人大")
'人大常委会'
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from reportgraph.errors import ConfigError, InputError
from reportgraph.knowledge.gazetteer import Division

_COLUMNS = ("kind", "after", "relative", "not_before", "names", "author", "heads", "seat", "sessions")
LEVELS = "县市省州区旗盟"


@dataclass(frozen=True, slots=True)
class OrganKind:
    """One line of ``organs.tsv``."""

    kind: str
    after: tuple[str, ...]  # forms after a place's name
    relative: tuple[str, ...]  # forms after a level character
    not_before: str  # characters that may not follow a form
    names: tuple[str, ...]  # name templates, canonical first
    author: tuple[str, ...]  # title words that make this kind a report's author
    heads: tuple[str, ...]  # forms heading an enumeration of places
    seat: tuple[str, ...]  # forms making the place before them a body's seat
    sessions: bool  # sessions are named after it


@dataclass(frozen=True)
class OrganTable:
    """The compiled tables."""

    kinds: dict[str, OrganKind]  # in the file's order
    department: str  # the pattern of a department's name (县|教育局, 市|人民医院)
    party_departments: tuple[str, ...]  # departments of a party committee (组织部)
    after: re.Pattern[str]  # place + organ: a group per kind (``lastgroup``), ``dept`` for departments
    relative: re.Pattern[str]  # level character (group ``level``) + organ
    authors: tuple[tuple[re.Pattern[str], str], ...]  # title words → the kind of author
    heads: tuple[str, ...]
    seat_words: tuple[str, ...]
    session_kinds: frozenset[str]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x for x in cell.split("|") if x)


def _rows(text: str, source: str) -> list[list[str]]:
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.rstrip("\n").split("\t")
        if len(cells) > len(_COLUMNS) or not cells[0].strip():
            raise InputError(
                f"{source} line {n}: expected up to {len(_COLUMNS)} tab-separated columns "
                f"({', '.join(_COLUMNS)}), got {len(cells)}: {line!r}")
        rows.append(cells + [""] * (len(_COLUMNS) - len(cells)))
    return rows


def _kind(cells: list[str], source: str) -> OrganKind:
    kind, after, relative, not_before, names, author, heads, seat, sessions = cells
    if not re.fullmatch(r"\w+", kind):
        raise InputError(f"{source}: an organ kind is a word (letters or Han characters), not {kind!r}")
    return OrganKind(kind, _split(after), _split(relative), not_before, _split(names) or ("{n}{kind}",),
                     _split(author), _split(heads), _split(seat), sessions.strip() == "yes")


def _alternation(forms: tuple[str, ...], department: str, not_before: str) -> str:
    parts = [department if f == "{departments}" else re.escape(f) for f in forms]
    body = "|".join(parts)
    if not_before:
        body = f"(?:{body})(?![{re.escape(not_before)}])"
    return body


def _departments() -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    text = resources.files(__package__).joinpath("data", "departments.tsv").read_text(encoding="utf-8")
    parts: dict[str, list[str]] = {"stem": [], "suffix": [], "unit": [], "party": []}
    heads = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        part, word, *rest = line.split("\t")
        parts[part].append(word)
        if rest and rest[0] == "yes":
            heads.append(word)
    esc = lambda ws: "|".join(map(re.escape, ws))  # noqa: E731
    pattern = f"(?:{esc(parts['stem'])})(?:{esc(parts['suffix'])})|{esc(parts['unit'])}"
    return pattern, tuple(parts["party"]), tuple(heads)


#: The versions of the shipped genre tables a pipeline config may name (``[genre] tables``),
#: each with its folder in the package. A release that changes a table's columns or meaning
#: adds a version; a config naming one this release does not ship fails with a clear error.
TABLE_VERSIONS = {"reportgraph.genre.v1": "data"}
DEFAULT_TABLES = "reportgraph.genre.v1"

_active: OrganTable | None = None


def organ_table() -> OrganTable:
    """The organ table in use: the one the running reportgraph component chose (its
    ``pipeline.cfg`` settings), else the shipped one."""
    return _active if _active is not None else load_organ_table()


@contextmanager
def using_organ_table(table: OrganTable | None) -> Iterator[None]:
    """:func:`organ_table` gives ``table`` inside the block (``None``: the shipped one), and
    what it gave before after it. The reportgraph components run inside one, with the table
    of their settings."""
    global _active
    before, _active = _active, table
    try:
        yield
    finally:
        _active = before


def load_organ_table(tables: str = DEFAULT_TABLES, organs: Sequence[str] = ()) -> OrganTable:
    """The organ kinds of the shipped tables of version ``tables``, with the lines of the
    further tables ``organs`` (paths) before the party committee's (compiled once per choice).

    >>> load_organ_table("reportgraph.genre.v9")
    Traceback (most recent call last):
    ...
    reportgraph.errors.ConfigError: unknown genre tables 'reportgraph.genre.v9' ([genre] tables in the pipeline config); this reportgraph ships: reportgraph.genre.v1
    """
    if tables not in TABLE_VERSIONS:
        raise ConfigError(
            f"unknown genre tables {tables!r} ([genre] tables in the pipeline config); "
            f"this reportgraph ships: {', '.join(TABLE_VERSIONS)}")
    return _compile(tables, tuple(str(p) for p in organs))


@lru_cache(maxsize=8)
def _compile(tables: str, extra: tuple[str, ...]) -> OrganTable:
    text = resources.files(__package__).joinpath(TABLE_VERSIONS[tables], "organs.tsv").read_text(encoding="utf-8")
    kinds = [_kind(c, "organs.tsv") for c in _rows(text, "organs.tsv")]
    more: list[OrganKind] = []
    for name in extra:
        path = Path(name)
        try:
            more += [_kind(c, str(path)) for c in _rows(path.read_text(encoding="utf-8"), str(path))]
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(f"cannot read the organ table {path} ([genre] organs in the pipeline config): "
                             f"{err}; give the path of a UTF-8 table laid out as organs.tsv") from err
    if more:
        # before the party committee, whose bare 委 would take any kind ending in 委
        at = next((i for i, k in enumerate(kinds) if k.kind == "党委"), len(kinds))
        kinds[at:at] = more
    department, party_departments, dept_heads = _departments()
    after, relative = [], []
    for k in kinds:
        if k.after:
            after.append(f"(?P<{k.kind}>{_alternation(k.after, department, k.not_before)})")
        if k.relative:
            relative.append(f"(?P<{k.kind}>{_alternation(k.relative, department, k.not_before)})")
    heads = tuple(h for k in kinds for h in k.heads)
    # the party committee's heads first, its departments' after (统战部, 组织部)
    return OrganTable(
        kinds={k.kind: k for k in kinds},
        department=department,
        party_departments=party_departments,
        after=re.compile("|".join(after)),
        relative=re.compile(f"(?P<level>[{LEVELS}])(?:" + "|".join(relative) + ")"),
        authors=tuple((re.compile("|".join(map(re.escape, k.author))), k.kind) for k in kinds if k.author),
        heads=heads + dept_heads,
        seat_words=tuple(w for k in kinds for w in k.seat),
        session_kinds=frozenset(k.kind for k in kinds if k.sessions),
    )


def fill(template: str, *, kind: str, n: str, short: str, r: str, cpc: str) -> str:
    """A name template of ``organs.tsv`` filled in."""
    return (template.replace("{cpc_bare}", cpc[2:]).replace("{cpc}", cpc).replace("{short}", short)
            .replace("{n}", n).replace("{r}", r).replace("{kind}", kind))


def party_committee_name(d: Division) -> str:
    """The usual name of a place's party committee: 中共山西省委, 中共代县县委 (a county whose
    name does not end in its level character), 中共广西壮族自治区委员会."""
    n = d.name
    short = d.short_forms[0] if d.short_forms and d.suffix in ("自治州", "自治县", "自治旗") else n
    r = d.organ_char
    if d.suffix in ("自治区", "特别行政区", "新区", "地区"):
        return f"中共{n}委员会"
    if len(short) - len(r) >= 2 and short.endswith(r):
        return f"中共{short}委"  # 中共山西省委, 中共巍山县委
    return f"中共{n}{r}委"  # 中共代县县委


def organ_names(kind: str, d: Division) -> tuple[str, ...]:
    """Canonical name first, then the other usual names, of the organ ``kind`` of the
    place ``d`` (the kinds of ``organs.tsv``; any other kind is named place + kind).

    >>> from reportgraph.knowledge.gazetteer import load_divisions
    >>> organ_names("政府", load_divisions().by_code["140923"])
    ('代县人民政府', '代县政府', '代县人民政府')
    """
    table = organ_table()
    key = (id(table), kind, d.code, d.name, d.short_forms)
    found = _ORGAN_NAMES.get(key)
    if found is not None and found[0] is table:
        return found[1]
    n = d.name
    short = d.short_forms[0] if d.short_forms and d.suffix in ("自治州", "自治县", "自治旗") else n
    k = table.kinds.get(kind)
    templates = k.names if k is not None and k.kind != "dept" else ("{n}{kind}",)
    cpc = party_committee_name(d)
    names = tuple(fill(t, kind=kind, n=n, short=short, r=d.organ_char, cpc=cpc) for t in templates)
    if len(_ORGAN_NAMES) >= 100_000:
        _ORGAN_NAMES.clear()
    _ORGAN_NAMES[key] = (table, names)
    return names


# organ_names' answers, per organ table (the entry holds the table, so its id is not reused),
# kind and division: the resolver asks for the same few organs of the same places again and again
_ORGAN_NAMES: dict[tuple[object, ...], tuple[OrganTable, tuple[str, ...]]] = {}
