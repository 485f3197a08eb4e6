"""Copies of reports on mirror sites, read as the simplified text they stand for (issue 26).

Mirror sites print reports in traditional characters (國家機關事務管理局, 報告) and some gloss characters
with pinyin inside the words (報(bào)告). Every rule reads the simplified text without glosses, the
table reader too (so a mirror's cells' `row_label` is simplified; their raw text is digits); the fields
that keep what was printed (`agency_raw`, `title`, section headings and texts) keep the printed
characters. OpenCC's `t2s` converts names character by character, so a name found in the simplified
text is cut from the printed text at the same place.
"""

from __future__ import annotations

from dataclasses import replace

from extract.model import Block, Paragraph
from transform.model import Section
from transform.normalize import compact, digit_years, simplified, strip_pinyin

SAMPLE_CHARS = 4000  # of the opening paragraphs: enough to tell a traditional-character page
PRINTED_LINES = 20  # opening paragraphs searched for the printed form of a name


def _sample(blocks: tuple[Block, ...]) -> str:
    text, size = [], 0
    for block in blocks:
        if isinstance(block, Paragraph):
            text.append(block.text)
            size += len(block.text)
            if size >= SAMPLE_CHARS:
                break
    return "".join(text)[:SAMPLE_CHARS]


def _read(text: str) -> str:
    return simplified(strip_pinyin(text))


def is_mirror(blocks: tuple[Block, ...]) -> bool:
    """The opening paragraphs print traditional characters or pinyin glosses (their reading differs)."""
    sample = _sample(blocks)
    return _read(sample) != sample


def reading_blocks(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The blocks as every rule reads them: the paragraphs and table cells of a mirror copy in simplified
    characters without pinyin glosses. The same tuple when the document is not a mirror copy."""
    if not is_mirror(blocks):
        return blocks
    return tuple(
        Paragraph(_read(b.text), b.page)
        if isinstance(b, Paragraph)
        else replace(b, rows=tuple(tuple(replace(c, text=_read(c.text)) for c in row) for row in b.rows))
        for b in blocks
    )


def printed_name(name: str, printed: tuple[Block, ...], read: tuple[Block, ...]) -> str:
    """`name`, found in the simplified reading of the opening paragraphs, as the document prints it
    (traditional characters kept, whitespace and pinyin glosses removed). `name` itself when the
    document is not traditional or the name is not found where the conversion kept every position."""
    if printed == read:  # not a mirror copy (equal blocks are compared by identity first: cheap)
        return name
    pairs = [(p, r) for p, r in zip(printed, read, strict=True) if isinstance(p, Paragraph)][:PRINTED_LINES]
    candidates = [(p.text, r.text) for p, r in pairs]
    candidates.append(("".join(p.text for p, _ in pairs[:3]), "".join(r.text for _, r in pairs[:3])))
    for p_text, r_text in candidates:
        p_key, r_key = digit_years(compact(p_text)), digit_years(compact(r_text))
        at = r_key.find(name)
        if at >= 0 and len(p_key) == len(r_key):
            return p_key[at : at + len(name)]
    return name


def simplified_sections(sections: tuple[Section, ...]) -> tuple[Section, ...]:
    """Section texts in simplified characters, for the rules that read them (the X5 quotes)."""
    return tuple(replace(s, text=simplified(s.text)) for s in sections)
