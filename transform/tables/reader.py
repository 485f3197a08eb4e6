"""Table grids and running text → long-format cells for the three standard tables.

Every table of the document, whatever it came in (a DOCX/PDF/HTML grid, a text dump's rows, a pipe-line
stream, a crawler's run-together paragraph), is read as one stream of label and value tokens
(transform.tables.tokens) matched against the format's grammar (FORMAT.md §3–5): a label opens a row, the values
after it fill its columns in order. Which table a token belongs to follows from the section headings and
from the labels that announce a table (第二十条…, 申请人情况, 行政复议…); each table has its reader
(read_active, read_requests, read_review). Rows the readers cannot place for sure are resolved at the end
(transform.tables.resolve) or flagged, never guessed.
"""

from __future__ import annotations

from functools import lru_cache

from extract.model import Block
from transform import vocabulary as v
from transform.normalize import label_key
from transform.tables.labels import match
from transform.tables.read_active import ActiveReader
from transform.tables.read_requests import RequestsReader
from transform.tables.read_review import ReviewReader
from transform.tables.readings import Quoted
from transform.tables.resolve import resolve
from transform.tables.tableout import TableRead
from transform.tables.tokens import T, tokenize

_MODE_OF_SECTION = {2: "active", 3: "requests", 4: "review_litigation"}

__all__ = ["TableRead", "read_tables", "signal"]


@lru_cache(maxsize=65_536)
def signal(label: str) -> str | None:
    """The table a printed label announces, if any."""
    key = label_key(label)
    if any(k in key for k in ("行政复议", "行政诉讼", "未经复议", "复议后起诉")):
        return "review_litigation"
    if any(k in key for k in ("申请人情况", "勾稽关系", "本年新收", "上年结转")) or key == "自然人":
        return "requests"
    if "第二十条" in key or key == "信息内容":
        return "active"
    m = match(label, v.ACTIVE_ROWS)
    if m and m.how != "similar":
        return "active"
    return None


def read_tables(blocks: tuple[Block, ...], quoted: Quoted | None = None) -> TableRead:
    """Cells, checks and format markers of the three tables. `quoted`: the figures the section texts
    quote by cell (`transform.checks.quoted_figures`), which may decide cells printed run together.
    Linear in the number of tokens."""
    out = TableRead()
    requests = RequestsReader(out)
    readers = {"active": ActiveReader(out), "requests": requests, "review_litigation": ReviewReader(out)}
    mode: str | None = None

    def switch(new: str | None) -> None:
        nonlocal mode
        if new == mode:
            return
        if mode is not None:
            readers[mode].finish()
        mode = new
        if new is not None:
            readers[new].reset()

    tokens = list(tokenize(blocks))
    while tokens and tokens[-1].kind is T.END:  # a row open when the text ends stays open: it was cut there
        tokens.pop()
    cut = bool(tokens) and tokens[-1].kind is T.VALUE  # the text ends on a number: inside a table row
    for tok in tokens:
        if tok.kind is T.HEADING:
            if tok.no in _MODE_OF_SECTION:
                switch(_MODE_OF_SECTION[tok.no])
            continue
        if tok.kind is T.LABEL:
            announced = signal(tok.raw)
            if announced:
                switch(announced)
        if mode is not None:
            readers[mode].feed(tok)
    out.at_end = cut
    switch(None)
    resolve(out, requests.cols, requests.sequence, quoted or {})
    return out
