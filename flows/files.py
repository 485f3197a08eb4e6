"""Per-file work: crawl a directory, and turn one file into a ParsedFile (never raising)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from extract import ExtractError, extract_bytes, file_format
from transform.model import ParsedFile
from transform.report import parse_report


def crawl(root: Path) -> list[str]:
    """Every regular, non-hidden file under root (recursively), as sorted paths relative to root.
    Symlinked directories are not followed, so a link loop cannot trap the crawl."""
    found = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if not name.startswith("."):
                found.append(Path(folder, name).relative_to(root).as_posix())
    return sorted(found)


def parse_file(root: Path, rel: str) -> ParsedFile:
    """Read, extract and transform one file. Any failure becomes a `failed` ParsedFile with a reason,
    so one bad file never stops a run."""
    path = root / rel
    fmt = file_format(path)
    try:
        stat = path.stat()
        data = path.read_bytes()
    except OSError as exc:
        return ParsedFile(rel, "", fmt, 0, 0.0, "failed", f"cannot read file: {exc.strerror or exc}")
    base = {
        "path": rel,
        "doc_id": hashlib.sha256(data).hexdigest(),
        "format": fmt,
        "size_bytes": len(data),
        "mtime": stat.st_mtime,
    }
    try:
        extracted = extract_bytes(data, fmt)
    except ExtractError as exc:
        return ParsedFile(**base, status=exc.status, error=exc.reason)
    try:
        report = parse_report(extracted)
    except Exception as exc:  # a parser bug on one file is recorded, not fatal to the run
        return ParsedFile(
            **base,
            status="failed",
            error=f"parser error: {type(exc).__name__}: {exc}",
            encoding=extracted.encoding,
        )
    return ParsedFile(**base, status=report.status, error=report.error, encoding=extracted.encoding, report=report)
