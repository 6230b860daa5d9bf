"""Reading a file's bytes safely: size before reading, binary content refused, text decoded.

Decoding policy: UTF-8 (with or without BOM), UTF-16/UTF-32 with a BOM, or an encoding the
file declares (HTML <meta charset>). Anything else is refused (E005) rather than guessed, with
one exception: a file that is almost all ASCII and has only a few non-UTF-8 bytes is most
likely Windows-1252 from an old editor (curly quotes, an accented name), so it is decoded as
such with a W002 warning. Mostly non-ASCII bytes are never guessed at: a wrong guess would turn
the report into plausible-looking garbage.
"""

from __future__ import annotations

import codecs
import os

from ..errors import E
from .batch import Batch

SNIFF_BYTES = 8192
MAX_CONTROL_SHARE = 0.1
MAX_CP1252_SHARE = 0.05  # non-ASCII bytes allowed for the Windows-1252 fallback

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Compressed files are refused, never unpacked: a few KB of zip or gzip can expand to gigabytes.
_MAGIC: tuple[tuple[bytes | tuple[bytes, ...], str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive, maybe .docx or .xlsx; archives are not unpacked"),
    (b"\x1f\x8b", "a gzip archive; compressed files are not unpacked, decompress it first"),
    (tuple(b"BZh%d1AY&SY" % level for level in range(1, 10)), "a bzip2 archive; compressed files are not unpacked, decompress it first"),
    (b"\xfd7zXZ\x00", "an xz archive; compressed files are not unpacked, decompress it first"),
    (b"\x28\xb5\x2f\xfd", "a zstandard archive; compressed files are not unpacked, decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive; archives are not unpacked"),
    (b"Rar!\x1a\x07", "a RAR archive; archives are not unpacked"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)

# Control bytes that never occur in text; tab, newlines, form feed and escape are left out.
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1b")
_ASCII = bytes(range(128))


def format_size(size: int) -> str:
    """Human size: "50.0 MB", "900 bytes"."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def bom_encoding(data: bytes) -> str | None:
    """Codec named by a byte-order mark at the start of `data`."""
    return next((codec for bom, codec in _BOMS if data.startswith(bom)), None)


def binary_reason(sample: bytes) -> str | None:
    """Why the first bytes of a file show it is not text, or None when they look like text."""
    for magic, kind in _MAGIC:
        if sample.startswith(magic):
            return kind
    if bom_encoding(sample) in ("utf-16", "utf-32"):
        return None  # NUL bytes are normal there
    if b"\x00" in sample:
        return "it contains NUL bytes"
    if sample:
        control = len(sample) - len(sample.translate(None, _CONTROL))
        if control / len(sample) > MAX_CONTROL_SHARE:
            return f"{control / len(sample):.0%} of its first bytes are control characters"
    return None


def load_file(path: str, batch: Batch, limit: int) -> bytes | None:
    """Bytes of a file at most `limit` long, or None after recording why it cannot be used."""
    try:
        size = os.path.getsize(path)
    except OSError:
        batch.refuse(E.MISSING_PATH.problem(path))
        return None
    if size > limit:
        # Checked before reading: a 50 MB file must never land in memory.
        batch.refuse(E.TOO_LARGE.problem(path, detail=format_size(size), limit=format_size(limit)))
        return None
    if size == 0:
        batch.refuse(E.EMPTY_FILE.problem(path))
        return None
    try:
        with open(path, "rb") as handle:
            data = handle.read(size + 1)  # not limit + 1: read() allocates what it is asked for
    except OSError:
        batch.refuse(E.MISSING_PATH.problem(path))
        return None
    reason = binary_reason(data[:SNIFF_BYTES])
    if reason is not None:
        batch.refuse(E.BINARY_FILE.problem(path, detail=reason))
        return None
    return data


def read_head(path: str, size: int = SNIFF_BYTES) -> bytes | None:
    """The first bytes of a file, or None when it cannot be opened."""
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except OSError:
        return None


def decode_bytes(data: bytes, where: str, batch: Batch, declared: str | None = None) -> str | None:
    """Text of `data` under the decoding policy above, or None after recording E005."""
    codec = bom_encoding(data)
    if codec is not None:
        try:
            return data.decode(codec)
        except UnicodeDecodeError as err:
            batch.refuse(E.UNDECODABLE.problem(where, detail=f"invalid {codec} at byte {err.start}"))
            return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    if declared is not None and _known_codec(declared):
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    non_ascii = len(data.translate(None, _ASCII))  # ASCII bytes deleted: what is left is not ASCII
    share = non_ascii / len(data)
    if share <= MAX_CP1252_SHARE:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            batch.warn(E.FIELD_MISSING.problem(
                where,
                detail=f"not valid UTF-8; read as Windows-1252 ({non_ascii} non-ASCII bytes). Save the file as UTF-8 to be sure.",
            ))
            return text
    batch.refuse(E.UNDECODABLE.problem(
        where, detail=f"not UTF-8: invalid byte at {utf8_error.start}, {share:.0%} of bytes are not ASCII"
    ))
    return None


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True
