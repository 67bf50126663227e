"""Bytes to clean Unicode text, with every repair named.

Order matters: a byte-order mark settles the encoding; then strict UTF-8; then
charset detection (charset-normalizer), never a blind guess. After decoding,
ftfy repairs mojibake ("â€™" -> "’"), leftover HTML entities and control
characters; the text is NFC-normalised and odd spaces are made plain.

>>> decode_bytes("Der “Café” am Fluss öffnet früh; die Gäste schätzen es.".encode("cp1252"))
('Der “Café” am Fluss öffnet früh; die Gäste schätzen es.', 'cp1252')
>>> repair_text("It\\u00e2\\u20ac\\u2122s a\\u00a0test&amp;more\\u200b")
('It’s a test&more', ['mojibake/entities/control characters (ftfy)', 'no-break and zero-width spaces'])
"""
from __future__ import annotations

import codecs
import re
import unicodedata

import ftfy

from .record import Rejected

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Magic numbers of formats that are never text, whatever their file name says.
_BINARY_MAGIC = (
    (b"\x89PNG", "PNG image"), (b"PK\x03\x04", "ZIP archive"), (b"%PDF", "PDF document"),
    (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"), (b"\x1f\x8b", "gzip data"),
    (b"\x7fELF", "ELF binary"), (b"RIFF", "RIFF media"), (b"\x00\x00\x01\x00", "icon"),
)
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_ODD_SPACE_OR_ZERO_WIDTH = re.compile("[\u00a0\u2000-\u200d\u202f\u205f\u3000\u2060\ufeff\u00ad]")
# What ftfy could change: HTML entities, C0/C1 control characters, and pairs
# that UTF-8 leaves when read as Windows-1252 or Latin-1 (a lead byte such as
# "Ã", "Â", "â", "Ð" followed by a continuation byte such as "©", "€", "™").
_ENTITY = re.compile("&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_CONTROL_OR_MOJIBAKE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]"
    "|[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def _suspect(text: str) -> bool:
    # Two simple patterns, each starting with one character class, scan far
    # faster than one alternation.
    return bool(("&" in text and _ENTITY.search(text)) or _CONTROL_OR_MOJIBAKE.search(text))


_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=True, fix_line_breaks=True, uncurl_quotes=False, normalization="NFC", explain=False,
    max_decode_length=1_000_000,
)


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format ``data`` starts with, or None if it may be text."""
    for magic, name in _BINARY_MAGIC:
        if data.startswith(magic):
            return name
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise Rejected if it is not text."""
    if not data.strip():
        raise Rejected("empty input")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff"), encoding
    binary = sniff_binary(data)
    if binary:
        raise Rejected(f"not text: looks like a {binary}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _detect(data)
    if encoding is None:
        raise Rejected("undecodable: no text encoding fits these bytes")
    return data.decode(encoding, errors="replace"), encoding


def _detect(data: bytes) -> str | None:
    """The likeliest legacy encoding of ``data`` by charset detection.

    Short texts fit several code pages equally well (no mis-decoded sequences
    in any); among those ties, Windows-1252, the web's commonest legacy
    charset, wins, then the detector's own order.
    """
    from charset_normalizer import from_bytes

    # A bounded prefix keeps huge files cheap; a page uses one charset throughout.
    matches = list(from_bytes(data[:200_000]))
    if not matches:
        return None
    least_chaos = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= least_chaos + 0.005]
    for match in tied:
        if {"cp1252", "latin_1", "iso8859_1", "ascii"} & set(match.could_be_from_charset):
            return "cp1252"
    return tied[0].encoding


def repair_text(text: str) -> tuple[str, list[str]]:
    """Fix mojibake, entities, control characters and odd spaces; name what changed."""
    repairs: list[str] = []
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    # ftfy costs ~13 ms on a 28 KB page; the cheap pattern finds the few lines
    # it could change, and ftfy sees only those.
    if _suspect(text):
        lines = text.split("\n")
        changed = False
        for i, line in enumerate(lines):
            if _suspect(line):
                fixed = ftfy.fix_text(line, _FTFY_CONFIG)
                if fixed != line:
                    lines[i] = fixed
                    changed = True
        if changed:
            text = "\n".join(lines)
            repairs.append("mojibake/entities/control characters (ftfy)")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        repairs.append("Unicode NFC normalisation")
    if _ODD_SPACE_OR_ZERO_WIDTH.search(text):
        text = _ZERO_WIDTH.sub("", _ODD_SPACES.sub(" ", text))
        repairs.append("no-break and zero-width spaces")
    return text, repairs
