"""Building and joining `extract.model.Place`s: the box of some PDF characters, the span of some text.

A cell's place is the union of the places of the characters its text is made of: for PDF text the
smallest box holding every character's box (points, pdfplumber's x0/top/x1/bottom, page top-left
origin); for text sources the span of the characters on their line. Issue 24, FORMAT.md §8 `cells`.
"""

from __future__ import annotations

from collections.abc import Iterable

from extract.model import Place


def box(x0: float, top: float, x1: float, bottom: float) -> Place:
    """A PDF box in points (pdfplumber's names and top-left origin)."""
    return Place(x0=x0, top=top, x1=x1, bottom=bottom)


def char_box(ch: dict) -> Place:
    """The box of a pdfplumber char dict (`x0`, `top`, `x1`, `bottom`) as its page prints it."""
    return Place(x0=ch["x0"], top=ch["top"], x1=ch["x1"], bottom=ch["bottom"])


def line_chars(line: int, start: int, text: str) -> tuple[Place, ...]:
    """One place per character of `text`, printed on `line` (1-based) from column `start` (0-based)."""
    return tuple(Place(line=line, char_start=start + k, char_end=start + k + 1) for k in range(len(text)))


def union(places: Iterable[Place | None]) -> Place | None:
    """The place of text made of characters printed at `places` (Nones, characters an extractor added,
    are skipped): the smallest box holding every box, or the span from the first to the last character
    when all are on one line. None when there is none, when they are not all of one kind, or when text
    characters lie on several lines (a span holds one line)."""
    known = [p for p in places if p is not None]
    if not known:
        return None
    if len(known) == 1:
        return known[0] if known[0].x0 is not None or known[0].line is not None else None
    if all(p.x0 is not None for p in known):
        return Place(
            x0=min(p.x0 for p in known),  # type: ignore[type-var]
            top=min(p.top for p in known),  # type: ignore[type-var]
            x1=max(p.x1 for p in known),  # type: ignore[type-var]
            bottom=max(p.bottom for p in known),  # type: ignore[type-var]
        )
    lines = {p.line for p in known}
    if len(lines) == 1 and None not in lines and all(p.char_start is not None for p in known):
        return Place(
            line=known[0].line,
            char_start=min(p.char_start for p in known),  # type: ignore[type-var]
            char_end=max(p.char_end for p in known),  # type: ignore[type-var]
        )
    return None
