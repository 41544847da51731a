"""Matching keys of names: two spellings of one name get the same key.

A name's *key* is what lookups and resolution compare; its *label* (the surface form as
written in the report) is what the graph shows, and is never changed here.

The key of a name is, in order:

1. NFKC (full-width ``ＡＢＣ（北京）`` → ``ABC(北京)``, NBSP and U+3000 → space, ``①`` → ``1``);
2. without whitespace-like characters (spaces, U+3000, NBSP, tabs, newlines), format
   characters (U+200B, U+200D, U+FEFF…), other control characters and lone surrogates;
3. traditional characters converted to simplified with OpenCC's phrase-level ``t2s``
   conversion (``北京大學`` → ``北京大学``, ``頭髮`` → ``头发``, while ``乾隆`` stays ``乾隆``,
   which a character-by-character table would turn into ``干隆``).

OpenCC (the ``opencc`` package, which ships its dictionaries, so no network is needed) is
optional: without it step 3 is skipped (:data:`HAS_T2S` is ``False``) rather than
replaced by a character table that over-converts.

>>> match_key("ＡＢＣ公司（北京）") == match_key("ABC公司(北京)")
True
>>> match_key("北京\\u3000大学") == match_key("北京 大学") == "北京大学"
True
>>> match_key("代县\\u200b政协\\ufeff")
'代县政协'
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

__all__ = ["HAS_T2S", "match_key", "same_name", "to_simplified"]


@lru_cache(maxsize=1)
def _converter() -> Any:
    try:
        import opencc
    except ImportError:
        return None
    try:
        return opencc.OpenCC("t2s")
    except Exception:  # noqa: BLE001 - a broken install (missing dictionaries) means no t2s
        return None


def _has_t2s() -> bool:
    return _converter() is not None


HAS_T2S: bool = _has_t2s()
"""Whether traditional → simplified conversion is available (``pip install opencc``)."""


def to_simplified(text: str) -> str:
    """``text`` with traditional Chinese converted to simplified (OpenCC ``t2s``, phrase
    by phrase); ``text`` unchanged when OpenCC is not installed.

    >>> to_simplified("乾隆") if HAS_T2S else "乾隆"
    '乾隆'
    """
    conv = _converter()
    if conv is None or not text or text.isascii():
        return text
    return str(conv.convert(text))


def _drop(c: str) -> bool:
    if c.isspace():
        return True
    cat = unicodedata.category(c)
    return cat in ("Cc", "Cf", "Cs", "Zs", "Zl", "Zp")


@lru_cache(maxsize=1 << 16)
def match_key(name: str) -> str:
    """The matching key of ``name`` (see the module docstring). Case is kept; callers that
    want case-insensitive matching fold the key themselves (``match_key(n).casefold()``).
    Kept per name (a pure function of the string: the same names recur in every report).

    >>> match_key(" 北京\\xa0大学\\t")
    '北京大学'
    """
    # Lone surrogates and controls go first: NFKC and OpenCC must never see them.
    text = "".join(c for c in name if not _drop(c))
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if not _drop(c))  # NFKC turns NBSP, U+3000… into spaces
    return unicodedata.normalize("NFKC", to_simplified(text))


def same_name(a: str, b: str) -> bool:
    """Whether two names have the same matching key.

    >>> same_name("ＡＢＣ公司（北京）", "ABC公司(北京)")
    True
    """
    return match_key(a) == match_key(b)
