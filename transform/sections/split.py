"""The six section texts (FORMAT.md §2), found by their headings among the paragraphs."""

from __future__ import annotations

from extract.model import Block, Paragraph
from transform.headings import heading_no
from transform.model import Section
from transform.vocabulary import SECTIONS


def split_sections(blocks: tuple[Block, ...]) -> tuple[Section, ...]:
    """Section texts are the paragraphs after a heading, up to the next; headings must ascend, so a
    sub-heading such as （一）主动公开情况 inside section 1 is not taken for section 2."""
    found: list[tuple[int, str, list[str]]] = []
    for block in blocks:
        if not isinstance(block, Paragraph):
            continue
        no = heading_no(block.text)
        if no is not None and (not found or no > found[-1][0]):
            found.append((no, block.text.strip(), []))
        elif found:
            found[-1][2].append(block.text.strip())
    return tuple(Section(no, SECTIONS[no - 1].code, heading, "\n".join(lines).strip()) for no, heading, lines in found)
