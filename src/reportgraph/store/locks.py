"""Who else holds a store: the file system it is on, and a writer outside reportgraph
(RocksDB's own lock), told without opening the store."""

from __future__ import annotations

import fcntl
import os
import struct
from pathlib import Path

from reportgraph.errors import StoreError


def read_only_media(path: Path) -> bool:
    """True when ``path`` is on a file system mounted read-only."""
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def probe_foreign_writer(path: Path) -> None:
    """Refuse to read a store that a process outside reportgraph holds open for writing,
    since reading beside a writer is undefined. A writer holds RocksDB's ``LOCK`` file with
    a POSIX record lock (readers take none), so asking the kernel who holds it (``F_GETLK``)
    tells, without opening the store a second time for writing (which cost a query's
    start-up a second store opening and rotated the store's log files)."""
    if read_only_media(path):  # no process can write there
        return
    # F_GETLK does not see this process's own locks; and closing any descriptor of a file
    # drops the process's POSIX locks on it, so this is asked before opening one
    if _locked_here(path / "LOCK"):
        raise StoreError(f"{path}: store in use (already open for writing in this process); close it first")
    try:
        fd = os.open(path / "LOCK", os.O_RDONLY)
    except OSError:  # no LOCK file: the store was never opened for writing since it was copied
        return
    try:
        want = struct.pack("hhqqi", fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0)
        kind, _whence, _start, _len, pid = struct.unpack("hhqqi", fcntl.fcntl(fd, fcntl.F_GETLK, want))
    except OSError:
        return
    finally:
        os.close(fd)
    if kind != fcntl.F_UNLCK:
        raise StoreError(f"{path}: store in use by another process (process {pid}: a build or serve?); "
                         "stop it or wait for it to finish")


def _locked_here(lock: Path) -> bool:
    """True when this process holds a POSIX lock on ``lock`` (Linux: ``/proc/locks``)."""
    try:
        st = lock.stat()
        with open("/proc/locks", encoding="ascii", errors="replace") as f:
            table = f.read()
    except OSError:
        return False
    where = f" {os.getpid()} {os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino} "
    return any("POSIX" in line and where in line for line in table.splitlines())
