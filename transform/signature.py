"""The signature at the end of a report: the issuing agency and the date it was signed
(`柴胡店镇人民政府 / 2023年1月29日`, glued in dumps: `…处理费情况。平潭综合实验区财政金融局2024年1月29日`).

It is not part of any section's text (FORMAT.md §2: section 6 ends before it); it is evidence of who
issued the report and when (the identity reader may use it). Bug kind: section 6 swallowing the signature.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from transform.normalize import numeral_digits

_YEAR = r"(?P<year>(?:19|20)\d{2}|[〇○零O一二三四五六七八九]{4})"
_MD = r"[\d一二三四五六七八九十]{1,3}"
# the date the report was signed, at the very end of the text (spaces and a closing mark allowed)
_DATE = re.compile(rf"{_YEAR}\s*年\s*{_MD}\s*月\s*{_MD}\s*日\s*[)）]?\s*$")
# an issuing body: a short run of name characters ending in a suffix that names an office
_AGENCY = re.compile(
    r"(?P<agency>[^\s。，,；;：:！!？?、“”\"()（）\[\]【】《》\d]{2,40}?"
    r"(?:人民政府|政府|办公室|办公厅|委员会|管委会|局|厅|委|办|中心|院|所|处|站|队|街道|镇|乡|部|署|会|公司|集团))"
    r"[\s(（]*(?:[^\s()（）]{0,8}[)）])?\s*$"
)
MAX_SIGNATURE_CHARS = 80  # agency and date together, spaces included


@dataclass(frozen=True, slots=True)
class Signature:
    """A report's signature: `agency` as printed (whitespace removed; None when only a date is printed),
    `date` as printed (whitespace removed), `year` of the date, `start` = offset of the signature in the
    text it was found in (the text before it is the report's own)."""

    agency: str | None
    date: str
    year: int
    start: int


def find_signature(text: str) -> Signature | None:
    """The signature that ends `text` (a section's or a report's text as printed), or None.

    A signature is a date (`2024年1月29日`, `二〇二四年一月二十九日`) at the very end, optionally preceded
    by the agency's name; it must start a line or follow the end of a sentence (。；！？ or a closing
    bracket), so a sentence ending with a date (`…至2023年12月31日`) is not one. A date alone counts
    only on a line of its own."""
    folded = unicodedata.normalize("NFKC", text)
    norm = folded if len(folded) == len(text) else text  # offsets must stay those of `text`
    tail_from = max(0, len(norm) - MAX_SIGNATURE_CHARS)
    date = _DATE.search(norm, tail_from)
    if date is None:
        return None
    before = norm[: date.start()]
    agency = _AGENCY.search(before, max(0, len(before) - MAX_SIGNATURE_CHARS))
    start = date.start()
    name = None
    if agency is not None and _boundary(before, agency.start()):
        start, name = agency.start(), re.sub(r"\s+", "", agency.group("agency"))
    elif not _line_start(before):
        return None
    return Signature(name, re.sub(r"\s+", "", date.group(0)), int(numeral_digits(date.group("year"))), start)


def _line_start(before: str) -> bool:
    stripped = before.rstrip(" \t\u3000\xa0")
    return not stripped or stripped.endswith("\n")


def _boundary(text: str, at: int) -> bool:
    """`at` starts a line or follows the end of a sentence or a closing bracket."""
    head = text[:at].rstrip(" \t\u3000\xa0")
    return not head or head[-1] in "\n。；;！!？?)）】]"
