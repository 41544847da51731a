"""A deterministic generator of a synthetic corpus in the genre, for benchmarks and tests.

Each report has the structure of the bundled sample (a county CPPCC standing committee's
work report) with another real county as its home: its province and prefecture, six
partner counties with their provinces, documents, proposals, initiatives, landmarks and
figures drawn from the shipped gazetteer (:func:`reportgraph.knowledge.gazetteer.load_divisions`)
and small word lists, and a random subset of the sample's paragraphs, so reports run from
a few thousand to about 18,000 characters. The same seed gives the same corpus, byte for
byte. Nothing here imports spaCy.

>>> a = list(synth_reports(3, seed=7))
>>> b = list(synth_reports(3, seed=7))
>>> [r.text for r in a] == [r.text for r in b]
True
>>> all(r.home in r.text for r in a)
True
"""

from __future__ import annotations

import json
import os
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from reportgraph.knowledge.gazetteer import Division, Divisions, load_divisions

# Word lists for the parts of a report that are not administrative areas.
_RIVERS = ("汾河", "桑干河", "漳河", "沁河", "淮河", "汉江", "赣江", "湘江", "沅江", "嘉陵江", "岷江",
           "闽江", "辽河", "渭河", "洛河", "大渡河", "澜沧江", "清水河", "颍河", "沱江")
_RED_SITES = ("井冈山", "延安", "西柏坡", "遵义", "古田", "韶山", "瑞金", "红旗渠", "沂蒙山")
_LANDMARK_SUFFIX = ("关", "山", "湖", "岭", "峡", "台")
_HISTORY_BOOKS = ("道情", "民歌", "风物志", "文史资料选辑", "非遗名录", "古迹考", "人物志", "老照片", "方言志",
                  "民俗录", "楹联集", "古村落")
_INDUSTRIES = ("黄酒", "小米", "中药材", "茶叶", "肉牛", "食用菌", "光伏", "文旅", "核桃", "苹果", "杂粮",
               "陶瓷", "蚕桑", "花椒", "乡村旅游", "预制菜")
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭"
_GIVEN = "建国华伟军平秀英兰红梅玉珍丽明志强文杰海燕桂芳春霞永刚德胜爱民"
_ORDINALS = ("十一", "十二", "十三", "十四", "十五")
_NEXT = {"十一": "十二", "十二": "十三", "十三": "十四", "十四": "十五", "十五": "十六"}
_PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")

_TOPICS = ("生态保护", "乡村振兴", "文旅融合", "营商环境", "教育均衡", "医疗卫生", "养老服务", "城乡融合",
           "数字经济", "农业产业化", "基层治理", "民营经济", "非遗保护", "古城保护", "就业创业", "水利建设")
_INITIATIVES = ("乡村振兴战略", "脱贫攻坚", "黄河流域生态保护和高质量发展", "美丽乡村建设", "厕所革命", "河长制",
                "精准扶贫", "蓝天保卫战", "碧水保卫战", "净土保卫战", "全域旅游", "一村一品", "数字乡村建设",
                "污染防治攻坚战", "农村人居环境整治", "高标准农田建设", "“放管服”改革", "县域医共体建设",
                "义务教育优质均衡发展", "新型城镇化建设", "千村示范工程", "林长制")
_COMMITTEES = ("提案委员会", "经济委员会", "文史委员会", "社会法制委员会", "农业农村委员会", "教科卫体委员会")
_POLICIES = ("加快发展{}产业", "推进{}标准化生产", "打造{}区域公用品牌", "延伸{}产业链条", "完善{}冷链物流体系")
_SAMPLE_HOME = "代县"
_SAMPLE_PARTNERS = "四川省阆中市、湖南省凤凰县、安徽省寿县、河北省蔚县、云南省会泽县和巍山县"


@dataclass(frozen=True, slots=True)
class SynthReport:
    """One generated report.

    ``relpath`` is where :func:`write_corpus` puts it (``province/county-year.txt``);
    ``areas`` holds the division codes of every administrative area the generator put in
    (home county, its prefecture and province, partners and their provinces).
    """

    relpath: str
    text: str
    home: str
    home_code: str
    year: int
    areas: frozenset[str]
    encoding: str = "utf-8"


def province_short(name: str) -> str:
    """A province's short name, as reports write it.

    >>> province_short("山西省"), province_short("广西壮族自治区"), province_short("北京市")
    ('山西', '广西', '北京')
    """
    for suffix in _PROVINCE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def eligible_counties(divisions: Divisions | None = None) -> list[Division]:
    """Counties (名 ending in 县) whose name is unique in the gazetteer and which sit in a
    prefecture: the homes and partners the generator draws from, sorted by code."""
    divisions = divisions or load_divisions()
    out = []
    for d in divisions.by_code.values():
        if d.level != 3 or not d.name.endswith("县") or len(d.name) < 2:
            continue
        if len(divisions.by_name.get(d.name, ())) != 1:
            continue
        ancestors = divisions.ancestors(d.code)
        if len(ancestors) != 2:
            continue
        if any(len(divisions.by_name.get(a.name, ())) != 1 for a in ancestors):
            continue
        out.append(d)
    return sorted(out, key=lambda d: d.code)


def _sample_text() -> str:
    path = resources.files("reportgraph").joinpath("sample/daixian-cppcc-report.txt")
    return path.read_text(encoding="utf-8")


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def _person(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))


def _render(paragraph: str, subs: list[tuple[str, str]]) -> str:
    for old, new in subs:
        paragraph = paragraph.replace(old, new)
    return paragraph


def synth_report(
    rng: random.Random,
    home: Division,
    *,
    year: int,
    partners: list[Division],
    divisions: Divisions | None = None,
    neighbours: list[Division] | None = None,
    min_chars: int = 3000,
    max_chars: int = 18000,
) -> SynthReport:
    """Generate one report for ``home`` (a county) with six ``partners``; ``neighbours``
    (other counties of its prefecture) join the exchanges of longer reports."""
    divisions = divisions or load_divisions()
    prefecture, province = divisions.ancestors(home.code)
    stem = home.name[:-1] if len(home.name) > 2 else home.name
    landmark = stem + rng.choice(_LANDMARK_SUFFIX)
    ordinal = rng.choice(_ORDINALS)
    partner_text = []
    areas = {home.code, prefecture.code, province.code}
    for i, p in enumerate(partners):
        p_province = divisions.ancestors(p.code)[-1]
        areas.add(p.code)
        if i < len(partners) - 1:
            areas.add(p_province.code)
            partner_text.append(p_province.name + p.name)
        else:
            partner_text.append(p.name)
    partners_joined = "、".join(partner_text[:-1]) + "和" + partner_text[-1]
    subs = [
        (_SAMPLE_PARTNERS, partners_joined),
        ("第十五届", f"第{ordinal}届"),
        ("十六届", _NEXT[ordinal] + "届"),
        ("《代县道情》", f"《{home.name}{rng.choice(_HISTORY_BOOKS)}》"),
        ("《雁门履痕》", f"《{landmark}{rng.choice(('履痕', '记忆', '往事', '风华'))}》"),
        ("《北京知青在代县续集》", f"《{rng.choice(('北京', '天津', '上海'))}知青在{home.name}续集》"),
        ("《代县建言》", f"《{home.name}{rng.choice(('建言', '宣言', '共识', '倡议'))}》"),
        ("雁门关景区", f"{landmark}景区"),
        ("雁门", landmark),
        ("滹沱河", rng.choice(_RIVERS)),
        ("井冈山", rng.choice(_RED_SITES)),
        ("刘桂珍", _person(rng)),
        ("振兴黄酒产业", f"振兴{rng.choice(_INDUSTRIES)}产业"),
        ("2020年4736号提案", f"{year - 1}年{rng.randint(1000, 6999)}号提案"),
        ("12339", "".join(str(rng.randint(1, 9)) for _ in range(5))),
        ("共征集提案628件,立案93件,办复93件",
         "共征集提案{0}件,立案{1}件,办复{1}件".format(rng.randint(200, 900), rng.randint(50, 150))),
        ("配合市政协", f"配合{prefecture.name}政协"),
        ("视察山西", "视察" + province_short(province.name)),
        ("来代", "来" + stem[0]),
        (_SAMPLE_HOME, home.name),
    ]
    paragraphs = _paragraphs(_sample_text())
    title, body = paragraphs[0], paragraphs[1:]
    keep_always = {i for i, p in enumerate(body) if _SAMPLE_PARTNERS in p}
    target = rng.randint(min_chars, max_chars)
    order = list(range(len(body)))
    rng.shuffle(order)
    chosen = set(keep_always)
    total = len(title) + sum(len(body[i]) + 2 for i in chosen)
    for i in order:
        if i not in chosen and total + len(body[i]) <= target:
            chosen.add(i)
            total += len(body[i]) + 2
    parts = [_render(p, subs) for p in [title, *(body[i] for i in sorted(chosen))]]
    # Longer reports: more of the same genre, after the sample's body.
    exchange = [c for c in (neighbours or []) if c.code != home.code] + partners
    while True:
        extra = _extra_paragraph(rng, home, prefecture, exchange, year=year, divisions=divisions)
        if total + len(extra.text) > target:
            break
        parts.insert(len(parts) - rng.randint(1, 3), extra.text)
        areas |= extra.areas
        total += len(extra.text) + 2
    text = "\n\n".join(parts) + "\n"
    relpath = f"{province.code[:2]}/{home.code}-{year}.txt"
    return SynthReport(relpath, text, home.name, home.code, year, frozenset(areas))


@dataclass(frozen=True, slots=True)
class _Extra:
    text: str
    areas: frozenset[str]


def _extra_paragraph(
    rng: random.Random, home: Division, prefecture: Division, exchange: list[Division], *, year: int,
    divisions: Divisions,
) -> _Extra:
    """One generated paragraph in the genre: exchanges with other counties, proposals,
    surveys on initiatives."""
    kind = rng.randrange(3)
    topic = rng.choice(_TOPICS)
    inits = rng.sample(_INITIATIVES, 3)
    n1, n2 = rng.randint(2, 12), rng.randint(20, 160)
    industry = rng.choice(_INDUSTRIES)
    areas: set[str] = set()
    if kind == 0 and len(exchange) >= 3:
        a, b, c = rng.sample(exchange, 3)
        pa = divisions.ancestors(a.code)[-1]
        areas |= {a.code, b.code, c.code, pa.code}
        text = (
            f"**{topic}交流互鉴。**{year - rng.randint(1, 4)}年以来,县政协先后组织委员赴{pa.name}{a.name}、"
            f"{b.name}等地学习考察{topic}工作,接待{c.name}政协来{home.name}考察交流{n1}批次{n2}人次,"
            f"与{a.name}政协签署《{home.name}{a.name}政协{topic}协作备忘录》,在{inits[0]}、{inits[1]}等方面"
            f"建立常态化协作机制,共同推动{inits[2]}落地见效。委员们深入田间地头、厂矿企业,就"
            f"“{industry}产业提质增效”“{topic}短板弱项”等问题开展调研,形成调研报告{rng.randint(2, 9)}篇,"
            "为县委、县政府科学决策提供了参考。"
        )
    elif kind == 1:
        policy = rng.choice(_POLICIES).format(industry)
        text = (
            f"**提案督办推动{topic}。**围绕“{policy}”“加强{topic}工作”“做好{inits[0]}后半篇文章”等"
            f"重点提案,召开提案办理协商会{n1}次,{rng.choice(_COMMITTEES)}跟踪督办,推动承办单位"
            f"解决实际问题{n2}个。其中《关于{policy}的建议》被{prefecture.name}政协采用,"
            f"“{home.name}{industry}产业高质量发展”提案被评为优秀提案。坚持把提案办理与{inits[1]}、"
            f"{inits[2]}结合起来,做到提案办理与重点工作同部署、同推进、同落实。"
        )
        areas.add(prefecture.code)
    else:
        committee = rng.choice(_COMMITTEES)
        text = (
            f"**服务{inits[0]}。**紧扣{inits[0]}、{inits[1]}、{inits[2]}等重点任务,组织{committee}开展"
            f"专题调研{n1}次,召开专题协商会、对口协商会{rng.randint(2, 8)}次,形成《{home.name}{topic}"
            f"调研报告》等调研成果{rng.randint(3, 12)}篇。组织政协委员{n2}人次参与{topic}民主监督,"
            f"围绕{industry}产业发展、{topic}等议题提出意见建议{rng.randint(20, 90)}条,"
            "多数被县委、县政府采纳,转化为推动发展的具体举措。"
        )
    return _Extra(text, frozenset(areas))


def synth_reports(
    n: int, *, seed: int = 0, years: tuple[int, ...] = (2016, 2021), gb18030_share: float = 0.1,
    min_chars: int = 3000, max_chars: int = 18000,
) -> Iterator[SynthReport]:
    """``n`` reports: ``len(years)`` per county (so counties recur across reports), homes
    and partners drawn with ``seed``; a ``gb18030_share`` of them are to be written in
    GB18030 (the rest UTF-8); each report's length is drawn between ``min_chars`` and
    ``max_chars``."""
    divisions = load_divisions()
    counties = eligible_counties(divisions)
    by_prefecture: dict[str, list[Division]] = {}
    for c in counties:
        by_prefecture.setdefault(c.code[:4], []).append(c)
    rng = random.Random(seed)
    homes = rng.sample(counties, min(len(counties), -(-n // len(years))))
    made = 0
    for home in homes:
        for year in years:
            if made >= n:
                return
            r_rng = random.Random(f"{seed}:{home.code}:{year}")
            partners = r_rng.sample([c for c in counties if c.code != home.code], 6)
            neighbours = by_prefecture.get(home.code[:4], [])
            report = synth_report(r_rng, home, year=year, partners=partners, divisions=divisions,
                                  neighbours=neighbours, min_chars=min_chars, max_chars=max_chars)
            if r_rng.random() < gb18030_share:
                report = SynthReport(report.relpath, report.text, report.home, report.home_code,
                                     report.year, report.areas, "gb18030")
            made += 1
            yield report


def write_corpus(directory: str | os.PathLike[str], n: int, *, seed: int = 0, min_chars: int = 3000,
                 max_chars: int = 18000) -> dict[str, object]:
    """Write ``n`` reports under ``directory`` (``province/county-year.txt``) and a
    ``manifest.json`` beside them; return the manifest: the files with their home and
    areas, and the distinct area codes of the whole corpus."""
    root = Path(directory)
    files = []
    areas: set[str] = set()
    chars = 0
    for r in synth_reports(n, seed=seed, min_chars=min_chars, max_chars=max_chars):
        path = root / r.relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(r.text.encode(r.encoding))
        files.append({"path": r.relpath, "home": r.home, "code": r.home_code, "year": r.year,
                      "chars": len(r.text), "encoding": r.encoding, "areas": sorted(r.areas)})
        areas |= r.areas
        chars += len(r.text)
    manifest: dict[str, object] = {"seed": seed, "reports": len(files), "chars": chars,
                                   "areas": sorted(areas), "files": files}
    (root / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                        encoding="utf-8")
    return manifest
