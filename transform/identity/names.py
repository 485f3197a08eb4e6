"""What an agency's name looks like: the test that keeps sentence fragments and spam out of
`reports.agency`, and the places (province / city / county) a printed string names.

An agency's name ends with an agency suffix (人民政府, 局, 委员会, 办公室, 街道办事处, 镇, 乡, 管理委员会, 署,
中心, 分局 …) and is not a piece of a sentence (在区委区 from "在区委区政府的正确领导下", 我局) nor a site or
casino name a spam mirror printed instead (365bet(中国)官方网站). Bug kind: issue 21 (a wrong agency silently
merges one office's numbers into another's).
"""

from __future__ import annotations

import re

from transform.normalize import compact, simplified

# How an agency's name ends, longest first where one is the end of another.
AGENCY_SUFFIXES = (
    "人民政府",
    "政府",
    "管理委员会",
    "委员会",
    "办公室",
    "办公厅",
    "街道办事处",
    "办事处",
    "街道",
    "分局",
    "局",
    "厅",
    "署",
    "中心",
    "委",
    "办",
    "院",
    "所",
    "站",
    "队",
    "馆",
    "会",
    "处",
    "部",
    "社区",
    "镇",
    "乡",
    "苏木",
    "区",
    "县",
    "旗",
    "市",
    "州",
    "盟",
    "省",
    "自治区",
    "公司",
)
_SUFFIX = "|".join(AGENCY_SUFFIXES)
_NAME_CHARS = r"[\u4e00-\u9fa5（）()Xx]"  # X: a template's placeholder (XX县); no other Latin, no digits
# how a sentence, not a name, begins: prepositions, self-references, quantifiers
# (not 本/全/共/自/于/从/向/将/上/和 alone: 本溪市, 全椒县, 共青城市, 自贡市, 于都县, 从化区, 向阳街道 …)
_SENTENCE_START = re.compile(
    r"^(?:在|按照|根据|围绕|以|为|我|各|对|由|是|年|把|被|及|与|其|该|此|区委|市委|县委|党委"
    r"|本(?:局|镇|乡|区|县|市|单位|机关|部门|委|办|街道|署|中心)|全(?:市|区|县|镇|乡|局|省))"
)
# pieces of a sentence inside a would-be name (not 工作 / 信息 / 公开: 工业和信息化局, 政务公开办公室)
_SENTENCE_INSIDE = re.compile(
    r"的|领导|正确|要求|部署|关于|报告|年度|以来|期间|有关|公布|发布|编制|印发|官方|娱乐|彩票"
)
# a site, not a body (站 ends 工作站 but also 官方网站)
_SITE_END = ("网站", "官网", "门户", "平台", "专栏", "首页", "频道", "网")
# a level word standing alone before a government word: 市政府, 区人民政府 (whose? not a name)
_BARE_LEVEL = re.compile(r"^(?:省|市|区|县|镇|乡)(?:委|政府|人民政府)$")
# a closing aside: XX市应急管理局（XX市地震局）
_ASIDE = re.compile(r"[（(][^（）()]*[）)]$")
MIN_NAME = 3
MAX_NAME = 40

# Places a text names: a run of division names, largest first (长沙市天心区, 重庆市渝中区)
PLACE_LEVELS = ("省", "自治区", "自治州", "地区", "市", "州", "盟", "县", "自治县", "旗", "区")
COUNTY_LEVELS = ("县", "自治县", "旗", "区", "市")  # 市: a county-level city (泰兴市)
_PLACE = re.compile(r"[\u4e00-\u9fa5]{2,10}?(?:自治区|自治州|自治县|地区|省|市|州|盟|县|旗|区)")
TOWNSHIP_SUFFIXES = ("街道办事处", "街道", "镇", "乡", "苏木")


def agency_name(text: str | None) -> str | None:
    """The printed string as an agency's name (whitespace removed, as printed otherwise), or None when it
    is not one: no agency suffix, a sentence fragment, digits or Latin letters (a site or casino name),
    too short or too long."""
    if not text:
        return None
    name = compact(text).strip("《》“”\"'：:，,。")
    key = simplified(name)
    if not (MIN_NAME <= len(key) <= MAX_NAME) or not re.fullmatch(rf"{_NAME_CHARS}+", key):
        return None
    end = _ASIDE.sub("", key)
    if not end.endswith(AGENCY_SUFFIXES) or end.endswith(_SITE_END):
        return None
    if _SENTENCE_START.match(key) or _BARE_LEVEL.match(end):
        return None
    if _SENTENCE_INSIDE.search(key):
        return None
    return name


def name_at_start(text: str, follows: str) -> str | None:
    """The shortest agency name at the start of `text` that `follows` (a regex) comes right after:
    `广东从化经济开发区管理委员会认真贯彻…` → 广东从化经济开发区管理委员会 (…区 is followed by 管理, no verb)."""
    for m in re.finditer(rf"(?:{_SUFFIX})(?={follows})", text[: MAX_NAME + 10]):
        found = agency_name(text[: m.end()])
        if found:
            return found
    return None


def places(text: str) -> list[str]:
    """The division names a text prints, in order: `长沙市天心区人民政府` → [长沙市, 天心区]."""
    return [m.group(0) for m in _PLACE.finditer(simplified(compact(text)))]


def is_township(name: str) -> bool:
    """A township, town or street office (乡, 镇, 街道, 苏木), with or without 人民政府 / 办事处."""
    return re.sub(r"(?:人民政府|政府|办事处)$", "", name).endswith(TOWNSHIP_SUFFIXES)
