"""Strings made safe for XML 1.0: the exports pass every string through :func:`xml_safe`.

XML 1.0 allows only ``#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
[#x10000-#x10FFFF]``. Anything else (C0 controls, U+FFFE/U+FFFF, lone surrogates) makes
the whole file unreadable for Gephi and every XML parser, so it is removed, as Gephi's own
exporter does.

>>> xml_safe("代县\\x00政协\\ud800\\ufffe")
'代县政协'
>>> count_unsafe("a\\x0bb\\x1f")
2
"""

from __future__ import annotations

import re

__all__ = ["count_unsafe", "xml_safe"]

_UNSAFE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids."""
    return _UNSAFE.sub("", text)


def count_unsafe(text: str) -> int:
    """How many characters :func:`xml_safe` would remove."""
    return len(_UNSAFE.findall(text))
