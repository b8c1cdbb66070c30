"""Invented annual reports for the web tests, the screenshots and the web benchmark.

Every unit, person and figure here is made up. A report has the four parts the national pack
requires, in the usual order; `omit` leaves a part out, so a test knows which item must come back
as missing. Figures come from a seeded generator, so the same arguments give the same text.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from tests.paths import ROOT

# The parts a report can leave out (the keys of `omit`).
PARTS = ("measures", "leader-duty", "shortcomings", "next-year")


@dataclass(frozen=True)
class Unit:
    """A reporting body: its full name, what it calls itself in the text, and its kind."""

    name: str
    short: str
    kind: str  # government | department


UNITS = (
    Unit("松岭县人民政府", "县政府", "government"),
    Unit("松岭县司法局", "本局", "department"),
    Unit("松岭县生态环境局", "本局", "department"),
    Unit("栖霞湾区人民政府", "区政府", "government"),
    Unit("松岭县交通运输局", "本局", "department"),
)


def _measures(unit: Unit, year: int, rng: random.Random, depth: int) -> list[str]:
    n = rng.randint
    out = [
        f"一、{year}年度推进法治政府建设的主要举措和成效",
        "（一）完善制度机制，把法治建设任务落到实处",
        f"{unit.short}把法治政府建设列入年度重点工作，印发工作要点，细化为{n(5, 9)}个方面{n(20, 40)}项具体任务，"
        f"逐项明确牵头科室和完成时限，每季度通报一次进度。全年召开法治建设专题会议{n(3, 8)}次，"
        f"对进度滞后的{n(2, 6)}项任务挂牌督办，年底前全部办结。",
        f"健全学法制度，全年组织集中学法{n(6, 14)}次，内容涵盖民法典、行政处罚法、行政许可法等，"
        f"工作人员年度学法考试参考率100%，平均成绩{n(86, 96)}.{n(0, 9)}分。",
        "（二）深化放管服改革，优化法治化营商环境",
        f"梳理公布权责清单事项{n(300, 1500)}项，全年动态调整{n(10, 60)}项。推行“一窗受理、集成服务”，"
        f"全年办理政务服务事项{n(8000, 40000)}件，按时办结率100%，群众满意率{n(97, 99)}.{n(0, 9)}%。"
        f"落实公平竞争审查制度，审查涉及经营主体的政策措施{n(5, 40)}件，未发现排除、限制竞争的内容。",
        "（三）坚持科学民主依法决策，加强规范性文件监督",
        f"严格执行重大行政决策程序，全年作出重大行政决策{n(2, 9)}项，均经过公众参与、专家论证、风险评估、"
        f"合法性审查和集体讨论决定。制定行政规范性文件{n(3, 20)}件，全部经合法性审核并按时报送备案，"
        f"清理现行文件{n(30, 120)}件，废止{n(2, 9)}件、修改{n(1, 6)}件。",
        "（四）严格规范公正文明执法，全面落实行政执法“三项制度”",
        f"全面落实行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度，"
        f"全年在门户网站公示执法信息{n(200, 900)}条；配备执法记录仪{n(20, 90)}台，"
        f"对现场检查、调查取证、送达执行等环节全程音像记录；对{n(10, 60)}件重大执法决定全部进行法制审核，"
        f"审核率100%。推行包容审慎监管，对{n(10, 50)}件首次轻微违法行为依法不予处罚，同步开展说理教育。",
        f"开展行政执法案卷评查，抽查案卷{n(40, 120)}卷，发现文书不规范等问题{n(5, 20)}个，已全部整改；"
        f"组织执法人员培训{n(3, 8)}期，{n(60, 300)}名执法人员取得或换领执法证件。",
        "（五）依法化解行政争议，自觉接受监督",
    ]
    received = n(30, 90)
    accepted = received - n(2, 8)
    decided = accepted - n(1, 6)
    corrected = n(2, 9)
    out.append(
        f"全年收到行政复议申请{received}件，受理{accepted}件，审结{decided}件，其中撤销、变更、确认违法等直接纠错"
        f"{corrected}件，直接纠错率{100 * corrected / decided:.1f}%。通过调解、和解方式化解行政争议{n(5, 20)}件。"
    )
    cases = n(20, 70)
    lost = n(1, 4)
    out.append(
        f"全年发生行政应诉案件{cases}件，审结{cases - n(2, 8)}件，败诉{lost}件，败诉率{100 * lost / cases:.1f}%；"
        f"行政机关负责人出庭应诉{cases}件次，负责人出庭应诉率100%。认真办理人大代表建议{n(10, 40)}件、"
        f"政协委员提案{n(10, 40)}件，办复率100%，政务公开事项按时公开率100%。"
    )
    # Longer reports repeat work items in new words, as real reports describe more areas.
    extra = [
        f"加强法治宣传教育，落实“谁执法谁普法”普法责任制，全年开展普法活动{n(20, 80)}场次，"
        f"发放宣传资料{n(3000, 20000)}份，在宪法宣传周期间组织进社区、进企业、进学校活动{n(6, 20)}场。",
        f"推进矛盾纠纷多元化解，依托人民调解组织排查化解矛盾纠纷{n(200, 900)}件，调解成功率{n(95, 99)}%，"
        f"做到小事不出村、大事不出镇。",
        f"加强数字法治建设，建成执法监督信息平台，归集执法数据{n(2000, 9000)}条，实现执法事项网上办理、"
        f"全程留痕、实时监督，平台运行以来预警提示{n(10, 60)}次。",
        f"完善公共法律服务体系，建成公共法律服务站点{n(10, 60)}个，全年提供法律咨询{n(1000, 6000)}人次，"
        f"办理法律援助案件{n(100, 400)}件，为困难群众挽回经济损失{n(100, 900)}万元。",
        f"规范涉企行政检查，推行“综合查一次”和“扫码入企”，对同一企业的多项检查合并开展，全年涉企检查"
        f"{n(100, 400)}户次，较上年减少{n(10, 35)}%，企业对检查工作的满意率达到{n(95, 99)}%。",
        f"强化政务诚信建设，梳理政府合同{n(50, 200)}份，逐份开展合法性审查，对{n(2, 9)}份存在风险的合同"
        f"提出修改意见；清理拖欠企业账款问题{n(3, 15)}项，已全部化解，未发生新的失信事项。",
        f"加强应急管理法治化，修订突发事件应急预案{n(5, 20)}部，开展防汛、安全生产、森林防火等应急演练"
        f"{n(10, 40)}场次，参演人员{n(500, 3000)}人次，依法及时处置各类突发事件{n(3, 15)}起。",
        f"推进政务公开标准化，主动公开政府信息{n(500, 3000)}条，办理依申请公开{n(10, 60)}件，均在法定期限内答复；"
        f"围绕群众关心的教育、医疗、养老等事项开展政策解读{n(20, 80)}篇，组织政府开放日活动{n(2, 8)}次。",
    ]
    out.extend(extra[: max(0, depth)])
    return out


def _leader(unit: Unit, year: int, rng: random.Random) -> list[str]:
    n = rng.randint
    return [
        "二、党政主要负责人履行推进法治建设第一责任人职责情况",
        f"{unit.short}主要负责人认真履行推进法治建设第一责任人职责，坚持重要工作亲自部署、重大问题亲自过问、"
        f"重点环节亲自协调、重要任务亲自督办。全年主持召开会议专题研究法治政府建设{n(3, 7)}次，"
        f"带头开展会前学法{n(8, 14)}次，在年终述法中报告个人履行法治建设职责情况，对下属单位主要负责人"
        f"履行法治建设职责情况开展督促检查{n(2, 5)}次。",
    ]


def _shortcomings(unit: Unit, year: int, rng: random.Random) -> list[str]:
    return [
        "三、存在的不足和原因",
        "一是基层执法力量仍然薄弱，部分执法人员对新修订法律法规掌握不够，原因是编制紧张、培训覆盖不全。"
        "二是行政执法规范化水平有待提高，个别案件存在文书制作不规范、说理不充分的情况，原因是案卷评查结果运用不够。"
        "三是法治宣传的针对性不强，形式较为单一，原因是对群众需求调研不深入。",
        "四是数字化手段运用不充分，执法数据在部门之间共享不够，原因是信息平台建设起步较晚、标准不统一。"
        "五是对行政复议纠错和行政诉讼败诉案件的分析不够深入，源头预防的办法还不多，原因是案件通报和"
        "过错追究制度落实不到位。",
    ]


def _next_year(unit: Unit, year: int, rng: random.Random) -> list[str]:
    return [
        f"四、{year + 1}年推进法治政府建设的主要安排",
        f"{year + 1}年，{unit.short}将继续深入学习贯彻习近平法治思想，重点做好以下工作：一是健全依法决策机制，"
        "严格落实重大行政决策程序；二是深化行政执法规范化建设，加强执法人员培训和案卷评查；"
        "三是推进矛盾纠纷多元化解，提升行政复议和行政应诉工作质量；四是加强法治宣传教育，"
        "推动普法工作与依法治理深度融合；五是推进数字法治建设，打通部门之间的执法数据，"
        "实现执法监督全流程在线运行；六是加强法治队伍建设，分期分批开展执法人员轮训，"
        "年内完成全部执法人员的法律知识更新培训。",
    ]


def report_text(unit: Unit, year: int = 2024, *, omit: tuple[str, ...] = (), depth: int = 8, seed: int = 0) -> str:
    """One invented report. `depth` (0–8) adds work paragraphs; at 8 a report has about 3,000 characters."""
    unknown = set(omit) - set(PARTS)
    if unknown:
        raise ValueError(f"unknown parts: {sorted(unknown)}")
    rng = random.Random(f"{unit.name}/{year}/{seed}")
    lines = [
        f"{unit.name}关于{year}年度法治政府建设情况的报告",
        f"{year}年，{unit.name}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻习近平法治思想，"
        "统筹推进依法行政各项工作，法治政府建设取得新进展。现将有关情况报告如下。",
    ]
    builders = {
        "measures": lambda: _measures(unit, year, rng, depth),
        "leader-duty": lambda: _leader(unit, year, rng),
        "shortcomings": lambda: _shortcomings(unit, year, rng),
        "next-year": lambda: _next_year(unit, year, rng),
    }
    numerals = "一二三四"
    kept = [part for part in PARTS if part not in omit]
    for index, part in enumerate(kept):
        section = builders[part]()
        # Renumber the part headings, so a report with a part left out reads 一、二、三、 in order.
        section[0] = numerals[index] + section[0][1:]
        lines.extend(section)
    return "\n\n".join(lines) + "\n"


# Place names for copies of the example reports: each copy names another (invented) county or town,
# so two uploads never carry the same text and a result given to the wrong upload shows.
_NAMES = "青松白石云溪枫桥柳塘石门兰台鹤鸣桂川竹园梅岭杏坛芦洲荷塘苇湾松涛栗岗榆林柏溪桐川"
PLACES = [_NAMES[i : i + 2] for i in range(0, len(_NAMES), 2)]


def example_variants(count: int) -> list[tuple[str, str]]:
    """`count` (file name, text) pairs: the reports of examples/ (3,700–5,600 characters each) in turn,
    each with its county or town renamed after PLACES."""
    sources = sorted((ROOT / "examples").glob("*.txt"))
    out = []
    for index in range(count):
        source = sources[index % len(sources)]
        place = PLACES[index % len(PLACES)] + ("" if index < len(PLACES) else str(index // len(PLACES)))
        text = source.read_text(encoding="utf-8").replace("清河", place).replace("东湖", place)
        out.append((f"{index:02d}-{place}-{source.name}", text))
    return out
