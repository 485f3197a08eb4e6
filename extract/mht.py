"""MHT / MHTML web archives (Word's "Single File Web Page", browsers' "save as single file"): the page's
HTML part, decoded from its transfer encoding (quoted-printable, base64) in its declared charset.

Parsed with the standard library's `email` package (RFC 2045/2557 MIME). Pictures are parts of their
own, named by `Content-Location` (or `Content-ID`, for `cid:` sources); each picture the page shows is
put into its `<img src>` as a data: URI, so the HTML reader reads a table pasted as a picture by OCR as
in any page. Nothing outside the archive is ever looked up.
"""

from __future__ import annotations

import base64
import email
import email.policy
import html
import re
from email.message import Message
from urllib.parse import unquote, urljoin

from extract.encoding import decode, widen
from extract.model import ExtractError


def mht_html(data: bytes) -> tuple[str, str]:
    """The first `text/html` part of a MIME archive → (its text with the archive's pictures inlined as
    data: URIs, the encoding it was decoded from: the part's declared charset, GB2312/GBK widened to
    GB18030, or detected when none is declared or it is wrong). ExtractError when there is no HTML part
    or it does not decode."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
    if part is None:
        raise ExtractError("MHT web archive without an HTML part")
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset()
    text, encoding = decode(payload) if charset is None else _decoded(payload, charset)
    pictures = _pictures(message)
    if not pictures:
        return text, encoding
    base = part.get("Content-Location", "")

    def inline(m: re.Match) -> str:
        source = html.unescape(m.group(3)).strip()
        found = pictures.get(unquote(source)) or pictures.get(unquote(urljoin(base, source)))
        return m.group(0) if found is None else f"{m.group(1)}{m.group(2)}{found}{m.group(2)}"

    return _SRC.sub(inline, text), encoding


_SRC = re.compile(r"""(\bsrc\s*=\s*)(["'])([^"'<>]*)\2""", re.IGNORECASE)


def _decoded(payload: bytes, charset: str) -> tuple[str, str]:
    """The part's text in its declared charset (GB2312/GBK read as GB18030); detected when it is wrong."""
    try:
        return payload.decode(widen(charset)).lstrip("\ufeff"), widen(charset)
    except (LookupError, UnicodeDecodeError):  # a wrong declaration: detect as for any text
        return decode(payload)


def _pictures(message: Message) -> dict[str, str]:
    """The archive's image parts as data: URIs, keyed by their `Content-Location` (percent-decoded) and
    `cid:` name."""
    found: dict[str, str] = {}
    for part in message.walk():
        if part.get_content_maintype() != "image":
            continue
        data = part.get_payload(decode=True)
        if not data:
            continue
        uri = f"data:{part.get_content_type()};base64,{base64.b64encode(data).decode('ascii')}"
        if part.get("Content-Location"):
            found[unquote(part["Content-Location"].strip())] = uri
        if part.get("Content-ID"):
            found[f"cid:{part['Content-ID'].strip().strip('<>')}"] = uri
    return found
