"""IRIs: the one minting function and the IRIs of entities, reports and report graphs.

Every IRI is minted by :func:`mint`: deterministic (the same thing in two reports gets the
same IRI, so corpora merge by themselves), absolute, and valid for strict parsers (every
IRI is checked with :class:`pyoxigraph.NamedNode`). There are no blank nodes.

- an administrative area with a division code: ``{base}administrativeArea/140923``
- any other entity: ``{base}{type}/{key}``, the key NFC-normalised and percent-encoded
  wherever it is not a letter, digit or ``-._()`` (``organization/代县政协``); keys longer
  than 80 characters are cut and end in ``~`` plus 16 hex digits of their SHA-256
- a report: ``https://w3id.org/reportgraph/report/{sha256[:16]}``, its named graph
  ``https://w3id.org/reportgraph/graph/{sha256[:16]}``, and its statements, evidence and
  mentions below the report IRI (``…/stmt/{hash}``, ``…/ev/{hash}``, ``…/m/{start}-{end}-{hash}``)

>>> from reportgraph.model import EntityType
>>> str(entity_iri(EntityType.ORGANIZATION, "代县政协"))
'https://w3id.org/reportgraph/id/organization/代县政协'
>>> str(entity_iri(EntityType.ADMINISTRATIVE_AREA, "代县", code="140923"))
'https://w3id.org/reportgraph/id/administrativeArea/140923'
>>> str(entity_iri(EntityType.DOCUMENT, "《代县 建言》", base_iri="https://example.org/kg/"))
'https://example.org/kg/document/《代县%20建言》'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

import pyoxigraph as ox
from rdflib import URIRef

from reportgraph.errors import ReportGraphError
from reportgraph.model import EntityType, Report

DEFAULT_BASE_IRI = "https://w3id.org/reportgraph/id/"
ROOT_IRI = "https://w3id.org/reportgraph/"
_MAX_LOCAL = 80
_SAFE_ASCII = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._()")
_ALL_SAFE_ASCII = re.compile(r"[A-Za-z0-9\-._()]+")


def _ucschar(cp: int) -> bool:
    """RFC 3987 ``ucschar``: the non-ASCII code points an IRI may hold unescaped."""
    if 0xA0 <= cp <= 0xD7FF or 0xF900 <= cp <= 0xFDCF or 0xFDF0 <= cp <= 0xFFEF:
        return True
    plane, low = divmod(cp, 0x10000)
    return 1 <= plane <= 14 and low <= 0xFFFD and not (plane == 14 and low < 0x1000)


def _local_name(key: str) -> str:
    """Encode a key as a readable, strict-safe IRI path segment (injective)."""
    if len(key) <= _MAX_LOCAL and _ALL_SAFE_ASCII.fullmatch(key):
        return key  # the common case of offsets and hashes: nothing to encode
    text = unicodedata.normalize("NFC", key)
    parts: list[str] = []
    for ch in text:
        cp = ord(ch)
        if ch in _SAFE_ASCII or (
            cp >= 0xA0 and _ucschar(cp) and unicodedata.category(ch)[0] in "LMNPS"
        ):
            parts.append(ch)
        else:
            parts.append("".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass")))
    local = "".join(parts)
    if len(local) > _MAX_LOCAL:
        cut = local[:_MAX_LOCAL]
        if "%" in cut[-2:]:  # never cut inside a %XX escape
            cut = cut[: cut.rindex("%")]
        local = f"{cut}~{_sha(key)}"
    return local


def _sha(*parts: str) -> str:
    data = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:16]


@lru_cache(maxsize=64)
def _check_base(base_iri: str) -> str:
    if not base_iri.endswith(("/", "#")):
        base_iri += "/"
    try:
        ox.NamedNode(base_iri)
    except ValueError as err:
        raise ReportGraphError(
            f"base IRI {base_iri!r} is not a valid absolute IRI ({err}); "
            "give one like https://example.org/kg/") from err
    if ":" not in base_iri.split("/", 1)[0]:
        raise ReportGraphError(f"base IRI {base_iri!r} has no scheme; give one like https://example.org/kg/")
    return base_iri


def mint(base: str, *segments: str) -> URIRef:
    """The one IRI-minting function: ``base`` followed by the encoded ``segments``.

    Each segment is NFC-normalised and percent-encoded outside letters, digits and
    ``-._()``, so any text gives an absolute IRI that strict parsers accept.

    >>> str(mint("https://example.org/", "a b", "代县"))
    'https://example.org/a%20b/代县'
    >>> mint("not an iri", "x")
    Traceback (most recent call last):
    ...
    reportgraph.errors.ReportGraphError: base IRI 'not an iri/' is not a valid absolute IRI ...
    """
    return URIRef(_minted(base, segments).value)


def _minted(base: str, segments: tuple[str, ...]) -> ox.NamedNode:
    """:func:`mint`'s IRI as a pyoxigraph node (which checks it strictly)."""
    base = _check_base(base)
    if not segments or "" in segments:
        raise ReportGraphError(f"cannot mint an IRI below {base} from an empty key")
    iri = base + "/".join([_local_name(s) for s in segments])
    try:
        return ox.NamedNode(iri)
    except ValueError as err:  # pragma: no cover - _local_name only emits safe characters
        raise ReportGraphError(f"minted an invalid IRI {iri!r}: {err}") from err


def _type_segment(t: EntityType) -> str:
    return t.value[0].lower() + t.value[1:]


def entity_iri(type_: EntityType, key: str, *, code: str | None = None,
               base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """The IRI of an entity: by division code for an administrative area that has one,
    else by type and key (see the module docstring)."""
    if type_ is EntityType.ADMINISTRATIVE_AREA and code:
        return mint(base_iri, _type_segment(type_), code)
    return mint(base_iri, _type_segment(type_), key)


def report_iri(report: Report) -> URIRef:
    """``https://w3id.org/reportgraph/report/{sha256[:16]}``."""
    return mint(ROOT_IRI, "report", _short_sha(report))


def graph_iri(report: Report) -> URIRef:
    """The named graph holding the report's triples: ``…/graph/{sha256[:16]}``."""
    return mint(ROOT_IRI, "graph", _short_sha(report))


def _short_sha(report: Report) -> str:
    sha = report.sha256.lower()
    if len(sha) < 16 or any(c not in "0123456789abcdef" for c in sha):
        raise ReportGraphError(f"report {report.doc_id!r} has no valid sha256 ({report.sha256!r})")
    return sha[:16]

