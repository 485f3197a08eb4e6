"""Text that remembers where each of its characters is printed in the decoded file (issue 24).

`extract.text` cuts lines into cells, strips them and joins wrapped ones; doing that on `Spanned` strings
instead of plain ones keeps, for every character, its `Place` (line 1-based, char_start/char_end within
it), so a cell's place is the span of its stripped text (`place`) and a paragraph keeps one place per
character (`extract.model.Paragraph.places`). Characters added by joining (the separator) have None.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from extract.model import Place
from extract.places import line_chars, union


@dataclass(frozen=True, slots=True)
class Spanned:
    """`text` and the place of each of its characters (`at`, as long as `text`)."""

    text: str
    at: tuple[Place | None, ...]

    @classmethod
    def of_line(cls, line: int, start: int, text: str) -> Spanned:
        """`text`, printed on `line` (1-based) from column `start` (0-based)."""
        return cls(text, line_chars(line, start, text))

    @classmethod
    def join(cls, sep: str, parts: Iterable[Spanned]) -> Spanned:
        """`sep.join` of the parts; the separators have no place."""
        parts = list(parts)
        text = sep.join(p.text for p in parts)
        at: list[Place | None] = []
        for k, p in enumerate(parts):
            if k:
                at += [None] * len(sep)
            at += p.at
        return cls(text, tuple(at))

    def __getitem__(self, key: slice) -> Spanned:
        return Spanned(self.text[key], self.at[key])

    def strip(self) -> Spanned:
        """Without outer whitespace."""
        start = len(self.text) - len(self.text.lstrip())
        end = len(self.text.rstrip())
        return self[start:end] if end > start else self[0:0]

    def split(self, sep: str) -> list[Spanned]:
        """`str.split(sep)`, each part with its places."""
        out, start = [], 0
        while (end := self.text.find(sep, start)) >= 0:
            out.append(self[start:end])
            start = end + len(sep)
        out.append(self[start:])
        return out

    def place(self) -> Place | None:
        """Where the stripped text is printed: its span when it lies on one line, else None."""
        return union(self.strip().at)
