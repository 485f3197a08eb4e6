"""Tables printed as running text, cells run together (crawler dumps, PDF-to-text without layout).

`scan` finds the format's labels (FORMAT.md §3–5) inside a paragraph and returns what lies between
them: label, value chunk or prose. A value chunk such as `21710000218` may hold several cells printed
without a separator; `splits` lists every way to cut chunks into n numbers (no leading zeros), and the
table readers keep a split only when exactly one satisfies the table's identities (FORMAT.md §6).
Bug kind: web crawlers that drop the markup between table cells.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from transform import vocabulary as v
from transform.normalize import BLANK_MARK_CHARS, clean

MAX_SPLITS = 20_000  # more ways to cut a row than this: flagged as ambiguous without enumerating further
_PART = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")
_VALUE = rf"(?:\d+(?:\.\d+)?|[{re.escape(BLANK_MARK_CHARS)}]+)"
_LEADING = re.compile(rf"^(\s*{_VALUE}(?:\s+{_VALUE})*)")
_SECTION_NUMERAL = re.compile(r"^\s*[一二三四五六七八九十][、.]")
MIN_ROWS = 3  # label → value transitions that make a paragraph a table printed as running text
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


Piece = tuple[str, str]  # ("label" | "value" | "text", text)


def scan(text: str) -> list[Piece] | None:
    """The labels of a paragraph and what lies between them, or None when the paragraph is prose: it
    must be label and values only (`行政许可 0`), or hold MIN_ROWS labels directly followed by values.
    Linear in the length of `text`."""
    text = clean(text)
    pieces: list[Piece] = []
    last = 0
    for m in _labels().finditer(text):
        _gap(text[last : m.start()], pieces)
        pieces.append(("label", m.group()))
        last = m.end()
    _gap(text[last:], pieces)
    rows = sum(1 for a, b in pairwise(pieces) if a[0] == "label" and b[0] == "value")
    whole_row = rows and all(kind != "text" for kind, _ in pieces)  # a paragraph `行政许可 0`
    return pieces if rows >= MIN_ROWS or whole_row else None


def _gap(gap: str, pieces: list[Piece]) -> None:
    """Between two labels: value chunks only, or value chunks then the next section's heading
    (`24252.3三、收到…`); anything else (`1件…`) is prose."""
    m = _LEADING.match(gap)
    rest = gap[m.end(1) :] if m else gap
    if m and (not rest.strip() or _SECTION_NUMERAL.match(rest)):
        pieces.extend(("value", c) for c in m.group(1).split())
    else:
        rest = gap
    if rest.strip() and (not pieces or pieces[-1][0] != "text"):
        pieces.append(("text", rest))


def _cuts(chunk: str, k: int) -> list[tuple[str, ...]]:
    """Every way to cut one chunk into k numbers."""
    if k == 1:
        return [(chunk,)] if _PART.fullmatch(chunk) else []
    out = []
    for i in range(1, len(chunk)):
        head = chunk[:i]
        if _PART.fullmatch(head):
            out.extend((head, *rest) for rest in _cuts(chunk[i:], k - 1))
    return out


def splits(chunks: list[str], n: int) -> list[tuple[str, ...]] | None:
    """Every way to cut the chunks, in order, into n numbers; a chunk holds one cell at least. None when
    there are more than MAX_SPLITS ways (too ambiguous to try)."""
    if any(not c[0].isdigit() for c in chunks):  # a printed blank mark is one cell on its own
        counts = [1 if not c[0].isdigit() else None for c in chunks]
    else:
        counts = [None] * len(chunks)
    out: list[tuple[str, ...]] = []

    def walk(i: int, left: int, acc: tuple[str, ...]) -> bool:
        if i == len(chunks):
            if left == 0:
                out.append(acc)
            return len(out) <= MAX_SPLITS
        chunk = chunks[i]
        if counts[i] == 1:
            return walk(i + 1, left - 1, (*acc, chunk))
        room = left - (len(chunks) - i - 1)
        for k in range(1, min(room, len(chunk)) + 1):
            for cut in _cuts(chunk, k):
                if not walk(i + 1, left - k, acc + cut):
                    return False
        return True

    if sum(len(c) for c in chunks) < n or len(chunks) > n:
        return []
    return out if walk(0, n, ()) else None
