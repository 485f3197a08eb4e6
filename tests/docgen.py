"""Render sample reports as real DOCX (python-docx), HTML, and PDF (LibreOffice headless from DOCX)."""

from __future__ import annotations

import html
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx

from tests.reportgen import REQUEST_LAYOUT, SampleReport, document, spans
from transform import vocabulary as v

TEMPLATE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "official-template-2021.docx"


# --- DOCX with our own tables ---------------------------------------------------------------------
def add_table(doc, grid: list[list[str]]):
    """A Word table (style Table Grid) for a grid, merged cells merged, added to a document or a cell."""
    width = max(len(row) for row in grid)
    table = doc.add_table(rows=len(grid), cols=width)
    table.style = "Table Grid"
    for i, j, height, w, text in spans(grid):
        cell = table.cell(i, j)
        if height > 1 or w > 1:
            cell = cell.merge(table.cell(i + height - 1, j + w - 1))
        cell.text = text
    return table


def to_docx(r: SampleReport) -> bytes:
    doc = docx.Document()
    for block in document(r):
        if isinstance(block, list):
            add_table(doc, block)
        else:
            for line in block.split("\n"):
                doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- the official template, filled in -------------------------------------------------------------
def _set(cell, text: str) -> None:
    cell.text = text


def to_template_docx(r: SampleReport) -> bytes:
    """The official 2021 template with our title, section texts and every number filled in."""
    doc = docx.Document(str(TEMPLATE))
    paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    paragraphs[0].text = r.title
    texts = iter(block for block in document(r) if isinstance(block, str) and block.startswith("（一）"))
    for p in paragraphs:
        if p.text.startswith("（文字描述"):
            p.text = next(texts, "本年度无其他需要报告的事项。")
    active, requests, review = doc.tables
    for row in active.rows:
        label = row.cells[0].text.strip()
        code = next((c for c, labels in v.ACTIVE_ROWS.items() if label == labels[0]), None)
        if code is None:
            continue
        cols = v.ACTIVE_DEFAULT_COLS["v2021"][code]
        for j, col in enumerate(cols, start=1):
            _set(row.cells[j], r.printed(("active", code, col)))
    for row, (*_labels, code) in zip(requests.rows[3:], REQUEST_LAYOUT, strict=True):
        for j, col in enumerate(v.REQUEST_COLS, start=3):
            _set(row.cells[j], r.printed(("requests", code, col)))
    data = review.rows[3].cells
    for j, (row, col) in enumerate((row, col) for row in v.REVIEW_ROWS for col in v.REVIEW_COLS):
        _set(data[j], r.printed(("review_litigation", row, col)))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- HTML -------------------------------------------------------------------------------------------
def _html_table(grid: list[list[str]]) -> str:
    rows: dict[int, list[str]] = {}
    for i, _j, height, width, text in spans(grid):
        attrs = (f' rowspan="{height}"' if height > 1 else "") + (f' colspan="{width}"' if width > 1 else "")
        body = "<br>".join(html.escape(t) for t in text.split("\n"))
        rows.setdefault(i, []).append(f"<td{attrs}>{body}</td>")
    return (
        '<table border="1" class="MsoTableGrid">'
        + "".join(f"<tr>{''.join(rows.get(i, []))}</tr>" for i in range(len(grid)))
        + "</table>"
    )


def to_html(r: SampleReport, charset: str = "utf-8", meta: bool = True) -> bytes:
    """A saved government web page: navigation and footer around the report body."""
    body = []
    blocks = document(r)
    for block in blocks[1:]:
        if isinstance(block, list):
            body.append(_html_table(block))
        else:
            body.extend(f"<p>{html.escape(line)}</p>" for line in block.split("\n"))
    head = f'<meta charset="{charset}">' if meta else ""
    page = f"""<!DOCTYPE html><html><head>{head}<title>{html.escape(r.title)}_政务公开_测试县人民政府</title>
<style>.nav{{color:#333}}</style><script>var x = "一、总体情况";</script></head><body>
<div class="header"><ul class="nav"><li>首页</li><li>政务公开</li><li>政府信息公开年报</li><li>互动交流</li></ul></div>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 年度报告</div>
<div class="article"><h1 class="title">{html.escape(r.title)}</h1>
<div class="info">发布时间：{r.year + 1}-01-20 来源：测试县人民政府办公室 浏览次数：123</div>
<div class="content">{"".join(body)}</div></div>
<div class="footer"><p>主办：测试县人民政府办公室</p><p>网站标识码：1234567890 备案号：测ICP备12345678号</p></div>
</body></html>"""
    return page.encode(charset)


# --- PDF -------------------------------------------------------------------------------------------
def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx_files: dict[str, bytes]) -> dict[str, bytes]:
    """Convert DOCX files to PDF with LibreOffice headless in one call (its start-up dominates)."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is needed to make PDF fixtures: run `make test`")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp)
        for name, data in docx_files.items():
            (src / f"{name}.docx").write_bytes(data)
        subprocess.run(
            [
                exe,
                f"-env:UserInstallation=file://{src}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(src / "out"),
                *(str(src / f"{n}.docx") for n in docx_files),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        return {name: (src / "out" / f"{name}.pdf").read_bytes() for name in docx_files}


# --- bad PDFs ---------------------------------------------------------------------------------------
def encrypted_pdf() -> bytes:
    """A text PDF that needs a password to open (reportlab's standard encryption)."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, encrypt=StandardEncryption("secret", ownerPassword="owner", canPrint=0))
    c.drawString(100, 700, "annual report")
    c.save()
    return out.getvalue()


def scanned_pdf() -> bytes:
    """A page that is only a picture of text, as a scanner makes it: no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(image)
    for y in range(50, 750, 30):
        draw.rectangle((50, y, 550, y + 12), fill=0)
    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.drawImage(ImageReader(image), 0, 0, 595, 842)
    c.save()
    return out.getvalue()


def word_mht(html: str, charset: str, transfer: str, pictures: dict[str, bytes] | None = None) -> bytes:
    """`html` as Word's "Single File Web Page" (.mht) writes it: a MIME multipart/related archive whose
    first part is the page in `charset` with `transfer` encoding (quoted-printable or base64), then one
    part per picture (PNG), located where the page's `src="report.files/NAME"` leads."""
    import quopri
    from base64 import b64encode

    body = html.encode(charset)
    encoded = quopri.encodestring(body) if transfer == "quoted-printable" else b64encode(body)
    boundary = "----=_NextPart_01DA0000.12345678"
    folder = "file:///C:/0A1B2C3D"
    lines = [
        b"MIME-Version: 1.0",
        f'Content-Type: multipart/related; boundary="{boundary}"'.encode(),
        b"",
        "此文档为“单个文件网页”，也称为“Web 档案”文件。".encode("gb18030"),
        b"",
        f"--{boundary}".encode(),
        f"Content-Location: {folder}/report.htm".encode(),
        f"Content-Transfer-Encoding: {transfer}".encode(),
        f'Content-Type: text/html; charset="{charset}"'.encode(),
        b"",
        encoded,
        b"",
    ]
    for name, png in (pictures or {"image001.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 32}).items():
        lines += [
            f"--{boundary}".encode(),
            f"Content-Location: {folder}/report.files/{name}".encode(),
            b"Content-Transfer-Encoding: base64",
            b"Content-Type: image/png",
            b"",
            b64encode(png),
            b"",
        ]
    return b"\r\n".join([*lines, f"--{boundary}--".encode(), b""])
