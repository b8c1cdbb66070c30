""".doc / .wps / .rtf: converted to .docx by LibreOffice when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from checker.errors import InputError
from checker.model import RawDocument

CONVERT_TIMEOUT = 120  # seconds; a conversion that takes longer is given up


def office_command() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def load_legacy(path: str, data: bytes, load: Callable[..., RawDocument], *, max_bytes: int) -> RawDocument:
    """Convert in a temporary folder (the input is only read), then load the .docx within `max_bytes`."""
    office = office_command()
    suffix = Path(path).suffix.lower() or ".doc"
    if office is None:
        raise InputError(
            path,
            f"是旧版 Word/WPS/RTF 文件（{suffix}），需要 LibreOffice（soffice）才能读取；"
            "请安装 LibreOffice，或在 Word/WPS 中“另存为” .docx 后再检查",
        )
    with tempfile.TemporaryDirectory(prefix="fzcheck-") as tmp:
        source = Path(tmp) / f"input{suffix if suffix in ('.doc', '.wps', '.rtf') else '.doc'}"
        source.write_bytes(data)
        try:
            subprocess.run(
                [
                    office,
                    "--headless",
                    "--norestore",
                    f"-env:UserInstallation=file://{tmp}/profile",
                    "--convert-to",
                    "docx",
                    "--outdir",
                    tmp,
                    str(source),
                ],
                capture_output=True,
                timeout=CONVERT_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise InputError(path, f"LibreOffice 转换超时（{CONVERT_TIMEOUT} 秒），请另存为 .docx 后再检查") from exc
        converted = source.with_suffix(".docx")
        if not converted.is_file():
            raise InputError(path, "LibreOffice 无法转换此文件，文件可能已损坏或加密；请另存为 .docx 后再检查")
        raw = load(str(converted), max_bytes=max_bytes)
    return replace(raw, path=path, meta={**raw.meta, "converted_from": suffix.lstrip(".")})
