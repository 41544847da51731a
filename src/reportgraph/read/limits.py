"""Limits on what is read, apart from the reading code, so that the command line can show
them without loading it."""

from __future__ import annotations

MAX_BYTES = 50 * 1024 * 1024
"""Default size limit for one report (50 MiB: far above any real work report)."""
