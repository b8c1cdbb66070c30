"""Waivers: accepted gaps, each with a reason, optionally limited to some files, approved by someone and
valid until a date.

A waiver covers the gaps (partial or fail) of the rules its `rule` glob names, in the files its
`file` glob names (every file when it has none). Its `expires` is the last day it applies: from the
day after, it is expired and the gaps it covered count again. The workers apply the active waivers
(checker.score); the command line says which are expired and which waived nothing in a batch.
"""

from __future__ import annotations

import datetime
import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from checker.model import NA, PASS, UNMET, WAIVED, Finding


@dataclass(frozen=True)
class Waiver:
    rule: str
    reason: str
    file: str = ""  # a glob matched against the path and the file name; empty: every file
    expires: datetime.date | None = None  # the last day it applies; None: no end
    approved_by: str = ""
    position: int = 0  # its number among the configuration's waivers (1-based), for messages

    def covers(self, rule: str, path: str) -> bool:
        if not fnmatch.fnmatchcase(rule, self.rule):
            return False
        if not self.file:
            return True
        posix = Path(path).as_posix()
        return (
            fnmatch.fnmatch(posix, self.file)
            or fnmatch.fnmatch(Path(path).name, self.file)
            or posix.endswith("/" + self.file.lstrip("./"))
        )

    def expired_on(self, today: datetime.date) -> bool:
        return self.expires is not None and today > self.expires

    def label(self) -> str:
        """How a message names it: waivers 第 2 项（data.review，文件 *.docx，批准人 张三，有效期至 2025-06-30）."""
        return f"waivers 第 {self.position} 项（{self.details()}）"

    def details(self) -> str:
        """Its rule, then its file glob, approver and expiry when it has them."""
        details = [self.rule]
        if self.file:
            details.append(f"文件 {self.file}")
        if self.approved_by:
            details.append(f"批准人 {self.approved_by}")
        if self.expires:
            details.append(f"有效期至 {self.expires.isoformat()}")
        return "，".join(details)


def waiver_for(finding: Finding, path: str, waivers: Iterable[Waiver]) -> Waiver | None:
    """The waiver that waives a finding: the first covering it, for a gap only (a pass needs none, and an
    n/a item had nothing to check)."""
    if finding.status in (PASS, NA):
        return None
    return next((w for w in waivers if w.covers(finding.rule, path)), None)


def apply_waivers(findings: list[Finding], path: str, waivers: tuple[Waiver, ...]) -> list[Finding]:
    """Gaps covered by a waiver become `waived`, keeping the reason (never dropped)."""
    out = []
    for finding in findings:
        waiver = waiver_for(finding, path, waivers)
        if waiver is None:
            out.append(finding)
        else:
            out.append(replace(finding, status=WAIVED, waiver=waiver.reason, waived_status=finding.status))
    return out


def split_expired(waivers: Iterable[Waiver], today: datetime.date) -> tuple[tuple[Waiver, ...], tuple[Waiver, ...]]:
    """(the waivers that apply today, the expired ones)."""
    waivers = tuple(waivers)
    return (
        tuple(w for w in waivers if not w.expired_on(today)),
        tuple(w for w in waivers if w.expired_on(today)),
    )


def gaps_no_longer_waived(waiver: Waiver, results: list) -> int:
    """How many gaps of the checked reports an expired waiver would have covered (they count again)."""
    return sum(
        finding.status in UNMET and waiver.covers(finding.rule, result.document.path)
        for result in results
        for finding in result.findings
    )


def unused_waivers(waivers: tuple[Waiver, ...], results: list) -> list[Waiver]:
    """The waivers that waived nothing although the batch had findings they cover: the rule passed or had
    nothing to check in every file they name, or an earlier waiver took the gap.

    A waiver whose rule did not run on any file it names (another file set, another year, a pack not in
    use) is not reported: a batch that is a few changed files (a pre-commit hook) says nothing about it.
    """
    relevant: set[Waiver] = set()
    used: set[Waiver] = set()
    for result in results:
        path = result.document.path
        for finding in result.findings:
            covering = [w for w in waivers if w.covers(finding.rule, path)]
            relevant.update(covering)
            if finding.status == WAIVED and covering:
                used.add(covering[0])  # the one apply_waivers chose: the first covering a gap
    return [w for w in waivers if w in relevant and w not in used]


def waiver_notices(
    config_path: str, active: tuple[Waiver, ...], expired: tuple[Waiver, ...], results: list
) -> list[str]:
    """One Chinese line per expired waiver and per waiver that waived nothing in this batch."""
    lines = []
    for waiver in expired:
        again = gaps_no_longer_waived(waiver, results)
        counted = f"，{again} 项重新计为未达标" if again else ""
        lines.append(f"配置文件 {config_path}：{waiver.label()}已过期，不再生效{counted}")
    for waiver in unused_waivers(active, results):
        lines.append(
            f"配置文件 {config_path}：{waiver.label()}没有豁免任何项目（所涉报告中该项已符合或不适用），可以删除"
        )
    return lines
