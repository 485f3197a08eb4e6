"""File → intermediate model (paragraphs + table grids). One module per file format."""

from __future__ import annotations

from collections.abc import Callable

from extract.docx import extract_docx
from extract.html import extract_html
from extract.kinds import sniff
from extract.legacy import READERS_BY_KIND, extract_legacy_word
from extract.model import Cell, Extracted, ExtractError, Paragraph, Table
from extract.pdf import extract_pdf
from extract.pdfstreams import cap_pdf_streams
from extract.text import extract_text

cap_pdf_streams()  # one PDF stream cannot inflate past a limit (a flate bomb)

Extractor = Callable[[bytes, float | None], Extracted]  # (file bytes, deadline as time.monotonic())

EXTRACTORS: dict[str, Extractor] = {
    "txt": extract_text,
    "md": extract_text,  # markdown as PDF-to-markdown and OCR tools write it: read as a text report
    "docx": extract_docx,
    "doc": extract_legacy_word,  # legacy Word and WPS: converted by LibreOffice, then read as DOCX
    "wps": extract_legacy_word,
    "pdf": extract_pdf,
    "html": extract_html,
    "htm": extract_html,
    "mht": extract_html,  # a browser's "save as single file" web archive (extract/mht.py)
    "mhtml": extract_html,
}


# Names whose bytes are checked first: a PDF, DOCX, web page or MHT archive under any of them is read by
# what it is (`.doc`/`.wps` do the same in extract/legacy.py; text and markdown are read as text).
SNIFFED = frozenset({"pdf", "docx", "html", "htm", "mht", "mhtml"})


def extract_bytes(data: bytes, fmt: str, deadline: float | None = None) -> Extracted:
    """Run the extractor for `fmt` (the file name's suffix), or for what the bytes are when they are
    plainly another format (extract/kinds.py); every failure becomes an ExtractError with a readable
    reason. `deadline` (time.monotonic) bounds the slow extractors (PDF: checked between pages)."""
    extractor = EXTRACTORS.get(fmt)
    if extractor is None:
        raise ExtractError(f"unsupported file format: .{fmt}")
    if fmt in SNIFFED:
        extractor = READERS_BY_KIND.get(sniff(data) or "", extractor)
    try:
        return extractor(data, deadline)
    except (ExtractError, MemoryError):  # a MemoryError is the worker's memory limit (flows/isolation.py)
        raise
    except Exception as exc:  # a library choking on a corrupt file must not stop the run
        cause = exc.args[0] if exc.args else None  # pdfplumber wraps what pdfminer raised
        if isinstance(cause, ExtractError | MemoryError):
            raise cause from None
        raise ExtractError(f"cannot read {fmt}: {type(exc).__name__}: {exc}") from exc


__all__ = [
    "EXTRACTORS",
    "Cell",
    "ExtractError",
    "Extracted",
    "Paragraph",
    "Table",
    "extract_bytes",
]
