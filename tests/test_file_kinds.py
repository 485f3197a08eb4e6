"""Files are read by what their bytes are, not their name (extract/kinds.py), and LibreOffice never
reaches the network (extract/sandbox.py): Word's web pages under `.doc`, MHT archives, RTF."""

from __future__ import annotations

import contextlib
import http.server
import threading

import pytest

from extract import extract_bytes
from extract.kinds import sniff
from extract.legacy import convert_to_docx
from extract.model import ExtractError
from tests.docgen import to_docx, to_html, word_mht
from tests.helpers import cell_map, rows
from tests.reportgen import sample_report
from tests.scans import docx_to_doc
from tests.test_formats import check_report
from transform.report import parse_report

SAMPLE = sample_report("示例县人民政府", 2023, seed=43)


@pytest.fixture
def web_server():
    """A real HTTP server on 127.0.0.1 that records every request it gets; yields (base URL, requests)."""
    seen: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def _record(self) -> None:
            seen.append(f"{self.command} {self.path}")
            self.send_response(404)
            self.end_headers()

        do_GET = do_HEAD = do_OPTIONS = do_PROPFIND = _record

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


def linking_page(base: str) -> bytes:
    """The sample report as a Word-saved web page naming a picture, a style sheet and a frame on `base`."""
    page = to_html(SAMPLE)
    links = (
        f'<link rel="stylesheet" href="{base}/style.css"><img src="{base}/x.png">'
        f'<iframe src="{base}/frame.html"></iframe><p><a href="{base}/more">更多</a></p>'
    ).encode()
    return page.replace(b"<body>", b"<body>" + links, 1)


def test_files_under_other_names_are_read_by_what_they_are_and_nothing_is_fetched(run_ingest, web_server, tmp_path):
    base, requests = web_server
    page = linking_page(base)
    root = tmp_path / "in"
    root.mkdir()
    (root / "report.doc").write_bytes(page)
    (root / "copy.wps").write_bytes(page.replace(b"<html", b"<!-- saved by WPS -->\n<html", 1))
    (root / "page.pdf").write_bytes(to_html(SAMPLE))  # a portal's viewer page saved under the PDF's name
    (root / "word.html").write_bytes(to_docx(SAMPLE))
    _summary, db = run_ingest(root)
    assert rows(db, "SELECT path, status, error FROM documents ORDER BY path") == [
        ("copy.wps", "parsed", None),
        ("page.pdf", "parsed", None),
        ("report.doc", "parsed", None),
        ("word.html", "parsed", None),
    ]
    for (report_id,) in rows(db, "SELECT report_id FROM reports"):
        assert cell_map(db, report_id) == SAMPLE.values
    assert requests == []


def test_libreoffice_reaches_no_server_even_when_handed_a_page(web_server):
    """The sandbox itself: a page given to LibreOffice directly is converted offline."""
    base, requests = web_server
    with contextlib.suppress(ExtractError):  # what LibreOffice makes of it does not matter; whether it fetched does
        convert_to_docx(linking_page(base))
    assert requests == []


@pytest.mark.parametrize(("charset", "transfer"), [("gb2312", "quoted-printable"), ("utf-8", "base64")])
def test_word_mht_archive_under_doc_and_mht_names_is_read_as_its_page(charset, transfer):
    archive = word_mht(to_html(SAMPLE, charset).decode(charset), charset, transfer)
    assert sniff(archive) == "mht"
    for fmt in ("doc", "wps", "htm"):
        check_report(parse_report(extract_bytes(archive, fmt)), SAMPLE)


def test_rtf_and_docx_under_doc_names_are_read():
    docx = to_docx(SAMPLE)
    rtf = docx_to_doc(docx, "rtf")
    assert sniff(rtf) == "rtf" and sniff(docx) == "docx"
    check_report(parse_report(extract_bytes(rtf, "doc")), SAMPLE)
