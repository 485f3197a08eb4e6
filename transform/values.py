"""Classify a table cell as a number, a "not reported" mark, empty, or a label."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from transform.normalize import compact, number_text

# Printed marks that mean "not reported" (FORMAT.md §6).
BLANK_MARKS = frozenset({"/", "-", "—", "——", "–", "无", "\\"})  # after NFKC: ／ → /, － → -
_NUMBER = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万元|元|件|个|项|次|条)?$")


class Kind(Enum):
    NUMBER = "number"
    BLANK = "blank"  # a printed "not reported" mark
    EMPTY = "empty"  # nothing printed
    LABEL = "label"


@dataclass(frozen=True, slots=True)
class CellText:
    kind: Kind
    raw: str  # the cell text as printed, whitespace-trimmed
    value: float | None = None


@lru_cache(maxsize=65_536)
def classify(text: str) -> CellText:
    """What a printed cell holds. Cached: the same cell texts recur in every report."""
    raw = text.strip()
    key = compact(raw)
    if not key:
        return CellText(Kind.EMPTY, raw)
    if key in BLANK_MARKS:
        return CellText(Kind.BLANK, raw)
    m = _NUMBER.match(number_text(raw) if " " in raw or "," in key else key)
    if m:
        sign, digits, frac, _unit = m.groups()
        return CellText(Kind.NUMBER, raw, float(f"{sign}{digits.replace(',', '')}{frac or ''}"))
    return CellText(Kind.LABEL, raw)
