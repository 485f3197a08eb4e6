"""PDF pages whose text is not in the file, read by OCR.

`extract.pdf` decides which pages need it (`pdfchars.text_layer`: no characters at all, a scan; or glyphs
without a Unicode map, `(cid:N)`) and hands them here: the page is rendered with pdfium (pdfplumber's
`to_image`) at extract.ocr.RENDER_DPI and read by extract.image_tables. OpenCV and numpy (~50 MB in
every parse process) are imported only when a page needs OCR.
"""

from __future__ import annotations

from extract.model import Block, Paragraph
from extract.ocr import RENDER_DPI

OCR_FOUND_NOTHING = ", and OCR found no text on it"  # appended to the reason a PDF without text fails


def ocr_page(page, page_no: int) -> list[Block]:
    """The blocks of a pdfplumber page (`page_no` 1-based) read from its image."""
    import numpy as np

    from extract.image_tables import image_blocks

    # antialiased, as a scanner or a viewer shows it: pdfplumber's default leaves glyph and image edges
    # jagged, and OCR then misreads digits (seen: 9 read as 6 on a scanned page)
    image = page.to_image(resolution=RENDER_DPI, antialias=True).original.convert("RGB")
    return image_blocks(np.asarray(image), page_no)


def has_text(block: Block) -> bool:
    """Whether a block holds any text (OCR of a blank or a picture-only page gives empty grids)."""
    if isinstance(block, Paragraph):
        return bool(block.text.strip())
    return any(cell.text.strip() for row in block.rows for cell in row)
