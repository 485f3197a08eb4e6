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
    """What a document status says about the file (written to the table `document_statuses`)."""

    holds_report: bool  # the document owns a report's rows (it is the file the report was read from)
    unread: bool  # no report could be read from the file (it failed, or holds no disclosure table)
    meaning: str


DOC_STATUSES: dict[DocStatus, StatusSpec] = {
    DocStatus.PARSED: StatusSpec(True, False, "all three tables found"),
    DocStatus.PARTIAL: StatusSpec(True, False, "some tables found, others not (see missing_table checks)"),
    DocStatus.FAILED: StatusSpec(False, True, "could not be read; `error` says why"),
    DocStatus.DUPLICATE: StatusSpec(False, False, "same bytes as a file already loaded (the report is stored once)"),
    DocStatus.NOT_A_REPORT: StatusSpec(False, True, "no disclosure table found"),
    DocStatus.REMOVED: StatusSpec(False, False, "no longer in the crawled folder; its rows leave every view"),
    DocStatus.SKIPPED: StatusSpec(
        False, False, "a symbolic link leading outside the crawled folder, not read (`ogi ingest --follow-links`)"
    ),
}
OWNING: tuple[str, ...] = tuple(s.value for s, spec in DOC_STATUSES.items() if spec.holds_report)


class Severity(StrEnum):
    """How bad a failed check is: an error means a number cannot be trusted as stored."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class CheckCode:
    """A check code's severity and meaning (written to the table `check_codes`; README's Checks table)."""

    severity: Severity
    meaning: str


# Every check code the parser and the cross-report checks emit (README's Checks table lists them all;
# tests/test_codes.py holds the three in step).
CHECK_CODES: dict[str, CheckCode] = {
    "O1": CheckCode(Severity.ERROR, "per requests column: 一 + 二 = （七）总计 + 四"),
    "S1": CheckCode(Severity.ERROR, "per requests row: 总计 = the six applicant columns"),
    "S2": CheckCode(Severity.ERROR, "per requests column: （七）总计 = （一）…（六）"),
    "S4": CheckCode(Severity.ERROR, "per review/litigation group: 总计 = 维持 + 纠正 + 其他 + 尚未审结"),
    "S5": CheckCode(Severity.ERROR, "counts are whole and ≥ 0; money ≥ 0; only v2019 本年增/减 is signed"),
    "X1": CheckCode(
        Severity.WARNING, "四、结转下年度 of year t = 二、上年结转 of year t+1, same agency (current reports)"
    ),
    "X5": CheckCode(Severity.WARNING, "numbers the text quotes agree with the tables"),
    "missing_table": CheckCode(Severity.ERROR, "a table was not found (document status partial)"),
    "missing_row": CheckCode(Severity.WARNING, "a row of the format was not found"),
    "unaligned_row": CheckCode(Severity.ERROR, "numbers of a row that could not be placed for sure; none stored"),
    "column_mismatch": CheckCode(Severity.ERROR, "printed column order differs from the format's; none stored"),
    "extra_cells": CheckCode(Severity.WARNING, "a row printed more numbers than the format has columns"),
    "unknown_row": CheckCode(Severity.WARNING, "a row label not in the format; its numbers not stored"),
    "unknown_column": CheckCode(Severity.WARNING, "a column header not in the format; its numbers not stored"),
    "duplicate_cell": CheckCode(Severity.WARNING, "a cell printed twice; the first value kept"),
    "assumed_columns": CheckCode(Severity.WARNING, "a table printed without headers took the format's columns"),
    "aligned_by_identities": CheckCode(
        Severity.WARNING, "a short row placed by the only placement the identities keep"
    ),
    "blank_cells": CheckCode(Severity.WARNING, "cells printed blank, /, -, 无: stored NULL, counted as 0"),
    "missing_agency": CheckCode(Severity.WARNING, "agency found nowhere (title, header, opening sentences, path)"),
    "missing_year": CheckCode(Severity.WARNING, "year found nowhere (title, header, opening sentences, path)"),
    "unit_converted": CheckCode(Severity.WARNING, "a number printed in another unit than its column's, converted"),
    "unit_mismatch": CheckCode(Severity.ERROR, "a number printed with a unit its column cannot hold; kept as printed"),
    "low_confidence": CheckCode(
        Severity.WARNING, "a number read by OCR with a score under 0.9: kept, named with its page"
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
METADATA_CONFLICT = "metadata_conflict"  # warning: agency or year printed differently in two places
PLACED_BY_ORDER = "placed_by_order"  # warning: a row printed without its label, placed by row order + identities
CHECK_CODES.update(
    {
        AMBIGUOUS_DIGITS: CheckCode(
            Severity.ERROR, "cells printed run together that do not split one way the identities allow; none stored"
        ),
        METADATA_CONFLICT: CheckCode(
            Severity.WARNING, "agency or year printed differently in two places; the most trusted is kept"
        ),
        PLACED_BY_ORDER: CheckCode(
            Severity.WARNING, "a requests row printed without its label, placed by the row order and the identities"
        ),
    }
)
