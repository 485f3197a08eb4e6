"""Page numbers printed between lines ("- 3 -", "— 3 —", "第3页", "第3页 共6页")."""

from __future__ import annotations

import re

# Decorated forms only: in a cell-per-line text dump a bare "3" on its own line can be a table cell.
DECORATED = re.compile(r"^\s*(?:[-—–]+\s*\d{1,4}\s*[-—–]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)\s*$")
# In a PDF, text outside the tables: a bare number alone on a line is a page number too.
BARE = re.compile(r"^\s*\d{1,4}\s*$")


def is_page_number(line: str, bare: bool = False) -> bool:
    return bool(DECORATED.match(line) or (bare and BARE.match(line)))
