"""Per-file work: crawl a directory, and turn one file into a ParsedFile (never raising)."""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from transform.model import ParsedFile

_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device"}


@dataclass(frozen=True, slots=True)
class FileInfo:
    """A crawled path with what `stat` said of it (or why it could not be read)."""

    path: str  # relative to the crawled root, with / separators
    size: int = 0
    mtime: float = 0.0
    error: str | None = None


MAX_FILE_MB = 200
MAX_SECONDS = 300.0


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-file limits, so one file cannot hold up a night."""

    max_bytes: int = MAX_FILE_MB * 2**20
    max_seconds: float = MAX_SECONDS


def _info(root: Path, full: Path) -> FileInfo:
    rel = full.relative_to(root).as_posix()
    try:
        st = full.stat()
    except OSError as exc:
        return FileInfo(rel, error=f"cannot read file: {exc.strerror or exc}")
    kind = _KINDS.get(stat.S_IFMT(st.st_mode))
    if kind:
        return FileInfo(rel, error=f"not a regular file: {kind}")
    return FileInfo(rel, st.st_size, st.st_mtime)


def crawl(root: Path) -> list[FileInfo]:
    """Every non-hidden file under root, recursively, sorted by path. Symlinked folders are followed
    once: a link back into a folder already crawled (a loop) is recorded as an error, not walked."""
    found: list[FileInfo] = []
    seen: set[tuple[int, int]] = set()
    for folder, dirs, names in os.walk(root, followlinks=True):
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in seen:
            rel = Path(folder).relative_to(root).as_posix()
            found.append(FileInfo(rel, error=f"symbolic link loop: {rel} leads back to a folder already crawled"))
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(_info(root, Path(folder, name)) for name in names if not name.startswith("."))
    return sorted(found, key=lambda f: f.path)


def parse_file(root: Path, info: FileInfo, known_doc_id: str | None = None, limits: Limits = Limits()) -> ParsedFile:
    """Read, extract and transform one file. Any failure becomes a `failed` ParsedFile with a reason,
    so one bad file never stops a run. Bytes identical to `known_doc_id` come back `unchanged`."""
    # imported here: a run with nothing to parse (the usual night) need not load the parsing stack
    from extract import ExtractError, extract_bytes, file_format
    from transform.report import parse_report

    fmt = file_format(Path(info.path))
    unread = {"path": info.path, "doc_id": None, "format": fmt, "size_bytes": info.size, "mtime": info.mtime}
    if info.error:
        return ParsedFile(**unread, status="failed", error=info.error)
    if info.size > limits.max_bytes:
        too_large = f"file too large: {info.size / 2**20:.0f} MB, limit {limits.max_bytes / 2**20:.0f} MB"
        return ParsedFile(**unread, status="failed", error=too_large)
    try:
        data = (root / info.path).read_bytes()
    except OSError as exc:
        return ParsedFile(**unread, status="failed", error=f"cannot read file: {exc.strerror or exc}")
    doc_id = hashlib.sha256(data).hexdigest()
    base = {**unread, "doc_id": doc_id, "size_bytes": len(data)}
    if doc_id == known_doc_id:
        return ParsedFile(**base, status="unchanged")
    try:
        extracted = extract_bytes(data, fmt, deadline=time.monotonic() + limits.max_seconds)
    except ExtractError as exc:
        return ParsedFile(**base, status=exc.status, error=exc.reason)
    try:
        report = parse_report(extracted)
    except Exception as exc:  # a parser bug on one file is recorded, not fatal to the run
        return ParsedFile(
            **base, status="failed", error=f"parser error: {type(exc).__name__}: {exc}", encoding=extracted.encoding
        )
    return ParsedFile(**base, status=report.status, error=report.error, encoding=extracted.encoding, report=report)
