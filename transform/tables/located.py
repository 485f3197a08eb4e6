"""Where a value read out of a paragraph is printed: from an offset in the paragraph's cleaned text
(`normalize.clean`, which `glued` scans) back to the characters of the paragraph as extracted, whose
places the extractor gave (`extract.model.Paragraph.places`: PDF character boxes, text-file columns).
Issue 24; FORMAT.md §8 `cells`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from extract.model import Paragraph, Place
from transform.normalize import clean
from transform.tables.values import CellText, Kind, classify, placed


@lru_cache(maxsize=4096)
def _fold(ch: str) -> str:
    """What one character becomes in `clean`d text (whitespace kept: `clean` trims only the ends)."""
    return unicodedata.normalize("NFKC", ch) if ch.isspace() else clean(ch)


def origins(text: str) -> Sequence[int] | None:
    """For each character of `clean(text)`, the index in `text` of the character it came from; None when
    they cannot be matched up. `clean` folds characters one by one (NFKC, radicals) and deletes others
    (invisible characters, pinyin glosses, outer whitespace): each cleaned character is matched to the
    first character left whose fold gives it, the characters between are the deleted ones. Linear in
    the length of `text`; a text `clean` only trims is matched at once."""
    cleaned = clean(text)
    lead = len(text) - len(text.lstrip())
    if text.startswith(cleaned, lead):
        return range(lead, lead + len(cleaned))
    out: list[int] = []
    i = 0
    for j, ch in enumerate(text):
        if i == len(cleaned):
            break
        f = _fold(ch)
        if f and cleaned.startswith(f, i):
            out += [j] * len(f)
            i += len(f)
    return out if i == len(cleaned) else None


class Located:
    """The printed cells of one paragraph, each at the places of the characters it is made of."""

    def __init__(self, block: Paragraph) -> None:
        self.places = block.places if len(block.places) == len(block.text) else ()
        self.text = block.text
        self._origins: Sequence[int] | None = None
        self._matched = False

    def _origin(self) -> Sequence[int] | None:
        if not self._matched:
            self._origins, self._matched = origins(self.text), True
        return self._origins

    def cell(self, text: str, start: int) -> CellText:
        """`classify(text)`, for the text at `start` in the paragraph's cleaned text; a number or blank
        mark gets the places of its characters (values.placed), a label none (labels are not stored)."""
        cell = classify(text)
        if not self.places or cell.kind is Kind.LABEL or cell.raw != text:
            return cell
        origin = self._origin()
        if origin is None or start + len(text) > len(origin):
            return cell
        chars: tuple[Place | None, ...] = tuple(self.places[origin[k]] for k in range(start, start + len(text)))
        return placed(cell, None, chars)
