"""Generate realistic annual reports with known values, as grids, and render them as text files.

Values are random but satisfy every identity of FORMAT.md §6 unless a test breaks one on purpose, and
every cell is non-zero so a value landing in the wrong column cannot go unnoticed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from transform import vocabulary as v

Key = tuple[str, str, str]

ACTIVE_BLOCKS_V2021 = (
    (
        "第二十条第（一）项",
        ("本年制发件数", "本年废止件数", "现行有效件数"),
        (("规章", "regulations"), ("行政规范性文件", "normative_documents")),
        ("issued", "repealed", "in_force"),
    ),
    ("第二十条第（五）项", ("本年处理决定数量",), (("行政许可", "licensing"),), ("decisions",)),
    (
        "第二十条第（六）项",
        ("本年处理决定数量",),
        (("行政处罚", "punishment"), ("行政强制", "coercion")),
        ("decisions",),
    ),
    ("第二十条第（八）项", ("本年收费金额（单位：万元）",), (("行政事业性收费", "fees"),), ("amount",)),
)

# Requests rows as the template prints them: (level-1, level-2, level-3 label, code)
REQUEST_LAYOUT = (
    ("一、本年新收政府信息公开申请数量", "", "", "new_received"),
    ("二、上年结转政府信息公开申请数量", "", "", "carried_over"),
    ("三、本年度办理结果", "（一）予以公开", "", "granted"),
    ("", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "", "partially_granted"),
    ("", "（三）不予公开", "1.属于国家秘密", "denied_state_secret"),
    ("", "", "2.其他法律行政法规禁止公开", "denied_prohibited_by_law"),
    ("", "", "3.危及“三安全一稳定”", "denied_three_safeties"),
    ("", "", "4.保护第三方合法权益", "denied_third_party"),
    ("", "", "5.属于三类内部事务信息", "denied_internal_affairs"),
    ("", "", "6.属于四类过程性信息", "denied_process_info"),
    ("", "", "7.属于行政执法案卷", "denied_enforcement_file"),
    ("", "", "8.属于行政查询事项", "denied_inquiry"),
    ("", "（四）无法提供", "1.本机关不掌握相关政府信息", "unable_not_held"),
    ("", "", "2.没有现成信息需要另行制作", "unable_needs_creation"),
    ("", "", "3.补正后申请内容仍不明确", "unable_unclear"),
    ("", "（五）不予处理", "1.信访举报投诉类申请", "not_processed_petition"),
    ("", "", "2.重复申请", "not_processed_repeat"),
    ("", "", "3.要求提供公开出版物", "not_processed_publication"),
    ("", "", "4.无正当理由大量反复申请", "not_processed_excessive"),
    ("", "", "5.要求行政机关确认或重新出具已获取信息", "not_processed_confirmation"),
    (
        "",
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "other_no_correction",
    ),
    ("", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other_no_fee"),
    ("", "", "3.其他", "other_other"),
    ("", "（七）总计", "", "total_handled"),
    ("四、结转下年度继续办理", "", "", "carried_forward"),
)
ACTIVE_BLOCKS_V2019 = (
    (
        "第二十条第（一）项",
        ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        (("规章", "regulations"), ("规范性文件", "normative_documents")),
        ("made", "published", "total_published"),
    ),
    (
        "第二十条第（五）项",
        ("上一年项目数量", "本年增/减", "处理决定数量"),
        (("行政许可", "licensing"), ("其他对外管理服务事项", "other_services")),
        ("prev_items", "change", "decisions"),
    ),
    (
        "第二十条第（六）项",
        ("上一年项目数量", "本年增/减", "处理决定数量"),
        (("行政处罚", "punishment"), ("行政强制", "coercion")),
        ("prev_items", "change", "decisions"),
    ),
    ("第二十条第（八）项", ("上一年项目数量", "本年增/减"), (("行政事业性收费", "fees"),), ("prev_items", "change")),
    (
        "第二十条第（九）项",
        ("采购项目数量", "采购总金额"),
        (("政府集中采购", "procurement"),),
        ("proc_items", "proc_amount"),
    ),
)
# v2019 (and hybrid) print （六）其他处理 as one row instead of three sub-rows.
_SINGLE_OTHER = ("", "（六）其他处理", "", "other_total")
REQUEST_LAYOUTS = {
    "v2021": REQUEST_LAYOUT,
    "v2019": (*REQUEST_LAYOUT[:20], _SINGLE_OTHER, *REQUEST_LAYOUT[-2:]),
}
REQUEST_LAYOUTS["hybrid"] = REQUEST_LAYOUTS["v2019"]
ACTIVE_BLOCKS = {"v2021": ACTIVE_BLOCKS_V2021, "v2019": ACTIVE_BLOCKS_V2019, "hybrid": ACTIVE_BLOCKS_V2021}
PARTS_COLS = v.REQUEST_COLS[:-1]


@dataclass
class SampleReport:
    agency_raw: str
    year: int
    values: dict[Key, float] = field(default_factory=dict)
    title_lines: tuple[str, ...] = ()
    fmt: str = "v2021"  # v2021, v2019, hybrid (v2021 table 1, single-row （六）其他处理)

    @property
    def title(self) -> str:
        return "".join(self.title_lines) or f"{self.agency_raw}{self.year}年政府信息公开工作年度报告"

    def printed(self, key: Key) -> str:
        value = self.values[key]
        return str(int(value)) if float(value).is_integer() else f"{value:g}"

    def printed_row(self, code: str, sep: str = "\t") -> str:
        """A requests row's seven numbers as a text dump prints them."""
        return sep.join(self.printed(("requests", code, c)) for c in v.REQUEST_COLS)


def handled_parts(fmt: str) -> tuple[str, ...]:
    return tuple(code for *_l, code in REQUEST_LAYOUTS[fmt][2:-2])


def _active_value(rng: random.Random, col: str, top: int) -> float:
    if col in ("amount", "proc_amount"):
        return rng.randint(1, 99999) / 10
    if col == "change":
        return rng.choice([-1, 1]) * rng.randint(1, min(top, 30))
    return rng.randint(1, top)


def sample_report(
    agency_raw: str = "测试县测试镇人民政府", year: int = 2023, seed: int = 1, fmt: str = "v2021", small: bool = False
) -> SampleReport:
    """A consistent report with every cell non-zero (v2019 `change` is signed). `small`: one-digit counts
    where the tables have no identity to place them by (as small offices print)."""
    top = 9 if small else 900
    part_top = 2 if small else 40
    rng = random.Random(seed)
    vals: dict[Key, float] = {}
    for _caption, _heads, rows, cols in ACTIVE_BLOCKS[fmt]:
        for _label, code in rows:
            for col in cols:
                vals[("active", code, col)] = _active_value(rng, col, top)
    parts = handled_parts(fmt)
    for col in PARTS_COLS:
        for code in parts:
            vals[("requests", code, col)] = rng.randint(1, part_top)
        handled = sum(vals[("requests", code, col)] for code in parts)
        vals[("requests", "total_handled", col)] = handled
        carried_over = rng.randint(1, min(part_top, 30))
        forward = rng.randint(1, min(part_top, 30))
        vals[("requests", "carried_over", col)] = carried_over
        vals[("requests", "carried_forward", col)] = forward
        vals[("requests", "new_received", col)] = handled + forward - carried_over
    for code in (*parts, "total_handled", "new_received", "carried_over", "carried_forward"):
        vals[("requests", code, "total")] = sum(vals[("requests", code, c)] for c in PARTS_COLS)
    for row in v.REVIEW_ROWS:
        parts = [rng.randint(1, 2 if small else 50) for _ in range(4)]
        for col, value in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            vals[("review_litigation", row, col)] = value
        vals[("review_litigation", row, "total")] = sum(parts)
    return SampleReport(agency_raw, year, vals, fmt=fmt)


# --- grids ----------------------------------------------------------------------------------------
# A grid cell is text, or a marker for a position covered by a merged cell: LEFT continues the cell
# on its left, UP the cell above. Text dumps print nothing there; DOCX/HTML/PDF merge the cells.
LEFT, UP = "<", "^"


def active_grid(r: SampleReport) -> list[list[str]]:
    width = 4
    grid: list[list[str]] = []
    for caption, heads, rows, cols in ACTIVE_BLOCKS[r.fmt]:
        pad = [LEFT] * (width - 1 - len(heads))
        grid.append([caption, *[LEFT] * (width - 1)])
        grid.append(["信息内容", *heads, *pad])
        for label, code in rows:
            grid.append([label, *(r.printed(("active", code, c)) for c in cols), *pad])
    return grid


def requests_grid(r: SampleReport) -> list[list[str]]:
    grid = [
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", LEFT, LEFT, "申请人情况", *[LEFT] * 6],
        [UP, UP, UP, "自然人", "法人或其他组织", LEFT, LEFT, LEFT, LEFT, "总计"],
        [UP, UP, UP, UP, "商业\n企业", "科研\n机构", "社会公益组织", "法律服务机构", "其他", UP],
    ]
    for l1, l2, l3, code in REQUEST_LAYOUTS[r.fmt]:
        if code in ("new_received", "carried_over", "carried_forward"):
            labels = [l1, LEFT, LEFT]
        elif not l3:
            labels = [l1 or UP, l2, LEFT]
        else:
            labels = [l1 or UP, l2 or UP, l3]
        grid.append([*labels, *(r.printed(("requests", code, c)) for c in v.REQUEST_COLS)])
    return grid


def review_grid(r: SampleReport) -> list[list[str]]:
    outcomes = ["结果\n维持", "结果\n纠正", "其他\n结果", "尚未\n审结", "总计"]
    return [
        ["行政复议", *[LEFT] * 4, "行政诉讼", *[LEFT] * 9],
        [*outcomes, "未经复议直接起诉", *[LEFT] * 4, "复议后起诉", *[LEFT] * 4],
        [UP] * 5 + outcomes + outcomes,
        [r.printed(("review_litigation", row, col)) for row in v.REVIEW_ROWS for col in v.REVIEW_COLS],
    ]


def flat(grid: list[list[str]]) -> list[list[str]]:
    """The grid as a text dump prints it: nothing where cells were merged."""
    return [["" if cell in (LEFT, UP) else cell for cell in row] for row in grid]


def spans(grid: list[list[str]]) -> list[tuple[int, int, int, int, str]]:
    """(row, col, height, width, text) of every cell that is not a merged continuation."""
    out = []
    for i, row in enumerate(grid):
        for j, cell in enumerate(row):
            if cell in (LEFT, UP):
                continue
            width = 1
            while j + width < len(row) and row[j + width] == LEFT:
                width += 1
            height = 1
            while i + height < len(grid) and j < len(grid[i + height]) and grid[i + height][j] == UP:
                height += 1
            out.append((i, j, height, width, cell))
    return out


SECTION_TEXT = {
    1: "（一）主动公开情况。本年度共主动公开政府信息若干条。\n（二）依申请公开情况。依法办理申请。",
    5: "（一）存在的主要问题。公开意识有待加强。\n（二）改进情况。进一步加强培训。",
    6: "本年度未收取信息处理费。",
}


def document(r: SampleReport) -> list[str | list[list[str]]]:
    """The report as an ordered list of paragraphs (str) and grids."""
    title = list(r.title_lines) or [r.title]
    return [
        *title,
        f"根据《中华人民共和国政府信息公开条例》，现公布{r.agency_raw}{r.year}年政府信息公开工作年度报告。",
        "一、总体情况",
        SECTION_TEXT[1],
        "二、主动公开政府信息情况",
        active_grid(r),
        "三、收到和处理政府信息公开申请情况",
        requests_grid(r),
        "四、政府信息公开行政复议、行政诉讼情况",
        review_grid(r),
        "五、存在的主要问题及改进情况",
        SECTION_TEXT[5],
        "六、其他需要报告的事项",
        SECTION_TEXT[6],
        f"{r.agency_raw}",
        f"{r.year + 1}年1月20日",
    ]


# --- text layouts ---------------------------------------------------------------------------------
def _cell_per_line(grid: list[list[str]]) -> str:
    return "\n\n".join("\n".join("\t" + cell for cell in row) for row in flat(grid))


def _tab_separated(grid: list[list[str]]) -> str:
    return "\n".join("\t".join(cell.replace("\n", "") for cell in row) for row in flat(grid))


def _pipe_separated(grid: list[list[str]]) -> str:
    return "\n".join("| " + " | ".join(cell.replace("\n", "") for cell in row) + " |" for row in flat(grid))


def _bar_lines(grid: list[list[str]]) -> str:
    """A web page saved as text: one cell per line, a line holding only `|` between cells, no row
    delimiters, nothing for merged positions; a cell's own line breaks kept."""
    return "\n|\n".join(cell for row in flat(grid) for cell in row if cell)


def _pipe_wrapped(grid: list[list[str]]) -> str:
    """An HTML table saved as text with each cell's text after a line break (real-page-011): a line
    holding `| ` opens each row, then one line per cell ending in its `|`."""
    return "\n".join(
        "| \n" + "\n".join(f" {cell.replace(chr(10), '')}  | " for cell in row if cell) for row in flat(grid)
    )


def _run_together(grid: list[list[str]]) -> str:
    """A crawler's dump: the table's cells run together on one line with no separator at all."""
    return "".join(cell.replace("\n", "") for row in flat(grid) for cell in row)


TEXT_LAYOUTS = {
    "cell_per_line": _cell_per_line,
    "tab": _tab_separated,
    "pipe": _pipe_separated,
    "bar_lines": _bar_lines,
    "pipe_wrapped": _pipe_wrapped,
}
# Layouts that lose information: numbers run together can be split back only where the identities allow.
LOSSY_LAYOUTS = {"run_together": _run_together}


def to_text(r: SampleReport, layout: str = "cell_per_line") -> str:
    render = {**TEXT_LAYOUTS, **LOSSY_LAYOUTS}[layout]
    parts = [render(block) if isinstance(block, list) else block for block in document(r)]
    return "\n\n".join(parts) + "\n"


CN_DIGITS = str.maketrans("0123456789", "零一二三四五六七八九")


def numbered(i: int, width: int = 3) -> str:
    """`i` in Chinese numerals, zero-padded (7 → 零零七): a made-up agency's number, since an agency's
    name holds no digits (transform/identity/names.py)."""
    return f"{i:0{width}d}".translate(CN_DIGITS)


def to_txt_bytes(r: SampleReport, layout: str = "cell_per_line", encoding: str = "utf-8") -> bytes:
    return to_text(r, layout).encode(encoding)


# --- markdown as PDF-to-markdown and OCR tools write it -------------------------------------------
WRONG_HEADER = ("项目", "本年新收件数", "上年结转件数", "予以公开", "部分公开", "不予公开", "结转下年度", "总计")


def _md_table(rows: list[list[str]]) -> str:
    lines = []
    for i, row in enumerate(rows):
        lines.append("| " + " | ".join(cell.replace("\n", "") for cell in row) + " |")
        if i == 0:
            lines.append("|" + "---|" * len(row))
    return "\n".join(lines)


def _md_requests(r: SampleReport, page: int) -> str:
    """The requests table split in three pieces across pages: a page number inline, the second piece
    under a wrong header row (row labels as column names), and the （二）部分公开 row detached from its
    label, whose words are printed above it broken over two lines."""
    rows = flat(requests_grid(r))
    detached = next(i for i, row in enumerate(rows) if row[1].startswith("（二）部分公开"))
    label = rows[detached][1]
    return "\n\n".join(
        (
            _md_table(rows[:detached]),
            f"{label[:14]}\n{label[14:]}",
            _md_table([rows[detached][3:]]),
            f"— {page} —",
            _md_table([list(WRONG_HEADER), *rows[detached + 1 : detached + 9]]),
            f"— {page + 1} —",
            _md_table(rows[detached + 9 :]),
        )
    )


def to_markdown(r: SampleReport) -> str:
    """The report as a PDF-to-markdown tool writes it: `#` headings, pipe tables, page numbers inline."""
    parts = []
    for block in document(r):
        if isinstance(block, str):
            heading = block in (r.title, *r.title_lines) or block[:2] in (
                "一、",
                "二、",
                "三、",
                "四、",
                "五、",
                "六、",
            )
            parts.append(("# " if block == r.title else "## ") + block if heading else block)
        elif block[0][0] == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）":
            parts.append(_md_requests(r, 3))
        else:
            parts.append(_md_table(flat(block)))
    return "\n\n".join(parts) + "\n"
