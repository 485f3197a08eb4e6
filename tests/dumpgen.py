"""Reports as they come out of tools that lose the table grid, rendered from a known SampleReport:

- `one_cell_per_line`: a web page saved as text with every cell on its own line between blank lines
  (no row delimiters, merged positions print nothing);
- `pdf_text_dump`: a PDF-to-text converter's output: a banner `Page N - <file>` at every page break, a
  table row per line with its cells separated by spaces, long row labels wrapped onto the line above
  their numbers, and column headers printed vertically (one character per line, so each line holds
  one character of every column: `结 结 其 尚 总`);
- `cut`: a page saved cut short after a given number of characters.
"""

from __future__ import annotations

from tests.reportgen import (
    ACTIVE_BLOCKS,
    REQUEST_LAYOUTS,
    SECTION_TEXT,
    SampleReport,
    document,
    flat,
)
from transform import vocabulary as v

REQUEST_HEADS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
OUTCOME_HEADS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
WRAP = 18  # a label longer than this wraps onto the line above its numbers
LINES_PER_PAGE = 14


def one_cell_per_line(r: SampleReport) -> str:
    parts: list[str] = []
    for block in document(r):
        if isinstance(block, str):
            parts.append(block)
        else:
            parts.extend(cell for row in flat(block) for cell in row if cell)
    return "\n\n".join(parts) + "\n"


def _vertical(heads: tuple[str, ...]) -> list[str]:
    """Column headers printed one character per line: line i holds the i-th character of each."""
    return [" ".join(h[i] for h in heads if i < len(h)) for i in range(max(map(len, heads)))]


def _row(label: str, values: list[str]) -> list[str]:
    if len(label) <= WRAP:
        return [f"{label} {' '.join(values)}"]
    return [label[:WRAP], f"{label[WRAP:]} {' '.join(values)}"]


def _active(r: SampleReport) -> list[str]:
    lines = []
    for caption, heads, rows, cols in ACTIVE_BLOCKS[r.fmt]:
        lines += [caption, "信息内容 " + " ".join(heads)]
        for label, code in rows:
            lines += _row(label, [r.printed(("active", code, c)) for c in cols])
    return lines


def _requests(r: SampleReport) -> list[str]:
    lines = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况", "法人或其他组织"]
    lines += _vertical(REQUEST_HEADS)
    for l1, l2, l3, code in REQUEST_LAYOUTS[r.fmt]:
        label = " ".join(x for x in (l1, l2, l3) if x)
        lines += _row(label, [r.printed(("requests", code, c)) for c in v.REQUEST_COLS])
    return lines


def _review(r: SampleReport) -> list[str]:
    lines = ["行政复议 行政诉讼", "未经复议直接起诉 复议后起诉", *_vertical(OUTCOME_HEADS * 3)]
    values = [r.printed(("review_litigation", row, col)) for row in v.REVIEW_ROWS for col in v.REVIEW_COLS]
    return [*lines, " ".join(values)]


def pdf_text_dump(r: SampleReport, file_label: str) -> str:
    """The report as a PDF-to-text dump: see the module docstring. Every value is printed exactly."""
    body = [
        r.title,
        f"根据《中华人民共和国政府信息公开条例》，现公布{r.agency_raw}{r.year}年政府信息公开工作年度报告。",
        "一、总体情况",
        *SECTION_TEXT[1].splitlines(),
        "二、主动公开政府信息情况",
        *_active(r),
        "三、收到和处理政府信息公开申请情况",
        *_requests(r),
        "四、政府信息公开行政复议、行政诉讼情况",
        *_review(r),
        "五、存在的主要问题及改进情况",
        *SECTION_TEXT[5].splitlines(),
        "六、其他需要报告的事项",
        SECTION_TEXT[6],
    ]
    out = []
    for i, line in enumerate(body):
        if i and i % LINES_PER_PAGE == 0:
            out.append(f"Page {i // LINES_PER_PAGE + 1} - {file_label}")
        out.append(line)
    return "\n".join(out) + "\n"


def cut(text: str, marker: str, keep: int) -> str:
    """The text cut short `keep` characters after the first `marker` (a page saved at about 2 KB)."""
    return text[: text.index(marker) + keep]
