"""Session-wide settings for the tests."""

from __future__ import annotations

import os
import tempfile


def pytest_configure(config) -> None:
    # Packs the tests build would otherwise land in the user's ~/.cache/fzcheck (packcache);
    # subprocesses started by the tests inherit this too.
    if "FZCHECK_CACHE_DIR" not in os.environ:
        os.environ["FZCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="fzcheck-test-cache-")
