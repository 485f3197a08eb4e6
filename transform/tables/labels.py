"""Match a printed label to a vocabulary code, tolerant of the variants real reports print.

Exact match after normalisation first, then without bracketed notes, then the closest label by
similarity (typos, truncation, annotations). A similarity match must be clearly better than the
runner-up, so a label is never forced onto a code it only vaguely resembles.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache

from transform.normalize import label_key, strip_parenthetical

MIN_SIMILARITY = 0.75
MIN_MARGIN = 0.08


@dataclass(frozen=True, slots=True)
class Match:
    code: str
    how: str  # "exact", "bracketed", "similar"
    score: float


Vocab = tuple[tuple[str, tuple[str, ...]], ...]


@cache
def _keys(vocab: Vocab) -> tuple[tuple[str, str], ...]:
    return tuple((code, label_key(label)) for code, labels in vocab for label in labels)


def _similarity(key: str, alias: str) -> float:
    if alias in key:  # the label carries an annotation or prefix
        return len(alias) / len(key) + 0.25 if len(alias) >= 2 else 0.0
    if key in alias and len(key) >= 3:  # the label was truncated
        return len(key) / len(alias) + 0.1
    matcher = SequenceMatcher(None, key, alias, autojunk=False)
    if matcher.real_quick_ratio() < MIN_SIMILARITY or matcher.quick_ratio() < MIN_SIMILARITY:
        return 0.0  # cheap upper bounds already rule it out
    return matcher.ratio()


def match(text: str, vocab: dict[str, tuple[str, ...]]) -> Match | None:
    """The code whose labels best fit `text`, or None when nothing fits clearly. Cached: the same
    labels recur in every report."""
    return _match(text, _frozen(vocab))


_FROZEN: dict[int, tuple[dict, Vocab]] = {}  # id → (the vocabulary itself, kept alive; its frozen form)


def _frozen(vocab: dict[str, tuple[str, ...]]) -> Vocab:
    held = _FROZEN.get(id(vocab))
    if held is None or held[0] is not vocab:
        held = _FROZEN[id(vocab)] = (vocab, tuple(vocab.items()))
    return held[1]


@lru_cache(maxsize=100_000)
def _match(text: str, vocab: Vocab) -> Match | None:
    key = label_key(text)
    if not key:
        return None
    keys = _keys(vocab)
    for code, alias in keys:
        if key == alias:
            return Match(code, "exact", 1.0)
    bare = strip_parenthetical(key)
    for code, alias in keys:
        if bare and bare == strip_parenthetical(alias):
            return Match(code, "bracketed", 1.0)
    best: dict[str, float] = {}
    for code, alias in keys:
        score = _similarity(bare or key, strip_parenthetical(alias) or alias)
        best[code] = max(best.get(code, 0.0), score)
    ranked = sorted(best.items(), key=lambda kv: kv[1], reverse=True)
    if not ranked or ranked[0][1] < MIN_SIMILARITY:
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < MIN_MARGIN:
        return None
    return Match(ranked[0][0], "similar", round(ranked[0][1], 3))
