"""The TOML and YAML parsers' messages in Chinese, with where they are.

tomllib (tomli before Python 3.11) and PyYAML (libyaml or pure Python: their wordings differ) say
what is wrong in English. Their known problems are matched here, each to one Chinese sentence that
says what to fix; an unknown one is 语法错误 (the line and column still say where).
"""

from __future__ import annotations

import re
from typing import Any

SYNTAX_ERROR = "语法错误"

# tomllib's messages without their "(at line L, column C)" suffix.
TOML_PROBLEMS: tuple[tuple[str, str], ...] = (
    (r"Invalid value", '值无效（文字要用英文双引号括起来，如 fail_on = "warning"；列表写成 ["json", "html"]）'),
    (r"Invalid statement", "无法识别的内容（每行应是 键 = 值，或 [表名]）"),
    (r"Cannot overwrite a value", "同一个键写了两次"),
    (r"Cannot declare (?P<key>.*) twice", "表 [{key}] 写了两次"),
    (r"Cannot mutate immutable namespace (?P<key>.*)", "不能再往已写完的 {key} 中添加键"),
    (r"Cannot redefine namespace (?P<key>.*)", "不能重新定义 {key}"),
    (r"Duplicate inline table key (?P<key>.*)", "花括号中的键 {key} 写了两次"),
    (r"Expected '=' after a key in a key/value pair", "键后面缺少等号“=”"),
    (r"Expected ']' at the end of a table declaration", "表名后面缺少“]”"),
    (r"Expected ']]' at the end of an array declaration", "表名后面缺少“]]”"),
    (r"Expected newline or end of document after a statement", "一行只能写一个 键 = 值（这里多出了内容）"),
    (r"Unterminated string", "字符串缺少结束的引号"),
    (r"Unclosed array", "列表缺少结束的“]”"),
    (r"Unclosed inline table", "花括号中的表缺少结束的“}”"),
    (r"Unescaped '\\' in a string", "双引号中的反斜杠“\\”要写成“\\\\”（Windows 路径也可以改用单引号或 /）"),
    (r"Invalid initial character for a key part", "键名的开头字符无效"),
    (r"Invalid date or datetime", "日期或时间无效"),
    (r"Invalid hex value|Escaped character is not a Unicode scalar value", "转义字符无效"),
    (r"Illegal character '\\[nr]'", "字符串缺少结束的引号（一行写不下时用三个引号）"),
    (r"(Found invalid|Illegal) character (?P<key>.*)", "含有不允许的字符 {key}"),
    (r"Expected (?P<key>.*)", "缺少 {key}"),
)

# PyYAML's and libyaml's problems (MarkedYAMLError.problem).
YAML_PROBLEMS: tuple[tuple[str, str], ...] = (
    (r"mapping values are not allowed.*", "这里不能出现“键: 值”（检查缩进；含“: ”的文字要用引号括起来）"),
    (r"found character .*that cannot start any token",
     "这里的字符不能作为开头（缩进只能用空格；以 @、` 开头的文字要用引号括起来）"),
    (r"found a tab character.*", "缩进中有制表符，只能用空格缩进"),
    (r"found unexpected end of stream", "文件在引号闭合之前就结束了（缺少结束的引号）"),
    (r"did not find expected node content|expected the node content.*", "这里缺少值"),
    (r"did not find expected ',' or '\]'|expected ',' or '\]'.*", "列表缺少“,”或结束的“]”"),
    (r"did not find expected ',' or '\}'|expected ',' or '\}'.*", "花括号中缺少“,”或结束的“}”"),
    (r"did not find expected '-' indicator|did not find expected key|expected <block end>.*",
     "缩进不一致，或这一行多出了内容（同一层的项要对齐）"),
    (r"could not find expected ':'|found unexpected ':'", "缺少“: ”或多了“:”（键后面应是冒号加空格）"),
    (r"block sequence entries are not allowed.*", "这里不能开始列表项“- ”（检查缩进）"),
    (r"found undefined alias.*", "引用了没有定义的锚点（*名称）"),
    (r"found duplicate anchor.*|second occurrence", "锚点（&名称）定义了两次"),
    (r"could not determine a constructor for the tag (?P<key>.*)", "不支持的标签 {key}：规则包只能是普通的 YAML 数据"),
    (r"found unhashable key", "键不能是列表或映射"),
    (r"found unknown escape character.*", "双引号中的反斜杠转义无效（Windows 路径可以改用单引号）"),
    (r"found unknown directive name|found incompatible YAML document", "无法识别以 % 开头的指令"),
    (r"did not find expected <document start>|expected '<document start>'.*", "内容结束后还有多余的字符"),
    (r"(did not find )?expected alphabetic or numeric character.*", "锚点或别名的名称无效"),
    (r"did not find expected comment or line break|expected a comment or a line break.*", "这里应换行（多出了内容）"),
)  # fmt: skip

TOML_WHERE = re.compile(r"\s*\((?:at line (?P<line>\d+), column (?P<column>\d+)|at end of document)\)\Z")


def explained(message: str, problems: tuple[tuple[str, str], ...]) -> str:
    """The first problem whose pattern matches the whole message, in Chinese."""
    for pattern, chinese in problems:
        found = re.fullmatch(pattern, message.strip(), re.DOTALL)
        if found:
            return chinese.replace("{key}", key_text(found.groupdict().get("key") or ""))
    return SYNTAX_ERROR


def key_text(raw: str) -> str:
    """A key as the parser quoted it ("('tool', 'fzcheck')", "'x'") as the file writes it: tool.fzcheck, x."""
    parts = re.findall(r"'([^']*)'|\"([^\"]*)\"", raw)
    key = ".".join(a or b for a, b in parts) if parts else raw
    return key.replace("tag:yaml.org,2002:", "!!")


def toml_problem(exc: Exception, text: str) -> tuple[int, int, str]:
    """Line, column and the Chinese problem of a TOMLDecodeError (tomllib puts the place in its message)."""
    message = getattr(exc, "msg", None) or str(exc)
    where = TOML_WHERE.search(str(exc))
    if where and where["line"]:
        line, column = int(where["line"]), int(where["column"])
    else:  # at the end of the document
        line, column = text.count("\n") + 1, len(text.rsplit("\n", 1)[-1]) + 1
    line, column = getattr(exc, "lineno", None) or line, getattr(exc, "colno", None) or column
    return line, column, explained(TOML_WHERE.sub("", message), TOML_PROBLEMS)


def yaml_problem(exc: Any) -> str:
    """The Chinese problem of a PyYAML error."""
    return explained(str(getattr(exc, "problem", None) or ""), YAML_PROBLEMS)
