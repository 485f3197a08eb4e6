"""The table readers, one table at a time: a label opens a row, the values after it fill its columns in
order, whatever the layout (grid rows, a stream without row delimiters, cells run together)."""

from __future__ import annotations

from extract.model import Paragraph, table
from transform.tables import read_tables
from transform.tables.glued import scan, splits

REQUEST_HEADER = [
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "总计",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
]


def cells(read):
    return {(c.table_code, c.row_code, c.col_code): c.value for c in read.cells}


def codes(read):
    return [c.check_code for c in read.checks]


# --- active ---------------------------------------------------------------------------------------
def test_active_grid_rows_fill_the_header_columns():
    grid = [
        ["第二十条第（一）项"],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "1", "2", "3"],
    ]
    read = read_tables((Paragraph("二、主动公开政府信息情况"), table(grid)))
    assert cells(read) == {
        ("active", "regulations", c): x for c, x in (("issued", 1), ("repealed", 2), ("in_force", 3))
    }
    assert read.checks == []


def test_active_stream_without_row_delimiters():
    stream = ["第二十条第(一)项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章", "0", "0", "6"]
    stream += ["行政规范性文件", "1", "2", "3", "第二十条第(五)项", "信息内容", "本年处理决定数量", "行政许可", "7"]
    read = read_tables((table([stream], stream=True),))
    assert cells(read)[("active", "regulations", "in_force")] == 6
    assert cells(read)[("active", "normative_documents", "issued")] == 1
    assert cells(read)[("active", "licensing", "decisions")] == 7
    assert len(read.cells) == 7 and read.checks == []


def test_active_run_together_decoded_only_when_one_split_exists():
    text = "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件693665"
    text += "第二十条第（五）项信息内容本年处理决定数量行政许可2293"
    read = read_tables((Paragraph(text),))
    got = cells(read)
    assert got[("active", "regulations", "issued")] == 0 and got[("active", "licensing", "decisions")] == 2293
    assert not any(k[1] == "normative_documents" for k in got)  # 6|9|3665, 69|3|665 … no identity decides
    [flag] = [c for c in read.checks if c.check_code == "ambiguous_digits"]
    assert flag.severity == "error" and flag.row_code == "normative_documents" and "693665" in flag.message


# --- requests -------------------------------------------------------------------------------------
def _row(label, values):
    return [label, *[str(x) for x in values]]


def test_requests_stream_with_the_flattened_two_level_header_keeps_the_format_order():
    stream = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", *REQUEST_HEADER]
    stream += _row("一、本年新收政府信息公开申请数量", [1, 2, 3, 4, 5, 6, 21])
    stream += _row("二、上年结转政府信息公开申请数量", [0, 0, 0, 0, 0, 1, 1])
    read = read_tables((table([stream], stream=True),))
    got = cells(read)
    assert got[("requests", "new_received", "natural_person")] == 1
    assert got[("requests", "new_received", "total")] == 21
    assert got[("requests", "carried_over", "other_org")] == 1
    assert "unaligned_row" not in codes(read)


def test_requests_wrong_header_row_of_row_labels_changes_nothing():
    grid = [
        ["项目", "本年新收件数", "上年结转件数", "予以公开", "部分公开", "不予公开", "结转下年度", "总计"],
        _row("3. 其他", [1, 0, 0, 0, 0, 0, 1]),
        _row("（七）总计", [5, 0, 0, 0, 0, 0, 5]),
    ]
    read = read_tables((Paragraph("三、收到和处理政府信息公开申请情况"), table(grid)))
    assert cells(read)[("requests", "other_other", "total")] == 1
    assert cells(read)[("requests", "total_handled", "natural_person")] == 5
    assert len(read.cells) == 14


def test_requests_run_together_rows_split_by_s1():
    text = "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
    text += "一、本年新收政府信息公开申请数量640020470二、上年结转政府信息公开申请数量0000000"
    text += "三、本年度办理结果（一）予以公开300000030（二）部分公开（区分处理的，只计这一情形，不计其他情形）500000 5"
    # the text goes on after the table (a text ending inside a row was cut there: tests/test_cut_pages.py)
    read = read_tables((Paragraph(text), Paragraph("五、存在的主要问题及改进情况")))
    got = cells(read)
    assert [got[("requests", "new_received", c)] for c in ("natural_person", "social_welfare", "total")] == [64, 2, 70]
    assert [got[("requests", "granted", c)] for c in ("natural_person", "commercial", "total")] == [30, 0, 30]
    assert got[("requests", "partially_granted", "total")] == 5  # a space printed before the total is kept
    assert "ambiguous_digits" not in codes(read)


def test_ambiguous_run_together_row_is_flagged_never_guessed():
    """22|0|0|0|0|0|22 and 2|20|0|0|0|0|22 both keep S1; no other row lets O1 or S2 decide."""
    text = "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
    text += "二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开220000022"
    text += "（二）部分公开（区分处理的，只计这一情形，不计其他情形）0000000"
    read = read_tables((Paragraph(text),))
    assert not any(k[1] == "granted" for k in cells(read))
    [flag] = [c for c in read.checks if c.check_code == "ambiguous_digits"]
    assert flag.row_code == "granted" and flag.severity == "error" and "220000022" in flag.message
    assert cells(read)[("requests", "carried_over", "total")] == 0


def _table_rows(values_of):
    from tests.reportgen import REQUEST_LAYOUT

    return [_row(l3 or l2 or l1, values_of(code)) for l1, l2, l3, code in REQUEST_LAYOUT]


def test_requests_row_without_its_label_is_placed_by_row_order_and_identities():
    rows = _table_rows(lambda code: [1, 0, 0, 0, 0, 0, 1] if code != "total_handled" else [21, 0, 0, 0, 0, 0, 21])
    rows = [r if r[0] != "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" else r[1:] for r in rows]
    rows[0][1:] = ["21", "0", "0", "0", "0", "0", "21"]  # O1: 一 21 + 二 1 = （七）总计 21 + 四 1
    read = read_tables((Paragraph("三、收到和处理政府信息公开申请情况"), table(rows)))
    assert cells(read)[("requests", "partially_granted", "natural_person")] == 1
    [placed] = [c for c in read.checks if c.check_code == "placed_by_order"]
    assert placed.row_code == "partially_granted" and placed.severity == "warning"


def test_requests_rows_without_labels_are_reported_when_the_order_cannot_place_them():
    rows = _table_rows(lambda code: [1, 0, 0, 0, 0, 0, 1])
    rows = [
        r[1:]
        if r[0] in ("（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "1.属于国家秘密")
        else r
        for r in rows
    ]
    del rows[3]  # three rows lost their labels, only two remain between 二 and 2.其他法律…: counts disagree
    read = read_tables((Paragraph("三、收到和处理政府信息公开申请情况"), table(rows)))
    got = cells(read)
    assert not any(k[1] in ("granted", "partially_granted", "denied_state_secret") for k in got)
    assert codes(read).count("unknown_row") == 2 and "placed_by_order" not in codes(read)


# --- review_litigation ----------------------------------------------------------------------------
REVIEW_HEADER = [
    "行政复议",
    "行政诉讼",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
    "未经复议直接起诉",
    "复议后起诉",
]


def test_review_stream_of_fifteen_numbers():
    values = [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]
    read = read_tables((table([[*REVIEW_HEADER, *map(str, values)]], stream=True),))
    assert cells(read)[("review_litigation", "litigation_direct", "upheld")] == 12
    assert len(read.cells) == 15 and read.checks == []


def test_review_run_together_split_by_s4():
    text = "四、政府信息公开行政复议、行政诉讼情况 " + "".join(REVIEW_HEADER) + "10203120001200000五、存在的主要问题"
    read = read_tables((Paragraph(text),))
    got = cells(read)
    assert [got[("review_litigation", "review", c)] for c in ("upheld", "other", "total")] == [1, 2, 3]
    assert [got[("review_litigation", "litigation_direct", c)] for c in ("upheld", "total")] == [12, 12]
    assert got[("review_litigation", "litigation_after_review", "total")] == 0


def test_review_run_together_ambiguous_is_flagged():
    text = "".join(REVIEW_HEADER) + "0101110312102510011021"  # …|10|0|1|10|21 or …|10|0|11|0|21: both keep S4
    read = read_tables((Paragraph("四、政府信息公开行政复议、行政诉讼情况"), Paragraph(text + " 附件")))
    assert read.cells == []
    [flag] = [c for c in read.checks if c.check_code == "ambiguous_digits"]
    assert flag.table_code == "review_litigation" and "2种" in flag.message


# --- running text ---------------------------------------------------------------------------------
def test_prose_is_not_read_as_a_table():
    assert scan("本年度收到行政复议1件，行政诉讼2件，规章 3 件。") is None
    assert scan("行政许可 0") == [("label", "行政许可", 0), ("value", "0", 5)]


def test_splits_without_leading_zeros_and_with_group_sums():
    assert splits(["000"], 3) == [("0", "0", "0")]
    assert splits(["21710000218"], 7, 7) == [("217", "1", "0", "0", "0", "0", "218")]
    assert len(splits(["693665"], 3)) == 10
    assert splits(["1", "23"], 2) == [("1", "23")]  # a chunk boundary is a cell boundary


def test_a_prose_line_ending_in_a_label_and_a_number_is_not_a_row():
    """PDF text broken mid-sentence: `…政府信息公开行政复议 351` / `件，…` on the next line."""
    assert scan("答复），均在法定期限内予以答复。政府信息公开行政复议 351") is None
    assert scan("未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25") is None
