"""Small reports written for the web tests (invented bodies and figures)."""

from __future__ import annotations

from pathlib import Path

HEAD = "{issuer}{year}年度法治政府建设情况报告"
OPENING = (
    "{year}年，{issuer}在县委、县政府领导下，全面贯彻习近平法治思想，依法履行农业农村管理职责。"
    "现将{year}年度法治政府建设情况报告如下。"
)
MEASURES = """一、{year}年推进法治政府建设的主要举措和成效
（一）严格规范执法。全面落实行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，全年办理农资、动物防疫等行政处罚案件38件，重大执法决定法制审核率100%。
（二）依法化解争议。全年本局作为被申请人的行政复议案件收到3件、受理3件、审结3件，被直接纠错0件，直接纠错率0%；行政诉讼案件一审2件，败诉0件，败诉率0%，主要负责人出庭应诉2次，负责人出庭应诉率100%。"""
LEADER = """二、党政主要负责人履行推进法治建设第一责任人职责情况
局主要负责人认真履行推进法治建设第一责任人职责，主持召开党组会议专题研究法治建设3次，带头开展述法，会前学法4次。"""
SHORTCOMINGS = """三、存在的不足和原因
一是执法人员法律素养有待提高，原因是培训形式单一；二是农村普法覆盖面不够，原因是基层宣传力量不足。"""
PLAN = """四、{next_year}年推进法治政府建设的主要安排
{next_year}年，我局将加强执法队伍培训，完善农业综合行政执法规范，扩大农村普法覆盖面。"""
SIGNATURE = "{issuer}\n{sign_year}年2月20日"


def report_text(year: int = 2024, leader: bool = True, issuer: str = "松溪县农业农村局") -> str:
    """A report of `year` by `issuer` (a 局: a department); without `leader`, the 第一责任人 part is left out."""
    parts = [HEAD, OPENING, MEASURES, *([LEADER] if leader else []), SHORTCOMINGS, PLAN, SIGNATURE]
    text = "\n".join(parts).format(year=year, next_year=year + 1, sign_year=year + 1, issuer=issuer)
    return text + "\n"


def write_docx(path: Path, text: str) -> Path:
    """The text as a .docx, one paragraph per line."""
    from docx import Document

    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path
