"""A cap on how large one PDF stream may inflate, as DOCX parts have (extract/docx.py).

pdfminer inflates a FlateDecode stream in one `zlib.decompress` call: a 2 MB PDF whose content stream
inflates to 2 GB takes 4 GB of memory before a single character is read. `cap_pdf_streams` gives
pdfminer's module a `zlib` whose decompression stops past `MAX_INFLATED` bytes and raises ExtractError.
Real reports' streams (page contents, fonts) run to a few MB.
"""

from __future__ import annotations

import types
import zlib

from extract.model import ExtractError

MAX_INFLATED = 128 * 2**20  # bytes one stream may inflate to


def _refuse() -> ExtractError:
    return ExtractError(f"PDF stream inflates to more than {MAX_INFLATED // 2**20} MB (zip bomb?), refused")


class _CappedDecompressor:
    """`zlib.decompressobj()` that refuses to produce more than MAX_INFLATED bytes in all."""

    def __init__(self) -> None:
        self._inner = zlib.decompressobj()
        self._produced = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = MAX_INFLATED + 1 - self._produced
        out = self._inner.decompress(data, min(max_length, room) if max_length else room)
        self._produced += len(out)
        if self._produced > MAX_INFLATED:
            raise _refuse()
        return out

    def __getattr__(self, name: str):
        return getattr(self._inner, name)


def _decompress(data: bytes) -> bytes:
    """`zlib.decompress(data)`, refusing output over MAX_INFLATED bytes (raises ExtractError)."""
    d = _CappedDecompressor()
    out = d.decompress(data)
    if not d.eof:  # truncated: zlib.decompress raises, and pdfminer then tries its lenient path
        raise zlib.error("incomplete or truncated stream")
    return out


def cap_pdf_streams() -> None:
    """Make pdfminer inflate streams through the capped functions above (idempotent)."""
    from pdfminer import pdftypes

    pdftypes.zlib = types.SimpleNamespace(decompress=_decompress, decompressobj=_CappedDecompressor, error=zlib.error)
