"""Links from a finding to its rule's section of docs/rules.md (Finding.doc), shared by SARIF, HTML and Markdown.

Finding.doc is relative to the project ("docs/rules.md#partleader-duty"). When FZCHECK_DOCS_URL names where
the project's files are published (e.g. https://github.com/<owner>/fzcheck/blob/main/), links are absolute.
"""

from __future__ import annotations

import os
from urllib.parse import quote, urljoin, urlsplit

from checker.model import Finding

DOCS_URL_ENV = "FZCHECK_DOCS_URL"


def docs_base_url() -> str:
    """The configured base URL (http or https, ending in /), or "" when none is set."""
    base = os.environ.get(DOCS_URL_ENV, "").strip()
    if urlsplit(base).scheme not in ("http", "https") or not urlsplit(base).netloc:
        return ""
    return base if base.endswith("/") else base + "/"


def absolute_doc_url(finding: Finding, base: str) -> str:
    """The rule's section as an absolute URI, or "" (no base URL, or a rule that only a user's pack defines)."""
    return absolute_url(finding.doc, base)


def doc_link(finding: Finding, base: str) -> str:
    """Where a report links for the rule: absolute under a base URL, else the project-relative path; "" for none."""
    return link_of(finding.doc, base)


def absolute_url(doc: str, base: str) -> str:
    """A project-relative reference ("docs/rules.md#datareview") as an absolute URI under `base`, or ""."""
    if not base or not doc:
        return ""
    return urljoin(base, quote(doc, safe="/#"))


def link_of(doc: str, base: str) -> str:
    """A project-relative reference as a link: absolute under a base URL, else the relative path; "" for none."""
    if not doc:
        return ""
    return absolute_url(doc, base) or quote(doc, safe="/#")
