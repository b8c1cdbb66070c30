"""click's own texts in Chinese: help layout, headings, metavars, defaults, ranges and usage errors.

click words its texts through the standard library's gettext in the process-wide domain, whose
language comes from LANGUAGE/LC_ALL/LANG (unset on Windows), and some of its text (type names such as
INTEGER RANGE, ranges such as 1<=x<=100) never passes through gettext. So this module uses click's
hooks instead of a catalog: a HelpFormatter (usage prefix, headings, columns and wrapping measured in
terminal cells), a Context that uses it, and a Command/Group pair (usage line, each option's row
worded from its type, the help option's text) that every fzcheck command is made with;
`usage_error_lines` says a UsageError in Chinese from its class, parameter and type, quoting the value
refused, and matches click's other messages against CLICK_MESSAGES. A new option or command needs
nothing here: its placeholder, default, range and errors come from its type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import click
from click.formatting import join_options

HELP_TEXT = "显示此帮助并退出。"
VERSION_HELP = "显示版本号并退出。"
OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."
# The section headings click writes (its gettext msgids), in Chinese.
HEADINGS = {"Options": "选项", "Commands": "命令", "Positional arguments": "参数"}
CJK = re.compile(r"[\u3400-\u9fff]")
RANGES = (click.IntRange, click.FloatRange)


class ChineseHelpFormatter(click.HelpFormatter):
    """click's help layout with Chinese headings and usage prefix, measured in terminal cells.

    click measures and wraps text by characters and breaks lines only at spaces: a Chinese character
    takes two cells and Chinese text has no spaces, so its columns would not line up and its lines
    would run past the terminal's edge.
    """

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        start = f"{' ' * self.current_indent}{'用法：' if prefix is None else prefix}{prog} "
        indent = " " * cell_width(start)
        lines = wrapped(args, self.width, start, indent) if args else [start.rstrip()]
        self.write("\n".join(lines) + "\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{HEADINGS.get(heading, heading)}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        blocks = [verbatim(p, indent) if p.lstrip().startswith("\b") else wrapped(p, self.width, indent, indent)
                  for p in paragraphs]  # fmt: skip
        self.write("\n\n".join("\n".join(block) for block in blocks) + "\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((cell_width(first) for first, _ in rows), default=0), col_max) + col_spacing
        margin = " " * (first_col + self.current_indent)
        for first, second in rows:
            head = f"{' ' * self.current_indent}{first}"
            if not second:
                self.write(head + "\n")
                continue
            if cell_width(first) > first_col - col_spacing:  # a long term: its text starts on the next line
                self.write(head + "\n")
                head = margin
            else:
                head += " " * (first_col - cell_width(first))
            lines = wrapped(second, self.width, head, margin)
            self.write("\n".join(lines) + "\n")


def verbatim(paragraph: str, indent: str) -> list[str]:
    """A paragraph marked with \\b (click's "do not rewrap"), line by line as written."""
    return [indent + line.rstrip() for line in paragraph.splitlines()[1:]]


def cell_width(text: str) -> int:
    """Terminal cells a text takes (a Chinese character two)."""
    from rich.cells import cell_len  # imported for --help only

    return cell_len(text)


# Chinese punctuation that may not begin a line, and that may not end one.
NO_LINE_START = frozenset("，。、；：？！）」』》”’…")
NO_LINE_END = frozenset("（「『《“‘")
# A bracketed note ([默认：80；范围：1–100]), an ASCII word, a run of spaces, or one other character.
TOKEN = re.compile(r"\[[^\]\s]*\]|[!-~]+|\s+|.", re.DOTALL)


def line_pieces(text: str) -> list[str]:
    """The text in pieces a line may break between: ASCII words, spaces and single Chinese characters,
    with punctuation kept on the side it belongs to."""
    pieces: list[str] = []
    glue_next = False
    for piece in TOKEN.findall(" ".join(text.split())):
        if pieces and not piece.isspace() and (glue_next or piece[0] in NO_LINE_START):
            pieces[-1] += piece
        else:
            pieces.append(piece)
        glue_next = not piece.isspace() and piece[-1] in NO_LINE_END
    return pieces


def wrapped(text: str, width: int, first_indent: str, indent: str) -> list[str]:
    """The text filled into lines of at most `width` cells (a piece wider than a line gets a line of its own)."""
    lines: list[str] = []
    line = first_indent
    for piece in line_pieces(text):
        if piece.isspace():
            line += " " if line.strip() else ""
            continue
        if line.strip() and cell_width(line + piece) > width:
            lines.append(line.rstrip())
            line = indent
        line += piece
    lines.append(line.rstrip())
    return lines


class ChineseContext(click.Context):
    formatter_class = ChineseHelpFormatter
    given: tuple[str, ...] = ()  # the command's own arguments as typed: an error quotes the value it refused


class ChineseCommand(click.Command):
    """A command whose help and usage are in Chinese (the class of every fzcheck command)."""

    context_class = ChineseContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if isinstance(ctx, ChineseContext):
            ctx.given = tuple(args)
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            if exc.ctx is None:  # click's parser raises some without one: the hint must name this command
                exc.ctx, exc.cmd = ctx, self
            raise

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        pieces += [argument_usage(p) for p in self.get_params(ctx) if isinstance(p, click.Argument)]
        return pieces

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        arguments = [p for p in self.get_params(ctx) if isinstance(p, click.Argument)]
        if any(getattr(a, "help", None) for a in arguments):  # arguments have help from click 8.5 on
            with formatter.section("参数"):
                formatter.write_dl([(argument_usage(a), getattr(a, "help", None) or "") for a in arguments])

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [option_record(p, ctx) for p in self.get_params(ctx) if isinstance(p, click.Option) and not p.hidden]
        if rows:
            with formatter.section("选项"):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)


class ChineseGroup(ChineseCommand, click.Group):
    """A command group in Chinese; the commands and groups made with it are too."""

    command_class = ChineseCommand
    group_class = type  # a subgroup is of this class as well

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", SUBCOMMAND_METAVAR)
        super().__init__(*args, **kwargs)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [*super().collect_usage_pieces(ctx), self.subcommand_metavar]


def type_name(kind: click.ParamType) -> str:
    """What a value of this type is, as a metavar: 整数, 文件…"""
    if isinstance(kind, click.Path):
        if kind.file_okay and not kind.dir_okay:
            return "文件"
        return "文件夹" if kind.dir_okay and not kind.file_okay else "路径"
    for cls, name in TYPE_NAMES:
        if isinstance(kind, cls):
            return name
    return "值"


# Checked in order: a range is a subclass of its number type.
TYPE_NAMES: tuple[tuple[type, str], ...] = (
    (click.File, "文件"),
    (click.types.IntParamType, "整数"),
    (click.types.FloatParamType, "数字"),
    (click.types.BoolParamType, "是或否"),
    (click.types.StringParamType, "文本"),
)


def metavar(param: click.Parameter, ctx: click.Context) -> str:
    """The placeholder after an option or for an argument: its own metavar, a choice's values, or its type's name."""
    if param.metavar is not None:
        return param.metavar
    shown = param.type.get_metavar(param=param, ctx=ctx) or type_name(param.type)
    return shown + ("..." if param.nargs != 1 else "")


def argument_usage(argument: click.Argument) -> str:
    name = argument.metavar or type_name(argument.type)
    if argument.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name if argument.required else f"[{name}]"


def range_text(kind: click.IntRange | click.FloatRange) -> str:
    """A number range in words: 1–100, 大于 0, 不超过 100…"""
    if kind.min is not None and kind.max is not None and not kind.min_open and not kind.max_open:
        return f"{kind.min:g}–{kind.max:g}"
    low = None if kind.min is None else f"{'大于' if kind.min_open else '不小于'} {kind.min:g}"
    high = None if kind.max is None else f"{'小于' if kind.max_open else '不超过'} {kind.max:g}"
    return "、".join(part for part in (low, high) if part)


def option_record(option: click.Option, ctx: click.Context) -> tuple[str, str]:
    """An option's row in --help: its names and placeholder, its help and, in brackets, default, range, required."""
    names = join_options(option.opts)[0]
    if option.secondary_opts:
        names += " / " + join_options(option.secondary_opts)[0]
    if not option.is_flag and not option.count:
        names += " " + metavar(option, ctx)
    extra = option.get_help_extra(ctx)
    items = []
    if "envvars" in extra:
        items.append("环境变量：" + "、".join(extra["envvars"]))
    if "default" in extra:
        default = extra["default"]
        items.append("默认：" + ("（动态）" if default == "(dynamic)" else default))
    if isinstance(option.type, RANGES) and "range" in extra:
        items.append("范围：" + range_text(option.type))
    if "required" in extra:
        items.append("必填")
    shown = option.help or ""
    if items:
        shown = f"{shown}  [{'；'.join(items)}]" if shown else f"[{'；'.join(items)}]"
    return names, shown


def param_name(param: click.Parameter | None) -> str:
    """How an error names a parameter: an option by its long name, an argument by its placeholder."""
    if param is None:
        return "参数"
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    return (param.metavar or type_name(param.type)).removesuffix("...")


def expected_value(kind: click.ParamType) -> str:
    """What a parameter of this type accepts, in words: 应是 a、b 之一, 应是 1 到 100 之间的整数… ("" when unknown)."""
    if isinstance(kind, click.Choice):
        return f"应是 {'、'.join(str(c) for c in kind.choices)} 之一"
    number = "整数" if isinstance(kind, click.types.IntParamType) else "数"
    if isinstance(kind, RANGES):
        if kind.min is not None and kind.max is not None and not kind.min_open and not kind.max_open:
            return f"应是 {kind.min:g} 到 {kind.max:g} 之间的{number}"
        return f"应是{range_text(kind)} 的{number}"
    if isinstance(kind, (click.types.IntParamType, click.types.FloatParamType)):
        return f"应是{number}"
    if isinstance(kind, click.Path):
        return f"应是{'已存在的' if kind.exists else ''}{type_name(kind)}"
    return ""


def refused_value(option: click.Option, ctx: click.Context | None) -> str:
    """The value given to an option that its type refuses, found in what was typed ("" when not found)."""
    given = getattr(ctx, "given", ())
    values = []
    for index, token in enumerate(given):
        for name in option.opts:
            if token == name and index + 1 < len(given):
                values.append(given[index + 1])
            elif token.startswith(f"{name}=") or (
                not name.startswith("--") and token.startswith(name) and token != name
            ):
                values.append(token[len(name) :].removeprefix("="))
    for value in values:
        try:
            option.type.convert(value, option, ctx)
        except (click.BadParameter, ValueError, TypeError):
            return value
    return ""


# click's usage errors that carry no parameter, as click 8.2–8.5 word them (their gettext msgids), in Chinese.
CLICK_MESSAGES: tuple[tuple[str, str], ...] = (
    ("Got unexpected extra argument ({args})", "多余的参数：{args}"),
    ("Got unexpected extra arguments ({args})", "多余的参数：{args}"),
    ("Option {name!r} requires an argument.", "选项 {name} 后面缺少值"),
    ("Option {name!r} requires {nargs} arguments.", "选项 {name} 后面应有 {nargs} 个值"),
    ("Option {name!r} does not take a value.", "选项 {name} 后面不能跟值"),
    ("Argument {name!r} takes {nargs} values.", "参数 {name} 应有 {nargs} 个值"),
    ("Missing command.", "缺少命令"),
    ("No such command {name!r}.", "没有命令 {name}"),
    ("Value must be an iterable.", "值应是一组值"),
)


def template_pattern(msgid: str) -> re.Pattern[str]:
    """A click message template as a regular expression: each {field} or {field!r} a named group."""
    parts = re.split(r"\{(\w+)(!r)?\}", msgid)
    pattern = ""
    for index in range(0, len(parts), 3):
        pattern += re.escape(parts[index])
        if index + 1 < len(parts):
            name, quoted = parts[index + 1], parts[index + 2]
            pattern += f"'(?P<{name}>.*?)'" if quoted else f"(?P<{name}>.*?)"
    return re.compile(pattern + r"\Z", re.DOTALL)


CLICK_PATTERNS = tuple((template_pattern(msgid), chinese) for msgid, chinese in CLICK_MESSAGES)


def click_message(message: str) -> str:
    """One of click's messages in Chinese; a message already in Chinese (fzcheck's own) as it is."""
    if CJK.search(message):
        return message
    for pattern, chinese in CLICK_PATTERNS:
        found = pattern.match(message)
        if found:
            return chinese.format(**found.groupdict())
    return f"命令用法有误（{message}）"  # a wording this module does not know: shown rather than lost


def did_you_mean(possibilities: list[str] | None) -> str:
    from checker.suggest import suggestion

    return suggestion(possibilities or [])


def usage_problem(exc: click.UsageError) -> str:
    """The problem of a usage error in one Chinese sentence."""
    if isinstance(exc, click.NoSuchOption):
        return f"未知选项 {exc.option_name}{did_you_mean(exc.possibilities)}"
    if isinstance(exc, click.MissingParameter):
        what = "选项" if isinstance(exc.param, click.Option) else "参数"
        return f"缺少{what} {param_name(exc.param)}"
    if isinstance(exc, click.BadParameter):
        reason = exc.message if CJK.search(exc.message) else ""  # fzcheck's own message, else one from the type
        if exc.param is None:
            return reason or "参数的值无效"
        reason = reason or expected_value(exc.param.type)
        value = refused_value(exc.param, exc.ctx) if isinstance(exc.param, click.Option) else ""
        return f"{param_name(exc.param)} 的值{f' {value} ' if value else ''}无效" + (f"：{reason}" if reason else "")
    possibilities = getattr(exc, "possibilities", None)  # click.NoSuchCommand (8.4+)
    return click_message(exc.message) + did_you_mean(possibilities)


def usage_error_lines(exc: click.UsageError) -> Iterator[str]:
    """What fzcheck says on a usage error: the problem, then which --help to read."""
    yield f"fzcheck：{usage_problem(exc)}"
    command = exc.ctx.command_path if exc.ctx is not None else "fzcheck"
    yield f"用 {command} --help 查看用法"
