"""Errors the user can act on: each carries one Chinese line naming the file."""

from __future__ import annotations

# The command line's exit codes: the gate passed, the gate failed, a usage or input error.
EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2


class FzcheckError(Exception):
    """Base class: `str(err)` is the line shown to the user (exit code 2)."""


class InputError(FzcheckError):
    """A document could not be read."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}：{problem}")
        self.path = path
        self.problem = problem


class PackError(FzcheckError):
    """A rule pack could not be loaded or is invalid."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"规则包 {path}：{problem}")
        self.path = path
        self.problem = problem
