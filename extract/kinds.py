"""What a file's bytes are, whatever its name says.

Portals serve Word's "Web Page" and "Single File Web Page" saves (HTML, MHT) and RTF under `.doc` and
`.wps` names, and DOCX or PDF files under the wrong name; each is read by the reader for what it is. An
HTML or MHT file must never reach LibreOffice, which fetches the remote pictures and links it names.
"""

from __future__ import annotations

import re

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEAD = 4096
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# A tag an HTML page opens with (after any XML declaration, doctype or comment).
_HTML_TAG = re.compile(r"<\s*(!doctype\s+html|html|head|body|meta|title|table|div|p|span|style)[\s>/]", re.IGNORECASE)
# MIME headers (RFC 2045) of a web archive: `MIME-Version` and a multipart body, before the first blank line.
_MIME_HEADER = re.compile(r"^[A-Za-z][A-Za-z0-9-]*:", re.MULTILINE)
_MULTIPART = re.compile(r"^content-type:\s*multipart/", re.IGNORECASE | re.MULTILINE)


def _head_text(data: bytes) -> str:
    """The first bytes as text for sniffing: UTF-16 when a byte-order mark says so, else Latin-1 (every
    byte a character; the markers looked for are ASCII)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) : len(bom) + _HEAD * 2].decode(codec, errors="replace")
    return data[:_HEAD].decode("latin-1")


def sniff(data: bytes) -> str | None:
    """The kind of file the bytes are: `docx` (a zip archive), `ole` (a legacy Office or WPS container),
    `pdf`, `rtf`, `mht` (a MIME web archive, Word's "Single File Web Page"), `html`, or None (not told
    apart: read by the name's reader)."""
    if data.startswith(ZIP_MAGIC):
        return "docx"
    if data.startswith(OLE_MAGIC):
        return "ole"
    head = _head_text(data).lstrip("\ufeff \t\r\n")
    if head.startswith("%PDF-"):
        return "pdf"
    if head.startswith("{\\rtf"):
        return "rtf"
    headers = re.split(r"\r?\n\r?\n", head, maxsplit=1)[0]
    if _MIME_HEADER.match(head) and "mime-version:" in headers.lower() and _MULTIPART.search(headers):
        return "mht"
    if head.startswith("<") and _HTML_TAG.search(head):
        return "html"
    return None
