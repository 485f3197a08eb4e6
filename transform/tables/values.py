"""Classify a table cell as a number, a "not reported" mark, empty, or a label."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum
from functools import lru_cache

from extract.model import Place
from extract.places import union
from transform import vocabulary as v
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
    unit: str | None = None  # a unit printed after the number (元, 万元, 件, ...)
    confidence: float | None = None  # OCR score of the cell when it was read from an image (extract.model.Cell)
    place: Place | None = None  # where `raw` is printed (extract.model.Place); None when unknown
    chars: tuple[Place | None, ...] = ()  # where each character of `raw` is printed, when the source says


def placed(cell: CellText, place: Place | None, chars: tuple[Place | None, ...] = ()) -> CellText:
    """`cell` printed at `place` (the cell of a grid), or made of characters printed at `chars` (one per
    character of `cell.raw`: a value read out of a paragraph), whose union is then its place."""
    if chars:
        return replace(cell, place=union(chars), chars=chars)
    return cell if place is None else replace(cell, place=place)


def part_place(cell: CellText, start: int, end: int) -> Place | None:
    """Where `cell.raw[start:end]` is printed (a part of digits run together, `glued.splits`). Exact when
    the characters' places are known (values read out of paragraphs: PDF text lines, text files) or the
    cell is a text span as long as its text (a text grid's cell); otherwise the whole cell's place (a
    PDF or OCR grid cell's box: the part's own box is not known)."""
    if cell.chars:
        return union(cell.chars[start:end])
    p = cell.place
    if p is not None and p.line is not None and p.char_start is not None and p.char_end == p.char_start + len(cell.raw):
        return Place(line=p.line, char_start=p.char_start + start, char_end=p.char_start + end)
    return p


@lru_cache(maxsize=65_536)
def classify(text: str, confidence: float | None = None) -> CellText:
    """What a printed cell holds; `confidence` (the OCR score, None for text) is carried along. Cached:
    the same cell texts recur in every report."""
    raw = text.strip()
    key = compact(raw)
    if not key:
        return CellText(Kind.EMPTY, raw, confidence=confidence)
    if key in BLANK_MARKS:
        return CellText(Kind.BLANK, raw, confidence=confidence)
    m = _NUMBER.match(number_text(raw) if " " in raw or "," in key else key)
    if m:
        sign, digits, frac, unit = m.groups()
        return CellText(Kind.NUMBER, raw, float(f"{sign}{digits.replace(',', '')}{frac or ''}"), unit, confidence)
    return CellText(Kind.LABEL, raw, confidence=confidence)


@dataclass(frozen=True, slots=True)
class InUnit:
    """A number read in the unit of its column."""

    value: float | None  # in the column's unit (the printed number when no conversion applies)
    converted: bool  # printed in another unit of the same kind and converted (5000元 → 0.5 万元)
    fits: bool  # False: the printed unit cannot be the column's (money in a count column, or the reverse)


def in_column_unit(cell: CellText, col_code: str) -> InUnit:
    """`cell`'s value in the unit of column `col_code` (vocabulary COLUMN_UNITS, MONEY_COLS): a money
    column with a fixed unit (本年收费金额, 万元) converts a number printed in 元; a count printed with a
    money unit, or money with a count unit, does not fit (kept as printed, for the caller to flag).
    Bug kind: a cell printed `5000元` under a 万元 header was stored as 5000 万元."""
    unit, column_unit = cell.unit, v.COLUMN_UNITS.get(col_code)
    if unit is None or cell.value is None:
        return InUnit(cell.value, False, True)
    money = col_code in v.MONEY_COLS
    if (unit in v.MONEY_UNITS) != money:
        return InUnit(cell.value, False, False)
    if column_unit is None or unit == column_unit:
        return InUnit(cell.value, False, True)
    return InUnit(cell.value * v.MONEY_UNITS[column_unit] / v.MONEY_UNITS[unit], True, True)
