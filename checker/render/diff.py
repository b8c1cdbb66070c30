"""`fzcheck diff` output: a year-over-year Comparison (checker.diff) as text or JSON."""

from __future__ import annotations

from checker.diff import Comparison, Sentence
from checker.model import Document
from checker.render.json import dumps


def _year(doc: Document) -> str:
    return f"{doc.report_year} 年度" if doc.report_year else "年度未知"


def render_text(comparison: Comparison) -> str:
    previous, current = comparison.previous, comparison.current
    out = [
        "法治政府建设年度报告逐年对比（fzcheck diff）",
        f"上一年度报告：{previous.path}（{_year(previous)}）",
        f"本年度报告：{current.path}（{_year(current)}）",
        f"相似度 ≥ {comparison.similarity:g} 的句子视为重复（比较时忽略年份、数字和标点）",
    ]
    if previous.report_year and current.report_year and previous.report_year >= current.report_year:
        out.append("注意：上一年度报告的年度不早于本年度报告，两个文件的顺序是否颠倒？")
    for part in comparison.parts:
        out += ["", f"━━ {part.title} ━━"]
        if not part.found:
            out.append("本年度报告中没有这一部分，无法比较。")
            continue
        if not part.found_previous:
            out.append("上一年度报告中没有这一部分，无法比较。")
            continue
        out.append(
            f"重复句子：{len(part.repeats)} / {len(part.sentences)} 句；"
            f"重复文字占本部分 {part.share:g}%（{part.repeated_chars} / {part.chars} 字）"
        )
        for repeat in part.repeats:
            out.append(
                f"  相似度 {repeat.similarity:g}：本年度{repeat.sentence.location}，上一年度{repeat.previous.location}"
            )
            out.append(f"    本年度：{repeat.sentence.text}")
            out.append(f"    上一年度：{repeat.previous.text}")
    out += ["", "━━ 未变化的数字（主要举措和成效） ━━"]
    if not comparison.figures:
        out.append("没有前后两年完全相同的数字。")
    for figure in comparison.figures:
        out.append(f"  {figure.words}{figure.value}：本年度{figure.location}，上一年度{figure.previous_location}")
    return "\n".join(out) + "\n"


def _sentence_json(sentence: Sentence) -> dict:
    return {"line": sentence.line, "location": sentence.location, "text": sentence.text}


def render_json(comparison: Comparison) -> str:
    data = {
        "previous": {"path": comparison.previous.path, "report_year": comparison.previous.report_year},
        "current": {"path": comparison.current.path, "report_year": comparison.current.report_year},
        "similarity_threshold": comparison.similarity,
        "parts": [
            {
                "id": part.part,
                "title": part.title,
                "found": part.found,
                "found_previous": part.found_previous,
                "compared": part.compared,
                "sentences": len(part.sentences),
                "chars": part.chars,
                "repeated_chars": part.repeated_chars,
                "repeated_share": part.share,
                "repeated": [
                    {
                        "similarity": r.similarity,
                        "current": _sentence_json(r.sentence),
                        "previous": _sentence_json(r.previous),
                    }
                    for r in part.repeats
                ],
            }
            for part in comparison.parts
        ],
        "unchanged_figures": [
            {
                "words": f.words,
                "value": f.value,
                "line": f.line,
                "location": f.location,
                "previous_line": f.previous_line,
                "previous_location": f.previous_location,
            }
            for f in comparison.figures
        ],
    }
    return dumps(data)
