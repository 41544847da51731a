"""The naming grammar of Chinese work reports: how bodies, meetings, titles, proposals and
initiatives are named, as patterns the recogniser runs and as the canonical names the
resolver gives.

Organ kinds, their forms and names are data (``genre/data/organs.tsv``, compiled by
:mod:`reportgraph.genre.organs`). Organs are named place + organ (代县政协, 中共代县县委, 代县人民政府, 民进代县小组) or by a
level character alone (县政协, 省委, 市政府), which the resolver reads against the report's
home place.

>>> from reportgraph.knowledge.gazetteer import load_divisions
>>> d = load_divisions()
>>> organ_names("党委", d.by_code["140923"])[0]
'中共代县县委'
>>> organ_names("党委", d.by_code["140000"])[0]
'中共山西省委'
>>> organ_names("政协", d.by_code["140900"])[:2]
('忻州市政协', '政协忻州市委员会')
>>> cn_number("十九"), cn_number("二十三")
(19, 23)
"""

from __future__ import annotations

import re

from reportgraph.knowledge.lists import load_knowledge
from reportgraph.knowledge.numerals import cn_number
from reportgraph.genre.prefilter import ANCHORS, REQUIRED, finditer
from reportgraph.genre.organs import organ_names, organ_table
from reportgraph.genre.words import genre_words, in_order

__all__ = ["ANCHORS", "REQUIRED", "cn_number", "finditer", "organ_names", "organ_table"]  # re-exported for the rules

HAN = "\u4e00-\u9fff"
NUM = "〇零一二三四五六七八九十百"


# Departments (genre/data/departments.tsv), the same whichever organ tables a pipeline reads.
_ORGANS = organ_table()
# Government departments named after a place or a level character (县教育局, 市发改委).
DEPARTMENT = _ORGANS.department
# 团县委, 团市委: the Communist Youth League committee of a place.
YOUTH_LEAGUE = re.compile(r"团(?P<level>[县市省州区])委(?![员会])")
# What may follow a place name to make an organ of it (the group name is the organ's kind),
# and a level character + organ (县政协, 市委, 省政府, 县教育局): organ_table().after and
# organ_table().relative, read when a rule runs (the table is a setting of the pipeline).
# Elided enumerations: 全国、省、市政协; 中央、省、市、县委; 省、市、县政府.
ENUMERATION = re.compile(
    r"(?P<members>(?:全国|中央|省|市|县|州|区|盟|旗)(?:[、和及与](?:全国|中央|省|市|县|州|区|盟|旗))+)"
    r"(?P<organ>政协|委(?![员会])|人大|政府|党委)"
)
# One-character forms of a democratic party inside its own texts (盟市委: 民盟市委, 社市委: 九三学社市委).
PARTY_ABBREVIATION_CHARS = "盟社"
# The democratic parties' short forms (民革|民盟|…), from the knowledge's bodies.tsv.
PARTY_SHORT = "|".join(map(re.escape, load_knowledge().party_short))
PARTY_UNIT_AFTER = re.compile(r"(?:委员会|总支部|总支|支部|小组|基层委员会|工委|[省市县区州]委会|委会|委(?![员]))")
CPPCC_PREFIX = re.compile(r"(?:中国人民政治协商会议|政协)\s*(第[" + NUM + r"]+届)?\s*$")
CPC_PREFIX = re.compile(r"(?:中国共产党|中共)$")
PARTY_PREFIX = re.compile(r"(?:" + PARTY_SHORT + r")$")
# After 政协…{place}: 委员会, its standing committee, or a session of it.
CPPCC_AFTER = re.compile(
    r"(?:第[" + NUM + r"]+届)?委员会(?P<standing>常务委员会)?"
    r"(?P<session>第[" + NUM + r"]+次(?:全体)?会议)?"
)
CPC_AFTER = re.compile(r"委员会|党委|[县市省州区旗盟]委(?![员会])|委(?![员会])")
PEOPLES_CONGRESS_SESSION = re.compile(
    r"\s*第[" + NUM + r"]+届\s*人民代表大会\s*(?:常务委员会)?\s*第[" + NUM + r"]+次\s*(?:全体)?会议"
)

# A people's congress's standing committee of one term: (某某市)第十七届人民代表大会常务委员会.
PEOPLES_CONGRESS_STANDING = re.compile(r"\s*第[" + NUM + r"]+届\s*人民代表大会\s*常务委员会(?!第)")

# Party congresses and plenums.
CONGRESS = re.compile(
    r"(?:中国共产党第(?P<n1>[" + NUM + r"]+)次全国代表大会)"
    r"|(?P<pre>中共|党的)?(?P<n2>二十[一二三四五六七八九]?|十[一二三四五六七八九])大(?![会学队楼厦型小量批])"
)
PLENUM = re.compile(
    r"(?P<pre>中共|党的)?(?P<n>(?:二十|十)[一二三四五六七八九]?)届"
    r"(?P<list>[一二三四五六七八九]中(?:[、和及][一二三四五六七八九]中)*)(?P<tail>全会)?"
)
LONE_PLENUM = re.compile(r"(?<![届、])(?P<m>[一二三四五六七八九])中全会")
# Sessions of a people's congress or a CPPCC named by numbers only (十五届五次会议).
SHORT_SESSION = re.compile(
    r"(?:(?:全国|县|市|省|州|区)?(?:政协|人大))?[" + NUM + r"]+届[" + NUM + r"]+次(?:全体)?会议"
    r"|(?:县|市|省|州|区)?[" + NUM + r"]+届(?:政协|人大)[" + NUM + r"]+次(?:全体)?会议"
)
# Games and fairs named after their host city: 北京奥运会, 杭州亚运会, 成都大运会.
_GAMES_WORDS = "冬奥会|残奥会|奥运会|亚运会|大运会|全运会|世博会|园博会|冬运会"
GAMES = re.compile(r"[" + HAN + r"]{2,3}?(?:" + _GAMES_WORDS + ")")
# Special committees of a 政协: 提案委员会, 文史委 (of the 政协 named before them, or the author's).
CPPCC_COMMITTEE = re.compile(
    r"(?P<name>(?:提案|文史|经济|农业和农村|农业农村|农业|教科卫体|科教卫体|教科文卫体|社会法制|社会和法制|"
    r"民族宗教|民族和宗教|港澳台侨|港澳台侨外事|人口资源环境|人口资源和环境|文化文史和学习|文史和学习|"
    r"学习和文史|学习宣传|城乡建设|城建|委员联络)(?:工作)?(?:委员会|委)(?![员会]))"
)
# Departments of a party committee: 县委组织部, 市委宣传部.
PARTY_DEPARTMENT = re.compile(
    r"(?P<level>[县市省州区])委(?P<dept>" + "|".join(map(re.escape, _ORGANS.party_departments)) + ")"
)
# A name after a title, before a boundary: 县委书记王某某同志, 县长李四出席.
PERSON_AFTER_TITLE = re.compile(
    r"(?:书记|县长|市长|省长|区长|州长|主席|主任)(?P<name>[" + HAN + r"]{2,3}?)"
    r"(?=同志|[，、。；（(]|出席|主持|讲话|指出|强调|带队|一行)"
)

TITLE = re.compile(r"《[^《》\n]{1,80}》")
PROPOSAL = re.compile(
    r"(?P<year>(?:19|20)\d\d年)?(?:第)?(?P<num>\d{1,6})号(?P<kind>提案|议案|建议)"
)
QUOTE = re.compile(r"“[^“”\n]{1,40}”")

# What follows a quoted name and makes it an initiative: “十四五”规划, “12339”发展战略.
INITIATIVE_SUFFIX = re.compile(
    r"(?:发展战略|战略布局|战略|规划纲要|规划|工程|行动计划|三年行动|专项行动|行动|计划|攻坚战|攻坚|"
    r"专项斗争|总体思路|发展思路|思路|核心目标|奋斗目标|目标|产业布局|布局|发展|建设|改革|活动年|提升年|年)"
)
STRONG_SUFFIX = re.compile(r"(?:发展战略|战略布局|战略|规划|工程|行动计划|专项行动|总体思路|发展思路|核心目标)")
MODIFIED_INITIATIVE = re.compile(
    r"[" + HAN + r"]{0,4}?(?:行动计划|三年行动|攻坚战|模式)"  # ends no longer word: any character may follow
    r"|[" + HAN + r"]{0,4}?(?:发展战略|战略|规划|工程|行动计划|行动|计划|攻坚战|蓝图|总要求)(?=[^" + HAN + r"]|[的和、与及])"
)
# Endings that make a quoted slogan a programme of action by itself: “两不愁三保障”, “十项清零”.
ACTION_ENDING = re.compile(
    r"(?:清零|保障|下乡|覆盖|攻坚|工程|行动|革命|改革|规划|战略|计划|整治|提升|振兴|创建|示范|"
    r"建设|治理|帮扶|结对|进万家|入户|到户|上山|下山|(?<=[" + HAN + r"]{3})年)$"
)
# An unquoted initiative after a verb of implementation: 实施乡村建设行动, 推进城市更新行动.
VERB_INITIATIVE = re.compile(
    r"(?:实施|推进|落实|推动|启动|开展|深化|助力|锚定|决战|决胜|打赢|打好|打响)"
    r"(?P<name>(?![好了着的到在])[" + HAN + r"]{2,10}?(?:战略|规划|工程|行动|攻坚战|专项行动|专项斗争|行动计划))"
)
# A campaign of repeated 大 words, quoted or not: 大走访大调研活动, 大学习大讨论大宣讲活动.
BIG_CAMPAIGN = re.compile(r"(?<![“" + HAN + r"])(?:大[" + HAN + r"]{2}){2,4}(?:活动|行动)?(?=[^" + HAN + r"]|[的和、与及])"
                          r"|(?:大[" + HAN + r"]{2}){2,4}(?:活动|行动)")
GENERIC_INITIATIVE_STEMS = frozenset(genre_words("generic-initiative-stem"))
NUMBERED_STEM = re.compile(r"^[" + NUM + r"\d]+[大项个条]$")
VISION = re.compile(r"(?:20\d\d|二〇[" + NUM + r"]{2})年远景目标")
# Named events: a quoted name or an ordinal before an event word.
EVENT_WORD = (
    r"(?:协商座谈会|座谈会|联席会议|联席会|报告会|推进会|交流会|研讨会|论证会|听证会|论坛|博览会|"
    r"展览会|书画展|摄影展|摄影大展|大展|展览|运动会|文化节|旅游节|艺术节|慰问演出|文艺演出|演出|晚会|大赛|比赛|"
    r"主题征文|征文|年会|峰会|大会|丰收节|美食节|采摘节|[" + HAN + r"]{0,4}节(?![能约水奏点目俭电地材])|交易会|洽谈会|推介会|发布会)"
)
QUOTED_EVENT = re.compile(r"“[^“”\n]{1,40}”" + EVENT_WORD)
ORDINAL_EVENT = re.compile(
    r"(?:“[^“”\n]{1,12}”)?第[" + NUM + r"\d]+(?:次|届)" + r"(?:[" + HAN + r"]{0,8}?)" + EVENT_WORD
)
# A conference of a whole area's bodies on one line of work: 全省政协系统提案工作座谈会,
# 全州政协文史工作会议, 全县经济工作会议.
SCOPE_CONFERENCE = re.compile(
    r"全(?:国|省|区|市|州|县|旗|盟)(?:政协|人大|党委|政府)?(?:系统)?(?:(?![，。；、在和与及])[" + HAN + r"]){2,14}?"
    r"工作(?:会议|座谈会|推进会|现场会|交流会|研讨会|联席会议|表彰大会|大会)"
)
# An event named after a group of people: 刘桂珍先进事迹报告会 (held: 举办…).
HELD_EVENT = re.compile(
    r"(?:举办|举行|召开|承办|主办|组织)(?:了)?(?P<name>[^，。；：、“”《》\s]{4,30}?(?:事迹报告会|报告会|表彰大会|"
    r"书画展|摄影展|运动会|文化节|旅游节|艺术节|博览会|论坛))"
)
# A meeting held to study a session or a speech: 召开学习贯彻全国、省、市“两会”精神暨某某工作会议.
STUDY_MEETING = re.compile(
    r"(?:召开|举行|举办)了?(?P<name>[" + HAN + r"]{0,6}?学习(?:贯彻|传达|宣传)[^，。；：\n]{2,40}?精神[^，。；：\n]{0,16}?"
    r"(?:会议|座谈会|报告会|宣讲会|大会|培训班))(?![" + HAN + r"])"
)
ANNIVERSARY = re.compile(r"(?:成立|诞辰|建党|建军)?(?:\d{1,3}|[" + NUM + r"]{1,4})周年")
CELEBRATION = re.compile(r"庆祝“(?P<inner>[^“”\n]{2,60})”(?P<tail>系列活动|活动)?")
# An organisation of several places meeting regularly: “双帽”七县(市)政协联席会议.
JOINT_BODY = re.compile(
    r"(?P<body>(?:“[^“”\n]{1,12}”)?[" + NUM + r"\d]+(?:个)?[县市区省州](?:[(（][县市区][)）])?"
    r"(?:政协|人大|党委|政府)?(?:联席会议|联盟|协作区|协作体))(?:年会制度|机制|制度)?"
)
# People beside a title: 刘桂珍同志, 习近平总书记, 主席刘桂珍.
PERSON_TITLE_AFTER = (
    r"(?:同志|总书记|主席|副主席|书记|副书记|县长|副县长|市长|副市长|省长|副省长|区长|副区长|州长|"
    r"主任|副主任|部长|局长|院士|教授|先生|女士|先进事迹|烈士)"
)
PERSON_BEFORE_TITLE = re.compile(r"(?P<name>[" + HAN + r"]{2,4}?)" + "(?=" + PERSON_TITLE_AFTER + ")")
TITLE_WORDS = frozenset(genre_words("title-word"))
# A line under the title holding only a name: 张瑞晋, 段  鸣.
NAME_LINE = re.compile(r"^[ \t　]*(?P<name>[" + HAN + r"](?:[ \t　]*[" + HAN + r"]){1,3})[ \t　]*$", re.MULTILINE)
# A signature line under the title: 会宁县人民政府县长  赵文斌.
SIGNATURE = re.compile(
    r"^[ \t　]*[" + HAN + r"]{0,20}(?:主席|县长|市长|省长|区长|州长|旗长|盟长|主任|书记)[ \t　]+"
    r"(?P<name>[" + HAN + r"·]{2,8})[ \t　]*$",
    re.MULTILINE,
)
# National work conferences: 中央经济工作会议, 中央农村工作会议.
CENTRAL_CONFERENCE = re.compile(r"中央(?:(?![和及与])[" + HAN + r"]){2,4}?工作会议")
# Enumerations of towns: 会师镇、郭城驿镇、河畔镇.
TOWN_RUN = re.compile(
    r"(?:[" + HAN + r"]{2,3}(?:镇|乡|街道)[、和及])+[" + HAN + r"]{2,3}(?:镇|乡|街道)"
)
NOT_IN_NAME = set(
    "的了和与及在对为是把被从向将等各全本我县市省区州乡镇村委会党政协府人大中央第届次年月日"
    "们这那其该此个位名号级长员部局厅处科室所院校团组队班子界"
)
# New districts and development zones: 滨河移民新区, 雄安新区 (a stem of 2–6 characters after a
# boundary).
DISTRICT_TAILS = _DISTRICT_TAILS = in_order("district-tail")  # genre/data/words.tsv
NEW_DISTRICT = re.compile(
    r"(?<=[、，。；：\s“（(在于到赴和与及])(?P<name>[" + HAN + r"]{2,6}?(?:" + _DISTRICT_TAILS + "))"
)
GENERIC_DISTRICT_STEMS = frozenset(genre_words("generic-district-stem"))
# Scenic sites and river basins named after a mountain, river, lake or pass: 光雾山景区.
_SITE_TAILS = in_order("site-tail")  # genre/data/words.tsv
SITE = re.compile(r"(?P<name>[" + HAN + r"]{1,4}?[山河江湖关寺洞峡岛泉])(?P<tail>" + _SITE_TAILS + ")")
# A session after the body that holds it: (县委)十四届八次全会, (县政协)十五届五次会议.
ORGAN_SESSION = re.compile(
    r"第?[" + NUM + r"]+届[" + NUM + r"]+次(?:全体)?(?:会议|全会|常委会议|常委会会议|主席会议|主任会议)"
    r"|第?[" + NUM + r"]+次(?:常委会议|常委会会议|主席会议|主任会议)"  # 县政协十四次常委会议
)
# A people's congress of one term, named after its place: 重庆市第六届人民代表大会.
PEOPLES_CONGRESS_TERM = re.compile(r"\s*第[" + NUM + r"]+届\s*人民代表大会(?!常务委员会|代表)")
# Congresses of a local party organisation: 市第十二次党代会.
LOCAL_CONGRESS = re.compile(r"(?P<level>[县市省州区])第(?P<n>[" + NUM + r"]+)次党代会")
# Heritage sites named after their place: 平遥古城, 云冈石窟, 八路军总部旧址.
_HERITAGE_TAILS = in_order("heritage-tail")  # genre/data/words.tsv
HERITAGE = re.compile(r"(?P<stem>[" + HAN + r"]{2,6}?)(?P<tail>" + _HERITAGE_TAILS + ")")
# Plenums of a local party committee: 市委五届八次全会.
LOCAL_PLENUM = re.compile(r"(?P<level>[县市省州区])委(?P<n>[" + NUM + r"]+)届(?P<m>[" + NUM + r"]+)次全会")
# Towns and townships: 峪口乡, 上馆镇 (a stem of 2–3 characters, between boundaries).
TOWN = re.compile(r"(?=(?P<name>[" + HAN + r"]{2,3}(?:镇|乡|街道)))")
GENERIC_TOWN_STEMS = frozenset(genre_words("generic-town-stem"))
# Bare forms meaning the author's own body: 常委会, 政协常委会, 十六届政协.
AUTHOR_BODY = re.compile(
    r"(?:新一届|本届|上届|[" + NUM + r"]+届)?政协(?:常务委员会|常委会)"
    r"|(?:新一届|本届|上届|[" + NUM + r"]+届)政协(?![委常])"
    r"|(?<![人大政协会])常委会(?![议])"
)
# 我县, 全县, 本市: the home place; 全省, 我省: the home's province.
HOME_AREA = re.compile(r"(?:我|全|本)(?P<level>[县市省州区旗盟])(?!委(?!员)|长|政府|级|直属|域)")


# -- scanning a whole text fast (see reportgraph.genre.prefilter) ----------------------------
# Patterns whose every match holds one of a few words (a tail such as 景区, 新区, 古城): the
# words (found wherever one begins, overlapping ones too) and how many characters after the
# match's start one begins at most. ``finditer`` tries such a pattern only just before them.
ANCHORS.update({
    GAMES: (re.compile(_GAMES_WORDS), 3),  # [HAN]{2,3}? + the games
    HERITAGE: (re.compile(_HERITAGE_TAILS), 6),  # a stem of 2–6 + the tail
    TOWN_RUN: (re.compile("(?:镇|乡|街道)[、和及]"), 3),  # the first town's stem of 2–3 + 镇、
    SITE: (re.compile(_SITE_TAILS), 5),  # [HAN]{1,4}?[山河…] + the tail
    NEW_DISTRICT: (re.compile(_DISTRICT_TAILS), 6),  # a name of 2–6 + the tail
    TOWN: (re.compile("镇|乡|街道"), 3),  # (a lookahead of) a stem of 2–3 + 镇/乡/街道
    ANNIVERSARY: (re.compile("周年"), 6),  # 成立 + four numerals + 周年
    PROPOSAL: (re.compile("号(?:提案|议案|建议)"), 12),  # 2021年 + 第 + six digits + 号提案
    PLENUM: (re.compile("届[一二三四五六七八九]中"), 5),  # 中共 + 二十一 + 届二中
    LONE_PLENUM: (re.compile("中全会"), 1),  # 五 + 中全会
})

# What every match of a pattern contains: a text without it holds no match at all.
REQUIRED.update({
    GAMES: re.compile(_GAMES_WORDS),
    HERITAGE: re.compile(_HERITAGE_TAILS),
    TOWN_RUN: re.compile(r"(?:镇|乡|街道)[、和及]"),
    SHORT_SESSION: re.compile("届(?:政协|人大)?[" + NUM + "]+次"),  # 十五届五次, 十届政协三次
    JOINT_BODY: re.compile("联席会议|联盟|协作区|协作体"),
})
