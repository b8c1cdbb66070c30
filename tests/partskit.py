"""An invented report of 白水县 on 2022, in pieces, and `checked`: a check whose verdicts must be right for
the right reason (tests/rightreason.py).

Every report built from these is invented for the tests (places such as 白水县, 石门镇 are made up), in
wordings chosen to differ from the ones the built-in packs were written against.
"""

from __future__ import annotations

from pathlib import Path

from tests.reportkit import check_text
from tests.rightreason import right_reason_problems

TITLE = "白水县人民政府关于2022年度法治政府建设情况的报告"
INTRO = "2022年，白水县在市委、市政府的坚强领导下，扎实推进法治政府建设。现将有关情况报告如下："
WORK = [
    "（一）优化政务服务",
    "县政务服务中心新设“一窗通办”窗口18个，全年办件量4.6万件，群众满意率保持在99%以上。",
    "（二）规范执法行为",
    "全县执法单位全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，审核重大执法决定41件。",
    "（三）化解行政争议",
    "县政府全年收到行政复议申请35件，审结33件；县政府作为被告的行政诉讼案件19件，败诉1件。",
]
LEADER_BODY = ["县长6次主持召开县政府常务会议研究依法行政工作，带头开展年终述法。"]
SHORT_BODY = ["乡镇执法力量仍然偏弱，个别部门规范性文件备案不及时。究其原因，是基层编制保障和业务培训不足。"]
PLAN_BODY = ["2023年，我县将重点推进行政执法协调监督体系建设，提升行政复议办案质量。"]


def assemble(*blocks: list[str] | str) -> str:
    lines: list[str] = []
    for block in blocks:
        lines.extend([block] if isinstance(block, str) else block)
    return "\n".join(lines) + "\n"


def checked(tmp_path: Path, text: str):
    result = check_text(tmp_path, text, year=2022)
    assert right_reason_problems(result) == []
    return result
