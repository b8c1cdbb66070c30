"""docs/rules.md read as a browser on GitHub or GitLab reads it: each `## <rule id>` section by its anchor."""

from __future__ import annotations

import re

from tests.paths import ROOT

_PACK_HEADING = re.compile(r"^# .*（规则包 `([^`]+)`）$")


def reference_anchors() -> dict[str, tuple[str, str]]:
    """anchor -> (the pack whose part of the page holds the section, rule id), numbering a repeated heading
    as GitHub and GitLab do: datareview, datareview-1, datareview-2 in page order."""
    anchors: dict[str, tuple[str, str]] = {}
    pack = ""
    for line in (ROOT / "docs" / "rules.md").read_text(encoding="utf-8").splitlines():
        if found := _PACK_HEADING.match(line):
            pack = found.group(1)
        elif line.startswith("## "):
            rule = line[3:].strip()
            slug = re.sub(r"[^\w\- ]", "", rule.lower()).replace(" ", "-")
            anchor, repeat = slug, 0
            while anchor in anchors:
                repeat += 1
                anchor = f"{slug}-{repeat}"
            anchors[anchor] = (pack, rule)
    return anchors
