"""Bad files of every format end as a failed `documents` row with a clear reason; good ones still load."""

from __future__ import annotations

import shutil

from tests.conftest import CORPUS, SEEDS
from tests.docgen import encrypted_pdf, scanned_pdf, to_docx
from tests.helpers import rows
from tests.reportgen import sample_report


def test_bad_pdfs_and_docx_are_recorded_and_the_run_goes_on(run_ingest, tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(CORPUS / "huaian-city-2024.pdf", root / "good.pdf")
    shutil.copy(SEEDS / "003_425035603a0bba90.txt", root / "good.txt")
    good_docx = to_docx(sample_report(seed=31))
    (root / "good.docx").write_bytes(good_docx)
    pdf = (CORPUS / "huaian-city-2024.pdf").read_bytes()
    (root / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    (root / "truncated.pdf").write_bytes(pdf[:4000])
    (root / "encrypted.pdf").write_bytes(encrypted_pdf())
    (root / "scanned.pdf").write_bytes(scanned_pdf())
    (root / "truncated.docx").write_bytes(good_docx[: len(good_docx) // 2])
    (root / "legacy.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)

    summary, db = run_ingest(root)
    status = {p: (s, e) for p, s, e in rows(db, "SELECT path, status, error FROM documents")}
    assert {p for p, (s, _e) in status.items() if s == "parsed"} == {"good.pdf", "good.txt", "good.docx"}
    assert status["scanned.pdf"] == ("failed", "no text layer (scanned?), and OCR found no text on it")
    assert status["encrypted.pdf"] == ("failed", "encrypted PDF (password required)")
    assert status["corrupt.pdf"][0] == "failed" and "PDF" in status["corrupt.pdf"][1]
    assert status["truncated.pdf"][0] == "failed" and "PDF" in status["truncated.pdf"][1]
    assert status["truncated.docx"] == ("failed", "not a valid DOCX: not a zip archive (truncated or corrupt file)")
    assert status["legacy.docx"][0] == "failed" and "OLE container" in status["legacy.docx"][1]
    assert rows(db, "SELECT count(*) FROM cells") == [(600,)]
    assert summary.statuses["failed"] == 6
