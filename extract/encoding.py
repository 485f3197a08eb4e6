"""Decode text files of unknown encoding (UTF-8 with or without BOM, GB18030/GBK, UTF-16).

Chinese government text dumps come in every encoding; chardet guesses, and we widen its
GB2312/GBK guesses to GB18030 (a strict superset) so rare characters do not fail decoding.
"""

from __future__ import annotations

import codecs

import chardet

from extract.model import ExtractError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHINESE = frozenset({"gb18030", "big5", "big5hkscs", "utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32"})
MAX_BAD_SEQUENCES = 16  # undecodable sequences a text may have and still be read in its encoding
REPLACED = "undecodable sequences replaced"  # in the stored encoding name when some were
_WIDEN = {"gb2312": "gb18030", "gbk": "gb18030", "hz-gb-2312": "gb18030", "ascii": "utf-8"}


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has NULs on one side of nearly every ASCII/CJK pair."""
    sample = data[:4096]
    if len(sample) < 4 or sample.count(0) < len(sample) // 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 3 * max(even, 1):
        return "utf-16-le"
    if even > 3 * max(odd, 1):
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    """Decoded text full of control characters is binary data that happened to decode."""
    sample = text[:20000]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return "\x00" in sample or controls > len(sample) * 0.01


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) or raise ExtractError saying why the bytes are not text."""
    if not data.strip():
        raise ExtractError("empty file")
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    encoding = encoding or _utf16_without_bom(data)
    if encoding is None and b"\x00" in data[:65536]:
        raise ExtractError("not text: binary data (NUL bytes) in a text file")
    if encoding is None:
        try:
            return _checked(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            encoding = _guess(data)
            # a report with a few stray bytes is still what it is; chardet, thrown by them, guesses a
            # single-byte code page (koi8-u) that decodes anything into nonsense
            if encoding not in _CHINESE or not _decodes(data, encoding):
                nearly = _with_few_bad_bytes(data)
                if nearly is not None:
                    return _checked(*nearly)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise ExtractError(f"cannot decode as {encoding}: {exc}") from None
    return _checked(text, encoding)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _with_few_bad_bytes(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) for bytes that are UTF-8 or GB18030 but for a handful of undecodable sequences
    (at most MAX_BAD_SEQUENCES, and one per 200 bytes), each replaced by U+FFFD; the encoding names the
    count, e.g. `gb18030 (3 undecodable sequences replaced)`, so the documents row carries the warning. UTF-8 is tried
    first: GBK text read as UTF-8 fails nearly everywhere, while UTF-8 read as GB18030 may not."""
    for encoding in ("utf-8", "gb18030"):
        text = data.decode(encoding, errors="replace")
        bad = text.count("\ufffd")
        if bad <= MAX_BAD_SEQUENCES and bad * 200 <= len(data):
            return text, f"{encoding} ({bad} {REPLACED})"
    return None


def _guess(data: bytes) -> str:
    guess = chardet.detect(data[:200_000])
    name = (guess.get("encoding") or "").lower()
    # Confidence is low for short or markup-heavy Chinese text; a strict decode below is the real test.
    if not name:
        raise ExtractError("not text: no character encoding fits the bytes")
    return widen(name)


def widen(name: str) -> str:
    """GB2312/GBK declarations and guesses are read as GB18030, their superset."""
    return _WIDEN.get(name.lower(), name.lower())


def _checked(text: str, encoding: str) -> tuple[str, str]:
    text = text.lstrip("\ufeff")
    if _looks_binary(text):
        raise ExtractError("not text: binary data (control characters) in a text file")
    return text, encoding
