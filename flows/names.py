"""File names as the file system has them (bytes) ↔ as the warehouse stores and the terminal prints them.

Linux names are bytes; Python hands a name that is not valid UTF-8 (what unzipping a Windows-made
Chinese zip gives: GBK bytes) over as a str with surrogates (`surrogateescape`), which DuckDB cannot
store. The warehouse stores such a byte as the four characters `\\xff` and a backslash as `\\\\`, so every
stored name is valid UTF-8 and maps back to exactly one name on disk. Names that are valid UTF-8 and
hold no backslash are stored as they are.
"""

from __future__ import annotations

import re

_RAW = re.compile(r"[\\\udc80-\udcff]")  # a backslash, or a byte that was not UTF-8 (surrogateescape)
_ESCAPED = re.compile(r"\\(\\|x[0-9a-f]{2})")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def stored_name(name: str) -> str:
    """A path as `os.scandir` gives it (str, surrogateescape) → the valid UTF-8 text stored in
    `documents.path`: a byte that is not UTF-8 becomes `\\xNN` (lower-case hex), a backslash `\\\\`."""
    return _RAW.sub(lambda m: "\\\\" if m.group() == "\\" else f"\\x{ord(m.group()) - 0xDC00:02x}", name)


def disk_name(stored: str) -> str:
    """The inverse of `stored_name`: the str (surrogateescape) that opens the file on disk."""
    return _ESCAPED.sub(lambda m: "\\" if m.group(1) == "\\" else chr(0xDC00 + int(m.group(1)[1:], 16)), stored)


def is_escaped(stored: str) -> bool:
    """Whether a stored name holds bytes that were not valid UTF-8 on disk."""
    return any(m.group(1) != "\\" for m in _ESCAPED.finditer(stored))


def printable(name: str) -> str:
    """A name safe to print on a terminal: control characters (newline, escape, …) as `\\xNN`."""
    return _CONTROL.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}", name
    )
