"""Named queries: ``queries/NAME.rq`` shipped with the package, or any ``.rq`` file, with
the description and bindable variables read from its leading comments."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from reportgraph.errors import QueryError
from reportgraph.query.policy import _VARIABLE, MAX_QUERY_CHARS


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query file: its name, path, text, what it answers, and which variables can be bound."""

    name: str
    path: Path
    text: str
    description: str
    bindable: tuple[str, ...]


def _read_rq(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise QueryError(f"{path}: cannot read the query ({err.strerror})") from err
    if len(data) > 4 * MAX_QUERY_CHARS:
        raise QueryError(f"{path}: {len(data)} bytes; a query may have at most {MAX_QUERY_CHARS} characters")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise QueryError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start}); save it as UTF-8") from err


def load_query(name_or_path: str | os.PathLike[str]) -> NamedQuery:
    """A shipped query by name (``members``) or a ``.rq`` file by path.

    >>> q = load_query("members")
    >>> q.name, "group" in q.bindable
    ('members', True)
    """
    from reportgraph.rdf.resources import queries_dir

    raw = str(name_or_path)
    path = Path(raw)
    if not (raw.endswith(".rq") or os.sep in raw or path.is_file()):
        path = queries_dir() / f"{raw}.rq"
        if not path.is_file():
            names = ", ".join(sorted(p.stem for p in queries_dir().glob("*.rq")))
            raise QueryError(f"no query named {raw!r}; the shipped queries are: {names} (or give a .rq file)")
    elif not path.is_file():
        raise QueryError(f"{path}: no such query file")
    text = _read_rq(path)
    description: list[str] = []
    bindable: list[str] = []
    for line in text.splitlines():
        s = line.strip()
        if not s.startswith("#"):
            if s:
                break
            continue
        body = s.lstrip("#").strip()
        if body.lower().startswith("bind:"):
            bindable += _VARIABLE.findall(body)
        elif body:
            description.append(body)
    return NamedQuery(path.stem, path, text, " ".join(description), tuple(bindable))

