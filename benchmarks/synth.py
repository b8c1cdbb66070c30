"""Long synthetic reports for the throughput benchmark, each one different.

Every report is built from its own seeded random generator: an invented place and unit, a report
year, the parts in varying wording (sometimes merged, sometimes missing, sometimes only topical
headings for the year's work), topics in varying order, sentences in varying order and figures
drawn afresh (case counts that usually add up and sometimes do not, rates, sums). The wording is
written for this file; no sentence is taken from a real report. Lengths run from about 2,000 to
20,000 characters, so the corpus is not a few texts repeated (nothing in fzcheck may profit from
seeing the same report twice).
"""

from __future__ import annotations

import random
from pathlib import Path

_PLACE_CHARS = "安宁青云河山平阳东丰泰兴华明清源林石川岭溪崇德永和嘉瑞新长松桂梅兰远昌盛临沅澄鹤枫柏峰泉"
_GOVERNMENTS = ("市", "县", "区", "旗", "市", "县")
_DEPARTMENTS = ("市场监督管理局", "生态环境局", "交通运输局", "自然资源局", "住房和城乡建设局", "农业农村局")
_TOWNSHIPS = ("镇", "乡", "街道办事处")
_DIGITS = "一二三四五六七八九十"


def _cn(n: int) -> str:
    """1..19 in Chinese numerals (section marks)."""
    return _DIGITS[n - 1] if n <= 10 else "十" + _DIGITS[n - 11]


TITLES = (
    "{place}{unit}关于{year}年度法治政府建设情况的报告",
    "{place}{unit}{year}年法治政府建设工作报告",
    "{place}{unit}{year}年度法治政府建设年度报告",
    "关于{place}{unit}{year}年法治政府建设情况的报告",
)
OPENINGS = (
    "{year}年，{place}{unit}在上级党委政府的领导下，围绕年度目标任务，把依法行政贯穿工作全过程。",
    "一年来，我们对照年度工作要点逐项推进，法治政府建设各项任务总体完成。",
    "全年共召开专题会议{a}次，研究法治建设事项{b}项，形成工作台账并按月调度。",
    "现将{year}年度法治政府建设有关情况报告如下。",
    "在全{level}各部门共同努力下，依法行政水平稳步提高，群众满意度测评得分{score}分。",
    "本年度各项工作以问题为导向，查找短板，压实责任，确保各项措施落地见效。",
)
MEASURES = (
    "{year}年推进法治政府建设的主要举措和成效",
    "主要工作及成效",
    "{year}年度法治政府建设工作开展情况",
    "推进法治政府建设的主要做法和取得的成效",
    "工作推进情况",
)
LEADER = (
    "党政主要负责人履行推进法治建设第一责任人职责情况",
    "主要负责人履行法治建设第一责任人职责，加强法治政府建设的有关情况",
    "落实第一责任人职责情况",
    "{chief}履行推进法治建设第一责任人职责情况",
)
SHORTCOMINGS = (
    "存在的不足和原因",
    "存在的问题及原因分析",
    "当前存在的主要问题",
    "工作中的不足",
)
PLAN = (
    "{next_year}年推进法治政府建设的主要安排",
    "下一步工作打算",
    "{next_year}年工作思路",
    "下一年度工作安排",
)
MERGED_TAIL = ("存在问题和下一步工作打算", "问题不足及{next_year}年工作安排")
TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # topic: (heading variants, sentence templates)
    "functions": (
        ("依法全面履行政府职能", "深化放管服改革，持续优化营商环境", "转变职能，提升政务服务效能"),
        (
            "梳理公布权责清单事项{a}项，动态调整{b}项",
            "政务服务事项网上可办率达到{pct}%，平均办理时限压缩{c}个工作日",
            "清理证明事项{b}项，推行告知承诺制事项{c}项",
            "新增市场主体{big}户，同比增长{pct2}%",
            "在{place}设立企业服务专窗{c}个，帮助企业解决诉求{a}件",
            "开展涉企收费专项检查，退还不合理收费{money}万元",
        ),
    ),
    "rules": (
        ("加强制度建设，提升依法行政制度化水平", "规范行政规范性文件管理", "完善依法行政制度体系"),
        (
            "全年制发行政规范性文件{c}件，全部经过合法性审核",
            "审核各类文件和合同{a}件，提出修改意见{b}条",
            "报送备案规范性文件{c}件，报备率、及时率均为100%",
            "开展规范性文件专项清理，废止{small}件、修改{small2}件",
            "起草《{place}{doc}》，广泛征求社会公众意见{b}条",
            "向社会公开征求意见的文件{c}件，采纳意见建议{small}条",
        ),
    ),
    "decisions": (
        ("推进行政决策科学化民主化法治化", "严格落实重大行政决策程序", "坚持依法科学民主决策"),
        (
            "编制年度重大行政决策事项目录，纳入目录事项{small}项",
            "重大行政决策事项全部履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序",
            "政府法律顾问参与研究重大事项{a}件，出具法律意见书{b}份",
            "召开决策听证会{small}场，邀请群众代表{c}人参加",
            "对{small}项已实施决策开展后评估，根据评估结果调整措施{small2}项",
            "政府常务会议审议事项前均由司法行政部门进行合法性审查",
        ),
    ),
    "enforcement": (
        ("坚持严格规范公正文明执法", "深化行政执法体制改革", "全面落实行政执法三项制度"),
        (
            "全面落实行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度",
            "全年办理行政处罚案件{a}件，罚没款{money}万元",
            "组织{c}名执法人员参加专业法律知识培训，考试合格率{pct}%",
            "评查行政执法案卷{b}卷，发现问题{small}个并督促整改",
            "推行包容审慎监管，对首次轻微违法行为免予处罚{c}件",
            "开展双随机一公开抽查{b}次，检查市场主体{big}户",
            "行政执法人员持证上岗率达到100%，新申领执法证件{c}个",
        ),
    ),
    "review": (
        ("加强行政复议和行政应诉工作", "依法化解行政争议", "发挥行政复议化解行政争议主渠道作用"),
        (
            "全年收到行政复议申请{rec}件，受理{acc}件，审结{done}件",
            "审结的案件中维持{keep}件，纠错{fix}件，复议纠错率{rate}%",
            "全年行政应诉案件共{total}件，其中一审案件{first}件、二审案件{second}件",
            "行政机关负责人出庭应诉率达到{appear}%，较上年提高{small}个百分点",
            "通过调解和解方式化解行政争议{small}件",
            "发出行政复议意见书{small2}份，督促相关单位纠正执法问题",
        ),
    ),
    "supervision": (
        ("强化对行政权力的制约和监督", "自觉接受各方面监督", "健全行政权力监督体系"),
        (
            "办理人大代表建议{a}件、政协委员提案{b}件，办复率100%",
            "主动公开政府信息{big}条，办理依申请公开{c}件",
            "审计项目{small}个，查出问题金额{money}万元，已整改{pct}%",
            "12345政务服务热线受理群众诉求{big}件，按期办结率{pct}%",
            "自觉接受司法监督，按时履行法院生效判决",
            "开展政务诚信专项治理，清理拖欠账款{money}万元",
        ),
    ),
    "disputes": (
        ("依法有效化解社会矛盾纠纷", "推进矛盾纠纷多元化解", "健全社会矛盾纠纷预防化解机制"),
        (
            "各级人民调解组织调解纠纷{a}件，调解成功{b}件",
            "信访事项及时受理率和按期办结率均保持在{pct}%以上",
            "建成公共法律服务站点{c}个，提供法律咨询{big}人次",
            "办理法律援助案件{a}件，为群众挽回经济损失{money}万元",
            "开展矛盾纠纷排查{b}次，化解重点信访积案{small}件",
        ),
    ),
    "pufa": (
        ("加强法治宣传教育", "落实普法责任制", "深入开展普法依法治理"),
        (
            "深入实施{pufa}普法规划，开展法治宣传活动{a}场",
            "落实谁执法谁普法普法责任制，发放宣传资料{big}份",
            "创建民主法治示范村（社区）{c}个，培育法律明白人{big}名",
            "组织国家工作人员参加学法考试，参考率{pct}%",
            "利用新媒体平台推送普法信息{a}条，阅读量{big}人次",
        ),
    ),
    "study": (
        ("提升领导干部法治思维能力", "抓好法治学习", "加强法治队伍建设"),
        (
            "政府常务会议会前学法{small}次，举办专题法治讲座{small2}场",
            "组织领导干部旁听庭审，参加人员{c}人",
            "新任领导干部任前法律知识考试合格率100%",
            "把法治素养纳入干部考核内容，开展述法{c}人次",
            "开展法治专题培训{small}期，培训{a}人次",
        ),
    ),
    "digital": (
        ("推进数字法治政府建设", "以信息化提升依法行政水平", "加快建设数字政府"),
        (
            "建成行政执法监督平台，接入执法单位{c}家",
            "电子证照归集{big}张，累计调用{big2}次",
            "一网通办事项{a}项，全程网办比例达到{pct}%",
            "非现场监管覆盖企业{big}户，减少现场检查{b}次",
        ),
    ),
}
LEADS = (
    "按照年度工作要点要求，",
    "针对群众反映集中的问题，",
    "结合本地实际，",
    "在总结上年经验的基础上，",
    "坚持问题导向，",
    "注重源头治理，",
    "对标先进地区做法，",
    "围绕中心工作，",
    "聚焦薄弱环节，",
)
CLOSERS = (
    "相关做法得到上级部门肯定",
    "群众获得感明显增强",
    "形成了一批可复制的经验",
    "工作规范化水平进一步提高",
    "为经济社会发展提供了法治保障",
    "各项任务按时间节点完成",
    "有关情况已报送上级部门",
    "整改情况纳入年度考核",
)
LEADER_SENTENCES = (
    "{chief}把法治建设摆在全局工作的重要位置，全年专题研究法治政府建设{small}次",
    "{chief}带头学法用法，在常务会议上专题学习法律法规{small2}部",
    "年初制定法治政府建设工作要点，明确重点任务{c}项，逐项分解到责任单位",
    "{chief}亲自审阅法治政府建设年度报告，对存在问题提出整改要求",
    "将法治建设成效纳入绩效考核，权重为{small}%",
    "听取{c}个部门主要负责人述法，现场点评并提出改进意见",
)
SHORTCOMING_SENTENCES = (
    "一是部分单位对法治政府建设重视不够，工作推进不平衡",
    "二是基层执法力量不足，执法人员专业化水平有待提高",
    "三是行政规范性文件管理还不够规范，个别文件报备不及时",
    "四是法治宣传的针对性和实效性还需增强",
    "五是行政应诉能力仍需提高，个别案件败诉",
    "原因主要是学习培训不够系统，考核督促力度不够",
    "究其原因，一方面是机构改革后人员调整较大，另一方面是经费保障不足",
)
PLAN_SENTENCES = (
    "一是持续深入学习贯彻习近平法治思想，把法治建设纳入{next_year}年工作要点",
    "二是严格执行重大行政决策程序，提高决策质量",
    "三是深化行政执法规范化建设，开展执法案卷评查",
    "四是加强行政复议规范化建设，提高办案质量",
    "五是推进普法与依法治理有机融合",
    "六是加强法治工作队伍建设，组织专题培训不少于{small}次",
)
DOCS = ("行政执法监督办法", "重大行政决策程序规定", "规范性文件管理办法", "政府法律顾问工作规则", "行政调解工作规定")


class _Filler:
    """Draws the figures of one report (counts that usually hang together)."""

    def __init__(self, rng: random.Random, place: str, year: int) -> None:
        self.rng = rng
        self.place = place
        self.year = year

    def values(self) -> dict[str, object]:
        r = self.rng
        rec = r.randint(20, 400)
        acc = rec - r.randint(0, rec // 5)
        done = acc - r.randint(0, acc // 4) if r.random() > 0.08 else acc + r.randint(1, 9)  # sometimes wrong
        first = r.randint(5, 200)
        second = r.randint(1, 90)
        total = first + second if r.random() > 0.1 else first + second + r.randint(1, 5)
        return {
            "a": r.randint(10, 900),
            "b": r.randint(5, 400),
            "c": r.randint(2, 90),
            "small": r.randint(2, 19),
            "small2": r.randint(1, 12),
            "big": r.randint(1000, 98000),
            "big2": r.randint(10000, 900000),
            "pct": r.choice((85, 90, 92, 95, 96, 97, 98, 99, 100))
            if r.random() > 0.5
            else round(r.uniform(60, 99.9), 1),
            "pct2": round(r.uniform(1, 30), 1),
            "money": round(r.uniform(1, 3000), 2),
            "score": round(r.uniform(80, 99), 1),
            "rec": rec,
            "acc": acc,
            "done": done,
            "keep": max(0, done - r.randint(0, done // 3)),
            "fix": r.randint(0, max(1, done // 5)),
            "rate": round(r.uniform(2, 30), 1) if r.random() > 0.05 else r.randint(101, 130),
            "total": total,
            "first": first,
            "second": second,
            "appear": r.choice((100, 98.5, 96, 92.3)) if r.random() > 0.04 else r.randint(101, 110),
            "pufa": "“七五”" if self.year <= 2020 or r.random() < 0.05 else "“八五”",
            "doc": r.choice(DOCS),
            "place": self.place,
            "year": self.year,
            "next_year": self.year + 1,
        }

    def fill(self, template: str, extra: dict[str, str]) -> str:
        return template.format(**{**self.values(), **extra})


def synthetic_report(index: int) -> str:
    """Report number `index` (the same text for the same index, a different one for every other)."""
    rng = random.Random(f"fzcheck-synth-{index}")
    place = "".join(rng.sample(_PLACE_CHARS, 2))
    kind = rng.random()
    if kind < 0.8:
        level = rng.choice(_GOVERNMENTS)
        unit, chief = f"{level}人民政府", rng.choice((f"{level}长", f"{level}政府主要负责同志"))
    elif kind < 0.92:
        level, unit, chief = "市", "市" + rng.choice(_DEPARTMENTS), "局主要负责人"
    else:
        level = rng.choice(_TOWNSHIPS)
        unit = level if level.startswith("街道") else f"{level}人民政府"
        chief = "党工委书记、主任" if level.startswith("街道") else "党委书记、" + ("镇长" if level == "镇" else "乡长")
    year = rng.randint(2016, 2025)
    fill = _Filler(rng, place, year)
    names = {"place": place, "unit": unit, "level": level, "chief": chief}
    size = rng.choice((2, 3, 4, 5, 6, 8, 10, 12))  # paragraphs a topic gets, about

    def sentence(template: str) -> str:
        text = fill.fill(template, names)
        lead = rng.choice(LEADS) if rng.random() < 0.25 else ""
        return lead + text + ("，" + rng.choice(CLOSERS) if rng.random() < 0.3 else "") + "。"

    def paragraph(templates: tuple[str, ...], count: int, ordered: bool = False) -> str:
        chosen = rng.sample(range(len(templates)), min(count, len(templates)))
        return "".join(sentence(templates[i]) for i in (sorted(chosen) if ordered else chosen))

    lines = [fill.fill(rng.choice(TITLES), names)]
    lines.append("".join(fill.fill(t, names) for t in rng.sample(OPENINGS, rng.randint(2, 4))))
    topics = rng.sample(list(TOPICS), rng.randint(4, len(TOPICS)))
    parts: list[tuple[str, list[str]]] = []
    measures: list[str] = []
    for number, topic in enumerate(topics, 1):
        headings, templates = TOPICS[topic]
        mark = f"（{_cn(number)}）" if rng.random() < 0.8 else f"{number}."
        lead = rng.choice(headings)
        if rng.random() < 0.5:  # a run-in heading: the lead sentence starts its paragraph
            measures.append(f"{mark}{lead}。" + paragraph(templates, rng.randint(2, 5)))
        else:
            measures.append(mark + lead)
        measures.extend(paragraph(templates, rng.randint(3, 7)) for _ in range(rng.randint(2, size + 2)))
    topical = rng.random() < 0.15  # the year's work only under topical headings, as some reports do
    if topical:
        for topic in topics:
            headings, templates = TOPICS[topic]
            body = [paragraph(templates, rng.randint(3, 7)) for _ in range(rng.randint(1, size + 2))]
            parts.append((rng.choice(headings), body))
    else:
        parts.append((fill.fill(rng.choice(MEASURES), names), measures))
    if rng.random() < 0.9:
        leader = [paragraph(LEADER_SENTENCES, rng.randint(2, 5)) for _ in range(rng.randint(1, size))]
        parts.insert(
            rng.choice((1, len(parts))) if not topical else len(parts), (fill.fill(rng.choice(LEADER), names), leader)
        )
    problems = [paragraph(SHORTCOMING_SENTENCES, rng.randint(2, 6), ordered=True)]
    plans = [paragraph(PLAN_SENTENCES, rng.randint(2, 6), ordered=True)]
    if rng.random() < 0.2:
        parts.append((fill.fill(rng.choice(MERGED_TAIL), names), problems + plans))
    else:
        if rng.random() < 0.93:
            parts.append((rng.choice(SHORTCOMINGS), problems))
        if rng.random() < 0.93:
            parts.append((fill.fill(rng.choice(PLAN), names), plans))
    for number, (heading, body) in enumerate(parts, 1):
        lines.append(f"{_cn(number)}、{heading}")
        lines.extend(body)
    if rng.random() < 0.05:
        lines.append(f"全年开展XX活动{fill.values()['small']}次，推进法制政府建设。")
    if rng.random() < 0.7:
        lines.append(f"{place}{unit}")
        lines.append(f"{year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日")
    return "\n".join(lines) + "\n"


def write_synthetic(folder: Path, start: int, count: int) -> list[Path]:
    """Reports number start .. start+count-1 as folder/s<number>.txt."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for index in range(start, start + count):
        path = folder / f"s{index:05d}.txt"
        path.write_text(synthetic_report(index), encoding="utf-8")
        out.append(path)
    return out
