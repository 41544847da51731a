"""Read a report: decode its bytes, blank out layout noise without moving offsets.

The first stage of the pipeline. Every later offset points into ``Report.text``, the text
exactly as decoded; the pipeline reads ``Report.clean``, which has the same length with
forbidden characters and layout markup replaced by spaces.

>>> r = report_from_text("\\ufeff# 代县政协工作报告\\n县政协", doc_id="t")
>>> r.text[0], r.clean[0], len(r.text) == len(r.clean)
('\\ufeff', ' ', True)
>>> r.title
'代县政协工作报告'
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
import unicodedata
from pathlib import Path

from reportgraph.errors import InputError
from reportgraph.model import Report
from reportgraph.read.dates import find_date
from reportgraph.read.title import find_title
from reportgraph.read.limits import MAX_BYTES  # noqa: F401  (re-exported)


TEXT_SUFFIXES = (".txt", ".text", ".md")
"""Suffixes taken from a directory given as input."""

_BINARY_MAGIC = {
    b"%PDF": "a PDF document (convert it to text first, e.g. with pdftotext)",
    b"PK\x03\x04": "a ZIP archive or Office document (save it as plain text first)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Office document (save it as plain text first)",
    b"\x7fELF": "an executable",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32-LE (BOM)"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32-BE (BOM)"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 (BOM)"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16-LE (BOM)"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16-BE (BOM)"),
)
# Layout noise of newspaper-printed reports: page-continuation markers and Markdown markup.
_NOISE = re.compile(
    r"[(（](?:上接|下转|接上|转下)[^()（）\n]{0,20}[)）]"  # (上接第二版) (下转一、四版中缝)
    r"|\*\*|__"  # bold markers
    r"|^[ \t]*#{1,6}[ \t]"  # heading markers
    r"|^[ \t]*[-*>][ \t]",  # list and quote markers
    re.MULTILINE,
)
_DOC_ID = re.compile(r"[^\w.-]+")


def decode(data: bytes, *, encoding: str | None = None, name: str = "<bytes>") -> tuple[str, str]:
    """Decode a report's bytes; return ``(text, encoding used)``.

    The chain: a byte-order mark decides; else strict UTF-8; else strict GB18030 (a
    superset of GBK and GB2312); else an :class:`InputError`. ``encoding`` forces a codec
    (e.g. ``"big5"``). The BOM is kept in the text (as a character that ``clean`` blanks),
    so offsets count it the way an editor does.

    >>> decode("代县".encode("gb18030"))
    ('代县', 'GB18030')
    >>> decode(codecs.BOM_UTF8 + "代县".encode())[1]
    'UTF-8 (BOM)'
    """
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"{name}: is {what}, not a text report")
    if encoding:  # a forced codec decides, NUL bytes and all (BOM-less UTF-16 has them)
        try:
            return data.decode(encoding), encoding
        except LookupError as err:
            raise InputError(f"{name}: unknown encoding {encoding!r} (try utf-8, gb18030, big5)") from err
        except UnicodeDecodeError as err:
            raise InputError(
                f"{name}: cannot be decoded as {encoding} at byte {err.start} (check --encoding)"
            ) from err
    if b"\x00" in data[:4096] and not data.startswith(tuple(bom for bom, _, _ in _BOMS)):
        raise InputError(f"{name}: contains NUL bytes, so it is a binary file, not a text report "
                         "(if it is UTF-16 without a byte-order mark, pass --encoding utf-16-le)")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return "\ufeff" + data[len(bom):].decode(codec), label
            except UnicodeDecodeError as err:
                raise InputError(f"{name}: starts with a {label} mark but is not valid {codec}") from err
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{name}: is neither UTF-8 nor GB18030 text (byte {err.start}); "
            "if it is Big5 or another encoding, pass --encoding"
        ) from err
    if text and sum(0xE000 <= ord(c) <= 0xF8FF for c in text) > max(3, len(text) // 1000):
        raise InputError(
            f"{name}: decodes as GB18030 only into private-use characters; "
            "it is probably Big5 (pass --encoding big5)"
        )
    return text, "GB18030"


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def clean_text(text: str) -> str:
    """Blank out control and format characters, lone surrogates, non-characters and layout
    markup with spaces: the result has exactly the offsets of ``text``.

    >>> clean_text("**一是**\\u200b县政协\\x07")
    '  一是   县政协 '
    """
    # decided once per distinct character (a report has a few thousand), then one translate
    table = {ord(c): " " for c in set(text) if _blanked(c)}
    out = text.translate(table) if table else text
    while True:  # blanking a marker can leave another at a line's start ("> > "): to a fixed point
        out, found = _NOISE.subn(_blank, out)
        if not found:
            return out


def _blanked(c: str) -> bool:
    """Whether :func:`clean_text` blanks this character."""
    if c in "\t\n\r":
        return False
    cp = ord(c)
    return unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co") or 0xFDD0 <= cp <= 0xFDEF or (cp & 0xFFFE) == 0xFFFE


def doc_id_for(path: Path) -> str:
    """A document id from a file name: its stem, with unsafe characters replaced.

    >>> doc_id_for(Path("/tmp/代县 2021.txt"))
    '代县_2021'
    """
    return _DOC_ID.sub("_", path.stem).strip("_") or "report"


def report_from_text(
    text: str,
    *,
    doc_id: str,
    encoding: str = "str",
    path: str | None = None,
    home: str | None = None,
    warnings: tuple[str, ...] = (),
) -> Report:
    """Make a :class:`Report` from already decoded text."""
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        warnings = (*warnings, "lone surrogate characters were blanked out")
    clean = clean_text(text)
    if not clean.strip():
        warnings = (*warnings, "the report is empty")
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return Report(
        doc_id=doc_id,
        text=text,
        clean=clean,
        encoding=encoding,
        sha256=digest,
        path=path,
        title=find_title(clean),
        home=home,
        warnings=warnings,
        date=find_date(clean),
    )


def read_bytes(path: Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a regular file's bytes, refusing devices, FIFOs, directories and huge files."""
    try:
        st = os.stat(path)
    except FileNotFoundError as err:
        if os.path.islink(path):
            raise InputError(f"{path}: a symbolic link to a file that does not exist") from err
        raise InputError(f"{path}: no such file") from err
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise InputError(f"{path}: a symbolic link that loops (too many levels of links)") from err
        raise InputError(f"{path}: cannot be read ({err.strerror})") from err
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path}: is a directory (give the files in it, or use build DIR)")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path}: is not a regular file")
    if st.st_size > max_bytes:
        raise InputError(
            f"{path}: is {st.st_size:,} bytes, over the limit of {max_bytes:,} (raise --max-bytes)"
        )
    try:
        with open(path, "rb") as f:
            return f.read(max_bytes + 1)
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror})") from err


def read_report(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    home: str | None = None,
    doc_id: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Report:
    """Read one report file.

    Raises :class:`InputError` naming the file and the reason for a missing, binary,
    undecodable, special or oversized file.
    """
    p = Path(path)
    data = read_bytes(p, max_bytes=max_bytes)
    text, used = decode(data, encoding=encoding, name=str(p))
    warnings: tuple[str, ...] = ()
    if used == "GB18030" and any(0xE000 <= ord(c) <= 0xF8FF for c in text):
        # Too few to refuse (decode does that above its threshold), but Chinese text never
        # holds private-use characters: a short Big5 file decodes this way.
        warnings = ("decoded as GB18030 into private-use characters; if it is Big5 text, "
                    "pass --encoding big5",)
    return report_from_text(text, doc_id=doc_id or doc_id_for(p), encoding=used, path=str(p), home=home,
                            warnings=warnings)


def discover(inputs: list[str | os.PathLike[str]]) -> list[Path]:
    """Expand files and directories (recursively, text suffixes only) into a sorted,
    de-duplicated list of files. A directory with no text files is an error."""
    found: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.suffix.lower() in TEXT_SUFFIXES and f.is_file())
            if not files:
                raise InputError(f"{p}: directory holds no text files ({', '.join(TEXT_SUFFIXES)})")
            found.extend(files)
        elif not p.exists():
            if p.is_symlink():
                try:
                    os.stat(p)
                except OSError as err:
                    what = ("loops (too many levels of links)" if err.errno == errno.ELOOP
                            else "points to nothing")
                    raise InputError(f"{p}: a symbolic link that {what}") from err
            raise InputError(f"{p}: no such file or directory")
        else:
            found.append(p)
    seen: set[Path] = set()
    unique = []
    for f in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique
