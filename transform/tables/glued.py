"""Tables printed as running text, cells run together (crawler dumps, PDF-to-text without layout).

`scan` finds the format's labels (FORMAT.md §3–5) inside a paragraph and returns what lies between
them: label, value chunk or prose. A value chunk such as `21710000218` may hold several cells printed
without a separator; `splits` lists every way to cut chunks into n numbers (no leading zeros), and the
table readers keep a split only when exactly one satisfies the table's identities (FORMAT.md §6).
Bug kind: web crawlers that drop the markup between table cells.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import pairwise

from transform import vocabulary as v
from transform.normalize import BLANK_MARK_CHARS, clean

MAX_STEPS = 200_000  # a search longer than this: the row is flagged as ambiguous without searching further
_PART = re.compile(r"[+-]?(?:0|[1-9]\d*)(?:\.\d+)?")  # a sign only opens a chunk: chunks are cut at signs
_VALUE = rf"(?:[+-]?\d+(?:\.\d+)?|[{re.escape(BLANK_MARK_CHARS)}]+)"
_VALUES = re.compile(_VALUE)
_LEADING = re.compile(rf"^(\s*{_VALUE}(?:\s*{_VALUE})*)")  # v2019's signed 本年增/减 runs on: 598-17143
_TRAILING = re.compile(rf"^(.*?\S)\s+({_VALUE}(?:\s+{_VALUE})*)\s*$")  # `其他情形） 0 0 0 0 0 0 0`
_SECTION_NUMERAL = re.compile(r"^\s*[一二三四五六七八九十][、.]")
_SPACE_NOT_UNIT = re.compile(r"^\s+[^\s\d件个项条次起宗人户元万%‰、，,。.;；:：)）]")
MIN_ROWS = 3  # label → value transitions that make a paragraph a table printed as running text
MIN_HEADER = 5  # or labels in a row before the values
_EXTRA = (
    r"第二十条第\([一二三四五六七八九十]+\)项",
    r"\(本列数据的勾稽关系为[^)]{0,40}\)",
)


def _trie_pattern(words: set[str]) -> str:
    """A regex alternation over `words` as a prefix tree: the longest word matches, and each position of
    the text costs at most the depth of the tree (a flat alternation would try every word)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


@cache
def _labels() -> re.Pattern[str]:
    vocabs = (v.ACTIVE_ROWS, v.ACTIVE_COLS, v.REQUEST_ROWS, v.REQUEST_COL_VOCAB, v.REVIEW_ROWS, v.REVIEW_COLS)
    words = {clean(alias) for vocab in vocabs for aliases in vocab.values() for alias in aliases}
    words |= {clean(w) for w in (*v.REQUEST_GROUPS, *v.TABLE_HEADER_WORDS)}
    words = {w for w in words if len(w) >= 2}
    return re.compile("|".join((*_EXTRA, _trie_pattern(words))))


Piece = tuple[str, str, int]  # ("label" | "value" | "text", text, where it starts in `clean(paragraph)`)


def scan(text: str) -> list[Piece] | None:
    """The labels of a paragraph and what lies between them, or None when the paragraph is prose: it
    must be label and values only (`行政许可 0`), or hold MIN_ROWS labels directly followed by values.
    Linear in the length of `text`."""
    pieces = _pieces(text)
    if _is_rows(pieces):
        return pieces  # the whole paragraph is rows: `行政许可 0`, `四、结转下年度继续办理 0 0 0 0 0 0 0`
    return pieces if any(_is_table(run) for run in _runs(pieces)) else None


def _pieces(text: str) -> list[Piece]:
    text = clean(text)
    pieces: list[Piece] = []
    last = 0
    for m in _labels().finditer(text):
        _gap(text, last, m.start(), pieces)
        pieces.append(("label", m.group(), m.start()))
        last = m.end()
    _gap(text, last, len(text), pieces)
    return pieces


def cells_only(text: str) -> list[Piece] | None:
    """The labels and values of a line that holds nothing else (a header line `信息内容 本年制发件数 …`,
    a row `规章 0 0 5`, a line of numbers `0 0 0`), or None."""
    pieces = _pieces(text)
    return pieces if pieces and all(kind != "text" for kind, _, _ in pieces) else None


def trailing_values(text: str) -> tuple[str, list[tuple[str, int]]] | None:
    """A line that ends with numbers after a space: (the words before them, the numbers with where each
    starts in `clean(text)`), or None. A PDF-to-text dump prints a row whose label wraps as
    `（二）部分公开（区分处理的，只计这一情形，不计` and `其他情形） 0 0 0 0 0 0 0`."""
    m = _TRAILING.match(clean(text))
    if not m:
        return None
    return m.group(1), [(v.group(), m.start(2) + v.start()) for v in _VALUES.finditer(m.group(2))]


def _is_rows(pieces: list[Piece]) -> bool:
    """Labels and values only, opened by a label and holding a value: one or more rows printed on a line
    (PDF-to-text dumps print a row per line, its cells separated by spaces)."""
    kinds = [kind for kind, _, _ in pieces]
    return bool(kinds) and kinds[0] == "label" and "value" in kinds and "text" not in kinds


def _runs(pieces: list[Piece]) -> list[list[Piece]]:
    """The stretches of labels and values between prose."""
    runs: list[list[Piece]] = [[]]
    for piece in pieces:
        if piece[0] == "text":
            runs.append([])
        else:
            runs[-1].append(piece)
    return runs


def _is_table(run: list[Piece]) -> bool:
    """MIN_ROWS labels directly followed by values, or a header of MIN_HEADER labels and values after
    it (a review table run together)."""
    rows = sum(1 for a, b in pairwise(run) if a[0] == "label" and b[0] == "value")
    labels = sum(1 for kind, _, _ in run if kind == "label")
    return rows >= MIN_ROWS or (rows >= 1 and labels >= MIN_HEADER)


def _gap(text: str, start: int, end: int, pieces: list[Piece]) -> None:
    """Between two labels (`text[start:end]`): value chunks only, or value chunks then the next section's
    heading (`24252.3三、收到…`) or words after a space (`… 21 附件下载`); `1件…`, `3 件` are prose."""
    gap = text[start:end]
    m = _LEADING.match(gap)
    at = start + m.end(1) if m else start
    rest = gap[at - start :]
    if m and (not rest.strip() or _SECTION_NUMERAL.match(rest) or _SPACE_NOT_UNIT.match(rest)):
        pieces.extend(("value", c.group(), start + c.start()) for c in _VALUES.finditer(m.group(1)))
    else:
        rest, at = gap, start
    if rest.strip() and (not pieces or pieces[-1][0] != "text"):
        pieces.append(("text", rest, at))


def _number(part: str) -> float:
    try:
        return float(part)
    except ValueError:  # a blank mark counts as 0 (FORMAT.md §6)
        return 0.0


def _valid(part: str) -> bool:
    """A number as printed: no leading zero (`0`, `10`, `-3`, `0.5`; not `01`)."""
    if part.isdigit():
        return len(part) == 1 or part[0] != "0"
    return bool(_PART.fullmatch(part))


def splits(chunks: list[str], n: int, group: int | None = None) -> list[tuple[str, ...]] | None:
    """See `_splits`; cached, as rows of zeros recur in every report."""
    return _splits(tuple(chunks), n, group)


@lru_cache(maxsize=4096)
def _splits(chunks: tuple[str, ...], n: int, group: int | None) -> list[tuple[str, ...]] | None:
    """Every way to cut the chunks, in order, into n numbers without leading zeros; a chunk holds one
    cell at least and a printed blank mark exactly one. With `group`, the numbers come in groups of that
    size whose last is the sum of the others (S1: 7, S4: 5), and other cuts are pruned as they are
    made. None when the search takes more than MAX_STEPS steps (too ambiguous to decide)."""
    if len(chunks) > n or len("".join(chunks)) < n:
        return []
    if group == n and "".join(chunks).isdigit():
        return _with_total(chunks, n)
    return _cuts(chunks, n, group, None, [MAX_STEPS])


def _with_total(chunks: tuple[str, ...], n: int) -> list[tuple[str, ...]] | None:
    """`_splits` of one group of whole numbers whose last is the sum of the others (a requests row, S1):
    the total is a tail of the last chunk, and the cuts before it are pruned as soon as their sum passes
    it, so rows of large numbers (22 digits) are searched in full. None past MAX_STEPS steps."""
    out: list[tuple[str, ...]] = []
    budget = [MAX_STEPS]
    last = chunks[-1]
    for k in range(1, len(last) + 1):
        total = last[len(last) - k :]
        head = (*chunks[:-1], last[: len(last) - k]) if k < len(last) else chunks[:-1]
        if not _valid(total) or len(head) > n - 1 or not head:
            continue
        found = _cuts(head, n - 1, None, int(total), budget)
        if found is None:
            return None
        out += [(*parts, total) for parts in found]
    return out


def _cuts(
    chunks: tuple[str, ...], n: int, group: int | None, target: int | None, budget: list[int]
) -> list[tuple[str, ...]] | None:
    """The cuts of `_splits`; with `target`, of whole numbers adding up to it (pruned once past it).
    `budget` holds the steps left: None when they run out."""
    text = "".join(chunks)
    ends = [sum(len(c) for c in chunks[: i + 1]) for i in range(len(chunks))]
    marks = {i for i, chunk in enumerate(chunks) if not any(ch.isdigit() for ch in chunk)}
    out: list[tuple[str, ...]] = []

    def walk(start: int, chunk: int, parts: tuple[str, ...], total: float) -> bool:
        budget[0] -= 1
        if budget[0] < 0:
            return False
        if target is not None and total > target:
            return True
        if group and parts and len(parts) % group == 0:
            nums = [_number(p) for p in parts[-group:]]
            if abs(sum(nums[:-1]) - nums[-1]) > 1e-6:
                return True
        if len(parts) == n:
            if start == len(text) and (target is None or total == target):
                out.append(parts)
            return True
        left = n - len(parts)
        if len(text) - start < left or left < len(chunks) - chunk:
            return True
        end = ends[chunk]
        if chunk in marks:  # a blank mark: the whole chunk is one cell
            return walk(end, chunk + 1, (*parts, text[start:end]), total)
        for stop in range(start + 1, end + 1):
            part = text[start:stop]
            if not _valid(part):
                continue
            if not walk(stop, chunk + 1 if stop == end else chunk, (*parts, part), total + _number(part)):
                return False
        return True

    return out if walk(0, 0, (), 0.0) else None
