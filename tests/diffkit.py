"""Two years of one body's report, for the year-over-year comparison (`fzcheck diff`, `check --previous`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPORT_2023 = """\
青石县人民政府关于2023年度法治政府建设情况的报告

一、2023年度推进法治政府建设的主要举措和成效
全年收到行政复议申请64件，受理58件，审结51件，直接纠错6件，直接纠错率11.8%。
全县行政诉讼一审案件41件，败诉3件，行政机关负责人出庭应诉率100%。
组织执法人员培训12次，培训执法人员430人。
二、党政主要负责人履行推进法治建设第一责任人职责情况
县长主持召开县政府常务会议专题研究法治政府建设3次，年终述法。
三、存在的不足和原因
一是基层行政执法力量相对薄弱，乡镇综合执法队伍专业化水平不高，原因是编制和经费保障不足。二是部分单位领导干部运用法治思维和法治方式解决问题的能力有待提升，学法用法的主动性不强。三是规范性文件合法性审核的质量还需提高，个别部门报送审核不及时。
四、2024年推进法治政府建设的主要安排
一是深入学习贯彻习近平法治思想，落实领导干部集体学法制度。二是加强乡镇综合执法队伍建设，开展执法人员轮训。三是严格规范性文件合法性审核，推行审核意见书制度。
"""

# Shortcomings copied from 2023 with tiny changes (还/不够) plus one new sentence; a new plan.
REPORT_2024 = """\
青石县人民政府关于2024年度法治政府建设情况的报告

一、2024年度推进法治政府建设的主要举措和成效
全年收到行政复议申请86件，受理79件，审结72件，直接纠错6件，直接纠错率8.3%。
全县行政诉讼一审案件41件，败诉2件，行政机关负责人出庭应诉率100%。
组织执法人员培训15次，培训执法人员430人。
新建村（社区）法律顾问微信群126个。
二、党政主要负责人履行推进法治建设第一责任人职责情况
县长主持召开县政府常务会议专题研究法治政府建设4次，年终述法。
三、存在的不足和原因
一是基层行政执法力量相对薄弱，乡镇综合执法队伍专业化水平不高，原因是编制和经费保障不足。
二是部分单位领导干部运用法治思维和法治方式解决问题的能力还有待提升，学法用法的主动性不强。
三是规范性文件合法性审核的质量还需提高，个别部门报送审核不够及时。四是行政复议决定书的说理还不够充分。
四、2025年推进法治政府建设的主要安排
一是推进行政复议案件繁简分流，年内建成网上复议平台。二是制定乡镇赋权事项清单动态调整办法。三是开展涉企行政检查专项整治，压减重复检查。
"""

# The same body's 2024 report with both parts rewritten.
REPORT_2024_NEW = REPORT_2024.replace(
    REPORT_2024[REPORT_2024.index("一是基层") : REPORT_2024.index("四、2025年")],
    "一是行政复议决定书的说理还不够充分，原因是办案人员少、案件多。\n"
    "二是涉企行政检查仍有重复检查现象，部门之间检查计划统筹不够。\n",
)


def write_reports(folder: Path) -> tuple[Path, Path, Path]:
    """Last year's report, this year's that repeats it, and this year's rewritten, written to the folder."""
    paths = folder / "2023.txt", folder / "2024.txt", folder / "2024-new.txt"
    for path, text in zip(paths, (REPORT_2023, REPORT_2024, REPORT_2024_NEW), strict=True):
        path.write_text(text, encoding="utf-8")
    return paths


def fzcheck(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "checker", *args], capture_output=True, text=True, timeout=120, cwd=cwd
    )
