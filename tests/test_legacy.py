"""Legacy Word (.doc) and WPS files: converted by LibreOffice headless, then read as DOCX."""

from __future__ import annotations

import time

import pytest

from extract import extract_bytes
from extract.legacy import INSTALL_HINT, convert_to_docx
from extract.model import ExtractError
from tests.docgen import to_template_docx
from tests.helpers import rows
from tests.reportgen import sample_report
from tests.scans import docx_to_doc
from tests.test_formats import check_report

SAMPLE = sample_report("示例县人民政府", 2023, seed=41)


@pytest.fixture(scope="module")
def template_docx() -> bytes:
    return to_template_docx(SAMPLE)


@pytest.fixture(scope="module")
def legacy_doc(template_docx) -> bytes:
    return docx_to_doc(template_docx)


def test_doc_and_wps_load_every_cell(run_ingest, legacy_doc, tmp_path):
    assert legacy_doc.startswith(b"\xd0\xcf\x11\xe0")  # an OLE container, not a zip
    root = tmp_path / "in"
    root.mkdir()
    (root / "report.doc").write_bytes(legacy_doc)
    (root / "copy.wps").write_bytes(legacy_doc + b"\0")  # WPS writes Word-compatible files; other bytes
    _summary, db = run_ingest(root)
    assert rows(db, "SELECT path, format, status, extraction FROM documents ORDER BY path") == [
        ("copy.wps", "wps", "parsed", "text"),
        ("report.doc", "doc", "parsed", "text"),
    ]
    check_report(parse(legacy_doc, "doc"), SAMPLE)


def parse(data: bytes, fmt: str):
    from transform.report import parse_report

    return parse_report(extract_bytes(data, fmt))


def test_docx_saved_with_a_doc_name_is_read_as_docx(template_docx, monkeypatch):
    monkeypatch.setenv("PATH", "")  # no LibreOffice needed for it
    check_report(parse(template_docx, "doc"), SAMPLE)


def test_without_libreoffice_the_file_fails_with_the_install_command(legacy_doc, monkeypatch):
    monkeypatch.setenv("PATH", "")
    with pytest.raises(ExtractError) as err:
        extract_bytes(legacy_doc, "doc")
    assert INSTALL_HINT in err.value.reason


def test_conversion_stops_at_the_deadline(legacy_doc):
    with pytest.raises(ExtractError, match="time limit reached"):
        convert_to_docx(legacy_doc, deadline=time.monotonic() + 0.2)


def test_unreadable_doc_fails_with_the_reason():
    with pytest.raises(ExtractError, match="LibreOffice could not convert"):
        extract_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "doc")
