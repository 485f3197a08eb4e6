"""Text normalisation shared by every transform step, applied before every match.

`clean` is the one normaliser: NFKC (full-width digits and punctuation → ASCII), CJK radicals → the
ideographs they stand for, invisible characters removed, editor debris removed. `compact`, `label_key`
and `number_text` build on it. Source: FORMAT.md §7 (full-width forms, NFKC); bug kinds: PDF text
layers that spell 人民 as 人⺠ (a CJK Radicals Supplement code point), web pages with zero-width spaces
before numbers, thousands separators in counts.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

# Word-to-text converters leave bookmark markers such as "[bookmark: _GoBack]" in the text.
_DEBRIS = re.compile(r"\[bookmark:[^\]]*\]")
# Mirror sites gloss characters with their pinyin inside the words: 報(bào)告, 公(gōng)开. A gloss is one
# to six lower-case Latin letters in brackets (ASCII or full-width), at least one with a tone mark, right
# after a CJK ideograph.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_HAS_TONE = re.compile(f"[{_TONED}]")
_PINYIN_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])[(（](?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,6}}[)）]")
_WHITESPACE = re.compile(r"\s+")
_QUOTES = re.compile(r"[\"'“”‘’「」『』]")
# Item numbering in front of a label: 一、 （一） (1) 1. 1、 1． ①
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[、.)]|[①-⑳])+")
_TRAILING = re.compile(r"[:：;；,，。、]+$")

# Characters that print nothing: zero-width space/non-joiner/joiner, word joiner, invisible operators,
# byte-order mark, soft hyphen, Mongolian vowel separator, left/right-to-right marks.
INVISIBLE = "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e\u200e\u200f"

# Characters of the printed "not reported" marks (FORMAT.md §6: /, -, —, 无), as they read after NFKC.
BLANK_MARK_CHARS = "/-—–\\无"

# CJK Radicals Supplement (U+2E80–U+2EFF) → the unified ideograph each stands for, as Unicode's
# EquivalentUnifiedIdeograph.txt gives it; NFKC folds only ⺟ and ⻳ of this block. Kangxi Radicals
# (U+2F00–U+2FDF) all fold under NFKC and are taken from unicodedata below.
_SUPPLEMENT_EQUIVALENTS = (
    "⺁厂⺄乙⺅亻⺆冂⺉刂⺊卜⺋㔾⺌小⺍小⺎尢⺏尣⺐尢⺑尣⺒巳⺓幺⺔彑⺖忄⺗心⺘扌⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵⺢氺"
    "⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺪疋⺫目⺬示⺭礻⺮竹⺯糹⺰纟⺱罓⺲罒⺳网⺴网⺶羊⺷羊⺸羋⺹耂⺺肀⺻聿⺼肉⺽臼"
    "⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻈讠⻉贝⻊足⻋车⻌辶⻍辶⻎辶⻏阝⻐钅⻑長⻒镸⻓长⻔门⻖阝⻗雨⻘青"
    "⻙韦⻚页⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)


def _radical_table() -> dict[int, str]:
    table = {ord(a): b for a, b in zip(_SUPPLEMENT_EQUIVALENTS[::2], _SUPPLEMENT_EQUIVALENTS[1::2], strict=True)}
    for cp in range(0x2F00, 0x2FE0):
        folded = unicodedata.normalize("NFKC", chr(cp))
        if folded != chr(cp):
            table[cp] = folded
    return table


# One str.translate table: radicals → ideographs, invisible characters → nothing.
_TRANSLATE: dict[int, str | None] = {**_radical_table(), **{ord(c): None for c in INVISIBLE}}

_NEEDS_TRANSLATE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in _TRANSLATE) + "]")

_T2S = opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Traditional-character mirrors of reports (and of agency names) read as Simplified."""
    return _T2S.convert(text)


def strip_pinyin(text: str) -> str:
    """Pinyin glosses a mirror site put inside words removed: 報(bào)告, 報（bào）告 → 報告 (issue 26)."""
    return _PINYIN_GLOSS.sub("", text) if _HAS_TONE.search(text) else text


def blank_pinyin(text: str) -> str:
    """Pinyin glosses (報(bào)告) replaced by as many spaces, so offsets into `text` stay valid."""
    return _PINYIN_GLOSS.sub(lambda m: " " * len(m.group(0)), text) if _HAS_TONE.search(text) else text


def clean(text: str) -> str:
    """NFKC (full-width digits and punctuation → ASCII), radicals → ideographs, invisible characters,
    editor debris and pinyin glosses (報(bào)告) removed, outer whitespace trimmed. Linear in the length
    of `text`."""
    if _NEEDS_TRANSLATE.search(text):  # a search is ~20x cheaper than translating a long text
        text = text.translate(_TRANSLATE)
    return strip_pinyin(_DEBRIS.sub("", unicodedata.normalize("NFKC", text))).strip()


def compact(text: str) -> str:
    """`clean` with all whitespace removed: labels and titles break words with spaces and newlines."""
    return _WHITESPACE.sub("", clean(text))


@lru_cache(maxsize=65_536)
def label_key(text: str) -> str:
    """The form labels are compared in: Simplified, compact, no numbering, quotes or trailing punctuation.
    Cached: the same labels recur in every report."""
    key = _QUOTES.sub("", simplified(compact(text)))
    key = _NUMBERING.sub("", key)
    return _TRAILING.sub("", key)


def strip_parenthetical(key: str) -> str:
    """Drop bracketed notes: 部分公开(区分处理的,…) → 部分公开; 规章(含…) → 规章."""
    return re.sub(r"\([^()]*\)", "", key)


_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:([, ])\d{3})(?:\1\d{3})*(?:\.\d+)?$")


def number_text(text: str) -> str:
    """A printed number without its thousands separators (`1,234`, `1 234`, `1，234` → `1234`); any
    other text is returned cleaned and compacted, unchanged otherwise."""
    cleaned = re.sub(r"\s+", " ", clean(text).replace("，", ","))
    if _GROUPED.match(cleaned):
        return cleaned.replace(",", "").replace(" ", "")
    return _WHITESPACE.sub("", cleaned)


_CN_DIGITS = str.maketrans("〇○零ＯO一二三四五六七八九", "00000123456789")
# four numerals before 年, at least one of them Chinese (二0二一年 mixes them; 2021年 is left alone)
_CN_YEAR = re.compile(r"(?=[0-9〇○零ＯO]*[〇○零Ｏ一二三四五六七八九])[〇○零ＯO0一二三四五六七八九]{4}(?=年)")


def numeral_digits(text: str) -> str:
    """Chinese numerals 〇 ○ 零 O 一 … 九 as the digits they stand for (二〇二四 → 2024), one for one."""
    return text.translate(_CN_DIGITS)


def digit_years(text: str) -> str:
    """Years printed in Chinese numerals as Arabic digits: 二〇二二年, 二○二二年, 二零二二年, and 二0二二年
    (a Chinese numeral mixed with the digit 0, as often typed) → 2022年."""
    return _CN_YEAR.sub(lambda m: numeral_digits(m.group()), text)
