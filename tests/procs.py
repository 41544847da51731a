"""What the process tests read of /proc: a process's state, its children and descendants,
and waiting for processes to end (killing, and returning, those that do not)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path


def _stat(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the command name ([] when the process is gone)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def state(pid: int) -> str:
    """The process's state letter (R, S, T, Z…), "" when it is gone."""
    fields = _stat(pid)
    return fields[0] if fields else ""


def alive(pid: int) -> bool:
    return state(pid) not in ("", "Z")


def _parents() -> dict[int, int]:
    out = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if len(fields) > 1:
                out[int(entry.name)] = int(fields[1])
    return out


def children(pid: int) -> list[int]:
    return [c for c, p in _parents().items() if p == pid]


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``."""
    parents = _parents()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        kids = [c for c, pp in parents.items() if pp == p]
        out += kids
        todo += kids
    return out


def orphans_after(pids: list[int], seconds: float) -> list[int]:
    """Wait up to ``seconds`` for ``pids`` to end; kill those still alive (never leave them
    behind, even when the test fails) and return them."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.1)
    left = [p for p in pids if alive(p)]
    for p in left:
        os.kill(p, signal.SIGKILL)
    return left
