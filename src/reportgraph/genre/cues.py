"""The genre's relation cues: the words of Chinese work reports that state a relation.

These are cues of the genre (政协常委会工作报告, 政府工作报告), not phrases of one report.
:mod:`reportgraph.nlp.relate.component` reads them; each relation it finds names the cue in its
evidence's ``method`` (``"cue:签署"``).

>>> "签署" in AUTHORED
True
"""

from __future__ import annotations

from reportgraph.genre.organs import organ_table
from reportgraph.model import EntityType as T
from reportgraph.model import Predicate as P

# Verbs whose (stated or dropped) subject wrote, signed or sent the Document that follows.
AUTHORED: tuple[str, ...] = (
    "编辑出版", "编印出版", "编辑", "编印", "编纂", "编撰", "编写", "编制", "出版", "撰写", "起草",
    "出台", "制定", "修订",
    "签署", "签订", "发出", "发布", "印发", "上报", "报送", "专报", "提交", "提出", "形成",
)

# Nominalised cues after the Document: 完成《…规划》编制.
AUTHORED_AFTER: tuple[str, ...] = ("编制", "编写", "起草", "编纂", "修订")

# Before a Document with a nominalised cue, these make someone else its drafter
# (省环保厅对《…规划》的编制, 参与《…规划》编制).
NOT_THE_DRAFTER: tuple[str, ...] = ("对", "参与", "配合", "协助", "关于", "针对", "围绕")

# Verbs whose subject took part in (or organised) the Event that follows.
PARTICIPATED: tuple[str, ...] = (
    "应邀参加", "应邀出席", "组织开展", "参加", "参与", "出席", "列席", "举办", "召开", "举行",
    "承办", "主办", "组织", "开展", "协办", "到会", "与会", "莅会",
)

# Nouns that refer back to the sentence's event after 参加/出席 (应邀参加会议, 出席论坛).
EVENT_NOUNS = r"(?:会议|大会|活动|论坛|仪式|典礼|开幕式|发布会|座谈会|会)"

# Cues that contain their object, the meeting of the sentence (县长李强到会听取意见).
ATTENDED: frozenset[str] = frozenset({"到会", "与会", "莅会"})

# (我们)与 X 共同主办: a clause opening with 与 X 共同/联合 has the speaker and X as subjects.
COMITATIVE: frozenset[str] = frozenset({"与", "同", "和", "联合"})
TOGETHER: tuple[str, ...] = ("共同", "联合", "一道", "一起", "携手")

# 组织/带领 X 开展……: X acts, and so does the organiser.
CAUSATIVES: tuple[str, ...] = ("组织", "带领", "引导", "动员", "发动", "组织引导")

# Verbs whose subject carries out the Initiative that follows.
IMPLEMENTS: tuple[str, ...] = (
    "实施", "推进", "助力", "助推", "围绕", "锚定", "践行", "落实", "打赢", "打好", "决胜",
    "夺取", "参与", "开展", "举办", "做好", "抓好", "推动", "贯彻", "按照", "对标", "结合",
    "投身", "服务", "巩固", "聚焦", "深化", "坚持", "统筹", "履行", "打造", "融入", "创建", "紧扣",
)

# Nominalised cues after the Initiative: “十四五”规划实施, 党史学习教育的开展.
IMPLEMENTS_AFTER: tuple[str, ...] = ("实施", "落实", "推进", "开展", "建设")
# … of which only the form with 的 is a nominalisation (党史学习教育的开展, not 围绕X开展协商).
IMPLEMENTS_AFTER_WITH_DE: frozenset[str] = frozenset({"开展", "建设"})

# 围绕 X 主题/议题 … 协商: X is a topic under discussion, not an initiative carried out.
TOPIC_MARKERS: tuple[str, ...] = ("议题", "主题", "协商", "讨论", "座谈", "研讨", "议政")

# An Event that frames its sentence (X期间, X上, X在…召开): what is discussed there is its topic.
EVENT_FRAMES: tuple[str, ...] = ("期间", "上", "中", "在", "召开", "举办", "举行", "以")

# 被 ORG 采用: a Document adopted by the body.
ADOPTED: tuple[str, ...] = ("采用", "采纳", "吸纳", "录用", "批示", "转发", "刊用", "刊发")
# 得到 ORG 的采纳: adoption in the active voice (not 批示 or 重视: attention is no adoption).
ADOPTED_ACTIVE: tuple[str, ...] = ("采用", "采纳", "吸纳", "录用")

# 与 A、B … 形成/组成 COLLECTIVE: A, B and the speaker are its members.
FORMED: tuple[str, ...] = ("形成", "组成", "成立", "建立", "结成", "组建", "发起")
COLLECTIVE_WORDS: tuple[str, ...] = ("联席", "联盟", "协作", "联合会", "共同体", "联谊", "协会", "联合体")
JOINED: tuple[str, ...] = ("加入", "成员单位", "成员")

# 在 X 举办/召开: the Event is located in X.
HELD: tuple[str, ...] = ("举办", "召开", "举行", "开幕", "闭幕")

# X 下设 A、B: A and B are part of X.
SUBDIVIDES: tuple[str, ...] = ("下设", "内设", "设立了", "设有")

# Nouns a campaign name can modify (全省脱贫攻坚奖): the area+campaign is then no campaign.
CAMPAIGN_MODIFIED: tuple[str, ...] = (
    "奖", "先进", "模范", "表彰", "领导小组", "指挥部", "办公室", "工作会", "会议", "现场会", "推进会",
    "督查", "考核", "专项资金", "资金",
)

# The body’s internal organs: X党组 is part of X.
ORGAN_SUFFIXES: tuple[str, ...] = (
    "党组", "机关党组", "党委", "机关党委", "党支部", "机关", "办公室", "专委会", "专门委员会",
    "提案委员会", "提案委", "学习委", "文史委", "经济委", "社法委", "农业委", "教科文卫委",
)

# Heads an enumeration of places shares: 四川省阆中市、湖南省凤凰县和巍山县政协 (organs.tsv's
# heads column, then the party departments of departments.tsv).
ORGAN_HEADS: tuple[str, ...] = organ_table().heads

# Words after a place that make it a body's seat (代县委员会, 代县人民政府), not a topic
# (organs.tsv's seat column).
ORGAN_WORDS: tuple[str, ...] = organ_table().seat_words

# Verbs before “X的领导” that make it leadership (坚持党的领导), not X's leaders.
LEADERSHIP_VERBS: tuple[str, ...] = (
    "坚持", "加强", "接受", "服从", "置于", "在", "维护", "改善", "落实", "贯穿", "坚持和加强", "自觉接受",
)

# Prepositions that make the following body an object, not a subject.
OBJECT_PREPOSITIONS: tuple[str, ...] = (
    "向", "对", "与", "同", "跟", "被", "在", "给", "为", "配合", "按照", "根据", "协助", "联合",
    "围绕", "关于", "针对", "接受", "邀请", "请", "经", "由于", "把", "将", "从", "赴", "到",
)

# Adverbials that may open a clause before its subject.
CLAUSE_OPENERS: tuple[str, ...] = (
    "如", "例如", "其中", "同时", "并", "还", "也", "由", "五年来", "一年来", "近年来", "今年",
    "去年", "过去一年", "过去五年",
)

# The speaking body's own voice: a clause opening with it has the author as subject.
FIRST_PERSON: tuple[str, ...] = ("我们", "本届政府", "本届常委会", "常委会", "本会")

# Enumeration joiners between members of a list.
JOINERS: tuple[str, ...] = ("", "、", "和", "及", "以及", "与", "同", "或", "暨", "，", ",")

# Places that name a body’s seat are counties, cities, provinces … not the country.
COUNTRY_NAMES: frozenset[str] = frozenset({"中国", "中华人民共和国", "新中国", "全国", "我国"})

# Local areas a county’s report names without their parent (towns, villages, new districts).
LOCAL_AREA_SUFFIXES: tuple[str, ...] = (
    "新区", "新城", "开发区", "园区", "工业园", "镇", "乡", "街道", "村", "社区", "示范区", "试验区",
)

# Sites a county's report names as its own to manage (雁门关景区改制): located in the home.
LOCAL_SITE_SUFFIXES: tuple[str, ...] = ("景区", "风景区", "旅游区", "度假区", "森林公园", "湿地公园", "遗址公园")

# Joint texts named after where they were signed (《代县建言》, 《北京宣言》): not about the place.
SIGNED_AT_WORDS: frozenset[str] = frozenset({
    "建言", "宣言", "共识", "倡议", "倡议书", "协议", "公约", "声明", "纪要", "备忘录", "公报", "约定",
})

# The state-level new areas (国家级新区): not inside the reporting county.
NATIONAL_NEW_AREAS: frozenset[str] = frozenset({
    "浦东新区", "滨海新区", "两江新区", "舟山群岛新区", "兰州新区", "南沙新区", "西咸新区",
    "贵安新区", "西海岸新区", "金普新区", "天府新区", "湘江新区", "江北新区", "福州新区",
    "滇中新区", "哈尔滨新区", "长春新区", "赣江新区", "雄安新区",
})

# Which subject and object types each predicate accepts (GOLD_FORMAT.md).
SIGNATURES: dict[P, tuple[frozenset[T], frozenset[T]]] = {
    P.MEMBER_OF: (frozenset({T.ORGANIZATION, T.ADMINISTRATIVE_AREA}), frozenset({T.ORGANIZATION})),
    P.PART_OF: (frozenset({T.ORGANIZATION}), frozenset({T.ORGANIZATION})),
    P.LOCATED_IN: (
        frozenset({T.ORGANIZATION, T.PLACE, T.ADMINISTRATIVE_AREA, T.EVENT}),
        frozenset({T.ADMINISTRATIVE_AREA}),
    ),
    P.LEADS: (frozenset({T.ORGANIZATION}), frozenset({T.ORGANIZATION})),
    P.AUTHORED: (frozenset({T.ORGANIZATION, T.PERSON}), frozenset({T.DOCUMENT})),
    P.ADOPTED_BY: (frozenset({T.DOCUMENT}), frozenset({T.ORGANIZATION})),
    P.PARTICIPATED_IN: (
        frozenset({T.ORGANIZATION, T.PERSON, T.ADMINISTRATIVE_AREA}), frozenset({T.EVENT}),
    ),
    P.IMPLEMENTS: (frozenset({T.ORGANIZATION, T.ADMINISTRATIVE_AREA}), frozenset({T.INITIATIVE})),
    P.ABOUT: (
        frozenset({T.DOCUMENT, T.EVENT}),
        frozenset({T.INITIATIVE, T.ADMINISTRATIVE_AREA, T.PLACE}),
    ),
}
