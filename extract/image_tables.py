"""An image (a scanned page, a table pasted as a picture) → paragraphs and table grids, like every extractor.

Ruling lines are found with OpenCV morphology (an opening with a long thin kernel keeps only strokes
longer than any character's); line segments that cross form one table, whose distinct line positions give
the grid. Between two neighbouring grid positions a missing line means a merged cell: the position is
marked `merged_left` (horizontal span) or takes the text of the cell above (vertical span), as the PDF and
DOCX readers do. OCR boxes fall into the cell holding their centre. Where lines are missing (a table ruled
only by horizontal rules, or not at all), box positions make the columns: boxes on one line separated by
a wide gap are separate cells. Every cell keeps the lowest OCR score of its boxes as `confidence`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from statistics import median

import cv2
import numpy as np

from extract.model import Block, Cell, Paragraph, Table
from extract.ocr import TextBox, read_image
from extract.pagenumbers import is_page_number

MIN_LINE_FRACTION = 1 / 40  # a ruling line is at least this share of the image side (and MIN_LINE_PX)
MIN_LINE_PX = 40  # longer than a character at 150 dpi (a 12 pt glyph is ~25 px), so text never counts
SHORT_LINE_PX = 15  # a vertical border of a short row: counted only where it joins two horizontal lines
TOUCH_PX = 6  # segments closer than this touch; positions closer than this are one grid line
LINE_COVER = 0.6  # a grid border exists where a ruling line covers this share of it
CELL_GAP = 2.0  # on a line without ruling, a gap wider than this many text heights separates cells
MIN_SKEW, MAX_SKEW = 0.2, 10.0  # degrees: a scan tilted less is read as it is; lines tilted more are not rules


@dataclass(frozen=True, slots=True)
class _Segment:
    """A ruling line: horizontal (`at` = y, from `lo` to `hi` in x) or vertical (`at` = x, `lo`..`hi` in y)."""

    horizontal: bool
    at: float
    lo: float
    hi: float


@dataclass(frozen=True, slots=True)
class Grid:
    """The lines of one ruled table: sorted x and y positions, and which borders between them are drawn.
    `v_border[i][j]`: a vertical line at xs[j] along row band i; `h_border[i][j]`: a horizontal line at
    ys[i] along column band j."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    v_border: tuple[tuple[bool, ...], ...]
    h_border: tuple[tuple[bool, ...], ...]

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]

    def band(self, x: float, y: float) -> tuple[int, int]:
        """(row band, column band) of a point inside the grid."""
        i = min(bisect_right(self.ys, y) - 1, len(self.ys) - 2)
        j = min(bisect_right(self.xs, x) - 1, len(self.xs) - 2)
        return max(i, 0), max(j, 0)


def _ink(image: np.ndarray) -> np.ndarray:
    """Dark pixels as 255 on 0 (Otsu threshold: works for clean renders and greyish scans alike)."""
    gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    _, bw = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return bw


def _line_masks(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical line pixels: an opening keeps strokes longer than its kernel. Vertical
    borders of short rows (~30 px at 150 dpi) are shorter than a long kernel, so vertical strokes are kept
    from SHORT_LINE_PX up and filtered by _segments."""
    hk = max(MIN_LINE_PX, int(ink.shape[1] * MIN_LINE_FRACTION))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (hk, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, SHORT_LINE_PX)))
    close = cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3))  # bridge one-pixel breaks in scanned lines
    return cv2.dilate(horizontal, close), cv2.dilate(vertical, close)


def _boxes(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    return [cv2.boundingRect(c) for c in contours]


def _segments(horizontal: np.ndarray, vertical: np.ndarray) -> tuple[list[_Segment], np.ndarray]:
    """Ruling segments, and the vertical mask reduced to the kept ones. A vertical stroke is a ruling line
    when it is long (MIN_LINE_PX) or runs from one horizontal line to another; shorter strokes are glyphs."""
    hs = [_Segment(True, y + h / 2, x, x + w) for x, y, w, h in _boxes(horizontal)]
    kept = np.zeros_like(vertical)
    vs = []
    for x, y, w, h in _boxes(vertical):
        seg = _Segment(False, x + w / 2, y, y + h)
        if h >= MIN_LINE_PX or (_meets(hs, seg.at, seg.lo, below=True) and _meets(hs, seg.at, seg.hi, below=False)):
            vs.append(seg)
            kept[y : y + h, x : x + w] = vertical[y : y + h, x : x + w]
    return hs + vs, kept


def _meets(hs: list[_Segment], x: float, end: float, below: bool) -> bool:
    """Whether a vertical stroke's end at (x, end) runs into a horizontal line: through its middle, which
    a glyph standing in a cell (with its padding) never reaches."""
    return any(
        h.lo - TOUCH_PX <= x <= h.hi + TOUCH_PX
        and (end <= h.at < end + TOUCH_PX if below else end - TOUCH_PX < h.at <= end)
        for h in hs
    )


def _touch(a: _Segment, b: _Segment) -> bool:
    if a.horizontal == b.horizontal:
        return False
    h, v = (a, b) if a.horizontal else (b, a)
    return h.lo - TOUCH_PX <= v.at <= h.hi + TOUCH_PX and v.lo - TOUCH_PX <= h.at <= v.hi + TOUCH_PX


def _stacked(a: _Segment, b: _Segment, max_gap: float) -> bool:
    """Two horizontal rules of one table without vertical lines: overlapping in x, close in y."""
    overlap = min(a.hi, b.hi) - max(a.lo, b.lo)
    return overlap > 0.5 * min(a.hi - a.lo, b.hi - b.lo) and abs(a.at - b.at) <= max_gap


def _groups(segments: list[_Segment], max_gap: float) -> list[list[_Segment]]:
    """Segments that cross belong to one table; rules with no vertical line at all join by stacking."""
    parent = list(range(len(segments)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a in range(len(segments)):
        for b in range(a + 1, len(segments)):
            if _touch(segments[a], segments[b]):
                parent[find(a)] = find(b)
    crossed = {find(k) for k, s in enumerate(segments) if not s.horizontal}
    for a in range(len(segments)):
        for b in range(a + 1, len(segments)):
            sa, sb = segments[a], segments[b]
            if (
                sa.horizontal
                and sb.horizontal
                and find(a) not in crossed
                and find(b) not in crossed
                and _stacked(sa, sb, max_gap)
            ):
                parent[find(a)] = find(b)
    groups: dict[int, list[_Segment]] = {}
    for k, s in enumerate(segments):
        groups.setdefault(find(k), []).append(s)
    return list(groups.values())


def _positions(values: Sequence[float]) -> tuple[float, ...]:
    """Distinct line positions: values closer than TOUCH_PX are one line (their mean)."""
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] < TOUCH_PX:
            out[-1].append(value)
        else:
            out.append([value])
    return tuple(sum(c) / len(c) for c in out)


def _covered(mask: np.ndarray, at: float, lo: float, hi: float, horizontal: bool) -> bool:
    """Whether a ruling line runs along most of the border at `at` from `lo` to `hi`."""
    a0, a1 = max(int(at) - TOUCH_PX, 0), int(at) + TOUCH_PX + 1
    margin = min(TOUCH_PX, (hi - lo) / 4)
    l0, l1 = int(lo + margin), max(int(hi - margin), int(lo + margin) + 1)
    strip = mask[a0:a1, l0:l1] if horizontal else mask[l0:l1, a0:a1].T
    return bool(strip.size) and float(strip.any(axis=0).mean()) >= LINE_COVER


def _edges(group: list[_Segment], horizontal: bool) -> list[float]:
    """The outer frame of a group of lines, drawn or not: its leftmost and rightmost x (`horizontal`
    True: where horizontal lines start and end) or its top and bottom y (False)."""
    spans = [(s.lo, s.hi) if s.horizontal == horizontal else (s.at, s.at) for s in group]
    return [min(lo for lo, _ in spans), max(hi for _, hi in spans)]


def find_grids(image: np.ndarray) -> list[Grid]:
    """The ruled tables of an image (RGB or grey uint8), top to bottom. A group of lines is a table when
    it has at least two rows' worth of horizontal lines; its outer frame counts as drawn even where a
    table is printed open-sided (no outer vertical lines)."""
    horizontal, vertical = _line_masks(_ink(image))
    segments, vertical = _segments(horizontal, vertical)
    grids = []
    for group in _groups(segments, max_gap=0.08 * image.shape[0]):
        hs = [s for s in group if s.horizontal]
        vs = [s for s in group if not s.horizontal]
        if len(hs) < 2 and len(vs) < 2:
            continue
        xs = _positions([s.at for s in vs] + _edges(group, horizontal=True))
        ys = _positions([s.at for s in hs] + _edges(group, horizontal=False))
        if len(xs) < 2 or len(ys) < 3:
            continue
        v_border = tuple(
            tuple(j in (0, len(xs) - 1) or _covered(vertical, xs[j], ys[i], ys[i + 1], False) for j in range(len(xs)))
            for i in range(len(ys) - 1)
        )
        h_border = tuple(
            tuple(i == 0 or _covered(horizontal, ys[i], xs[j], xs[j + 1], True) for j in range(len(xs) - 1))
            for i in range(len(ys))
        )
        grids.append(Grid(xs, ys, v_border, h_border))
    return sorted(grids, key=lambda g: g.ys[0])


def _lines(boxes: list[TextBox]) -> list[list[TextBox]]:
    """Boxes → text lines, top to bottom, each left to right: a box joins a line when its centre lies
    within the line's first box's height band."""
    lines: list[list[TextBox]] = []
    for box in sorted(boxes, key=lambda b: (b.cy, b.x0)):
        for line in lines:
            first = line[0]
            if abs(box.cy - first.cy) < 0.5 * min(first.height, box.height):
                line.append(box)
                break
        else:
            lines.append([box])
    return [sorted(line, key=lambda b: b.x0) for line in sorted(lines, key=lambda ln: ln[0].cy)]


def _join(line: list[TextBox]) -> str:
    """One line's text: boxes apart by more than half a text height are separated by a space."""
    parts: list[str] = []
    for k, box in enumerate(line):
        if k and box.x0 - line[k - 1].x1 > 0.5 * min(box.height, line[k - 1].height):
            parts.append(" ")
        parts.append(box.text)
    return "".join(parts)


def _cell_text(boxes: list[TextBox]) -> str:
    return "\n".join(_join(line) for line in _lines(boxes))


def _confidence(boxes: list[TextBox]) -> float | None:
    return min((b.score for b in boxes), default=None)


def _split_by_gaps(line: list[TextBox]) -> list[list[TextBox]]:
    """A line without ruling → its cells: boxes separated by more than CELL_GAP text heights."""
    height = median(b.height for b in line)
    cells = [[line[0]]]
    for prev, box in pairwise(line):
        if box.x0 - prev.x1 > CELL_GAP * height:
            cells.append([box])
        else:
            cells[-1].append(box)
    return cells


def _row_of_boxes(parts: list[list[TextBox]], page: int | None) -> tuple[Cell, ...]:
    return tuple(Cell(_cell_text(p), page, confidence=_confidence(p)) for p in parts)


def _ruled_table(grid: Grid, boxes: list[TextBox], page: int | None) -> Table:
    """Boxes inside a ruled grid → a Table; merged cells expanded as the other readers expand them. A grid
    without inner vertical lines (horizontal rules only) gets its columns from the box positions."""
    n_rows, n_cols = len(grid.ys) - 1, len(grid.xs) - 1
    if n_cols == 1:
        rows: list[tuple[Cell, ...]] = []
        for i in range(n_rows):
            band = [b for b in boxes if grid.band(b.cx, b.cy)[0] == i]
            rows.extend(_row_of_boxes(_split_by_gaps(line), page) for line in _lines(band))
        return Table(tuple(rows))
    anchor = {}
    for i in range(n_rows):
        for j in range(n_cols):
            if j > 0 and not grid.v_border[i][j]:
                anchor[(i, j)] = anchor[(i, j - 1)]
            elif i > 0 and not grid.h_border[i][j]:
                anchor[(i, j)] = anchor[(i - 1, j)]
            else:
                anchor[(i, j)] = (i, j)
    held: dict[tuple[int, int], list[TextBox]] = {}
    for box in boxes:
        held.setdefault(anchor[grid.band(box.cx, box.cy)], []).append(box)
    grid_rows = []
    for i in range(n_rows):
        row = []
        for j in range(n_cols):
            a = anchor[(i, j)]
            cell_boxes = held.get(a, [])
            row.append(Cell(_cell_text(cell_boxes), page, merged_left=a[1] < j, confidence=_confidence(cell_boxes)))
        grid_rows.append(tuple(row))
    return Table(tuple(grid_rows))


def _loose_blocks(boxes: list[TextBox], page: int | None) -> list[tuple[float, Block]]:
    """Text outside ruled tables: a line split by wide gaps is a table row (consecutive ones form one
    table: a table printed without lines); other lines are paragraphs. Page numbers are dropped."""
    placed: list[tuple[float, Block]] = []
    pending: list[tuple[Cell, ...]] = []
    pending_top = 0.0

    def flush() -> None:
        if pending:
            placed.append((pending_top, Table(tuple(pending))))
            pending.clear()

    for line in _lines(boxes):
        parts = _split_by_gaps(line)
        if len(parts) > 1:
            if not pending:
                pending_top = line[0].y0
            pending.append(_row_of_boxes(parts, page))
            continue
        flush()
        text = _join(line)
        if not is_page_number(text, bare=True):
            placed.append((line[0].y0, Paragraph(text, page)))
    flush()
    return placed


def skew_degrees(image: np.ndarray) -> float:
    """The angle (degrees, counter-clockwise positive as OpenCV rotates) by which a scan's long straight
    lines — table rules, text baselines — are tilted from horizontal; 0 when none is found."""
    # half resolution (any ink in a 2x2 block counts, so thin lines survive): a quarter of the work
    ink = np.where(cv2.resize(_ink(image), None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA) > 0, 255, 0)
    ink = ink.astype(np.uint8)
    width = ink.shape[1]
    lines = cv2.HoughLinesP(ink, 1, np.pi / 720, threshold=width // 8, minLineLength=width // 4, maxLineGap=4)
    if lines is None:
        return 0.0
    angles = [np.degrees(np.arctan2(y1 - y0, x1 - x0)) for x0, y0, x1, y1 in lines.reshape(-1, 4).astype(float)]
    near = [a for a in angles if abs(a) < MAX_SKEW]
    return float(np.median(near)) if near else 0.0


def deskew(image: np.ndarray) -> np.ndarray:
    """The image rotated so that its lines are level (scans are fed a little crooked); unchanged when the
    tilt is under MIN_SKEW. Rotation keeps the size; corners are filled white."""
    angle = skew_degrees(image)
    if abs(angle) < MIN_SKEW:
        return image
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    white = (255,) * (1 if image.ndim == 2 else image.shape[2])
    return cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=white)


def image_blocks(image: np.ndarray, page: int | None = None) -> list[Block]:
    """Paragraphs and tables of one image (RGB or grey uint8, H x W [x 3]) in reading order, every cell
    with its OCR confidence. A tilted scan is levelled first."""
    image = deskew(image)
    boxes = read_image(image)
    grids = find_grids(image)
    inside: list[list[TextBox]] = [[] for _ in grids]
    outside: list[TextBox] = []
    for box in boxes:
        k = next((k for k, g in enumerate(grids) if g.contains(box.cx, box.cy)), None)
        if k is None:
            outside.append(box)
        else:
            inside[k].append(box)
    placed = [(g.ys[0], _ruled_table(g, held, page)) for g, held in zip(grids, inside, strict=True)]
    placed += _loose_blocks(outside, page)
    return [block for _top, block in sorted(placed, key=lambda tb: tb[0])]
