"""The throwaway script fzcheck is measured against: seven checklist items, each scored as the best
`rapidfuzz.fuzz.partial_ratio` of its keywords over the whole text, for every .txt file of a folder.

Usage:  python benchmarks/naive.py FOLDER   (prints one line per file: name and the seven scores)

It reads UTF-8 only, knows nothing of headings, parts, evidence, years or figures, and is kept as
small as such a script is, so the comparison is with what people write in an afternoon.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rapidfuzz import fuzz

ITEMS = {
    "举措成效": ["主要举措", "工作成效", "主要做法和成效"],
    "不足原因": ["存在的不足", "问题和不足", "原因"],
    "第一责任人": ["第一责任人", "主要负责人履行"],
    "下年安排": ["下一年度", "工作安排", "下一步工作"],
    "三项制度": ["三项制度", "行政执法公示", "法制审核"],
    "复议应诉": ["行政复议", "行政应诉"],
    "出庭应诉": ["出庭应诉率", "负责人出庭"],
}


def scores(text: str) -> list[float]:
    return [max(fuzz.partial_ratio(word, text) for word in words) for words in ITEMS.values()]


def main(folder: str) -> int:
    out = []
    for path in sorted(Path(folder).glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        out.append(path.name + "\t" + "\t".join(f"{s:.0f}" for s in scores(text)))
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
