"""Plain-text reports: rebuild table grids from the three flattened layouts real text dumps have.

- cell-per-line: each cell is a line starting with a tab, a line without a tab continues the cell
  above (a line break inside the cell), and a blank line ends the row;
- tab-separated: one row per line, cells separated by tabs;
- pipe-separated: one row per line, cells separated by `|` (web pages copied to text, markdown tables
  as PDF-to-markdown and OCR tools write them; `|---|` rule lines dropped);
- pipe-line stream: one cell per line with a line holding only `|` between cells and no row delimiters
  (web pages saved as text): one stream Table, its rows decided by the labels (transform.tables).
Markdown headings (`## 一、总体情况`) are paragraphs without their `#`. Everything else is a paragraph.

Lines are worked on as `Spanned` text, so every cell and paragraph keeps where it is printed: the line
(1-based, the decoded file split at `\n`, `\r\n` and `\r`) and the characters within it (issue 24).
"""

from __future__ import annotations

import re

from extract.encoding import decode
from extract.model import Block, Cell, Extracted, Paragraph, Table
from extract.pagenumbers import is_page_number
from extract.spanned import Spanned

_PIPE_RULE = re.compile(r"^[\s|:\-—=+]+$")
# A line that opens a report section ends a table even when no blank line separates them.
_SECTION_START = re.compile(r"^\s*[一二三四五六][、.．]")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s*")
MAX_STREAM_CELL_LINES = 3  # a cell of a pipe-line stream may wrap (商业\n企业), a paragraph may not


def extract_text(data: bytes, deadline: float | None = None) -> Extracted:
    """`deadline` is not needed here: the work is bounded by the file size limit."""
    text, encoding = decode(data)
    rows = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [_unheaded(n, row) for n, row in enumerate(rows, start=1) if not is_page_number(row)]
    return Extracted(blocks=tuple(_blocks(_join_wrapped_pipe_rows(lines))), encoding=encoding)


def _unheaded(n: int, line: str) -> Spanned:
    """Line `n` (1-based) without the `#`s of a markdown heading."""
    m = _MD_HEADING.match(line)
    start = m.end() if m else 0
    return Spanned.of_line(n, start, line[start:])


def _ends_a_cell(line: Spanned) -> bool:
    """A line of a pipe row wrapped one cell per line: the cell's text, then its closing `|`."""
    stripped = line.text.strip()
    return stripped.endswith("|") and not stripped.startswith("|") and not _is_bar(line)


def _join_wrapped_pipe_rows(lines: list[Spanned]) -> list[Spanned]:
    """Pipe rows whose cells each begin on a new line (HTML tables saved as text, each cell's text after a
    line break: a line holding only `|` opens the row, then `信息内容  |`, `本年制发件数  |` …) joined back
    into one row per line (`| 信息内容 | 本年制发件数 | …`). The pipe-line stream (cells between lines
    holding only `|`, no closing `|` after a cell) is left as it is."""
    out: list[Spanned] = []
    i = 0
    while i < len(lines):
        if _is_bar(lines[i]) and i + 1 < len(lines) and _ends_a_cell(lines[i + 1]):
            j = i + 1
            while j < len(lines) and _ends_a_cell(lines[j]):
                j += 1
            out.append(Spanned.join(" ", (line.strip() for line in lines[i:j])))
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


def _is_pipe_row(line: Spanned) -> bool:
    return line.text.count("|") >= 2


def _is_table_line(line: Spanned) -> bool:
    return "\t" in line.text or _is_pipe_row(line)


def _is_bar(line: Spanned) -> bool:
    return line.text.strip() == "|"


def _table(rows: list[list[Spanned]], stream: bool = False) -> Table:
    """A Table whose cells are the texts of `rows`, each at the place of its stripped text."""
    return Table(tuple(tuple(Cell(c.text, place=c.place()) for c in row) for row in rows), stream)


def _stream(lines: list[Spanned], start: int) -> tuple[list[Spanned], int]:
    """The cells of a pipe-line stream whose first cell is lines[start] (followed by a `|` line), and
    the index after it. Lines between two `|` lines are one cell; after the last `|`, one line."""
    cells, i = [lines[start].strip()], start + 1
    while i < len(lines) and _is_bar(lines[i]):
        j = i + 1
        while j < len(lines) and not _is_bar(lines[j]) and j - i <= MAX_STREAM_CELL_LINES:
            j += 1
        body = lines[i + 1 : j]
        one_cell = len(body) == 1 or not any(_SECTION_START.match(x.text) for x in body)
        if j < len(lines) and _is_bar(lines[j]) and one_cell:
            cells.append(Spanned.join("\n", (x.strip() for x in body)))
            i = j
        else:
            if i + 1 < len(lines):
                cells.append(lines[i + 1].strip())
            return cells, i + 2
    return cells, i


def _blocks(lines: list[Spanned]) -> list[Block]:
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if i + 1 < len(lines) and _is_bar(lines[i + 1]) and not _is_bar(lines[i]):
            cells, i = _stream(lines, i)
            blocks.append(_table([cells], stream=True))
            continue
        if not _is_table_line(lines[i]):
            line = lines[i].strip()
            if line.text:
                blocks.append(Paragraph(line.text, places=line.at))
            i += 1
            continue
        end = _region_end(lines, i)
        blocks.append(_table(_grid(lines[i:end])))
        i = end
    return blocks


def _region_end(lines: list[Spanned], start: int) -> int:
    """A table region runs over table lines, blank lines, and lines that continue a cell."""
    i = start
    while i < len(lines):
        line = lines[i]
        if _is_table_line(line) or not line.text.strip():
            i += 1
            continue
        previous = lines[i - 1]
        continues_cell = (_is_table_line(previous) or previous.text.strip()) and not _SECTION_START.match(line.text)
        if not continues_cell:
            break
        i += 1
    while i > start + 1 and not _is_table_line(lines[i - 1]) and not lines[i - 1].text.strip():
        i -= 1
    return i


def _grid(lines: list[Spanned]) -> list[list[Spanned]]:
    table_lines = [ln for ln in lines if _is_table_line(ln)]
    if any(_is_pipe_row(ln) and "\t" not in ln.text for ln in table_lines):
        return _pipe_rows(lines)
    cell_per_line = sum(1 for ln in table_lines if ln.text.startswith("\t") and ln.text.count("\t") == 1)
    if cell_per_line >= 0.8 * len(table_lines):
        return _cell_per_line_rows(lines)
    return _separated_rows(lines, "\t")


def _cell_per_line_rows(lines: list[Spanned]) -> list[list[Spanned]]:
    """Cells as lists of their lines, joined once at the end: appending to a string line by line was
    quadratic in the length of a cell."""
    rows: list[list[list[Spanned]]] = []
    row: list[list[Spanned]] = []
    for line in lines:
        if not line.text.strip() and not line.text.startswith("\t"):
            if row:
                rows.append(row)
            row = []
        elif line.text.startswith("\t"):
            row.append([line[1:]])
        elif row:
            row[-1].append(line)
        else:
            row.append([line])
    if row:
        rows.append(row)
    return [[Spanned.join("\n", cell) for cell in r] for r in rows]


def _separated_rows(lines: list[Spanned], sep: str) -> list[list[Spanned]]:
    return [line.split(sep) for line in lines if line.text.strip()]


def _pipe_rows(lines: list[Spanned]) -> list[list[Spanned]]:
    rows = []
    for line in lines:
        if not line.text.strip() or _PIPE_RULE.match(line.text):
            continue
        stripped = line.strip()
        if stripped.text.startswith("|"):
            stripped = stripped[1:]
        if stripped.text.endswith("|"):
            stripped = stripped[:-1]
        rows.append(stripped.split("|"))
    return rows
