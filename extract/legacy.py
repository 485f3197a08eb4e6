"""Legacy Word (.doc) and WPS (.wps) reports: converted to DOCX by LibreOffice headless, then read as DOCX.

A file is read by what its bytes are (extract/kinds.py): a DOCX, PDF, HTML or MHT page under a `.doc`
or `.wps` name goes to its own reader, never to LibreOffice (which fetches the pictures and links an
HTML page names); legacy Office/WPS containers, RTF and anything else are converted.

LibreOffice runs without network (extract/sandbox.py: its own network namespace, so it cannot reach
even 127.0.0.1), each conversion in its own temporary folder with its own profile
(`-env:UserInstallation`), so parallel workers never share a profile lock; the process runs in its own
process group and the whole group is killed at the file's deadline, and it dies with the worker that
started it. Needs `soffice` on PATH (Debian: libreoffice-writer-nogui).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from extract.docx import extract_docx
from extract.html import extract_html
from extract.kinds import sniff
from extract.model import Extracted, ExtractError
from extract.pdf import extract_pdf
from extract.sandbox import offline_command

DEFAULT_SECONDS = 300.0  # without a deadline (direct calls), a conversion still ends
INSTALL_HINT = "apt-get install libreoffice-writer-nogui"


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise ExtractError(f"legacy Word/WPS file needs LibreOffice to convert it, not installed: {INSTALL_HINT}")
    return found


def convert_to_docx(data: bytes, deadline: float | None = None) -> bytes:
    """A legacy word-processor file's bytes → DOCX bytes via `soffice --headless --convert-to docx`.
    ExtractError when LibreOffice is missing, fails, or the deadline (time.monotonic) passes."""
    soffice = _soffice()
    seconds = DEFAULT_SECONDS if deadline is None else deadline - time.monotonic()
    if seconds <= 0:
        raise ExtractError("time limit reached before converting the legacy Word file")
    with tempfile.TemporaryDirectory(prefix="ogi-legacy-") as tmp:
        folder = Path(tmp)
        source, out = folder / "report.doc", folder / "out"
        source.write_bytes(data)
        cmd = [
            *offline_command(),
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
            str(out),
            str(source),
        ]
        proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            output, _ = proc.communicate(timeout=seconds)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise ExtractError("time limit reached converting the legacy Word file with LibreOffice") from None
        converted = out / "report.docx"
        if not converted.is_file():
            said = output.decode(errors="replace").strip().splitlines()
            raise ExtractError(
                "LibreOffice could not convert the legacy Word file (corrupt or password-protected?)"
                + (f": {said[-1]}" if said else "")
            )
        return converted.read_bytes()


# The reader for what a file's bytes are (extract/kinds.py), whatever its name says; legacy Office/WPS
# containers and RTF are not here: they are converted (below).
READERS_BY_KIND = {"docx": extract_docx, "pdf": extract_pdf, "html": extract_html, "mht": extract_html}


def extract_legacy_word(data: bytes, deadline: float | None = None) -> Extracted:
    """A `.doc` / `.wps` file → its blocks: a DOCX, PDF, HTML or MHT file under that name by its own
    reader, anything else (OLE containers, RTF) converted to DOCX by LibreOffice first."""
    reader = READERS_BY_KIND.get(sniff(data) or "")
    if reader is not None:
        return reader(data, deadline)
    return extract_docx(convert_to_docx(data, deadline), deadline)
