"""A command group that answers a mistyped command with the closest one: fzcheck chek -> 您是不是要输入 check？"""

from __future__ import annotations

import click

from checker.errors import FzcheckError
from checker.suggest import did_you_mean


class SuggestingGroup(click.Group):
    def resolve_command(self, ctx: click.Context, args: list[str]):
        name = args[0] if args else ""
        # An option (--help) is left to click, which parses it again; only an unknown word is ours.
        if name and not name.startswith("-") and not ctx.resilient_parsing and self.get_command(ctx, name) is None:
            raise FzcheckError(unknown_command_line(name, self.list_commands(ctx), ctx.command_path))
        return super().resolve_command(ctx, args)


def unknown_command_line(name: str, commands: list[str], command_path: str) -> str:
    """未知命令 chek，您是不是要输入 check？ — or the commands there are, when none is close."""
    hint = did_you_mean(name, commands) or f"（可用命令：{'、'.join(commands)}）"
    return f"未知命令 {name}{hint}（用 {command_path} --help 查看用法）"
