"""X5: numbers the section texts quote (收到申请N件, 结转N件, 行政复议N件, 行政诉讼N件) against the tables.

A false alarm costs the reader's trust, so a sentence is compared only when it clearly speaks of the
same quantity as the table: no other quantity named between the words and the number, and no wider
scope (全市, 各部门 …) than the agency's own table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from transform import vocabulary as v
from transform.model import CellValue, Check, Section
from transform.normalize import clean

_GAP = r"[^，,。；;:：\d和及与、或]"  # words between the subject and its number, naming nothing else
_N = r"(\d[\d,]*)\s*(?:件|起|宗)"
_SCOPE = re.compile(r"全(?:市|县|区|省|旗|州|盟|乡|镇|系统)|各(?:部门|单位|乡镇|街道|县|区|地|级|镇)|下属|所属")
_SENTENCES = re.compile(r"[^。；;\n]+")


@dataclass(frozen=True)
class _Quote:
    what: str
    pattern: re.Pattern[str]
    cells: tuple[tuple[str, str, str], ...]  # summed


_QUOTES = (
    _Quote(
        "收到/受理申请",
        re.compile(rf"(?:收到|受理|新收|接收){_GAP}{{0,12}}?申请{_GAP}{{0,4}}?{_N}"),
        (("requests", "new_received", "total"),),
    ),
    _Quote(
        "上年结转申请",
        re.compile(rf"(?:上年|上一年|上年度){_GAP}{{0,8}}?结转{_GAP}{{0,8}}?{_N}"),
        (("requests", "carried_over", "total"),),
    ),
    _Quote(
        "结转下年度",
        re.compile(
            rf"(?:结转|顺延)(?:至|到)?下一?年度?{_GAP}{{0,8}}?{_N}|{_N}{_GAP}{{0,4}}?(?:结转|顺延)(?:至|到)?下一?年"
        ),
        (("requests", "carried_forward", "total"),),
    ),
    _Quote("行政复议", re.compile(rf"行政复议{_GAP}{{0,6}}?{_N}"), (("review_litigation", "review", "total"),)),
    # 本年度制发的规范性文件77件: v2021 prints it as 本年制发件数, v2019 as 本年新制作数量 (one of the two is read)
    *(
        _Quote(
            f"制发{what}", re.compile(rf"(?:制发|新制作|印发){_GAP}{{0,6}}?{words}{_GAP}{{0,4}}?{_N}"), ((*key, col),)
        )
        for what, words, key in (
            ("规章", "规章(?!制度)", ("active", "regulations")),
            ("规范性文件", "(?:行政)?规范性文件", ("active", "normative_documents")),
        )
        for col in ("issued", "made")
    ),
    _Quote(
        "行政诉讼",
        re.compile(rf"行政诉讼{_GAP}{{0,6}}?{_N}"),
        (
            ("review_litigation", "litigation_direct", "total"),
            ("review_litigation", "litigation_after_review", "total"),
        ),
    ),
)


def _table_value(cells: dict[tuple[str, str, str], float | None], keys: tuple) -> float | None:
    values = [cells.get(k) for k in keys]
    return None if any(x is None for x in values) else sum(values)


def _place(keys: tuple[tuple[str, str, str], ...]) -> str:
    table = v.TABLE_LABELS[keys[0][0]]
    parts = "+".join(f"{v.label_of(t, row_code=r)}{v.label_of(t, col_code=c)}" for t, r, c in keys)
    return f"{table} {parts}"


def _quoted(texts: Iterable[str]) -> Iterator[tuple[str, _Quote, float]]:
    """Every figure the texts quote for a table's quantity: (sentence, quote, number)."""
    for text in texts:
        for sentence in _SENTENCES.findall(clean(text)):
            if _SCOPE.search(sentence):
                continue
            for quote in _QUOTES:
                m = quote.pattern.search(sentence)
                if m is not None:
                    yield sentence, quote, float(next(g for g in m.groups() if g).replace(",", ""))


def quoted_figures(texts: Iterable[str]) -> dict[tuple[str, str, str], set[float]]:
    """The figures `texts` (the section texts; a crawler's dump not split into sections: its paragraphs)
    quote for one cell each, by (table, row, col): what X5 compares, for the table readers to decide
    cells run together by (transform.tables.resolve)."""
    out: dict[tuple[str, str, str], set[float]] = {}
    for _sentence, quote, number in _quoted(texts):
        if len(quote.cells) == 1:
            out.setdefault(quote.cells[0], set()).add(number)
    return out


def text_checks(sections: tuple[Section, ...], cells: list[CellValue]) -> list[Check]:
    by_key = {(c.table_code, c.row_code, c.col_code): c.value for c in cells}
    checks: list[Check] = []
    for sentence, quote, quoted in _quoted(s.text for s in sections):
        table = _table_value(by_key, quote.cells)
        if table is None or quoted == table:
            continue
        t, r, c = quote.cells[0]
        checks.append(
            Check(
                "X5",
                "warning",
                f"正文“{sentence.strip()}”：{quote.what}{int(quoted)}件，{_place(quote.cells)}={int(table)}",
                t,
                r if len(quote.cells) == 1 else None,
                c,
                table,
                quoted,
            )
        )
    return checks
