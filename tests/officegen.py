"""Report files with one property each that real offices' exports have (issue 13), made from a sample
report: Word files edited at the XML level as Word writes them (content controls, tracked changes, text
boxes, fields, hidden text, a layout table), and PDFs that LibreOffice exports from Word files and that
are then changed the way other producers draw them (pikepdf: fake bold, a sideways page, fonts without a
Unicode map, a watermark drawn with reportlab).
"""

from __future__ import annotations

import copy
import io
import itertools
from collections.abc import Callable

import docx
import pdfplumber
import pikepdf
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

from tests.docgen import add_table, docx_to_pdf
from tests.reportgen import SampleReport, document
from transform import vocabulary as v

HEADINGS = frozenset(s.heading for s in v.SECTIONS)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


# --- Word documents ----------------------------------------------------------------------------------
def report_docx(
    r: SampleReport,
    *,
    emphasis: bool = False,
    open_sides: bool = False,
    sideways: bool = False,
    filler: int = 0,
    layout_table: bool = False,
) -> docx.document.Document:
    """The report as a Word document. `emphasis`: title and headings bold at 16 pt; `open_sides`: tables
    without left and right borders; `sideways`: the requests table alone on a landscape page; `filler`:
    that many extra lines before section 三 (to move page breaks); `layout_table`: everything after the
    title inside a one-cell table."""
    doc = docx.Document()
    body = doc
    for n, block in enumerate(document(r)):
        if layout_table and n == 1:
            body = doc.add_table(rows=1, cols=1).cell(0, 0)
        if isinstance(block, list):
            turn = sideways and block[0][0].startswith("（本列数据")
            if turn:
                _section(doc, WD_ORIENT.LANDSCAPE)
            table = add_table(body, block)
            if open_sides:
                _open_sides(table)
            if turn:
                _section(doc, WD_ORIENT.PORTRAIT)
            continue
        if filler and block.startswith("三、"):
            for k in range(filler):
                body.add_paragraph(f"本段为第{k + 1}行补充说明。")
        for line in block.split("\n"):
            run = body.add_paragraph().add_run(line)
            if emphasis and (n == 0 or line in HEADINGS):
                run.bold = True
                run.font.size = Pt(16)
    return doc


def turn_group_labels(doc) -> None:
    """The requests table's group labels that span several rows (三、本年度办理结果, （三）不予公开, …) set
    in vertical text turned a quarter (w:textDirection btLr), as many templates print them."""
    for tc in doc.tables[1]._tbl.iter(qn("w:tc")):
        if tc.tcPr is not None and tc.tcPr.find(qn("w:vMerge")) is not None and _text(tc).strip():
            tc.get_or_add_tcPr().append(parse_xml(f'<w:textDirection {NS} w:val="btLr"/>'))


def _section(doc, orientation) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    width, height = sorted((section.page_width, section.page_height))
    section.orientation = orientation
    section.page_width, section.page_height = (height, width) if orientation == WD_ORIENT.LANDSCAPE else (width, height)


def _open_sides(table) -> None:
    borders = parse_xml(
        f'<w:tblBorders {NS}><w:top w:val="single" w:sz="4"/><w:left w:val="nil"/>'
        '<w:bottom w:val="single" w:sz="4"/><w:right w:val="nil"/>'
        '<w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders>'
    )
    table._tbl.tblPr.append(borders)


def save(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _text(el) -> str:
    """The w:t text under an element (python-docx's element classes make lxml's itertext repeat it)."""
    return "".join(t.text or "" for t in el.iter(qn("w:t")))


def _number_cells(doc) -> list:
    """Every w:tc of the document's tables whose text is a number, in document order."""
    return [tc for tc in doc.element.body.iter(qn("w:tc")) if _text(tc).strip().replace(".", "").isdigit()]


def _runs_xml(xml: str) -> list:
    return list(parse_xml(f"<w:p {NS}>{xml}</w:p>"))


def _replace_runs(p, xml: str) -> None:
    """Replace a paragraph's runs by the given run-level XML."""
    for run in p.findall(qn("w:r")):
        p.remove(run)
    for el in _runs_xml(xml):
        p.append(el)


def _title_paragraph(doc):
    return next(p for p in doc.paragraphs if p.text.strip())._p


def content_controls_docx(r: SampleReport) -> bytes:
    """Every number cell wrapped in a content control inside its row (w:tr/w:sdt/w:sdtContent/w:tc), and the
    review table's rows each in one (w:tbl/w:sdt/w:sdtContent/w:tr), as form-like templates have them."""
    doc = report_docx(r)
    for n, tc in enumerate(_number_cells(doc)):
        sdt = parse_xml(f'<w:sdt {NS}><w:sdtPr><w:tag w:val="v{n}"/><w:text/></w:sdtPr><w:sdtContent/></w:sdt>')
        tc.addprevious(sdt)
        sdt[1].append(tc)
    review = doc.tables[-1]._tbl
    for tr in review.findall(qn("w:tr")):
        sdt = parse_xml(f'<w:sdt {NS}><w:sdtPr><w:tag w:val="row"/></w:sdtPr><w:sdtContent/></w:sdt>')
        tr.addprevious(sdt)
        sdt[1].append(tr)
    return save(doc)


def nested_table_docx(r: SampleReport) -> bytes:
    """The report body (headings, texts, the three data tables) inside a one-cell layout table."""
    return save(report_docx(r, layout_table=True))


def tracked_changes_docx(r: SampleReport) -> bytes:
    """Edits left as tracked changes: the title's year and several numbers replaced (the old text in
    w:del, the new in w:ins), a sentence moved away (w:moveFrom), a wrong copy of a requests row deleted
    (w:trPr/w:del) and the last requests row inserted (w:trPr/w:ins). Printed: the new text, without the
    deleted row or the moved sentence."""
    doc = report_docx(r)
    mark = 'w:id="{}" w:author="科员" w:date="2024-01-10T00:00:00Z"'
    title = _title_paragraph(doc)
    head, tail = r.title.split(str(r.year), 1)
    _replace_runs(
        title,
        f"<w:r><w:t>{head}</w:t></w:r><w:del {mark.format(1)}><w:r><w:delText>{r.year - 1}</w:delText></w:r></w:del>"
        f"<w:ins {mark.format(2)}><w:r><w:t>{r.year}</w:t></w:r></w:ins><w:r><w:t>{tail}</w:t></w:r>",
    )
    for n, tc in enumerate(_number_cells(doc)[::5]):
        p = tc.find(qn("w:p"))
        value = _text(p)
        _replace_runs(
            p,
            f"<w:del {mark.format(10 + 2 * n)}><w:r><w:delText>{int(float(value)) + 7}</w:delText></w:r></w:del>"
            f"<w:ins {mark.format(11 + 2 * n)}><w:r><w:t>{value}</w:t></w:r></w:ins>",
        )
    intro = next(p for p in doc.paragraphs if p.text.startswith("根据"))._p
    for el in _runs_xml(f"<w:moveFrom {mark.format(80)}><w:r><w:t>（此句已移到别处）</w:t></w:r></w:moveFrom>"):
        intro.append(el)
    requests = doc.tables[1]._tbl
    rows = requests.findall(qn("w:tr"))
    wrong = copy.deepcopy(rows[5])
    for t in wrong.iter(qn("w:t")):
        if t.text and t.text.isdigit():
            t.text = str(int(t.text) + 3)
    wrong.get_or_add_trPr().append(parse_xml(f"<w:del {NS} {mark.format(90)}/>"))
    rows[5].addnext(wrong)
    rows[-1].get_or_add_trPr().append(parse_xml(f"<w:ins {NS} {mark.format(91)}/>"))
    return save(doc)


def text_box_docx(r: SampleReport) -> bytes:
    """The title in a floating text box, as Word 2010+ writes it: the DrawingML box (mc:Choice) and its
    VML copy for older readers (mc:Fallback) in an otherwise empty paragraph."""
    doc = report_docx(r)
    box = f"<w:txbxContent><w:p><w:r><w:t>{r.title}</w:t></w:r></w:p></w:txbxContent>"
    _replace_runs(
        _title_paragraph(doc),
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>'
        f"{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>",
    )
    return save(doc)


def fields_docx(r: SampleReport) -> bytes:
    """Fields and hidden text: the agency in the title is a DOCPROPERTY field (complex: instruction, then
    the result shown), the year a simple field (w:fldSimple), every requests total a =SUM(LEFT) field;
    some number cells carry a hidden (w:vanish) old value before the printed one."""
    doc = report_docx(r)
    head, tail = r.title.split(str(r.year), 1)
    _replace_runs(
        _title_paragraph(doc),
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DOCPROPERTY Company </w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{head}</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        f'<w:fldSimple w:instr=" DOCPROPERTY Year "><w:r><w:t>{r.year}</w:t></w:r></w:fldSimple>'
        f"<w:r><w:t>{tail}</w:t></w:r>",
    )
    for tr in doc.tables[1]._tbl.findall(qn("w:tr"))[3:]:
        p = tr.findall(qn("w:tc"))[-1].find(qn("w:p"))
        value = _text(p)
        _replace_runs(
            p,
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> =SUM(LEFT) </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{value}</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        )
    for tc in _number_cells(doc)[1::4]:
        p = tc.find(qn("w:p"))
        value = _text(p)
        _replace_runs(p, f"<w:r><w:rPr><w:vanish/></w:rPr><w:t>8</w:t></w:r><w:r><w:t>{value}</w:t></w:r>")
    return save(doc)


# --- PDFs --------------------------------------------------------------------------------------------
def _edit_pages(data: bytes, edit: Callable[[pikepdf.Pdf, pikepdf.Page], None]) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            edit(pdf, page)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def fake_bold(data: bytes, min_size: float = 14, offset: float = 0.4) -> bytes:
    """Every text object set at `min_size` pt or more drawn a second time `offset` pt to the right, as
    producers without a bold font make bold."""

    def edit(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
        ops = list(pikepdf.parse_content_stream(page))
        out, block = [], None
        for operands, op in ops:
            out.append((operands, op))
            if str(op) == "BT":
                block = [(operands, op)]
            elif block is not None:
                block.append((operands, op))
                if str(op) == "ET":
                    sizes = [float(o[1]) for o, p in block if str(p) == "Tf"]
                    if sizes and max(sizes) >= min_size:
                        out += [([], pikepdf.Operator("q")), ([1, 0, 0, 1, offset, 0], pikepdf.Operator("cm"))]
                        out += [*block, ([], pikepdf.Operator("Q"))]
                    block = None
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))

    return _edit_pages(data, edit)


def turn_landscape_pages(data: bytes) -> bytes:
    """Landscape pages made portrait with their content turned a quarter (text reading upwards), by a
    transformation in the content, not /Rotate: a sideways table page as some producers print it."""

    def edit(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
        x0, y0, x1, y1 = (float(n) for n in page.MediaBox)
        width, height = x1 - x0, y1 - y0
        if width <= height:
            return
        content = (
            page.Contents.read_bytes()
            if isinstance(page.Contents, pikepdf.Stream)
            else b"".join(s.read_bytes() for s in page.Contents)
        )
        page.Contents = pdf.make_stream(f"q 0 1 -1 0 {height:g} 0 cm\n".encode() + content + b"\nQ")
        page.MediaBox = pikepdf.Array([0, 0, height, width])
        if "/CropBox" in page.obj:
            del page.obj.CropBox

    return _edit_pages(data, edit)


def rotate_pages(data: bytes, degrees: int = 90) -> bytes:
    """Every page given /Rotate: shown turned, its text written sideways in pdfplumber's page view."""

    def edit(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
        page.Rotate = degrees

    return _edit_pages(data, edit)


def drop_unicode_maps(data: bytes) -> bytes:
    """Every font's /ToUnicode removed: the glyphs stay, their text becomes `(cid:N)`."""

    def edit(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
        for font in page.Resources.get("/Font", {}).values():
            if "/ToUnicode" in font:
                del font.ToUnicode

    return _edit_pages(data, edit)


def watermark(data: bytes, words: str = "内部资料", site: str = "www.shili.gov.cn 示例县政府网") -> bytes:
    """A watermark on every page as portals stamp their downloads: `words` large, light and tilted
    across the page, `site` in light grey over the top (where the title is) and the middle."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))

    def stamp(width: float, height: float) -> pikepdf.Pdf:
        out = io.BytesIO()
        c = canvas.Canvas(out, pagesize=(width, height))
        c.setFillGray(0.85)
        c.setFont("STSong-Light", 64)
        c.saveState()
        c.translate(width / 2, height / 2)
        c.rotate(40)
        c.drawCentredString(0, 0, words)
        c.restoreState()
        c.setFont("STSong-Light", 12)
        for y in (height - 60, height / 2 + 100, 140):
            c.drawCentredString(width / 2, y, site)
        c.save()
        return pikepdf.open(io.BytesIO(out.getvalue()))

    def edit(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
        x0, y0, x1, y1 = (float(n) for n in page.MediaBox)
        with stamp(x1 - x0, y1 - y0) as overlay:
            page.add_overlay(overlay.pages[0])

    return _edit_pages(data, edit)


def has_split_row(data: bytes, values: int = 7) -> bool:
    """Whether some page starts with a table row whose last `values` cells are empty while its label is not,
    under a page that ended with a row of numbers: a row cut in two by the page break."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        ends: list[tuple[list, list]] = []
        for page in pdf.pages:
            tables = page.extract_tables()
            ends.append((tables[0][0] if tables else [], tables[-1][-1] if tables else []))
        for (_first, last), (first, _last) in itertools.pairwise(ends):
            if len(first) > values and len(last) > values:
                numbers_above = all((c or "").strip().isdigit() for c in last[-values:])
                label_only = not any((c or "").strip() for c in first[-values:]) and any(first[:-values])
                if numbers_above and label_only:
                    return True
        return False


def office_pdfs(r: SampleReport, fillers: range = range(1, 9)) -> dict[str, bytes]:
    """One PDF per property, from one LibreOffice run: `plain`, `fake_bold`, `open_sides`, `sideways`,
    `turned_labels`, `watermark`, `no_unicode_map`, and `split_row`: the plain one when its page breaks
    cut a table row (LibreOffice, like Word, lets rows break across pages), else the first of the
    `fillers` variants (lines added before section 三) that does, from a second run."""
    turned = report_docx(r)
    turn_group_labels(turned)
    made = docx_to_pdf(
        {
            "plain": save(report_docx(r)),
            "emphasis": save(report_docx(r, emphasis=True)),
            "open_sides": save(report_docx(r, open_sides=True)),
            "sideways": save(report_docx(r, sideways=True)),
            "turned_labels": save(turned),
        }
    )
    split = made["plain"] if has_split_row(made["plain"]) else None
    if split is None:
        variants = docx_to_pdf({f"filler{n}": save(report_docx(r, filler=n)) for n in fillers})
        split = next((variants[f"filler{n}"] for n in fillers if has_split_row(variants[f"filler{n}"])), None)
    if split is None:
        raise RuntimeError("no filler length made LibreOffice cut a table row at a page break")
    return {
        "plain": made["plain"],
        "fake_bold": fake_bold(made["emphasis"]),
        "open_sides": made["open_sides"],
        "sideways": turn_landscape_pages(made["sideways"]),
        "turned_labels": made["turned_labels"],
        "watermark": watermark(made["plain"]),
        "no_unicode_map": drop_unicode_maps(made["plain"]),
        "split_row": split,
    }
