"""Did-you-mean: the closest known name to a mistyped one (a command, a rule id, a format, a config key)."""

from __future__ import annotations

from collections.abc import Iterable

# How alike two names must be to suggest one for the other (difflib's ratio): part.leader-dutty and
# part.leader-duty are 0.97, chek and check 0.89; unrelated ids stay well below.
CUTOFF = 0.6


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The known name most like `word`, or None when none is close enough."""
    import difflib  # only to explain a mistake: not on the path of a run without one

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=CUTOFF)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """ "，您是不是要输入 X？" after a message about `word`, or "" when nothing is close."""
    found = closest(word, choices)
    return f"，您是不是要输入 {found}？" if found else ""
