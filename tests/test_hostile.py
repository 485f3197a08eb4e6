"""A night is never blocked by one file: hostile files hit a limit, are recorded with it, and the run goes
on (flows/isolation.py, extract/pdfstreams.py, flows/names.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import psutil

from flows.names import disk_name, is_escaped, printable, stored_name
from tests.conftest import SEEDS
from tests.helpers import rows
from tests.hostile import (
    NON_UTF8_NAME,
    dense_grid_pdf,
    flate_bomb,
    flate_bomb_pdf,
    huge_text_report,
    pdf_with_content,
)
from tests.reportgen import sample_report, to_txt_bytes
from tests.test_nightly import _harness_env, _ogi, make_corpus

GOOD = SEEDS / "003_425035603a0bba90.txt"


def documents(db: Path) -> dict[str, tuple[str, str | None]]:
    return {p: (s, e) for p, s, e in rows(db, "SELECT path, status, error FROM documents")}


def test_names_are_stored_reversibly_and_printed_safely():
    raw = os.fsdecode(b"dir\\x/a\xff\xfe\\xff.txt")  # a real backslash, two bad bytes, a literal "\xff"
    stored = stored_name(raw)
    assert stored == "dir\\\\x/a\\xff\\xfe\\\\xff.txt"
    stored.encode("utf-8")  # storable
    assert disk_name(stored) == raw and os.fsencode(disk_name(stored)) == b"dir\\x/a\xff\xfe\\xff.txt"
    assert is_escaped(stored) and not is_escaped(stored_name("目录/报告\\1.txt"))
    assert stored_name("目录/报告.txt") == "目录/报告.txt"
    assert printable("a\nb\x1b[31m.txt\u2028") == "a\\x0ab\\x1b[31m.txt\\u2028"


def test_a_name_that_is_not_utf8_loads_and_is_recorded(run_ingest, tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(GOOD, root / "good.txt")
    (root / "z.txt").write_bytes(to_txt_bytes(sample_report("测试县人民政府", 2022, seed=3)))
    with open(os.fsencode(root) + b"/" + NON_UTF8_NAME, "wb") as out:
        out.write(to_txt_bytes(sample_report("乱码县人民政府", 2022, seed=4)))
    summary, db = run_ingest(root)
    assert summary.statuses["parsed"] == 3
    got = documents(db)
    status, error = got["a\\xff\\xfe-report.txt"]
    assert status == "parsed" and "not valid UTF-8" in error
    assert rows(db, "SELECT count(*) FROM v_reports")[0][0] == 3
    second, _ = run_ingest(root)  # found again under the same stored name: nothing to do
    assert second.statuses["unchanged"] == 3


def _hostile_then_good(run_ingest, tmp_path, name: str, data: bytes, **limits) -> tuple[dict, Path]:
    """Ingest a hostile file and, after it in the same batch, a good report (parsed by a fresh worker
    if the hostile one cost its worker's life); returns the documents rows and the warehouse."""
    root = tmp_path / "in"
    root.mkdir()
    (root / f"a-{name}").write_bytes(data)
    shutil.copy(GOOD, root / "b-good.txt")
    _, db = run_ingest(root, **limits)
    got = documents(db)
    assert got["b-good.txt"][0] == "parsed"
    return got, db


def test_a_flate_bomb_pdf_is_refused_before_it_inflates(run_ingest, tmp_path):
    got, _ = _hostile_then_good(run_ingest, tmp_path, "bomb.pdf", flate_bomb_pdf(2 * 2**30))  # 2 MB → 2 GB
    assert got["a-bomb.pdf"] == ("failed", "PDF stream inflates to more than 128 MB (zip bomb?), refused")


def test_memory_limit_per_file(run_ingest, tmp_path):
    """A stream under the inflation cap that still needs more memory than the file is allowed."""
    data = pdf_with_content(flate_bomb(112 * 2**20), flate=True)
    got, _ = _hostile_then_good(run_ingest, tmp_path, "big.pdf", data, max_memory_mb=64)
    assert got["a-big.pdf"][0] == "failed"
    assert got["a-big.pdf"][1].startswith("memory limit: parsing needed more than 64 MB (--max-memory-mb)")


def test_time_limit_holds_inside_one_pdf_page(run_ingest, tmp_path):
    """200 × 200 ruling lines on one page: a minute in the table finder, with no page boundary to check
    the deadline at. The watchdog ends it and a new worker parses the next file."""
    got, _ = _hostile_then_good(run_ingest, tmp_path, "grid.pdf", dense_grid_pdf(200), max_seconds=1)
    assert got["a-grid.pdf"] == ("failed", "time limit: still parsing after 1 s (--max-seconds)")


def test_time_limit_holds_for_text(run_ingest, tmp_path):
    """Text has no page boundaries to check a deadline at: 20 MB of text takes ~10 s here."""
    got, _ = _hostile_then_good(run_ingest, tmp_path, "long.txt", huge_text_report(20), max_seconds=0)
    assert got["a-long.txt"] == ("failed", "time limit: still parsing after 0 s (--max-seconds)")


def test_a_huge_section_is_refused_not_handed_to_the_writer(run_ingest, tmp_path):
    got, db = _hostile_then_good(run_ingest, tmp_path, "huge.txt", huge_text_report(5))
    status, error = got["a-huge.txt"]
    assert status == "failed"
    assert error.startswith("section 1 holds") and error.endswith("more than the 1,000,000 stored")
    assert rows(db, "SELECT max(length(text)) FROM sections")[0][0] < 10_000


def test_no_parse_worker_outlives_the_run(run_ingest, tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(GOOD, root / "good.txt")
    before = set(psutil.Process().children(recursive=True))  # the Prefect test server
    run_ingest(root)
    left = set(psutil.Process().children(recursive=True)) - before
    # multiprocessing's resource tracker lives as long as this process, by design; nothing else may
    assert [p.cmdline() for p in left if "resource_tracker" not in " ".join(p.cmdline())] == []


def test_a_stray_byte_does_not_change_the_encoding(run_ingest, tmp_path):
    """One byte that is not GB18030 made chardet guess koi8-u and the report was lost as not a report."""
    root = tmp_path / "in"
    root.mkdir()
    data = to_txt_bytes(sample_report("杂字县人民政府", 2022, seed=1), encoding="gb18030")
    middle = data.index("二、主动公开".encode("gb18030"))
    (root / "stray.txt").write_bytes(data[:middle] + b"\xff" + data[middle:])
    _, db = run_ingest(root)
    [(status, encoding, error, agency)] = rows(
        db, "SELECT d.status, d.encoding, d.error, r.agency FROM documents d JOIN reports r ON r.report_id = d.doc_id"
    )
    assert (status, agency) == ("parsed", "杂字县")
    assert encoding.startswith("gb18030 (") and encoding.endswith("undecodable sequences replaced)")
    assert error == f"text read as {encoding} (U+FFFD)"
    assert rows(db, "SELECT count(*) FROM cells WHERE value IS NOT NULL")[0][0] > 150


def test_html_nested_deeper_than_libxml2s_default_limit(run_ingest, tmp_path):
    from tests.docgen import to_html

    html = to_html(sample_report("深层县人民政府", 2022, seed=5)).decode()
    start, end = html.index("<body>") + len("<body>"), html.index("</body>")
    root = tmp_path / "in"
    root.mkdir()
    (root / "deep.html").write_text(html[:start] + "<div>" * 300 + html[start:end] + "</div>" * 300 + html[end:])
    _, db = run_ingest(root)
    assert rows(db, "SELECT status FROM documents") == [("parsed",)]
    assert rows(db, "SELECT count(*) FROM cells")[0][0] == 200


def test_html_nested_thousands_deep_is_read_or_refused_in_one_sentence(run_ingest, tmp_path):
    """Deeper than Python's recursion limit (1,000) is read; formatting left open 3,000 times over is read
    without it; 3,000 nested blocks, past libxml2's 2,048, are refused with the limit named."""
    from tests.docgen import to_html

    html = to_html(sample_report("深层县人民政府", 2022, seed=5)).decode()
    start, end = html.index("<body>") + len("<body>"), html.index("</body>")
    root = tmp_path / "in"
    root.mkdir()
    for name, tag, depth in (("div1500", "div", 1500), ("font3000", "font", 3000), ("div3000", "div", 3000)):
        page = html[:start] + f"<{tag}>" * depth + html[start:end] + f"</{tag}>" * depth + html[end:]
        (root / f"{name}.html").write_text(page)
    _, db = run_ingest(root)
    assert documents(db) == {
        "div1500.html": ("parsed", None),
        "font3000.html": ("parsed", None),
        "div3000.html": (
            "failed",
            "HTML elements nested more than 2,048 levels deep, the most the HTML parser (libxml2) reads: "
            "the page cannot be read whole",
        ),
    }
    assert rows(db, "SELECT count(*) FROM cells")[0][0] == 400


def test_a_night_of_hostile_files_among_good_ones(prefect_harness, tmp_path):
    """One of each hostile file among 60 good reports: the run exits 0, loads the 60, and records each
    hostile file with the limit or reason it hit; the next run does the same."""
    root = tmp_path / "in"
    make_corpus(root, 60)
    with open(os.fsencode(root) + b"/" + NON_UTF8_NAME, "wb") as out:
        out.write(to_txt_bytes(sample_report("乱码县人民政府", 2022, seed=4)))
    (root / "huge.txt").write_bytes(huge_text_report(50))
    (root / "bomb.pdf").write_bytes(flate_bomb_pdf(2 * 2**30))
    (root / "grid.pdf").write_bytes(dense_grid_pdf(200))
    db = tmp_path / "w.duckdb"
    expect = {
        "a\\xff\\xfe-report.txt": ("parsed", "file name is not valid UTF-8: bytes stored as \\xNN"),
        "bomb.pdf": ("failed", "PDF stream inflates to more than 128 MB (zip bomb?), refused"),
        "grid.pdf": ("failed", "time limit: still parsing after 10 s (--max-seconds)"),
    }
    for night in (1, 2):
        proc = _ogi("ingest", str(root), "--db", str(db), "--max-seconds", "10", env=_harness_env())
        out, err = proc.communicate(timeout=900)
        assert proc.returncode == 0, err.decode()[-3000:]
        got = documents(db)
        assert {p for p, (s, _e) in got.items() if s == "parsed"} == {f"r{i:03d}.txt" for i in range(60)} | {
            "a\\xff\\xfe-report.txt"
        }
        assert {p: got[p] for p in expect} == expect
        # 50 MB of text: refused for its size, or stopped by the time limit, whichever it meets first
        assert got["huge.txt"][0] == "failed"
        assert got["huge.txt"][1].startswith(("section 1 holds", "time limit: still parsing after 10 s")), night
        assert rows(db, "SELECT count(*) FROM v_report_summary") == [(61,)]
        if night == 2:
            assert "parsed 0, partial 0, failed 0," in " ".join(out.decode().split())  # nothing parsed again
            assert "unchanged 64, removed 0" in " ".join(out.decode().split())


def test_printed_names_escape_control_characters(prefect_harness, tmp_path):
    from typer.testing import CliRunner

    from flows.cli import app

    root = tmp_path / "in"
    root.mkdir()
    (root / "evil\x1b[2J\n[red]x.txt").write_bytes(b"\x00junk")
    result = CliRunner().invoke(app, ["ingest", str(root), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    assert "failed evil\\x1b[2J\\x0a[red]x.txt: not text" in " ".join(result.output.split())


def test_docx_entity_declarations_are_found_past_padding_and_in_utf16(run_ingest, tmp_path):
    """The guard reads each XML part as libxml2 decodes it, not its first bytes as ASCII."""
    import io
    import zipfile

    from tests.docgen import to_docx

    entities = '<!DOCTYPE w:document [<!ENTITY a "阿"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'

    def with_document(data: bytes, edit) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                part = src.read(item)
                dst.writestr(item, edit(part.decode("utf-8")) if item.filename == "word/document.xml" else part)
        return out.getvalue()

    def declared(xml: str, padding: str = "") -> str:
        prolog_end = xml.index("?>") + 2
        return (
            xml[:prolog_end]
            + padding
            + entities
            + xml[prolog_end:].replace("</w:body>", "<w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body>")
        )

    good = to_docx(sample_report("实体县人民政府", 2022, seed=6))
    root = tmp_path / "in"
    root.mkdir()
    (root / "padded.docx").write_bytes(with_document(good, lambda xml: declared(xml, "\n" * 5000).encode()))
    (root / "utf16.docx").write_bytes(
        with_document(good, lambda xml: declared(xml.replace("encoding='UTF-8'", "encoding='UTF-16'")).encode("utf-16"))
    )
    (root / "good.docx").write_bytes(good)
    _, db = run_ingest(root)
    refused = ("failed", "DOCX part word/document.xml declares XML entities (entity bomb?), refused")
    assert documents(db) == {"good.docx": ("parsed", None), "padded.docx": refused, "utf16.docx": refused}
