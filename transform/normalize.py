"""Text normalisation shared by every transform step: NFKC, editor debris, whitespace, numbering."""

from __future__ import annotations

import re
import unicodedata

import opencc

# Word-to-text converters leave bookmark markers such as "[bookmark: _GoBack]" in the text.
_DEBRIS = re.compile(r"\[bookmark:[^\]]*\]")
_WHITESPACE = re.compile(r"\s+")
_QUOTES = re.compile(r"[\"'“”‘’「」『』]")
# Item numbering in front of a label: 一、 （一） (1) 1. 1、 1． ①
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[、.)]|[①-⑳])+")
_TRAILING = re.compile(r"[:：;；,，。、]+$")


_T2S = opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Traditional-character mirrors of reports (and of agency names) read as Simplified."""
    return _T2S.convert(text)


def clean(text: str) -> str:
    """NFKC (full-width digits and punctuation → ASCII) and editor debris removed."""
    return _DEBRIS.sub("", unicodedata.normalize("NFKC", text)).strip()


def compact(text: str) -> str:
    """`clean` with all whitespace removed: labels and titles break words with spaces and newlines."""
    return _WHITESPACE.sub("", clean(text))


def label_key(text: str) -> str:
    """The form labels are compared in: Simplified, compact, no numbering, quotes or trailing punctuation."""
    key = _QUOTES.sub("", simplified(compact(text)))
    key = _NUMBERING.sub("", key)
    return _TRAILING.sub("", key)


def strip_parenthetical(key: str) -> str:
    """Drop bracketed notes: 部分公开(区分处理的,…) → 部分公开; 规章(含…) → 规章."""
    return re.sub(r"\([^()]*\)", "", key)
