"""Saved government web pages: find the report body among navigation and footer, expand rowspan and
colspan, keep paragraphs in order.

The body is the smallest element holding every data table and the first section heading; portals wrap
it in menus, breadcrumbs and footers that must not leak into the section texts. The title usually sits
just outside it (an <h1>, or the page <title>), so it is found separately and put first.

Every table cell carries where the page prints it (extract.model.Place): its table, row and cell as the
markup counts them, and the line of its `<td>`/`<th>` in the decoded page (lxml's `sourceline`).
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from extract.encoding import decode, widen
from extract.htmlpage import meta_fields, page_fields, title_fields
from extract.kinds import sniff
from extract.mht import mht_html
from extract.model import PAGE_TITLE, Block, Cell, Extracted, ExtractError, Paragraph, Place, Table, extraction_of
from extract.pictures import PictureReader, data_uri_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_BLOCK_TAGS = frozenset(
    (
        "p div h1 h2 h3 h4 h5 h6 li ul ol section article header footer nav blockquote pre center tr dl dt dd "
        "form body html main aside address hr"
    ).split()
)
_DROP_TAGS = ("script", "style", "noscript", "iframe", "object", "embed", "template", "select", "button")
_HEADING = re.compile(r"^\s*[一1][、.．]\s*总体情况")
# Formatting that holds no text of its own: dropped when a page nests too deep for the parser.
_INLINE_TAG = re.compile(r"</?(?:font|span|b|i|u|s|em|strong|small|big|a|o:p|st1:\w+)(?:\s[^>]*)?/?>", re.IGNORECASE)
MAX_DEPTH = 2048  # libxml2's nesting limit with huge_tree (XML_PARSE_HUGE)
# libxml2 keeps an element's line in 16 bits: from this line on, `sourceline` says only "this or later".
MAX_LINE = 65535


def _decode_html(data: bytes) -> tuple[str, str]:
    m = _META_CHARSET.search(data[:4096])
    if m:
        declared = widen(m.group(1).decode("ascii").lower())
        try:
            return data.decode(declared).lstrip("\ufeff"), declared
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong declaration is common; fall back to detection
    return decode(data)


def _text(el) -> str:
    """Text of an element with <br> and block children as line breaks (walked with a stack, not
    recursion: pages nest thousands of levels deep)."""
    parts: list[str] = []
    stack = [(el, True)]
    while stack:
        node, opening = stack.pop()
        if opening and isinstance(node.tag, str):  # an element (comments and processing instructions are not)
            if node.tag == "br" or node.tag in _BLOCK_TAGS:
                parts.append("\n")
            if node.text:
                parts.append(node.text)
            stack.append((node, False))
            stack.extend((child, True) for child in reversed(node))
            continue
        if not opening and node.tag in _BLOCK_TAGS:
            parts.append("\n")
        if node is not el and node.tail:
            parts.append(node.tail)
    return re.sub(r"[ \t\r\f\v\u3000\xa0]*\n[\s\u3000\xa0]*", "\n", "".join(parts)).strip()


def _span(el, attr: str) -> int:
    value = (el.get(attr) or "1").strip()
    return max(1, min(int(value), 100)) if value.isdigit() else 1


def _line(el, offset: int | None) -> int | None:
    """The element's line in the decoded page: lxml's `sourceline` (the line where its start tag ends)
    moved by the lines cut before parsing; None when not known exactly (`offset` None, or past MAX_LINE)."""
    line = el.sourceline
    return None if offset is None or line is None or line >= MAX_LINE else line + offset


def _table(el, number: int, offset: int | None) -> Table:
    """Expand rowspan and colspan into a full grid; every position keeps the place of the cell that
    prints it (table `number`, row and cell counted 1-based as the markup has them, and its line)."""
    grid: list[list[Cell | None]] = []
    pending: dict[tuple[int, int], Cell] = {}  # positions filled by a rowspan from above
    for i, tr in enumerate(el.iter("tr")):
        row: list[Cell | None] = []
        j = 0
        tds = (td for td in tr if td.tag in ("td", "th"))
        for k, td in enumerate(tds, 1):
            while (i, j) in pending:
                row.append(pending.pop((i, j)))
                j += 1
            text = _text(td)
            place = Place(grid_table=number, grid_row=i + 1, grid_col=k, line=_line(td, offset))
            rowspan, colspan = _span(td, "rowspan"), _span(td, "colspan")
            for dj in range(colspan):
                cell = Cell(text, merged_left=dj > 0, place=place)
                row.append(cell)
                for di in range(1, rowspan):
                    pending[(i + di, j + dj)] = cell
            j += colspan
        while (i, j) in pending:
            row.append(pending.pop((i, j)))
            j += 1
        grid.append(row)
    return Table(tuple(tuple(c for c in row if c is not None) for row in grid))


def _data_tables(root) -> list:
    """Tables that hold data: those with no table inside (outer ones are page layout)."""
    return [t for t in root.iter("table") if not t.findall(".//table")]


def _common_ancestor(elements: list):
    paths = [list(reversed([e, *e.iterancestors()])) for e in elements]
    common = None
    for nodes in zip(*paths, strict=False):
        if all(n is nodes[0] for n in nodes):
            common = nodes[0]
        else:
            break
    return common


def _first_heading(root):
    """The element printing the 总体情况 heading, or None."""
    return next((el for el in root.iter() if isinstance(el.tag, str) and el.text and _HEADING.match(el.text)), None)


def _body(root, heading):
    anchors = _data_tables(root)
    if heading is not None:
        anchors.append(heading)
    if not anchors:
        return root.find("body") if root.find("body") is not None else root
    if len(anchors) == 1:
        return _section_holder(anchors[0])
    return _common_ancestor(anchors)


_LATER_HEADING = re.compile(r"^\s*[二三四五六][、.．]")
_CONTAINER_TAGS = frozenset("div td section article main center blockquote form".split())


def _section_holder(anchor):
    """The body around a lone anchor (a page whose tables were not captured: the 总体情况 heading alone,
    often inside `<p><strong>`): the nearest container above it that also holds a later section heading
    (二、…六、), else the page's <body>."""
    root = anchor.getroottree().getroot()
    later = {
        a
        for el in root.iter()
        if isinstance(el.tag, str) and el.text and _LATER_HEADING.match(el.text)
        for a in el.iterancestors()
    }
    node = anchor.getparent()
    while node is not None and node.tag != "body":
        if node.tag in _CONTAINER_TAGS and node in later:
            return node
        node = node.getparent()
    return node if node is not None else anchor


def _title(root, body) -> str | None:
    for el in root.iter("h1", "h2"):
        if body is not None and (el is body or body in el.iterancestors() or el in body.iter()):
            continue
        text = _text(el)
        if "报告" in text:
            return text
    # portals' article metadata (ArticleTitle) names the article; <title> names the site too
    titles = [f.text for f in (*meta_fields(root), *title_fields(root)) if f.kind == PAGE_TITLE and "报告" in f.text]
    return titles[0] if titles else None


def _blocks(root, pictures: PictureReader, numbers: dict[object, int], offset: int | None) -> list[Block]:
    """Paragraphs and data tables under `root` in document order (walked with a stack, not recursion).
    `numbers`: each <table> element's number in the page; `offset`: see `_line`."""
    out: list[Block] = []
    line: list[str] = []

    def flush() -> None:
        text = "".join(line).strip()
        line.clear()
        for part in text.split("\n"):
            if part.strip():
                out.append(Paragraph(part.strip()))

    stack = [(root, True)]
    while stack:
        el, opening = stack.pop()
        if opening and isinstance(el.tag, str):
            if el.tag == "table" and not el.findall(".//table"):
                flush()
                out.append(_table(el, numbers[el], offset))
            else:
                if el.tag == "img":  # a table pasted as a picture (data: URI only; nothing is fetched)
                    data = data_uri_bytes(el.get("src") or "")
                    if data is not None:
                        flush()
                        out.extend(pictures.blocks(data))
                if el.tag in _BLOCK_TAGS or el.tag in ("table", "br"):
                    flush()
                if el.text:
                    line.append(el.text)
                stack.append((el, False))
                stack.extend((child, True) for child in reversed(el))
                continue
        elif not opening and (el.tag in _BLOCK_TAGS or el.tag == "table"):
            flush()
        if el is not root and el.tail:
            line.append(el.tail)
    flush()
    return out


def _parse(text: str):
    """The page's element tree, or None when it nests deeper than libxml2 reads (it stops there and
    drops the rest of the page, so a tree cut short is never used)."""
    # libxml2 stops at 256 levels of nesting unless told the tree may be huge (portal pages nest deeper);
    # a parser per call: lxml parsers must not be shared between threads
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractError(f"cannot parse HTML: {exc}") from None
    too_deep = any(e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT and "depth" in e.message for e in parser.error_log)
    return None if too_deep else root


def extract_html(data: bytes, deadline: float | None = None) -> Extracted:
    """An HTML page's bytes (or an MHT web archive's, see extract/mht.py) → its blocks. `deadline`
    (time.monotonic) is checked before each picture read by OCR."""
    text, encoding = mht_html(data) if sniff(data) == "mht" else _decode_html(data)
    # libxml2 counts a line at each \n only (a lone \r it reads as \n but does not count): CR and CRLF made
    # \n, the tree stays the same and the lines are those an editor shows
    text = re.sub(r"\r\n?", "\n", text)
    declaration = re.match(r"\s*<\?xml[^>]*\?>", text)
    offset: int | None = 0
    if declaration:
        offset = declaration.group().count("\n")
        text = text[declaration.end() :]
    root = _parse(text)
    if root is None:  # formatting left open thousands of times over: without it nothing is lost
        stripped = _INLINE_TAG.sub("", text)
        offset = offset if stripped.count("\n") == text.count("\n") else None  # a tag cut held a line end
        root = _parse(stripped)
    if root is None:
        raise ExtractError(
            f"HTML elements nested more than {MAX_DEPTH:,} levels deep, the most the HTML parser (libxml2) "
            "reads: the page cannot be read whole"
        )
    numbers = {table: n for n, table in enumerate(root.iter("table"), 1)}  # before anything is dropped
    for el in list(root.iter(*_DROP_TAGS, etree.Comment)):
        el.drop_tree()
    heading = _first_heading(root)
    body = _body(root, heading)
    title = _title(root, body)
    pictures = PictureReader(deadline)
    blocks = ([Paragraph(title)] if title else []) + _blocks(body, pictures, numbers, offset)
    if title and len(blocks) > 1 and isinstance(blocks[1], Paragraph) and blocks[1].text == title:
        blocks.pop(1)
    return Extracted(
        blocks=tuple(blocks),
        encoding=encoding,
        extraction=extraction_of(len(blocks) - pictures.made, pictures.read),
        page=page_fields(root, body, heading, _text),
    )
