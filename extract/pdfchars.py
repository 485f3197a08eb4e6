"""What a person sees of a PDF page's characters: the text layer's state, watermarks, fake bold, direction.

pdfplumber reports every glyph drawn, which is more than a reader sees: a title "made bold" by drawing it
twice a fraction of a point apart, a watermark across the page (a site name, 内部资料) drawn large, tilted
or in a light grey, text printed sideways, and fonts without a Unicode map whose text comes out as
`(cid:N)`. These pure functions work on pdfplumber's char dicts (`text`, `x0`, `x1`, `top`, `bottom`,
`size`, `fontname`, `matrix`, `upright`, `non_stroking_color`; points, top-left origin).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

Char = dict  # a pdfplumber char


class TextLayer(Enum):
    """What a page's text layer gives: `USABLE` text, `NONE` at all (a scan), or text that is `UNREADABLE`
    because its fonts have no Unicode map (pdfminer prints `(cid:N)` for each glyph)."""

    USABLE = "usable"
    NONE = "none"
    UNREADABLE = "unreadable"


UNREADABLE_REASON = "text layer cannot be read (fonts without a Unicode map; the pages need OCR)"
NO_TEXT_REASON = "no text layer (scanned?)"
# A glyph with no Unicode: pdfminer's "(cid:N)", the replacement character, or a control character.
_UNMAPPED = re.compile(r"^(?:\(cid:\d+\)|[\ufffd\x00-\x08\x0e-\x1f])$")


@dataclass(frozen=True)
class CharSettings:
    """Thresholds for what a reader does not see as text (all sizes in points)."""

    unreadable_share: float = 0.3  # a page with more unmapped glyphs than this cannot be read
    watermark_min_size: float = 36.0  # a glyph this large, and
    watermark_size_ratio: float = 2.5  # this many times the page's body size, is a watermark
    watermark_min_lightness: float = 0.7  # a fill this light (0 black … 1 white) is a watermark
    rotation_tolerance: float = 5.0  # degrees off a right angle still counted as that angle
    dedupe_tolerance: float = 1.0  # a glyph repeated within this distance is drawn twice (fake bold)


CHAR_SETTINGS = CharSettings()


def text_layer(chars: Sequence[Char], settings: CharSettings = CHAR_SETTINGS) -> TextLayer:
    """Classify one page's text layer from its chars (watermarks removed first, see `visible_chars`).

    `NONE`: no glyph at all (a scanned page); `UNREADABLE`: more than `unreadable_share` of the glyphs
    have no Unicode mapping (fonts without /ToUnicode, subset CID fonts); else `USABLE`. Pages that are
    not `USABLE` are the ones OCR can read."""
    if not chars:
        return TextLayer.NONE
    unmapped = sum(1 for ch in chars if _UNMAPPED.match(ch["text"]))
    return TextLayer.UNREADABLE if unmapped > settings.unreadable_share * len(chars) else TextLayer.USABLE


def rotation(ch: Char, settings: CharSettings = CHAR_SETTINGS) -> int | None:
    """The direction a glyph is written in, from its text matrix: 0 (left to right), 90 (upwards, a
    page turned clockwise to read), 180 (upside down), 270 (downwards); None when tilted (a diagonal
    watermark)."""
    a, b = ch["matrix"][0], ch["matrix"][1]
    if b == 0 and a > 0:
        return 0
    angle = math.degrees(math.atan2(b, a)) % 360
    for right in (0, 90, 180, 270, 360):
        if abs(angle - right) <= settings.rotation_tolerance:
            return right % 360
    return None


def body_size(chars: Sequence[Char]) -> float:
    """The most common glyph size on the page (points): what its body text is set in."""
    sizes = Counter(round(ch["size"]) for ch in chars)
    return float(sizes.most_common(1)[0][0]) if sizes else 0.0


def _lightness(color) -> float:
    """0 (black) … 1 (white) for a gray, RGB or CMYK fill; 0 for patterns and unknown spaces."""
    if not isinstance(color, tuple | list) or not all(isinstance(c, int | float) for c in color):
        return 0.0
    if len(color) == 1:
        return float(color[0])
    if len(color) == 3:
        r, g, b = color
        return 0.299 * r + 0.587 * g + 0.114 * b
    if len(color) == 4:
        c, m, y, k = color
        return (1 - k) * (1 - (0.299 * c + 0.587 * m + 0.114 * y))
    return 0.0


def dark_fills(
    rects: Sequence[dict], settings: CharSettings = CHAR_SETTINGS
) -> list[tuple[float, float, float, float]]:
    """Boxes (x0, top, x1, bottom) of filled rectangles darker than a watermark's light colour: a table
    header shaded dark, where white text is printed text, not a watermark."""
    return [
        (r["x0"], r["top"], r["x1"], r["bottom"])
        for r in rects
        if r.get("fill") and _lightness(r.get("non_stroking_color")) < settings.watermark_min_lightness
    ]


def visible_chars(
    chars: Sequence[Char], settings: CharSettings = CHAR_SETTINGS, backgrounds: Sequence[tuple] = ()
) -> list[Char]:
    """The chars without watermark glyphs: tilted ones (not at a right angle), ones filled in a light
    colour (lightness ≥ `watermark_min_lightness`) unless printed on a dark `backgrounds` box (see
    `dark_fills`), and very large ones (≥ `watermark_min_size` and `watermark_size_ratio` × the page's
    body size) drawn over other text (a big title stands clear of it). Bug kind: watermarks (a site
    name, 内部资料) read into table cells and titles."""
    if not chars:
        return []
    large = max(settings.watermark_min_size, settings.watermark_size_ratio * body_size(chars))
    light: dict[object, bool] = {}
    kept, big = [], []
    for ch in chars:
        color = ch.get("non_stroking_color")
        key = tuple(color) if isinstance(color, list) else color
        if key not in light:
            light[key] = _lightness(color) >= settings.watermark_min_lightness
        if (light[key] and not _centre_in(ch, backgrounds)) or rotation(ch, settings) is None:
            continue
        (big if ch["size"] >= large else kept).append(ch)
    if not big:
        return kept
    clear = {id(ch) for ch in kept} | {
        id(ch) for ch in big if not any(_centre_in(c, [(ch["x0"], ch["top"], ch["x1"], ch["bottom"])]) for c in kept)
    }
    return [ch for ch in chars if id(ch) in clear]


def _centre_in(ch: Char, boxes: Sequence[tuple]) -> bool:
    """Whether a char's centre lies in one of the boxes (x0, top, x1, bottom)."""
    x, y = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def dedupe_chars(chars: Sequence[Char], settings: CharSettings = CHAR_SETTINGS) -> list[Char]:
    """Drop glyphs drawn again on top of themselves (fake bold: the same text, font and size offset by
    less than `dedupe_tolerance`), keeping the first drawn; order is kept.

    Same rule as pdfplumber's `utils.dedupe_chars`, which restores the order with `list.index` and so
    costs O(n²) (~50 ms for a 700-glyph page); here one pass with a position grid."""
    tol = settings.dedupe_tolerance
    kept: dict[tuple[str, int], list[Char]] = {}
    out = []
    for ch in chars:
        text, x0, top, row = ch["text"], ch["x0"], ch["top"], int(ch["top"] // tol)
        near = [other for r in (row - 1, row, row + 1) for other in kept.get((text, r), ())]
        if near and any(
            abs(other["x0"] - x0) <= tol
            and abs(other["top"] - top) <= tol
            and other["fontname"] == ch["fontname"]
            and other["size"] == ch["size"]
            for other in near
        ):
            continue
        kept.setdefault((text, row), []).append(ch)
        out.append(ch)
    return out
