"""The format's section headings as a grammar (FORMAT.md §2): which of the six sections a printed line
heads, if any. Shared by the table reader (a heading ends a table), the identity reader (a heading ends
the title) and the section splitter."""

from __future__ import annotations

import re
from functools import lru_cache

from transform.normalize import compact, simplified
from transform.vocabulary import SECTIONS

_NUMERALS = "一二三四五六"
_NUMBERED = re.compile(r"^(?:([一二三四五六])[、.]|\(([一二三四五六])\))(.*)$")
MAX_HEADING = 40
MAX_HEADING_RAW = 200  # characters as printed, spaces and debris included


@lru_cache(maxsize=65_536)
def heading_no(text: str) -> int | None:
    """The section a line heads, or None. A printed numeral must agree with the section's keywords;
    an unnumbered heading must be short and end like a heading (…情况, …事项)."""
    if len(text) > MAX_HEADING_RAW:  # not normalised at all: a long paragraph (or a whole page on one line)
        return None
    key = simplified(compact(text))
    if not key or len(key) > MAX_HEADING:
        return None
    m = _NUMBERED.match(key)
    if m:
        no = _NUMERALS.index(m.group(1) or m.group(2)) + 1
        body = m.group(3)
        return no if any(k in body for k in SECTIONS[no - 1].keywords) else None
    if re.match(r"^[\d(（①-⑳]", key) or not key.endswith(("情况", "事项")) or len(key) > 25:
        return None
    return next((s.no for s in SECTIONS if any(k in key for k in s.keywords)), None)
