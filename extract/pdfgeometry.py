"""Page geometry for PDF tables: reading frames for sideways text, and the outer borders a table omits.

Coordinates are pdfplumber's: points, origin at the page's top left, `top` growing downwards. Objects
are pdfplumber dicts (chars, and edges with `x0`, `x1`, `top`, `bottom`, `orientation` "h"/"v").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Obj = dict  # a pdfplumber char or edge


@dataclass(frozen=True, slots=True)
class Frame:
    """A page seen turned so that text written in direction `rotation` (degrees, as `pdfchars.rotation`)
    reads left to right, top to bottom. `width`, `height`: the page's size (points)."""

    rotation: int
    width: float
    height: float

    def box(self, x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
        """A page box (x0, top, x1, bottom) in this frame."""
        w, h = self.width, self.height
        if self.rotation == 90:  # written upwards: the page's bottom edge becomes the left
            return h - bottom, x0, h - top, x1
        if self.rotation == 180:
            return w - x1, h - bottom, w - x0, h - top
        if self.rotation == 270:  # written downwards: the page's top edge becomes the left
            return top, w - x1, bottom, w - x0
        return x0, top, x1, bottom

    def char(self, ch: Obj) -> Obj:
        """A char moved into this frame (the same dict when the frame is the page itself)."""
        if self.rotation == 0:
            return ch
        x0, top, x1, bottom = self.box(ch["x0"], ch["top"], ch["x1"], ch["bottom"])
        return {**ch, "x0": x0, "top": top, "x1": x1, "bottom": bottom}

    def edge(self, e: Obj) -> Obj:
        """A ruling edge moved into this frame; a quarter turn swaps horizontal and vertical."""
        if self.rotation == 0:
            return e
        x0, top, x1, bottom = self.box(e["x0"], e["top"], e["x1"], e["bottom"])
        orientation = e["orientation"]
        if self.rotation in (90, 270):
            orientation = "v" if orientation == "h" else "h"
        return {
            "object_type": e["object_type"],
            "orientation": orientation,
            "x0": x0,
            "x1": x1,
            "top": top,
            "bottom": bottom,
            "width": x1 - x0,
            "height": bottom - top,
        }


def _rule_levels(rules: Sequence[Obj], tol: float) -> list[tuple[float, float, float]]:
    """Horizontal rules at one height (within `tol`: a line drawn twice, two cells' borders) as one
    (top, x0, x1), top to bottom."""
    levels: list[tuple[float, float, float]] = []
    for e in sorted(rules, key=lambda e: e["top"]):
        if levels and e["top"] - levels[-1][0] <= tol:
            top, x0, x1 = levels[-1]
            levels[-1] = (top, min(x0, e["x0"]), max(x1, e["x1"]))
        else:
            levels.append((e["top"], e["x0"], e["x1"]))
    return levels


def _crossed(upper: tuple, lower: tuple, verticals: Sequence[Obj], tol: float) -> bool:
    """Whether a vertical rule runs between two rule levels, inside both: they bound a table row."""
    lo, hi = max(upper[1], lower[1]) - tol, min(upper[2], lower[2]) + tol
    return any(lo <= v["x0"] <= hi and v["top"] <= upper[0] + tol and v["bottom"] >= lower[0] - tol for v in verticals)


def _covered(x: float, top: float, bottom: float, verticals: Sequence[Obj], tol: float) -> bool:
    return any(abs(v["x0"] - x) <= tol and v["top"] <= top + tol and v["bottom"] >= bottom - tol for v in verticals)


def open_side_edges(horizontals: Sequence[Obj], verticals: Sequence[Obj], tol: float = 3.0) -> list[Obj]:
    """Vertical edges for the outer sides a table leaves open (no left/right border: the rules of its
    rows end in the air, and pdfplumber drops the outer columns with the missing lines).

    Horizontal rules that end at the same x (within `tol`) and are stacked with a vertical rule running
    between each pair (a table row; a gap no rule crosses is space between tables) get a vertical edge
    at that x over those rows, unless a drawn line is already there. Bug kind: open-sided tables."""
    ends = sorted(((x, e) for e in horizontals for x in (e["x0"], e["x1"])), key=lambda pair: pair[0])
    clusters: list[list[tuple[float, Obj]]] = []
    for x, e in ends:
        if clusters and x - clusters[-1][-1][0] <= tol:
            clusters[-1].append((x, e))
        else:
            clusters.append([(x, e)])
    added: list[Obj] = []
    for cluster in clusters:
        levels = _rule_levels([e for _x, e in cluster], tol)
        if len(levels) < 2:
            continue
        x = sum(x for x, _e in cluster) / len(cluster)
        start = None
        for upper, lower in zip(levels, [*levels[1:], None], strict=True):
            joined = lower is not None and _crossed(upper, lower, verticals, tol)
            if joined and start is None:
                start = upper[0]
            if not joined and start is not None:
                if not _covered(x, start, upper[0], verticals, tol):
                    added.append(vertical_edge(x, start, upper[0]))
                start = None
    return added


def vertical_edge(x: float, top: float, bottom: float) -> Obj:
    """A vertical ruling edge at x from top to bottom, as pdfplumber's TableFinder takes explicit lines."""
    return {
        "object_type": "line_edge",
        "orientation": "v",
        "x0": x,
        "x1": x,
        "top": top,
        "bottom": bottom,
        "width": 0.0,
        "height": bottom - top,
    }
