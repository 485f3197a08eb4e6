"""The one text normaliser: NFKC, radicals, invisible characters, full-width digits, thousands separators."""

from __future__ import annotations

import unicodedata

import pytest

from transform.identity import normalise_agency
from transform.normalize import INVISIBLE, clean, compact, digit_years, label_key, number_text
from transform.tables.values import Kind, classify


def test_radicals_read_as_the_ideographs_they_stand_for():
    assert compact("淮安市人⺠政府") == "淮安市人民政府"  # U+2EA0, which NFKC leaves alone
    assert unicodedata.normalize("NFKC", "⺠") == "⺠"
    assert compact("⼈⺠") == "人民"  # U+2F08 (Kangxi) folds under NFKC, U+2EA0 by the supplement's data
    assert compact("⻄安市⻓安区") == "西安市长安区"
    assert normalise_agency("淮安市人⺠政府") == normalise_agency("淮安市人民政府") == "淮安市"


def test_every_kangxi_radical_maps_to_a_cjk_ideograph():
    for cp in range(0x2F00, 0x2FD6):
        out = clean(chr(cp))
        assert len(out) == 1 and "CJK UNIFIED IDEOGRAPH" in unicodedata.name(out), hex(cp)


@pytest.mark.parametrize("ch", list(INVISIBLE))
def test_invisible_characters_are_removed_from_cells_and_labels(ch):
    assert compact(f"{ch}12{ch}3") == "123"
    assert classify(f"{ch}45").value == 45
    assert label_key(f"规{ch}章") == "规章"


def test_full_width_digits_and_thousands_separators():
    assert classify("１２３").value == 123
    assert number_text("1,234") == number_text("1 234") == number_text("１，２３４") == "1234"
    assert number_text("1,234,567.5") == "1234567.5"
    assert classify("1 234").value == 1234 and classify("1,234").value == 1234
    assert classify("12,34").kind is Kind.LABEL  # not a thousands grouping: not read as a number


def test_years_in_chinese_numerals():
    assert digit_years("二〇二二年度报告") == "2022年度报告"
    assert digit_years("二○二二年") == "2022年"
    assert digit_years("二零二一年") == "2021年"
    assert digit_years("一二三四五") == "一二三四五"  # no 年: not a year
