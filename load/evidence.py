"""What the HTML report shows under a failing check (issue 24 item 2): the stored values of the cells the
check names, with where each is printed, and for a PDF (text or scanned) a small picture of the printed
region, so a reader compares the numbers with the page without opening the file.

The file is read again from its crawled folder (`documents.root` + `path`); a file gone, unreadable or
changed since it was loaded (its sha256 is no longer the report_id) gets one line saying so instead of a
picture, never a picture of other bytes. Pictures are bounded, so the page stays small: at most
MAX_PER_REPORT per report and MAX_PICTURES per page (each at most crops.MAX_PX), the rest say so.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb
from pypdfium2 import PdfiumError

from load import crops
from load.show import NotFound, ReportRef, ShownCell, cells_at, find_report

MAX_PICTURES = 40  # pictures on one page (each a PNG of at most crops.MAX_PX, ~5-40 KB)
MAX_PER_REPORT = 5  # pictures of one report
MAX_CELLS = 30  # stored values listed under one check


@dataclass(frozen=True, slots=True)
class Evidence:
    """A failing check's drill-down: `cells` (the stored values it names, at most MAX_CELLS, in printed
    order; `n_cells` in all), `picture` (a PNG data URI of the printed region on `page`, or None), `alt`
    (the picture's text), `note` (one line said instead of a picture, or None)."""

    cells: tuple[ShownCell, ...]
    n_cells: int
    page: int | None = None
    picture: str | None = None
    alt: str = ""
    note: str | None = None


class EvidenceMaker:
    """Evidence for the checks of one page, in the order asked, within the page's picture budget; a
    report's cells are read, and its file, once for a row of checks of that report."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, max_pictures: int = MAX_PICTURES, max_per_report: int = MAX_PER_REPORT
    ) -> None:
        self.con = con
        self.max_pictures, self.max_per_report = max_pictures, max_per_report
        self.drawn: dict[str, int] = {}
        self._file: tuple[str, bytes | str] | None = None  # (report_id, the file's bytes or why not)
        self._report: tuple[str, ReportRef | None, list[ShownCell]] | None = None  # the last report's cells

    def __call__(
        self, report_id: str, table: str | None, row: str | None, col: str | None, page: int | None
    ) -> Evidence | None:
        """The evidence of a check on (`table`, `row`, `col`; None: every) of `report_id`, its picture on
        `page` (the check's page, v_check_failures.page). None when it names no table or no cell was read
        there (nothing to show: e.g. a table not found)."""
        if table is None:
            return None
        if self._report is None or self._report[0] != report_id:  # the checks of a report come together
            try:
                ref: ReportRef | None = find_report(self.con, report_id)
            except NotFound:
                ref = None
            self._report = (report_id, ref, cells_at(self.con, report_id, None, None, None))
        _rid, ref, every = self._report
        cells = [c for c in every if c.table_code == table and row in (None, c.row_code) and col in (None, c.col_code)]
        if not cells:
            return None
        listed = tuple(cells[:MAX_CELLS])
        boxes = [(c.x0, c.top, c.x1, c.bottom) for c in cells if c.page == page and c.x0 is not None]
        if ref is None or ref.format != "pdf" or page is None:
            return Evidence(listed, len(cells))  # DOCX, HTML, text: the places in the list say where
        if not boxes:
            return Evidence(listed, len(cells), page, note="这些数字没有记录在页面上的位置，无法显示原件图像。")
        if sum(self.drawn.values()) >= self.max_pictures or self.drawn.get(report_id, 0) >= self.max_per_report:
            note = (
                f"原件图像已达上限（每份报告 {self.max_per_report} 张，全页 {self.max_pictures} 张），未显示；"
                f"`ogi show {report_id[:12]}` 列出位置。"
            )
            return Evidence(listed, len(cells), page, note=note)
        data = self._read(report_id, Path(ref.root or "") / ref.path)
        if isinstance(data, str):
            return Evidence(listed, len(cells), page, note=data)
        try:
            image, _region, _scale = crops.render_region(data, page, boxes)
        except (PdfiumError, IndexError) as exc:  # bytes pdfium cannot open, a page the file lacks
            return Evidence(listed, len(cells), page, note=f"原件第 {page} 页无法绘制：{exc}")
        self.drawn[report_id] = self.drawn.get(report_id, 0) + 1
        code = ".".join(x or "*" for x in (table, row, col))
        alt = f"原件 {ref.path} 第 {page} 页 {code} 的印刷区域"
        return Evidence(listed, len(cells), page, crops.png_data_uri(image), alt)

    def _read(self, report_id: str, file: Path) -> bytes | str:
        """The file's bytes if they are still the report's (sha256 = report_id), else the line to show."""
        if self._file is None or self._file[0] != report_id:
            self._file = (report_id, _bytes_of(report_id, file))
        return self._file[1]


def _bytes_of(report_id: str, file: Path) -> bytes | str:
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        return f"原件已不在 {file}，无法显示原件图像。"
    except OSError as exc:
        return f"原件 {file} 无法读取（{exc.strerror or exc}），无法显示原件图像。"
    if hashlib.sha256(data).hexdigest() != report_id:
        return f"原件 {file} 在入库后已改动（sha256 不同），不显示原件图像；重新 ogi ingest 后再生成报告。"
    return data
