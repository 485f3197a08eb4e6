"""Pictures inside DOCX and HTML reports that hold a table (a table pasted as an image): read by OCR.

Only a picture with a ruled grid in it is read (extract.image_tables.find_grids, no OCR needed to tell):
logos, seals, photos and signatures are left alone. Pictures without ruling lines are not read. OpenCV
(~50 MB in every parse process) is imported only when a document has a picture.
"""

from __future__ import annotations

import base64
import binascii
import re
import time
from typing import TYPE_CHECKING

from extract.model import Block, ExtractError

if TYPE_CHECKING:
    import numpy as np

MIN_SIDE_PX = 100  # smaller pictures are icons
_DATA_URI = re.compile(r"^data:image/[\w.+-]+;base64,(.*)$", re.S | re.I)


def decode_image(data: bytes) -> np.ndarray | None:
    """Picture bytes (PNG, JPEG, BMP, TIFF, ...) → RGB array, or None when OpenCV cannot decode them."""
    import cv2
    import numpy as np

    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    return None if image is None else cv2.cvtColor(image, cv2.COLOR_BGR2RGB)


class PictureReader:
    """Reads the table pictures of one document, counting the pictures read and the blocks made from them
    (for `Extracted.extraction`); the file's deadline (time.monotonic) is checked before each OCR run."""

    def __init__(self, deadline: float | None) -> None:
        self.deadline = deadline
        self.read = 0
        self.made = 0

    def blocks(self, data: bytes) -> list[Block]:
        """The paragraphs and tables of one picture; [] when it holds no ruled table."""
        from extract.image_tables import find_grids, image_blocks

        image = decode_image(data)
        if image is None or min(image.shape[:2]) < MIN_SIDE_PX or not find_grids(image):
            return []
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise ExtractError(f"time limit reached before OCR of picture {self.read + 1}")
        self.read += 1
        blocks = image_blocks(image)
        self.made += len(blocks)
        return blocks


def data_uri_bytes(src: str) -> bytes | None:
    """The bytes of an `<img src="data:image/...;base64,...">`; None for any other source (remote and
    relative sources are not fetched)."""
    m = _DATA_URI.match(src.strip())
    if m is None:
        return None
    try:
        return base64.b64decode(m.group(1), validate=False)
    except (binascii.Error, ValueError):
        return None
