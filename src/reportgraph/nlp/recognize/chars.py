"""Character classes the recognition rules share."""

from __future__ import annotations

import re

from reportgraph.genre import grammar as g

_HAN = re.compile(f"[{g.HAN}]")
_BEFORE_NAME = set("在和与及、的赴到至是对向从于为把将原属暨即由同跟驻来去往返经")
