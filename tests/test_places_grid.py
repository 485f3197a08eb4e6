"""Cell places in Word and HTML tables (issue 24 item 1; extract.model.Place): every cell of an extracted
table names the table, row and cell of the file's own markup that prints it, and an HTML cell the line of
its <td>. Checked against the files as python-docx (its XML) and lxml.html read them, not through our
reader: the markup cell at (grid_table, grid_row, grid_col) holds the cell's text, and a merged cell's
positions all name the cell that prints the text."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import docx
import lxml.html
import pytest
from docx.oxml.ns import qn

from extract.docx import extract_docx
from extract.html import extract_html
from extract.model import Cell, Table
from tests.docgen import to_html, to_template_docx, word_mht
from tests.officegen import content_controls_docx, nested_table_docx, tracked_changes_docx
from tests.reportgen import sample_report

CASES = Path(__file__).resolve().parents[2] / "shared" / "cases"
_TBL, _TR, _TC, _T = qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:t")


def _bare(text: str) -> str:
    return re.sub(r"\s", "", text)


def _tables(blocks) -> list[Table]:
    tables = [b for b in blocks if isinstance(b, Table)]
    assert len(tables) >= 3, "the three standard tables"
    return tables


def _positions(tables: list[Table]) -> list[tuple[Cell, Cell | None]]:
    """Every position with the position above it (None in the first row or past the row above's end)."""
    found = []
    for table in tables:
        for i, row in enumerate(table.rows):
            above = table.rows[i - 1] if i else ()
            found.extend((cell, above[j] if j < len(above) else None) for j, cell in enumerate(row))
    return found


def _row_number(row: tuple[Cell, ...]) -> int:
    """The markup row a grid row was read from: its cells' own row (vertically merged ones name an earlier)."""
    return max(c.place.grid_row for c in row)


def _assert_merges_name_the_printing_cell(tables: list[Table]) -> None:
    """A position continuing the cell on its left names that cell; one naming an earlier row than its
    own continues the cell above (a vertical merge names the cell where it starts)."""
    for table in tables:
        for i, row in enumerate(table.rows):
            for j, cell in enumerate(row):
                if cell.merged_left:
                    assert cell.place == row[j - 1].place
                if cell.place.grid_row != _row_number(row):
                    assert i and cell.place == table.rows[i - 1][j].place, (cell.place, cell.text)


# --- Word ----------------------------------------------------------------------------------------------
def _own(el, tag: str, parent) -> bool:
    """Whether `parent` is the nearest `tag` around `el` (a row's cells, not those of a table nested in it)."""
    return next(el.iterancestors(tag)) is parent


def _word_cell(body, table: int, row: int, col: int):
    """The w:tc at a place: the n-th w:tbl of the document, the n-th w:tr whose nearest table it is, the
    n-th w:tc whose nearest row that is (content controls and custom XML around rows and cells seen through)."""
    tbl = body.xpath(".//w:tbl")[table - 1]
    tr = [tr for tr in tbl.iter(_TR) if _own(tr, _TBL, tbl)][row - 1]
    return [tc for tc in tr.iter(_TC) if _own(tc, _TR, tr)][col - 1]


def _word_text(tc) -> str:
    return _bare("".join(t.text or "" for t in tc.iter(_T)))


def _assert_word_places(data: bytes) -> list[Table]:
    body = docx.Document(io.BytesIO(data)).element.body
    tables = _tables(extract_docx(data).blocks)
    for cell, _above in _positions(tables):
        place = cell.place
        assert place is not None and None not in (place.grid_table, place.grid_row, place.grid_col), cell
        tc = _word_cell(body, place.grid_table, place.grid_row, place.grid_col)
        assert _word_text(tc) == _bare(cell.text), (place, cell.text)
        merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        assert merge is None or merge.get(qn("w:val")) == "restart", f"{place} is a vMerge continuation"
    _assert_merges_name_the_printing_cell(tables)
    return tables


def _merges(tables: list[Table]) -> tuple[int, int]:
    """(horizontal, vertical) merged positions: those naming the cell on their left / above."""
    horizontal = vertical = 0
    for cell, above in _positions(tables):
        horizontal += cell.merged_left
        vertical += above is not None and cell.place == above.place
    return horizontal, vertical


@pytest.mark.parametrize(
    "make",
    [to_template_docx, content_controls_docx, nested_table_docx, tracked_changes_docx],
    ids=["official-template", "content-controls", "nested-table", "tracked-changes"],
)
def test_word_cells_name_the_markup_cell_that_prints_them(make):
    tables = _assert_word_places(make(sample_report(seed=24)))
    horizontal, vertical = _merges(tables)
    assert horizontal > 5 and vertical > 5, "merged cells (gridSpan and vMerge) were checked"


def test_word_tables_are_counted_nested_ones_too():
    """A layout table around each data table counts: the data tables are the 2nd, 4th and 6th w:tbl."""
    tables = _assert_word_places((CASES / "docx-nested-table.docx").read_bytes())
    assert [t.rows[0][0].place.grid_table for t in tables] == [2, 4, 6]


@pytest.mark.parametrize("name", ["docx-nested-table", "docx-content-control-cells"])
def test_word_cases_name_their_cells(name):
    _assert_word_places((CASES / f"{name}.docx").read_bytes())


def test_word_deleted_rows_are_counted_but_not_read():
    """The requests table has a tracked-deleted row after its 6th: the rows after it are one further on."""
    data = tracked_changes_docx(sample_report(seed=24))
    requests = _tables(extract_docx(data).blocks)[1]
    assert [_row_number(row) for row in requests.rows[5:8]] == [6, 8, 9]


# --- HTML ----------------------------------------------------------------------------------------------
def _lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


def _html_cell(root, table: int, row: int, col: int):
    """The <td>/<th> at a place, as lxml.html parses the page: the n-th <table>, its n-th <tr>, that
    row's n-th cell."""
    tr = list(list(root.iter("table"))[table - 1].iter("tr"))[row - 1]
    return [td for td in tr if td.tag in ("td", "th")][col - 1]


def _assert_html_places(data: bytes, text: str, one_cell_a_line: bool) -> list[Table]:
    """`text`: the page as decoded (for an MHT, its HTML part); `one_cell_a_line`: each <td> starts a
    line of its own, so the line must hold exactly that cell."""
    root = lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", text))
    lines = _lines(text)
    tables = _tables(extract_html(data).blocks)
    for cell, _above in _positions(tables):
        place = cell.place
        assert place is not None and None not in (place.grid_table, place.grid_row, place.grid_col, place.line)
        assert _bare(_html_cell(root, place.grid_table, place.grid_row, place.grid_col).text_content()) == _bare(
            cell.text
        ), (place, cell.text)
        line = lines[place.line - 1]
        printed = _bare(html.unescape(re.sub(r"<[^>]*>", "", line.split("</td>")[0] if one_cell_a_line else line)))
        if one_cell_a_line:
            assert re.match(r"\s*<t[dh][\s>]", line) and printed == _bare(cell.text), (place, line)
        else:
            assert _bare(cell.text) in printed, (place, line)
    _assert_merges_name_the_printing_cell(tables)
    return tables


def _cell_a_line(page: bytes, end: bytes = b"\n") -> bytes:
    return page.replace(b"<tr>", end + b"<tr>").replace(b"<td", end + b"<td")


@pytest.mark.parametrize(
    "end,declaration",
    [(b"\n", b""), (b"\r\n", b'\r\n<?xml version="1.0"\r\n encoding="utf-8"?>\r\n'), (b"\r", b"")],
    ids=["lf", "crlf-xml-declaration", "cr"],
)
def test_html_cells_name_their_td_and_its_line(end, declaration):
    data = declaration + _cell_a_line(to_html(sample_report(seed=24)), end)
    tables = _assert_html_places(data, data.decode("utf-8"), one_cell_a_line=True)
    horizontal, vertical = _merges(tables)
    assert horizontal > 5 and vertical > 5, "merged cells (colspan and rowspan) were checked"
    assert len({c.place.line for t in tables for row in t.rows for c in row}) > 100


def test_html_cells_on_one_line_share_it():
    """The generator's page prints its body on one line: every cell's line is that line."""
    data = to_html(sample_report(seed=24))
    tables = _assert_html_places(data, data.decode("utf-8"), one_cell_a_line=False)
    body = [n for n, line in enumerate(_lines(data.decode("utf-8")), 1) if "<table" in line]
    assert {c.place.line for t in tables for row in t.rows for c in row} == set(body) and len(body) == 1


def test_mht_cells_name_lines_of_the_html_part():
    page = _cell_a_line(to_html(sample_report(seed=24))).decode("utf-8")
    _assert_html_places(word_mht(page, "gb18030", "quoted-printable"), page, one_cell_a_line=True)


def test_html_case_names_its_cells():
    data = (CASES / "html-zero-width-space.html").read_bytes()
    tables = _assert_html_places(data, data.decode("utf-8"), one_cell_a_line=False)
    assert [t.rows[0][0].place.grid_table for t in tables] == [1, 2, 3]


def _wrapped(page: bytes, before: str, after: str) -> bytes:
    """The page with its body's content between `before` and `after`."""
    text = page.decode("utf-8")
    start, end = text.index("<body>") + len("<body>"), text.index("</body>")
    return (text[:start] + before + text[start:end] + after + text[end:]).encode("utf-8")


def test_html_too_deep_for_the_parser_keeps_its_lines_when_the_tags_cut_held_none():
    """Formatting left open 3,000 times over is read without it (extract.html): the lines stay exact when
    no cut tag spanned a line end, and are not given when one did; the grid is given either way."""
    page = _cell_a_line(to_html(sample_report(seed=24)))
    data = _wrapped(page, "<font>" * 3000, "</font>" * 3000)
    _assert_html_places(data, page.decode("utf-8"), one_cell_a_line=True)  # the same lines, checked unwrapped
    cells = [
        c
        for t in _tables(extract_html(_wrapped(page, '<font\nface="宋体">' * 3000, "")).blocks)
        for r in t.rows
        for c in r
    ]
    assert {c.place.line for c in cells} == {None} and None not in {c.place.grid_col for c in cells}


def test_html_lines_past_libxml2s_count_are_not_given():
    """libxml2 keeps an element's line in 16 bits: a cell starting past line 65,535 gets no line."""
    data = _wrapped(_cell_a_line(to_html(sample_report(seed=24))), "<p>注</p>\n" * 65_600, "")
    cells = [c for t in _tables(extract_html(data).blocks) for r in t.rows for c in r]
    assert {c.place.line for c in cells} == {None} and None not in {c.place.grid_col for c in cells}
