"""Each property of office-made PDF and Word files (issue 13) on a generated report of its own
(tests/officegen.py), so every kind is read right in general, not only in the shared case file; and the
pure functions behind them on hand-made inputs."""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest

from extract import ExtractError, extract_bytes, pdfchars
from extract.model import Cell, Paragraph, Table
from extract.pdfchars import TextLayer, dedupe_chars, text_layer, visible_chars
from extract.pdfgeometry import Frame, open_side_edges, vertical_edge
from extract.splitrows import join_split_rows
from tests import officegen
from tests.docgen import scanned_pdf
from tests.helpers import rows
from tests.reportgen import sample_report
from transform.report import parse_report

REPORT = sample_report("示例县人民政府", 2023, seed=31)


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    return officegen.office_pdfs(REPORT)


DOCX = {
    "content_controls": officegen.content_controls_docx,
    "nested_table": officegen.nested_table_docx,
    "tracked_changes": officegen.tracked_changes_docx,
    "text_box": officegen.text_box_docx,
    "fields": officegen.fields_docx,
}


def assert_whole_report(extracted) -> None:
    report = parse_report(extracted)
    assert {(c.table_code, c.row_code, c.col_code): c.value for c in report.cells} == REPORT.values
    assert (report.status, report.agency_raw, report.year) == ("parsed", REPORT.agency_raw, REPORT.year)
    assert report.checks == ()
    assert [s.no for s in report.sections] == [1, 2, 3, 4, 5, 6]


def paragraphs(extracted) -> list[str]:
    """Paragraph texts without spaces (a PDF line has one where glyphs stand apart, as around digits)."""
    return [b.text.replace(" ", "") for b in extracted.blocks if isinstance(b, Paragraph)]


def cell_texts(extracted) -> list[str]:
    return [c.text for b in extracted.blocks if isinstance(b, Table) for row in b.rows for c in row]


# --- PDF ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["fake_bold", "open_sides", "sideways", "watermark", "split_row"])
def test_pdf_kind_reads_the_whole_report(pdfs, kind):
    assert_whole_report(extract_bytes(pdfs[kind], "pdf"))


@pytest.mark.parametrize("degrees", [90, 270])
def test_pages_with_rotate_read_in_their_text_direction(pdfs, degrees):
    assert_whole_report(extract_bytes(officegen.rotate_pages(pdfs["plain"], degrees), "pdf"))


def test_fake_bold_title_is_read_once(pdfs):
    texts = paragraphs(extract_bytes(pdfs["fake_bold"], "pdf"))
    assert texts[0] == REPORT.title
    assert "一、总体情况" in texts and "二、主动公开政府信息情况" in texts


def test_watermark_enters_neither_cells_nor_title(pdfs):
    """Tilted light 内部资料 across the page and the site name in light grey over the title: read as if
    the pages were not stamped."""
    marked, plain = (extract_bytes(pdfs[kind], "pdf") for kind in ("watermark", "plain"))
    assert marked.blocks == plain.blocks
    assert paragraphs(marked)[0] == REPORT.title


def test_sideways_table_reads_as_lines_not_single_characters(pdfs):
    extracted = extract_bytes(pdfs["sideways"], "pdf")
    labels = cell_texts(extracted)
    assert "一、本年新收政府信息公开申请数量" in [t.replace("\n", "") for t in labels]
    assert sum(len(t) == 1 for t in paragraphs(extracted)) <= 2  # (page numbers and the like)


def test_labels_turned_in_their_cells_read_in_their_direction(pdfs):
    """Group labels set in vertical text turned a quarter (btLr) inside an upright table."""
    extracted = extract_bytes(pdfs["turned_labels"], "pdf")
    labels = {t.replace("\n", "") for t in cell_texts(extracted)}
    assert {"三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"} <= labels
    report = parse_report(extracted)
    requests = {(c.row_code, c.col_code): c.value for c in report.cells if c.table_code == "requests"}
    assert requests == {(row, col): v for (t, row, col), v in REPORT.values.items() if t == "requests"}


def test_row_cut_by_page_break_is_one_row(pdfs):
    """LibreOffice cuts a tall row at the page end (the fixture must have one); the extractor joins it."""
    assert officegen.has_split_row(pdfs["split_row"])
    for block in extract_bytes(pdfs["split_row"], "pdf").blocks:
        if isinstance(block, Table) and len(block.rows[0]) >= 10:
            for row in block.rows:
                values = [c.text.strip() for c in row[-7:]]
                assert any(values) or not any(c.text.strip() for c in row[:-7]), [c.text for c in row]


def layers(data: bytes) -> set[TextLayer]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return {text_layer(visible_chars(page.chars)) for page in pdf.pages}


def test_pdf_without_unicode_map_goes_to_ocr(pdfs):
    """Every page of it is unreadable as text, so every page is read by OCR (the real case is, through
    ingest, in test_office_cases; OCR is not repeated here)."""
    assert layers(pdfs["no_unicode_map"]) == {TextLayer.UNREADABLE}


def test_text_layer_states():
    assert layers(scanned_pdf()) == {TextLayer.NONE}
    with pytest.raises(ExtractError, match=re.escape(pdfchars.NO_TEXT_REASON)):
        extract_bytes(scanned_pdf(), "pdf")
    ok = [{"text": t} for t in "示例县人民政府(cid:1)"]
    assert text_layer(ok) is TextLayer.USABLE
    assert text_layer([{"text": "(cid:12)"}] * 5 + [{"text": "1"}]) is TextLayer.UNREADABLE


def test_office_files_load_through_ingest(run_ingest, tmp_path, pdfs):
    root = tmp_path / "in"
    root.mkdir()
    for kind in ("fake_bold", "open_sides", "sideways", "watermark", "split_row"):
        (root / f"{kind}.pdf").write_bytes(pdfs[kind])
    for kind, make in DOCX.items():
        (root / f"{kind}.docx").write_bytes(make(REPORT))
    _summary, db = run_ingest(root)
    status = dict(rows(db, "SELECT path, status FROM documents"))
    assert set(status.values()) == {"parsed"}
    counts = rows(
        db,
        "SELECT d.path, count(c.value), sum(c.value) FROM documents d "
        "JOIN cells c ON c.report_id = d.doc_id GROUP BY ALL",
    )
    assert {p: (n, s) for p, n, s in counts} == {
        p: (len(REPORT.values), pytest.approx(sum(REPORT.values.values()))) for p in status
    }
    assert rows(db, "SELECT count(*) FROM checks") == [(0,)]


# --- Word --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", sorted(DOCX))
def test_docx_kind_reads_the_whole_report(kind):
    extracted = extract_bytes(DOCX[kind](REPORT), "docx")
    assert_whole_report(extracted)
    assert paragraphs(extracted)[0] == REPORT.title


def test_tracked_changes_read_as_printed():
    extracted = extract_bytes(officegen.tracked_changes_docx(REPORT), "docx")
    requests = [b for b in extracted.blocks if isinstance(b, Table)][1]
    assert len(requests.rows) == 3 + 25  # three header rows and the 25 rows of the format, no deleted copy
    assert str(REPORT.year - 1) not in paragraphs(extracted)[0]
    assert not [t for t in paragraphs(extracted) if "移到别处" in t]


# --- pure functions ----------------------------------------------------------------------------------
def char(text="字", x0=100.0, top=100.0, size=12.0, matrix=(1, 0, 0, 1, 0, 0), color=(0,), font="F1") -> dict:
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + size,
        "top": top,
        "bottom": top + size,
        "size": size,
        "fontname": font,
        "matrix": matrix,
        "upright": matrix[1] == 0,
        "non_stroking_color": color,
    }


def test_dedupe_drops_a_glyph_drawn_again_nearby_only():
    title = [char(t, 100 + 18 * i, size=18) for i, t in enumerate("年度报告")]
    again = [{**c, "x0": c["x0"] + 0.4, "x1": c["x1"] + 0.4} for c in title]
    kept = dedupe_chars([*title, *again, char("年", 100, 300, size=18), char("年", 118.5, 100, size=18)])
    assert [c["text"] for c in kept] == ["年", "度", "报", "告", "年", "年"]
    assert kept[:4] == title


def test_watermarks_are_not_visible_text():
    body = [char(t, 100 + 12 * i) for i, t in enumerate("本年度新收申请")]
    tilted = char("内", matrix=(0.7, 0.7, -0.7, 0.7, 0, 0), size=40)
    light = char("网", color=(0.9, 0.9, 0.9))
    light_cmyk = char("网", color=(0, 0, 0, 0.1))
    large = char("密", x0=90, top=80, size=60, color=(0.3,))  # drawn over the body text
    title = char("年", x0=100, top=300, size=60)  # as large, standing clear: a cover page's title
    sideways = char("表", matrix=(0, 1, -1, 0, 0, 0))
    assert visible_chars([*body, tilted, light, light_cmyk, large, sideways, title]) == [*body, sideways, title]
    white_on_dark = char("表", color=(1, 1, 1))
    header = {"x0": 90, "x1": 200, "top": 90, "bottom": 120, "fill": True, "non_stroking_color": (0.1, 0.2, 0.5)}
    pale = {**header, "non_stroking_color": (0.95,)}
    assert visible_chars([white_on_dark], backgrounds=pdfchars.dark_fills([header, pale])) == [white_on_dark]
    assert visible_chars([white_on_dark], backgrounds=pdfchars.dark_fills([pale])) == []
    assert [pdfchars.rotation(c) for c in (body[0], sideways, char(matrix=(-1, 0, 0, -1, 0, 0)), tilted)] == [
        0,
        90,
        180,
        None,
    ]


def test_frames_turn_text_to_read_left_to_right():
    page = Frame(90, 612, 792)  # written upwards: successive glyphs have smaller tops
    first, second = (page.char(char(t, 80, top)) for t, top in (("三", 700), ("、", 688)))
    assert first["x0"] < second["x0"] and first["top"] == second["top"]
    down = Frame(270, 612, 792)
    first, second = (down.char(char(t, 80, top)) for t, top in (("三", 100), ("、", 112)))
    assert first["x0"] < second["x0"] and first["top"] == second["top"]
    edge = {"object_type": "line_edge", "orientation": "v", "x0": 50, "x1": 50, "top": 10, "bottom": 90}
    assert page.edge(edge)["orientation"] == "h"


def h(x0, x1, top):
    return {
        "object_type": "line_edge",
        "orientation": "h",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": top,
        "width": x1 - x0,
    }


def test_open_sides_are_closed_over_table_rows_only():
    rules = [h(85, 517, t) for t in (100, 120, 140, 160)] + [h(85, 517, 300), h(85, 517, 320)]
    inner = [vertical_edge(200, 100, 160), vertical_edge(300, 100, 160), vertical_edge(200, 300, 320)]
    added = {(e["x0"], e["top"], e["bottom"]) for e in open_side_edges(rules, inner)}
    assert added == {(85, 100, 160), (517, 100, 160), (85, 300, 320), (517, 300, 320)}  # not over 160–300
    assert open_side_edges(rules[:4], [*inner, vertical_edge(85, 100, 160), vertical_edge(517, 100, 160)]) == []


def grid(rows_: list[list[str]], page: int) -> Table:
    return Table(tuple(tuple(Cell(t, page) for t in r) for r in rows_))


def test_row_cut_by_a_page_break_is_joined():
    cols = (0.0, 100.0, 200.0, 250.0, 300.0)
    top = grid([["（一）予以公开", "", "5", "5"], ["（二）部分公开（区分处理的，只", "", "1", "1"]], 1)
    rest = grid([["计这一情形，不计其他情形）", "", "", ""], ["（三）不予公开", "", "2", "2"]], 2)
    blocks = join_split_rows([[(top, cols)], [(rest, cols)]])
    assert [[c.text for c in r] for b in blocks for r in b.rows] == [
        ["（一）予以公开", "", "5", "5"],
        ["（二）部分公开（区分处理的，只\n计这一情形，不计其他情形）", "", "1", "1"],
        ["（三）不予公开", "", "2", "2"],
    ]


@pytest.mark.parametrize(
    "first",
    [
        ["（三）不予公开", "", "", ""],  # a new numbered item with blank values
        ["其他情形）", "", "/", ""],  # a printed mark: a row of its own
        ["", "", "", ""],  # nothing to join
        ["信息内容", "", "本年处理决定数量", "总计"],  # a header row repeated on the new page
    ],
)
def test_a_new_row_at_the_top_of_a_page_stays_a_row(first):
    cols = (0.0, 100.0, 200.0, 250.0, 300.0)
    top = grid([["（二）部分公开", "", "1", "1"]], 1)
    rest = grid([first, ["（四）无法提供", "", "2", "2"]], 2)
    blocks = join_split_rows([[(top, cols)], [(rest, cols)]])
    assert [len(b.rows) for b in blocks] == [1, 2]


def test_title_in_chinese_numerals_reaches_transform_intact():
    """A title with the year in Chinese numerals (transform reads the year): on two lines in fake bold
    under a watermark in a PDF, in a text box in a Word file; it comes out as printed."""
    two_lines = sample_report("示例县人民政府", 2023, seed=32)
    two_lines.title_lines = ("示例县人民政府", "二〇二三年度政府信息公开工作年度报告")
    one_line = sample_report("示例县人民政府", 2023, seed=32)
    one_line.title_lines = ("".join(two_lines.title_lines),)
    pdf = officegen.docx_to_pdf({"t": officegen.save(officegen.report_docx(two_lines, emphasis=True))})["t"]
    assert paragraphs(extract_bytes(officegen.watermark(officegen.fake_bold(pdf)), "pdf"))[:2] == list(
        two_lines.title_lines
    )
    assert paragraphs(extract_bytes(officegen.text_box_docx(one_line), "docx"))[0] == one_line.title
