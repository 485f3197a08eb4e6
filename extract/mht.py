"""MHT / MHTML web archives (Word's "Single File Web Page", browsers' "save as single file"): the page's
HTML part, decoded from its transfer encoding (quoted-printable, base64) in its declared charset.

Parsed with the standard library's `email` package (RFC 2045-2047 MIME). Pictures are separate parts
named by `Content-Location`; they are not read (the HTML reader reads only pictures inlined as data: URIs).
"""

from __future__ import annotations

import email
import email.policy

from extract.encoding import decode, widen
from extract.model import ExtractError


def mht_html(data: bytes) -> tuple[str, str]:
    """The first `text/html` part of a MIME archive → (its text, the encoding it was decoded from: the
    part's declared charset, GB2312/GBK widened to GB18030, or detected when none is declared).
    ExtractError when there is no HTML part or it does not decode."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
    if part is None:
        raise ExtractError("MHT web archive without an HTML part")
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset()
    if charset is None:
        return decode(payload)
    try:
        return payload.decode(widen(charset)).lstrip("\ufeff"), widen(charset)
    except (LookupError, UnicodeDecodeError):  # a wrong declaration: detect as for any text
        return decode(payload)
