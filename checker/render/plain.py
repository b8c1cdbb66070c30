"""Styled text and a console for the text report, with rich imported only where it draws something.

Off a terminal (a file, a pipe) the text report is never colored and never wrapped: rich then
writes each line's characters followed by a newline, expanding tabs. `PlainConsole` writes
those same bytes itself, since importing rich took about a third of a cold check's time. What
it does not draw this way (a table, a string with markup, rich's own objects) goes to a rich
console made exactly as the report's would be, so the output stays rich's.

`Text` holds a line and the styles of its pieces; on a terminal, rich draws it through
`__rich__` as the rich Text it stands for.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import IO, Any

# The characters rich's Text drops (bell, backspace, vertical tab, form feed, carriage return).
_STRIPPED = dict.fromkeys((7, 8, 11, 12, 13))
TAB_SIZE = 8  # rich's default


def _strip(text: str) -> str:
    return text.translate(_STRIPPED)


class Text:
    """The part of rich.text.Text the text report uses: a string with styled pieces."""

    __slots__ = ("_parts", "style")

    def __init__(self, text: str = "", style: str = "") -> None:
        self._parts: list[tuple[str, str]] = [(_strip(text), "")] if text else []
        self.style = style

    @classmethod
    def assemble(cls, *parts: str | tuple[str, str] | Text, style: str = "") -> Text:
        out = cls(style=style)
        for part in parts:
            if isinstance(part, (Text, str)):
                out.append(part)
            else:
                out.append(*part)
        return out

    def append(self, text: str | Text, style: str | None = None) -> Text:
        if isinstance(text, Text):
            # Its whole-text style lies under its pieces' own, as rich stacks them.
            self._parts.extend((piece, " ".join(filter(None, (text.style, own)))) for piece, own in text._parts)
        elif text:
            self._parts.append((_strip(text), style or ""))
        return self

    @property
    def plain(self) -> str:
        return "".join(piece for piece, _ in self._parts)

    def __str__(self) -> str:
        return self.plain

    def __len__(self) -> int:
        return len(self.plain)

    def __rich__(self) -> Any:
        from rich.text import Text as RichText

        out = RichText(style=self.style)
        for piece, style in self._parts:
            out.append(piece, style or None)
        return out


def expand_tabs(line: str) -> str:
    """The line as rich shows it: each tab widened to the next multiple of 8 cells."""
    if "\t" not in line:
        return line
    from rich.text import Text as RichText

    text = RichText(line)
    text.expand_tabs(TAB_SIZE)
    return text.plain


class PlainConsole:
    """What rich's Console writes to a stream that is no terminal, when colors are off and lines are not
    wrapped (soft_wrap): each Text as its characters and a newline. Everything else goes to
    `fallback()`, a rich console set up the same way, imported on first use."""

    def __init__(self, stream: IO[str], fallback: Callable[[], Any]) -> None:
        self.file = stream
        self._make_fallback = fallback
        self._fallback: Any = None

    def print(self, *objects: Any, **options: Any) -> None:
        if not options and len(objects) <= 1 and all(isinstance(o, Text) for o in objects):
            line = objects[0].plain if objects else ""
            self.file.write("\n".join(expand_tabs(part) for part in line.split("\n")) + "\n")
            return
        if self._fallback is None:
            self._fallback = self._make_fallback()
        self._fallback.print(*objects, **options)


def rich_would_color(stream: IO[str], color: str, plain: bool) -> bool:
    """Whether rich would take `stream` for a terminal (and so maybe color it or wrap its lines)."""
    if color == "always" and not plain:
        return True
    if os.environ.get("TTY_COMPATIBLE") == "1" or os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False
