"""Did-you-mean: the closest known name to a mistyped one (a rule id, a format, a config key, a pack field)."""

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
    """ "，是不是 X？" after a message about `word`, or "" when nothing is close."""
    found = closest(word, choices)
    return suggestion([found] if found else [])


def suggestion(names: Iterable[str]) -> str:
    """ "，是不是 X？" (X、Y for several) after a message about a mistyped name: the one wording of every
    did-you-mean fzcheck gives (config keys, rule ids, formats, pack fields, click's options and commands)."""
    names = list(names)
    return f"，是不是 {'、'.join(names)}？" if names else ""
