"""Find the files that ship beside the code: the ontology and the named queries.

From an installed wheel they are package data at ``reportgraph/_data/ontology`` and
``reportgraph/_data/queries``; from a checkout or an editable install they are the
``ontology/`` and ``queries/`` folders at the repository root, next to ``src/``.

>>> ontology_path().name
'reportgraph.ttl'
>>> (queries_dir() / "members.rq").is_file()
True
"""

from __future__ import annotations

from pathlib import Path

from reportgraph.errors import ReportGraphError

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the reportgraph package


def data_dir(name: str, *, package_dir: Path | None = None) -> Path:
    """The directory ``name`` (``"ontology"`` or ``"queries"``).

    Looks in the package's ``_data`` folder first (wheel), then at the repository root
    (checkout, editable install). ``package_dir`` is for tests.

    >>> data_dir("queries").is_dir()
    True
    """
    if name not in ("ontology", "queries"):
        raise ValueError(f"unknown data directory {name!r}: use 'ontology' or 'queries'")
    pkg = package_dir if package_dir is not None else _PACKAGE_DIR
    candidates = [pkg / "_data" / name, pkg.parent.parent / name]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise ReportGraphError(
        f"cannot find the {name!r} folder (looked in {', '.join(str(c) for c in candidates)}); "
        "reinstall reportgraph or run from a checkout"
    )


def ontology_path() -> Path:
    """The OWL ontology, ``ontology/reportgraph.ttl``."""
    return data_dir("ontology") / "reportgraph.ttl"


def shapes_path() -> Path:
    """The SHACL shapes, ``ontology/shapes.ttl``."""
    return data_dir("ontology") / "shapes.ttl"


def queries_dir() -> Path:
    """The folder of named SPARQL queries (``NAME.rq``)."""
    return data_dir("queries")


def query_names() -> list[str]:
    """The names of the shipped queries, sorted.

    >>> "members" in query_names()
    True
    """
    return sorted(p.stem for p in queries_dir().glob("*.rq"))
