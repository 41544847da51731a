"""Walls for child processes: die with the parent, no network, no files beyond the store,
bounded memory.

Used by the query child (:func:`reportgraph.query.run.execute`) and the workers of corpus
builds. Linux only; elsewhere each function does what the platform allows and says so.

- :func:`die_with_parent`: ``prctl(PR_SET_PDEATHSIG, SIGKILL)``, plus a watch thread that
  ends the process when its parent is gone (the kernel signal fires when the parent
  *thread* that forked the child ends, so the watch covers a thread pool's forks too).
- :func:`deny_network`: a seccomp filter (``prctl(PR_SET_NO_NEW_PRIVS)`` then
  ``PR_SET_SECCOMP``) under which ``socket()`` fails with ``EACCES`` for every family but
  ``AF_UNIX``, ``io_uring_setup`` is refused, and files cannot be opened for writing or
  created. Chosen over a network namespace (``unshare``) because it needs no privilege
  and no user namespaces, which containers and hardened kernels often disable, and it
  can be installed in a forked child of a multi-threaded parent, where ``unshare`` of a
  user namespace cannot. The child keeps the files it inherited (the store it reads).
- :func:`restrict_files`: a Landlock ruleset (Linux 5.13 and later, no privilege needed)
  under which the process can open files only to read them, and only beneath the given
  directories (the store's); no exec, no TCP bind or connect (Landlock ABI 4) and no
  abstract Unix sockets or signals beyond itself (ABI 6). Landlock rather than a seccomp
  rule denying ``open`` after the store is opened, because the store engine (RocksDB) opens
  its table files lazily, in the child, while a query runs (measured with ``strace -f`` on a
  store of 200 reports: 9 ``.sst`` files opened by the query child); a path-based rule lets
  it do that and nothing else. Where the kernel lacks Landlock (:func:`landlock_abi` is 0)
  the child can still read any file the user can: :func:`describe_walls` says so.
- :func:`limit_memory`: ``RLIMIT_AS`` at the address space in use now plus a budget,
  since a forked child starts with its parent's mappings.
"""

from __future__ import annotations

import ctypes
import errno
import functools
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
import os
import platform
import resource
import signal
import struct
import threading
import time
from typing import Any

_PR_SET_PDEATHSIG = 1
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_SECCOMP_RET_ALLOW = 0x7FFF0000
_SECCOMP_RET_ERRNO = 0x00050000

# BPF opcodes
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JSET_K = 0x45
_RET_K = 0x06

# (audit arch, syscall numbers: socket, io_uring_setup, openat, openat2, open, creat)
_ARCH = {
    "x86_64": (0xC000003E, {"socket": 41, "io_uring_setup": 425, "openat": 257, "openat2": 437,
                            "open": 2, "creat": 85}),
    "aarch64": (0xC00000B7, {"socket": 198, "io_uring_setup": 425, "openat": 56, "openat2": 437}),
}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


@functools.lru_cache(maxsize=1)
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:  # pragma: no cover - not a glibc/musl system
        return None


def die_with_parent(parent: int | None = None) -> None:
    """End this process when its parent ends, whatever signal ended the parent. ``parent``
    is the parent's pid as the parent knew it before forking: a parent that died before
    this call is then noticed too (``os.getppid()`` would name the new reaper)."""
    parent = os.getppid() if parent is None else parent
    libc = _libc()
    if libc is not None and platform.system() == "Linux":
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="reportgraph-parent-watch", daemon=True).start()


def _filter(arch: int, nr: dict[str, int]) -> bytes:
    """The seccomp BPF program (``struct sock_filter[]``) as bytes."""
    deny = _SECCOMP_RET_ERRNO | errno.EACCES
    allow = (_RET_K, 0, 0, _SECCOMP_RET_ALLOW)
    # each rule: load the syscall number; if it is not the rule's, jump past the rule
    rules = [
        # socket(domain, ...): AF_UNIX (1) allowed, every other family EACCES
        (nr["socket"], [(_LD_W_ABS, 0, 0, 16), (_JEQ_K, 0, 1, 1), allow, (_RET_K, 0, 0, deny)]),
        (nr["io_uring_setup"], [(_RET_K, 0, 0, deny)]),
        # openat2 hides its flags in a struct: ENOSYS makes libc fall back to openat
        (nr["openat2"], [(_RET_K, 0, 0, _SECCOMP_RET_ERRNO | errno.ENOSYS)]),
        # openat(dirfd, path, flags): args[2] at offset 16 + 8 * 2; reading is allowed
        (nr["openat"], [(_LD_W_ABS, 0, 0, 32), (_JSET_K, 0, 1, _WRITE_FLAGS), (_RET_K, 0, 0, deny), allow]),
    ]
    if "open" in nr:
        rules.append((nr["open"], [(_LD_W_ABS, 0, 0, 24), (_JSET_K, 0, 1, _WRITE_FLAGS),
                                   (_RET_K, 0, 0, deny), allow]))
        rules.append((nr["creat"], [(_RET_K, 0, 0, deny)]))
    prog = [(_LD_W_ABS, 0, 0, 4), (_JEQ_K, 1, 0, arch), allow]  # another ABI: not ours to judge
    for number, body in rules:
        prog += [(_LD_W_ABS, 0, 0, 0), (_JEQ_K, 0, len(body), number)] + body
    prog.append(allow)
    return b"".join(struct.pack("HBBI", *ins) for ins in prog)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def deny_network() -> bool:
    """Install the seccomp filter in this process (irreversibly); True when installed,
    False where the platform has no seccomp (the caller then relies on the policy)."""
    machine = platform.machine()
    libc = _libc()
    if platform.system() != "Linux" or machine not in _ARCH or libc is None:
        return False
    arch, nr = _ARCH[machine]
    code = _filter(arch, nr)
    buf = ctypes.create_string_buffer(code, len(code))
    prog = _SockFprog(len(code) // 8, ctypes.cast(buf, ctypes.c_void_p))
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) != 0:
        return False
    return True


# ---------------------------------------------------------------- Landlock

_SYS_LANDLOCK = {"x86_64": (444, 445, 446), "aarch64": (444, 445, 446)}  # create_ruleset, add_rule, restrict_self
_LANDLOCK_CREATE_RULESET_VERSION = 1
_LANDLOCK_RULE_PATH_BENEATH = 1
_FS_READ_FILE, _FS_READ_DIR = 1 << 2, 1 << 3
# every filesystem right each ABI knows: 1-13 in ABI 1, REFER in 2, TRUNCATE in 3, IOCTL_DEV in 5
_FS_HANDLED = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 4: (1 << 15) - 1}
_FS_HANDLED_LATEST = (1 << 16) - 1
_NET_HANDLED = 0b11  # BIND_TCP, CONNECT_TCP (ABI 4)
_SCOPED = 0b11  # ABSTRACT_UNIX_SOCKET, SIGNAL (ABI 6)


def _syscall(number: int, *args: Any) -> int:
    libc = _libc()
    if libc is None:
        return -1
    return int(libc.syscall(ctypes.c_long(number), *args))


def landlock_abi() -> int:
    """The Landlock ABI version this kernel offers (1 on Linux 5.13, 4 on 6.7, 6 on 6.12),
    or 0 where there is none (an older kernel, Landlock left out of the boot's LSMs, not
    Linux)."""
    numbers = _SYS_LANDLOCK.get(platform.machine())
    if platform.system() != "Linux" or numbers is None:
        return 0
    version = _syscall(numbers[0], None, ctypes.c_size_t(0), ctypes.c_uint32(_LANDLOCK_CREATE_RULESET_VERSION))
    return max(version, 0)


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def restrict_files(read_dirs: Iterable[str | os.PathLike[str]]) -> int:
    """Install a Landlock ruleset in this process (irreversibly; threads it starts from
    now on inherit it): files and directories can be opened only to read them, and only
    beneath ``read_dirs``; nothing can be executed, written, created, removed or renamed
    anywhere, and (where the kernel knows these rules) no TCP port bound or connected and
    no abstract Unix socket or signal reaches beyond the process. Files opened before stay
    usable. Like the seccomp filter, it binds the calling thread and the threads it starts
    later, not threads started before (in the query child: the parent watch, which runs no
    query code). Returns the Landlock ABI version used, or 0 when the kernel has no Landlock
    (nothing is restricted then)."""
    abi = landlock_abi()
    if abi <= 0:
        return 0
    numbers = _SYS_LANDLOCK[platform.machine()]
    attr = _RulesetAttr(_FS_HANDLED.get(abi, _FS_HANDLED_LATEST), _NET_HANDLED if abi >= 4 else 0,
                        _SCOPED if abi >= 6 else 0)
    size = 8 if abi < 4 else 16 if abi < 6 else 24
    ruleset = _syscall(numbers[0], ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0))
    if ruleset < 0:
        return 0
    try:
        for directory in read_dirs:
            try:
                fd = os.open(directory, os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
            except OSError:
                continue  # gone: nothing to read there
            try:
                rule = _PathBeneathAttr(_FS_READ_FILE | _FS_READ_DIR, fd)
                if _syscall(numbers[1], ctypes.c_int(ruleset), ctypes.c_int(_LANDLOCK_RULE_PATH_BENEATH),
                            ctypes.byref(rule), ctypes.c_uint32(0)) != 0:
                    return 0
            finally:
                os.close(fd)
        libc = _libc()
        if libc is None or libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return 0
        if _syscall(numbers[2], ctypes.c_int(ruleset), ctypes.c_uint32(0)) != 0:
            return 0
    finally:
        os.close(ruleset)
    return abi


def open_store_dirs() -> list[str]:
    """The directories of the store files (RocksDB tables and manifests) this process has
    open: where a query child may read when nobody named its store's directory."""
    found: set[str] = set()
    try:
        fds = os.listdir("/proc/self/fd")
    except OSError:
        return []
    for fd in fds:
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        name = os.path.basename(target)
        if target.startswith("/") and (name.endswith(".sst") or name.startswith("MANIFEST-")):
            found.add(os.path.dirname(target))
    return sorted(found)


def describe_walls() -> str:
    """One line saying which walls a query child gets on this machine (for ``serve``'s
    startup line and ``query --verbose``)."""
    seccomp = platform.system() == "Linux" and platform.machine() in _ARCH and _libc() is not None
    abi = landlock_abi()
    parts = ["no network sockets or file writes (seccomp)" if seccomp
             else "no seccomp on this platform: sockets and writes rest on the query policy",
             f"reads only the store (Landlock ABI {abi})" if abi
             else "no Landlock in this kernel (Linux < 5.13 or disabled): it can read any file this user can"]
    return "query child: " + "; ".join(parts)


def address_space() -> int:
    """Bytes of address space this process maps now (``VmSize``), or 0 if unknown."""
    try:
        with open("/proc/self/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def limit_memory(budget: int) -> None:
    """Cap this process's address space at what it maps now plus ``budget`` bytes."""
    if budget <= 0:
        return
    limit = address_space() + budget
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # pragma: no cover - a platform without RLIMIT_AS
        pass


class OverTime(Exception):
    """Raised in a block that outlived its time budget (see :func:`time_limit`)."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`OverTime` in the block once it has run ``seconds`` (a real-time
    timer and SIGALRM; in the main thread only, elsewhere the block runs unbounded)."""
    if (not seconds or seconds <= 0 or threading.current_thread() is not threading.main_thread()
            or not hasattr(signal, "setitimer")):
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise OverTime(f"over its time budget of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


__all__ = ["OverTime", "address_space", "deny_network", "describe_walls", "die_with_parent", "landlock_abi",
           "limit_memory", "open_store_dirs", "restrict_files", "time_limit"]
