"""The intermediate model every extractor returns: paragraphs and table grids in reading order.

Extractors know file formats; `transform/` knows the report format. This module is the only thing
they share, so it stays small and format-agnostic.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Place:
    """Where a cell's text is printed in its file (issue 24; FORMAT.md §8 `cells`), as a reader would find
    it again. Each source fills what it has, the rest stays None:

    - PDF text and OCR: `x0, top, x1, bottom`, the box of the printed text on its page, in PDF points
      with pdfplumber's names and origin (top-left of the page; y grows downwards). OCR boxes are mapped
      back from image pixels to points. The page number is `Cell.page`.
    - DOCX and HTML tables: `grid_table, grid_row, grid_col`, 1-based: the n-th table of the file, the
      row within it and the cell within that row, as the file's own markup counts them (`w:tbl`/`w:tr`/
      `w:tc`; `<table>`/`<tr>`/`<td|th>`), before merged cells are expanded: every position of a merged
      cell names the cell that prints its text (the `w:tc` with the gridSpan or where the vMerge
      starts; the `<td>` with the colspan or rowspan).
      DOCX: every `w:tbl` of word/document.xml in document order (XPath `(//w:tbl)[n]`): tables nested
      in cells and the layout tables around them, those in content controls or text boxes (and Word's
      VML copy of a text box) all count. A table's rows are the `w:tr` whose nearest `w:tbl` it is, a
      row's cells the `w:tc` whose nearest `w:tr` it is (content controls and custom XML around them
      seen through; tracked-deleted rows and cells count, though they are not read). Positions before a
      row's first cell (`w:gridBefore`) have no `w:tc`: no place. A legacy .doc/.wps/.rtf is counted in
      the DOCX that LibreOffice converts it to, which is what ogi reads (`soffice --convert-to docx`).
      HTML and MHT: the n-th `<table>` element of the page as lxml.html parses it, in document order
      (layout tables around the data tables count), its n-th `<tr>` (thead, tbody, tfoot alike), that
      row's n-th `<td>`/`<th>`; `line` is the line where that cell's start tag ends (lxml `sourceline`)
      in the decoded page (an MHT's HTML part after its transfer encoding), lines ended by LF, CRLF or
      CR; None past line 65,535, where libxml2 stops counting, and for a page nested too deep that is
      read without its inline tags when one of them spanned lines. `char_start`/`char_end` stay None.
    - Text (TXT, Markdown, HTML source): `line` (1-based, in the decoded file) and `char_start`,
      `char_end` (0-based, end exclusive: Python slice) of the printed text within that line.
    """

    x0: float | None = None
    top: float | None = None
    x1: float | None = None
    bottom: float | None = None
    grid_table: int | None = None
    grid_row: int | None = None
    grid_col: int | None = None
    line: int | None = None
    char_start: int | None = None
    char_end: int | None = None


# The columns a Place becomes in `cells`, in order (sql/tables/040_cells.sql, migration 008).
PLACE_FIELDS: tuple[str, ...] = Place.__slots__


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of body text (a line, a paragraph, a heading). `places`: where each character of `text`
    is printed (one `Place` per character, None for a character the extractor added, such as a space
    for a gap between PDF characters), so a table read out of the paragraph (transform.tables) can say
    where each value is printed; empty when the extractor cannot say (`extract.places.union` joins them)."""

    text: str
    page: int | None = None
    places: tuple[Place | None, ...] = ()


@dataclass(frozen=True, slots=True)
class Cell:
    """One grid position. Merged cells are expanded so each position carries the merged cell's text;
    `merged_left` marks a position that continues the cell on its left (a horizontal span), so a number
    printed once in a wide cell is not read as several. `confidence` is the OCR recogniser's score (0-1,
    the lowest of the text boxes in the cell) when the cell was read from an image; None for text.
    `place`: where the text is printed (`Place`); None when the extractor cannot say."""

    text: str
    page: int | None = None
    merged_left: bool = False
    confidence: float | None = None
    place: Place | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """A grid of cells. Rows may differ in length: flattened dumps lose the column structure. `stream`:
    the source printed no row delimiters, so `rows` holds one row with every cell in reading order."""

    rows: tuple[tuple[Cell, ...], ...]
    stream: bool = False


Block = Paragraph | Table


# What a web page says about itself outside the report body (`PageField.kind`): kept for the report's
# identity (transform/identity), never put into the body's paragraphs, so no section text holds it.
PAGE_TITLE = "title"  # the page's <title> part that names the report, a portal's `ArticleTitle` meta tag
PAGE_SITE = "site"  # the site: `SiteName` meta tag, the other parts of <title> (XX县人民政府, 中国政府网)
PAGE_COLUMN = "column"  # the column the page is filed under: `ColumnName` meta tag
PAGE_SOURCE = "source"  # who supplied the content: `ContentSource` meta tag (文章来源; often the agency)
PAGE_HEADER = "header"  # a text line printed before the report begins: breadcrumb, 来源 / 发布机构 / 发布时间
PAGE_FOOTER = "footer"  # a text line printed below the body: 主办 / 承办 / 版权所有 …


@dataclass(frozen=True, slots=True)
class PageField:
    """One thing a saved web page prints about itself outside the report body, as printed: `kind` one of
    the PAGE_* kinds above. Meta tags are those of the national government-website specification (政府网站发展指引,
    国办发〔2017〕47号: SiteName, ColumnName, ArticleTitle, ContentSource …); a publication date (PubDate) is
    never kept: it is not the year reported on."""

    kind: str
    text: str


# How the text of a file was obtained (`documents.extraction`): from the file's own text, by OCR of
# images only, or both (some pages or tables were images).
EXTRACTION_TEXT, EXTRACTION_OCR, EXTRACTION_MIXED = "text", "ocr", "mixed"


@dataclass(frozen=True, slots=True)
class Extracted:
    """What an extractor made of one file. `page`: what a web page prints about itself outside the
    report body (`PageField`; empty for other formats, whose every line is in `blocks`)."""

    blocks: tuple[Block, ...]
    encoding: str | None = None
    pages: int | None = None
    warnings: tuple[str, ...] = field(default=())
    extraction: str = EXTRACTION_TEXT
    page: tuple[PageField, ...] = field(default=())


def extraction_of(text_parts: int, ocr_parts: int) -> str:
    """`text`, `ocr` or `mixed` from how many parts (pages, tables) were read each way."""
    if not ocr_parts:
        return EXTRACTION_TEXT
    return EXTRACTION_MIXED if text_parts else EXTRACTION_OCR


class ExtractError(Exception):
    """The file cannot be read; the message is the reason recorded in `documents.error`."""

    def __init__(self, reason: str, status: str = "failed") -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


def table(rows: list[list[str]], page: int | None = None, stream: bool = False) -> Table:
    """Build a Table from plain strings, without places (used by tests)."""
    return Table(tuple(tuple(Cell(text, page) for text in row) for row in rows), stream)
