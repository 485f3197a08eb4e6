"""Pictures of where numbers are printed: a region of a PDF page around some cells' boxes, rendered with
pdfium (pypdfium2, pdfplumber's own renderer) and cropped, as a PNG for an HTML page (issue 24 item 2).

Boxes are the `cells` columns x0, top, x1, bottom of migration 008: PDF points with pdfplumber's names
and origin (the top-left corner of the page's MediaBox, y growing downwards), OCR boxes already mapped
back to points. pdfium draws a page's CropBox as displayed (its /Rotate applied), and pdfplumber reports
boxes on the displayed page too, so a page whose CropBox is its MediaBox maps one to one at any
rotation; an unrotated page with a smaller CropBox is shifted by the difference.

Pure functions: bytes and numbers in, an image or text out; nothing is read from disk here.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable

from PIL import Image

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, top-left origin

SCALE = 2.0  # pixels per point (144 dpi): digits of a 10 pt font about 20 px high
MARGIN = (40.0, 14.0)  # points of the page shown left and right, above and below the cells' boxes
MAX_PX = (900, 420)  # the largest picture, width and height in pixels; a larger region is drawn smaller


def union(boxes: Iterable[Box]) -> Box:
    """The smallest box holding every box (at least one box; ValueError otherwise)."""
    boxes = list(boxes)
    if not boxes:
        raise ValueError("no box to join")
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def region(boxes: Iterable[Box], page_size: tuple[float, float], margin: tuple[float, float] = MARGIN) -> Box:
    """The part of a page (`page_size`: width, height in points) to show for `boxes`: their union with
    `margin` points (horizontal, vertical) around it, so the neighbouring cells show, kept on the page."""
    x0, top, x1, bottom = union(boxes)
    (width, height), (mx, my) = page_size, margin
    return (max(0.0, x0 - mx), max(0.0, top - my), min(width, x1 + mx), min(height, bottom + my))


def fitted_scale(box: Box, scale: float = SCALE, max_px: tuple[int, int] = MAX_PX) -> float:
    """`scale` (pixels per point), reduced where `box` drawn at it would exceed `max_px` (width, height)."""
    width, height = max(box[2] - box[0], 1.0), max(box[3] - box[1], 1.0)
    return min(scale, max_px[0] / width, max_px[1] / height)


def render_region(
    pdf: bytes, page_no: int, boxes: Iterable[Box], margin: tuple[float, float] = MARGIN, scale: float = SCALE
) -> tuple[Image.Image, Box, float]:
    """The part of page `page_no` (1-based) of the PDF `pdf` around `boxes` (points, pdfplumber's
    top-left origin), `margin` points (horizontal, vertical) around them (`region`), drawn at `scale`
    pixels per point or smaller to fit MAX_PX. Returns (the RGB image, about (x1-x0)·s × (bottom-top)·s
    pixels; the region drawn, a Box; the scale s used). Raises IndexError for a page the file does not
    have, pypdfium2.PdfiumError for bytes pdfium cannot open, ValueError for no boxes."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        if not 1 <= page_no <= len(doc):
            raise IndexError(f"page {page_no} of {len(doc)}")
        page = doc[page_no - 1]
        width, height = page.get_size()
        shown = region(boxes, (width, height), margin)
        dx = dy = 0.0  # where the CropBox starts within the MediaBox (an unrotated page)
        if page.get_rotation() == 0:
            media, crop = page.get_mediabox(), page.get_cropbox()
            dx, dy = crop[0] - media[0], media[3] - crop[3]
        x0, top = max(0.0, shown[0] - dx), max(0.0, shown[1] - dy)
        x1, bottom = min(width, shown[2] - dx), min(height, shown[3] - dy)
        cut = (x0, height - bottom, width - x1, top)  # left, bottom, right, top, as pdfium takes them
        fitted = fitted_scale(shown, scale)
        return page.render(scale=fitted, crop=cut).to_pil().convert("RGB"), shown, fitted
    finally:
        doc.close()


def png_data_uri(image: Image.Image) -> str:
    """`data:image/png;base64,…`: the image as a PNG an <img> shows with nothing fetched."""
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")
