"""Optical character recognition of page and table images, on this machine and offline.

RapidOCR (PyPI `rapidocr`) runs the PP-OCR detection, orientation and recognition models on onnxruntime.
Its wheel ships the three ONNX files; they are passed by path, so the library never takes its download
branch (which it would for a missing file). Used only where the text is not in the file: scanned PDF pages,
PDF text layers without a Unicode map, tables pasted as pictures (extract/image_tables.py places the boxes).
A 150 dpi A4 page (1240 x 1754 px) takes ~6-9 s on 2 cores.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from extract.model import ExtractError

if TYPE_CHECKING:
    import numpy as np

# The models the rapidocr wheel carries (its default Chinese PP-OCR set), by file name.
MODEL_FILES = {
    "Det.model_path": "PP-OCRv6_det_small.onnx",
    "Cls.model_path": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
    "Rec.model_path": "PP-OCRv6_rec_small.onnx",
}
RENDER_DPI = 150  # pages are rendered at this resolution for OCR: every printed digit read right at 150


@dataclass(frozen=True, slots=True)
class TextBox:
    """One line of text the recogniser read: its axis-aligned box in image pixels, the text, and the
    recogniser's confidence (0-1; the mean of its per-character probabilities)."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    score: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def model_paths() -> dict[str, Path]:
    """The ONNX files inside the installed rapidocr package; ExtractError when one is missing (a
    rapidocr build without bundled models would otherwise try to download them)."""
    import rapidocr

    root = Path(rapidocr.__file__).parent / "models"
    paths = {key: root / name for key, name in MODEL_FILES.items()}
    missing = [p.name for p in paths.values() if not p.is_file()]
    if missing:
        raise ExtractError(f"OCR models missing from the rapidocr package ({', '.join(missing)}): pip install rapidocr")
    return paths


def ort_threads() -> int:
    """onnxruntime's threads per session: OMP_NUM_THREADS when set (Dask sets it to 1 in its worker
    processes, so N workers do not each start a thread per core), else -1 (every core)."""
    value = os.environ.get("OMP_NUM_THREADS", "")
    return int(value) if value.isdigit() and int(value) > 0 else -1


@cache
def _engine():
    """One engine per process (loading the models takes ~0.5 s), built on first use."""
    from rapidocr import RapidOCR

    logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    params = {key: str(path) for key, path in model_paths().items()}
    threads = {"EngineConfig.onnxruntime.intra_op_num_threads": ort_threads()}
    return RapidOCR(params={**params, **threads, "Global.log_level": "warning"})


def read_image(image: np.ndarray) -> list[TextBox]:
    """Every text line found in an RGB or grey image (H x W [x 3] uint8), in the recogniser's order."""
    result = _engine()(image)
    if result.boxes is None:
        return []
    boxes = []
    for quad, text, score in zip(result.boxes, result.txts, result.scores, strict=True):
        xs, ys = [float(p[0]) for p in quad], [float(p[1]) for p in quad]
        if text.strip():
            boxes.append(TextBox(min(xs), min(ys), max(xs), max(ys), text.strip(), float(score)))
    return boxes
