"""Documents of each kind a crawl of report pages holds (issue 26): pages cut before their tables, free-
format reports on 2008–2018, mirror copies in traditional characters with pinyin glosses, and documents
about reports (解读, notices, index pages, cover letters with and without their report). Each is built
from an agency name and a year, so tests can vary them; texts follow the real pages these kinds come from.
"""

from __future__ import annotations

import html
import re

import opencc

from tests.reportgen import sample_report, to_text

_S2T = opencc.OpenCC("s2t")
# pinyin glosses a mirror site puts inside words (traditional characters → their syllable)
GLOSSES = {"報": "bào", "公": "gōng", "申": "shēn", "務": "wù"}


def page(title: str, paragraphs: list[str], site: str = "测试县人民政府") -> bytes:
    """A saved portal page: navigation, the article title in <h1>, the paragraphs, a footer."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}_{site}</title></head>
<body><div class="nav"><ul><li>首页</li><li>政务公开</li><li>政策解读</li><li>政府信息公开年报</li></ul></div>
<div class="article"><h1>{html.escape(title)}</h1><div class="info">发布时间：2022-01-20 来源：{site}</div>
<div class="content">{body}</div></div><div class="footer">主办：{site} 备案号：测ICP备12345678号</div>
</body></html>""".encode()


def cut_title_only(agency: str, year: int) -> bytes:
    """A saved page cut right after its title: nothing of the report but the title line."""
    return page(f"{agency}{year}年政府信息公开工作年度报告", [])


NAVIGATION = ("首页", "政务公开", "法定主动公开内容", "当前位置：首页 > 政务公开 > 政府信息公开年报")


def cut_saved_text(agency: str, year: int) -> bytes:
    """A page saved as text, cut after its title: the site's navigation lines, the title, the date line."""
    return "\n".join([*NAVIGATION, f"{agency}{year}年政府信息公开工作年度报告", f"发布时间：{year + 1}-01-20"]).encode()


def cut_opening(agency: str, year: int) -> bytes:
    """A page without a report title (the crawler kept the body), cut inside section 1: the opening
    sentence (现公布…年度报告) and the 统计期限 sentence, then 一、总体情况 and the text stops mid-word."""
    return (
        f"根据《中华人民共和国政府信息公开条例》规定，现公布{agency}{year}年政府信息公开工作年度报告。"
        f"本报告所列数据统计期限自{year}年1月1日起至{year}年12月31日止。\n"
        "一、总体情况\n"
        f"{year}年，我单位坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实政府信息公开条例，扎实推进政"
    ).encode()


OLDER_SECTIONS = (
    ("一、概述", "{year}年，{agency}认真贯彻《中华人民共和国政府信息公开条例》，健全工作机制，加强平台建设。"),
    ("二、主动公开政府信息情况", "全年主动公开政府信息{active}条，其中规范性文件{docs}件。"),
    ("三、依申请公开政府信息情况", "全年共受理政府信息公开申请{requests}件，均按期答复。"),
    ("四、政府信息公开的收费及减免情况", "本年度未收取任何费用。"),
    ("五、因政府信息公开申请行政复议、提起行政诉讼的情况", "全年未发生因政府信息公开申请行政复议、行政诉讼的情况。"),
    ("六、政府信息公开工作存在的主要问题及改进措施", "公开内容还不够全面。下一步将进一步规范公开流程。"),
    ("七、其他需要报告的事项", "无。"),
)


def older_paragraphs(agency: str, year: int, figures: tuple[int, int, int] = (356, 12, 7)) -> list[str]:
    """The body of a free-format report on 2008–2018: its own seven headings, figures in sentences."""
    active, docs, requests = figures
    out = [
        f"本报告根据《中华人民共和国政府信息公开条例》要求，由{agency}编制。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    ]
    for heading, text in OLDER_SECTIONS:
        out += [heading, text.format(year=year, agency=agency, active=active, docs=docs, requests=requests)]
    return [*out, agency, f"{year + 1}年3月25日"]


def older_report(agency: str, year: int, title_word: str = "政府信息公开工作年度报告") -> bytes:
    """A free-format report as a text file: title (…年度报告 or …年报), then the older sections."""
    return "\n".join([f"{agency}{year}年{title_word}", *older_paragraphs(agency, year)]).encode()


def traditional(text: str, glosses: bool = True) -> str:
    """A mirror site's copy: traditional characters, with pinyin glosses inside words when `glosses`."""
    text = _S2T.convert(text)
    if glosses:
        text = re.sub("[" + "".join(GLOSSES) + "]", lambda m: f"{m.group()}({GLOSSES[m.group()]})", text)
    return text


def mirror_report(agency: str, year: int, seed: int = 3) -> tuple[bytes, dict]:
    """A national-format report (one cell per line) copied by a mirror: traditional with pinyin. Also
    returns the values printed, keyed (table, row, col)."""
    r = sample_report(agency, year, seed=seed)
    return traditional(to_text(r)).encode(), r.values


def interpretation(agency: str, year: int) -> bytes:
    """A 解读 page: quotes the report's title and retells its sections, without its tables."""
    title = f"《{agency}{year}年政府信息公开工作年度报告》解读"
    return page(
        title,
        [
            f"近日，{agency}发布了{year}年政府信息公开工作年度报告，现就报告主要内容解读如下。",
            "一、总体情况",
            f"{year}年，全年主动公开政府信息{year % 97 + 100}条。",
            "二、主动公开政府信息情况",
            "公开内容更加全面。",
            "三、收到和处理政府信息公开申请情况",
            "申请办理更加规范。",
        ],
    )


def notice(agency: str, year: int) -> bytes:
    """A notice asking offices to write their reports: names 年度报告 in its title, holds none."""
    return page(
        f"{agency}关于做好{year}年度政府信息公开工作年度报告编制和发布工作的通知",
        [
            "各镇人民政府、街道办事处，县政府各部门：",
            f"为做好{year}年度政府信息公开工作年度报告编制和发布工作，现将有关事项通知如下：",
            "一、编制要求",
            f"各单位要严格按照国家规定的格式编制年度报告，统计期限为{year}年1月1日至{year}年12月31日。",
            "二、发布时间",
            f"各单位于{year + 1}年1月31日前向社会公布本单位{year}年度政府信息公开工作年度报告。",
        ],
    )


def index_page(agency: str, years: range) -> bytes:
    """A 年报 column page: a list of the agency's reports, one link per year."""
    items = "".join(
        f'<li><a href="/art/{y}.html">{agency}{y}年政府信息公开工作年度报告</a><span>{y + 1}-01-2{y % 10}</span></li>'
        for y in years
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报_{agency}</title></head>
<body><div class="nav">首页 &gt; 政务公开 &gt; 政府信息公开年报</div><h1>政府信息公开年报</h1>
<ul class="list">{items}</ul><div class="pages">共{len(years)}条 首页 上一页 下一页 尾页</div></body></html>""".encode()


def cover_letter(agency: str, year: int, addressee: str = "市人民政府办公室", with_report: bool = True) -> bytes:
    """A letter sending a free-format report (关于报送《…》的函), followed by the report when
    `with_report`, or alone (the report was an attachment the crawl did not keep)."""
    title = f"{agency}{year}年政府信息公开工作年度报告"
    letter = [
        f"关于报送《{title}》的函",
        f"{addressee}：",
        f"根据《中华人民共和国政府信息公开条例》规定，现将《{title}》报送你们，请审阅。",
        f"附件：{title}",
        f"{agency}办公室",
        f"{year + 1}年3月20日",
    ]
    report = [title, *older_paragraphs(agency, year)] if with_report else []
    return "\n".join(letter + report).encode()
