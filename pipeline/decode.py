"""Bytes to clean Unicode text, with every repair named.

Order matters: a byte-order mark settles the encoding; then magic numbers of
binary formats; then UTF-16's NUL pattern (ASCII as UTF-16 is valid UTF-8, so
this comes before UTF-8); then strict UTF-8, or UTF-8 with a few bad bytes
replaced when most multi-byte sequences are valid; then charset detection
(charset-normalizer), never a blind guess. After decoding,
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
import numpy as np

from . import kernels
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
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# What ftfy could change: HTML entities, C0/C1 control characters, and pairs
# that UTF-8 leaves when read as Windows-1252 or Latin-1 (a lead byte such as
# "Ã", "Â", "â", "Ð" followed by a continuation byte such as "©", "€", "™").
_ENTITY = re.compile("&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd"
_MOJIBAKE_LEAD = "\u00c2-\u00f4"
_MOJIBAKE_FOLLOW = ("\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122")
# A no-break space's UTF-8 read as Windows-1252 is "Â" and a no-break space;
# scrapers that make every no-break space plain leave "Â " ("for cats.Â ").
_A0_RESIDUE = "\u00c2 "
_ODD_SPACES = "\u00a0\u2000-\u200d\u202f\u205f\u3000\u2060\ufeff\u00ad"
# Character classes for one compiled pass over the text (``kernels.suspect_chars``):
# most pages hold none of these characters, and regexes would scan them three times.
_CONTROL_BIT, _LEAD_BIT, _FOLLOW_BIT, _ODD_SPACE_BIT, _NFC_BIT = 1, 2, 4, 8, 16


def _not_plainly_nfc() -> list[int]:
    """BMP code points that can make a text not NFC: a combining mark (it may
    need reordering), a character NFC replaces, or one that can join the
    character before it (the second of a canonical pair, a Hangul vowel or
    final). A text without them is NFC, as Unicode's quick check says; beyond
    the BMP every character counts (``suspect_chars``' ``astral`` bits)."""
    out = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))
    for code in range(0x10000):
        ch = chr(code)
        if unicodedata.combining(ch) or unicodedata.normalize("NFC", ch) != ch:
            out.add(code)
        parts = unicodedata.decomposition(ch).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            out.add(int(parts[1], 16))
    return sorted(c for c in out if c < 0x10000)


def _class_table() -> np.ndarray:
    """The class bits of every BMP code point, read off the character classes above."""
    every_char = "".join(map(chr, range(0x10000)))
    table = np.zeros(0x10000, np.uint8)
    for bit, chars in ((_CONTROL_BIT, _CONTROL), (_LEAD_BIT, _MOJIBAKE_LEAD),
                       (_FOLLOW_BIT, _MOJIBAKE_FOLLOW), (_ODD_SPACE_BIT, _ODD_SPACES)):
        table[[m.start() for m in re.finditer("[" + chars + "]", every_char)]] |= bit
    table[_not_plainly_nfc()] |= _NFC_BIT
    return table


_CLASS_TABLE = _class_table()
# The odd spaces one by one, and each one's place among them (the scan's bits).
_ODD_CODES = np.flatnonzero(_CLASS_TABLE & _ODD_SPACE_BIT)
_ODD_CHARS = "".join(map(chr, _ODD_CODES.tolist()))
_ODD_INDEX = np.zeros(0x10000, np.int64)
_ODD_INDEX[_ODD_CODES] = np.arange(len(_ODD_CODES))
if len(_ODD_CHARS) > 63:
    raise ValueError("the scan notes at most 63 odd spaces, one bit each")


def _scan(text: str) -> tuple[list[int], int, int]:
    """Offsets in ``text`` of everything ftfy could change (entities, control
    characters, mojibake pairs), in no particular order; the class bits seen
    (``_ODD_SPACE_BIT`` for spaces to make plain, ``_NFC_BIT`` for a
    character that can make the text not NFC); and which of ``_ODD_CHARS``
    it holds, as bits.

    >>> sorted(_scan("fine\\nCaf\u00c3\u00a9 &amp; co")[0]), _scan("Caf\u00e9 ok\u3000")
    ([8, 11], ([], 10, 524288))
    >>> _scan("for cats.\u00c2 Dogs")[0]
    [9]
    """
    found = [m.start() for m in _ENTITY.finditer(text)] if "&" in text else []
    cp = kernels.codepoints(text)
    # (_A0_RESIDUE: ftfy restores the no-break space, if the line reads as mojibake)
    offsets, seen, odd = kernels.suspect_chars(cp, _CLASS_TABLE, _CONTROL_BIT, _LEAD_BIT, _FOLLOW_BIT,
                                               *map(ord, _A0_RESIDUE), _NFC_BIT, _ODD_SPACE_BIT, _ODD_INDEX)
    return found + offsets.tolist(), int(seen), int(odd)


def _line_numbers(text: str, offsets: list[int]) -> list[int]:
    """The distinct line numbers of ``offsets``, in order; linear in ``text``.

    >>> _line_numbers("a\\nbb\\nc", [5, 0, 3, 4])
    [0, 1, 2]
    """
    out: list[int] = []
    line = prev = 0
    for at in sorted(offsets):
        line += text.count("\n", prev, at)
        prev = at
        if not out or out[-1] != line:
            out.append(line)
    return out


_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=True, fix_line_breaks=True, uncurl_quotes=False, normalization="NFC", explain=False,
    max_decode_length=1_000_000,
)


# [^<>]: a scan that starts at "<meta" stops at the next tag, so a page of
# unclosed "<meta" costs linear time.
_META_CHARSET = re.compile(rb"""<meta\s[^<>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{2,40})""", re.I)


def decode_html_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode an HTML payload: BOM, then the declared or ``<meta>`` charset, then detection."""
    if not declared and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        m = _META_CHARSET.search(data[:4096])
        declared = m.group(1).decode("ascii", "replace") if m else None
    if declared:
        try:
            info = codecs.lookup(declared)
            # "rot13", "base64" and "zip" are codecs too, but not text encodings.
            codec = info.name if getattr(info, "_is_text_encoding", True) else None
        except LookupError:
            codec = None
        if codec:
            # Browsers read "latin-1" and "ascii" labels as Windows-1252.
            if codec in ("latin-1", "iso8859-1", "ascii"):
                codec = "cp1252"
            try:
                return data.decode(codec)
            except (UnicodeDecodeError, LookupError):
                pass  # a wrong label: fall through to detection
    return decode_bytes(data)[0]


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format ``data`` starts with, or None if it may be text."""
    for magic, name in _BINARY_MAGIC:
        if data.startswith(magic):
            return name
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise Rejected if it is not text."""
    text, encoding, _ = decode_text(data)
    return text, encoding


def decode_text(data: bytes) -> tuple[str, str, list[str]]:
    """Decode ``data`` to ``(text, encoding, repairs)``; raise Rejected if it is not text.

    ``repairs`` names what decoding had to do: a legacy charset, or invalid
    bytes replaced in a file that is otherwise UTF-8.
    """
    if not data.strip():
        raise Rejected("empty input")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff"), encoding, []
    binary = sniff_binary(data)
    if binary:
        raise Rejected(f"not text: looks like a {binary}")
    # UTF-16 without a BOM is valid UTF-8 when its text is ASCII (every other
    # byte NUL), so the NUL pattern must be read before trying UTF-8.
    wide = sniff_utf16(data)
    if wide:
        text = data.decode(wide, errors="replace")
        return text, wide, [] if "\ufffd" not in text else [f"invalid {wide} bytes replaced"]
    if _looks_binary(data):
        raise Rejected("not text: binary data (control bytes where text has none)")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="replace"), "utf-8", ["invalid UTF-8 bytes replaced"]
    encoding = _detect(data)
    if encoding is None:
        raise Rejected("undecodable: no text encoding fits these bytes")
    return data.decode(encoding, errors="replace"), encoding, [f"decoded as {encoding}"]


_SNIFF_BYTES = 4096


def sniff_utf16(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" if ``data`` has UTF-16's NUL pattern, else None.

    Text in Latin script as UTF-16 has a NUL in nearly every other byte, on the
    odd positions (little-endian) or the even ones (big-endian); text in
    other scripts has few NULs but still repeats the high byte. Only the
    first one is sniffed: scripts without NULs are left to charset detection.

    >>> sniff_utf16("Hello there".encode("utf-16-le")), sniff_utf16(b"Hello there")
    ('utf-16-le', None)
    """
    head = data[:_SNIFF_BYTES]
    if len(head) < 4:
        return None
    half = len(head) // 2
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    # A NUL on one side in most pairs and almost never on the other.
    if odd_nuls >= 0.3 * half and even_nuls <= 0.02 * half:
        return "utf-16-le"
    if even_nuls >= 0.3 * half and odd_nuls <= 0.02 * half:
        return "utf-16-be"
    return None


# Bytes no text file holds: C0 controls other than tab, line feed, form feed,
# carriage return and escape.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def _looks_binary(data: bytes) -> bool:
    """True if the head of ``data`` has more control bytes than text ever has."""
    head = data[:_SNIFF_BYTES]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > max(2, 0.01 * len(head))


# A lead byte and its continuation bytes: a well-formed UTF-8 multi-byte
# character. Legacy single-byte text almost never forms these by chance.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _mostly_utf8(data: bytes) -> bool:
    r"""True if ``data`` is UTF-8 with a few bad bytes, not text in a legacy charset.

    A legacy file's non-ASCII bytes are nearly all invalid as UTF-8; a damaged
    UTF-8 file has many well-formed multi-byte characters and few bad bytes.

    >>> _mostly_utf8("café naïve – déjà vu".encode() + b"\xff\xfe" + "über".encode())
    True
    >>> _mostly_utf8("café naïve déjà vu".encode("cp1252"))
    False
    """
    good = len(_UTF8_MULTIBYTE.findall(data))
    if not good:
        return False
    bad = data.decode("utf-8", errors="replace").count("\ufffd") - data.count("\ufffd".encode())
    return bad <= good


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
    spans, seen, odd_seen = _scan(text)
    if spans:
        lines = text.split("\n")
        changed = False
        for i in _line_numbers(text, spans):
            fixed = ftfy.fix_text(lines[i], _FTFY_CONFIG)
            if fixed != lines[i]:
                lines[i] = fixed
                changed = True
                _, more, more_odd = _scan(fixed)     # "&nbsp;" became a no-break space
                seen, odd_seen = seen | more, odd_seen | more_odd
        if changed:
            text = "\n".join(lines)
            repairs.append("mojibake/entities/control characters (ftfy)")
    # (the scan saw no character that can make the text not NFC: no need to ask)
    if seen & _NFC_BIT and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        repairs.append("Unicode NFC normalisation")
    if odd_seen:
        # str.replace per distinct character the scans saw: a regex sub costs ~5x more here.
        plain = text
        for k, ch in enumerate(_ODD_CHARS):
            if odd_seen >> k & 1:
                plain = plain.replace(ch, "" if _ZERO_WIDTH.match(ch) else " ")
        if plain != text:   # (ftfy may have repaired what the scan saw)
            text = plain
            repairs.append("no-break and zero-width spaces")
    return text, repairs
