"""Rewriting a store compactly: the same quads bulk-loaded at once into a new directory
beside it, swapped in with one system call while the writer keeps its lock.

RocksDB keeps the bulk loader's LZ4-compressed files, while the files of many batch loads
(a build writes 16 reports at a time) overlap and are compacted into levels that
Oxigraph leaves uncompressed while the store is small (benchmarks/README.md: 66 → 40 bytes
per input character for 200 reports).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from reportgraph.store.embedded import _LOCK_FDS, LOCK_NAME, Store, _open_oxigraph

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one step (Linux ``renameat2(RENAME_EXCHANGE)``); ``False``
    where the system cannot."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) != 0:
        return False
    return True


def swap_store_directory(handle: Store, fresh: Path) -> bool:
    """Put the complete store in directory ``fresh`` where ``handle``'s store is, in one
    step, and reopen ``handle`` on it; the old files end up in ``fresh``. ``handle`` holds
    the write lock throughout: the new directory's lock file is locked before the swap.
    Returns ``False``, with ``handle`` open on its old files, if the swap cannot be done."""
    if handle.read_only or handle._lock_fd is None or handle._lock_fd < 0:
        return False
    fd = os.open(fresh / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    except OSError:
        os.close(fd)
        return False
    for name in os.listdir(handle.path):  # the bookkeeping files of ours travel with the store
        if name.startswith("reportgraph.") and name != LOCK_NAME and not (fresh / name).exists():
            shutil.copy2(handle.path / name, fresh / name)
    handle.oxigraph.flush()
    handle._store = None  # closes the engine's files (the last reference)
    swapped = _exchange(fresh, handle.path)
    handle._store = _open_oxigraph(handle.path)
    if not swapped:
        os.close(fd)
        return False
    old = handle._lock_fd
    _LOCK_FDS.discard(old)
    os.close(old)  # the old directory's lock, now in ``fresh``
    _LOCK_FDS.add(fd)
    handle._lock_fd = fd
    return True


def rewrite(handle: Store) -> bool:
    """Rewrite ``handle``'s store with one bulk load into a new directory beside it and swap
    the two directories in one step (``renameat2(RENAME_EXCHANGE)``), ``handle`` keeping
    the write lock throughout and reopened on the new files. A failure, or a system without
    the exchange, leaves the store as it was (and returns ``False``); a crash leaves at most
    a hidden directory beside it."""
    store = handle.oxigraph
    store.flush()
    tmp = Path(tempfile.mkdtemp(prefix=f".{handle.path.name}.compact.", dir=handle.path.parent))
    try:
        fresh = ox.Store(str(tmp / "store"))
        fresh.bulk_extend(store.quads_for_pattern(None, None, None, None))
        fresh.flush()
        del fresh, store  # closes the new files; the handle holds the old ones
        return swap_store_directory(handle, tmp / "store")
    except OSError:
        if handle._store is None:
            handle._store = _open_oxigraph(handle.path)
        return False
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
