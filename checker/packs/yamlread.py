"""Reading a pack's YAML: the data with the file:line:column of every node (Marks), safely and within limits.

Only PyYAML's safe loader is used (tags such as !!python/object are refused); a pack over
_MAX_PACK_BYTES, with more than _MAX_NODES nodes once aliases are expanded (an alias bomb), or with
a control character in its text is refused, each problem with where it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.errors import PackError
from checker.suggest import did_you_mean

if TYPE_CHECKING:
    import yaml

_MAX_PACK_BYTES = 2 * 1024 * 1024
_MAX_NODES = 200_000


@dataclass
class Marks:
    """file:line:column of the nodes of a pack, by path of keys/indexes."""

    path: str
    at: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    def where(self, *keys: object) -> str:
        """The deepest known position for a key path: "pack.yaml:12:5"."""
        while keys and keys not in self.at:
            keys = keys[:-1]
        line, column = self.at.get(keys, (1, 1))
        return f"{self.path}:{line}:{column}"


def yaml_module() -> Any:
    """PyYAML, imported when a pack is read from YAML (a cached pack needs none)."""
    import yaml

    return yaml


def yaml_loader() -> Any:
    """libyaml's safe loader when PyYAML was built with it (several times faster), else the pure-Python one."""
    yaml = yaml_module()
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def record_marks(node: yaml.Node, marks: Marks, path: tuple = ()) -> None:
    # Node kinds by their `id` ("scalar", "sequence", "mapping"): no PyYAML lookup per node.
    marks.at[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if node.id == "mapping":
        for key, value in node.value:
            if key.id == "scalar":
                marks.at[(*path, key.value)] = (key.start_mark.line + 1, key.start_mark.column + 1)
                record_marks(value, marks, (*path, key.value))
    elif node.id == "sequence":
        for index, item in enumerate(node.value):
            record_marks(item, marks, (*path, index))


def read_yaml(path: Path) -> tuple[Any, Marks]:
    try:
        if path.stat().st_size > _MAX_PACK_BYTES:
            raise PackError(str(path), f"文件过大（上限 {_MAX_PACK_BYTES // (1024 * 1024)} MB）")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise PackError(str(path), "不是 UTF-8 编码的 YAML 文件") from exc
    except OSError as exc:
        raise PackError(str(path), f"无法读取（{exc.strerror}）") from exc
    marks = Marks(str(path))
    yaml, loader = yaml_module(), yaml_loader()
    try:
        # safe_load only: tags such as !!python/object are refused, never constructed.
        node = yaml.compose(text, Loader=loader)
        if node is not None and count_nodes(node) > _MAX_NODES:
            raise PackError(str(path), "YAML 节点过多（可能是别名炸弹）")
        if node is not None:
            refuse_control_characters(node, path)
        data = loader(text).construct_document(node) if node is not None else None
        if node is not None:
            record_marks(node, marks)  # recursive: inside the try, for a nesting no libyaml limit stopped
    except yaml.reader.ReaderError as exc:  # a control character written as it is
        raise PackError(
            where_in(path, text, chr(exc.character)), f"含有控制字符 U+{exc.character:04X}，规则包的文字中不允许出现"
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        from checker.parse_zh import yaml_problem

        raise PackError(where, f"不是有效的 YAML（{yaml_problem(exc)}）") from exc
    except RecursionError as exc:
        raise PackError(str(path), "YAML 嵌套过深") from exc
    return data, marks


def count_nodes(node: yaml.Node, limit: int = _MAX_NODES + 1) -> int:
    """Nodes counted with aliases expanded, stopping at the limit (alias bombs stay cheap)."""
    count, stack = 0, [node]
    while stack and count < limit:
        current = stack.pop()
        count += 1
        if current.id == "mapping":
            for key, value in current.value:
                stack.extend((key, value))
        elif current.id == "sequence":
            stack.extend(current.value)
    return count


def where_in(path: Path, text: str, char: str) -> str:
    """path:line:column of the first `char` in the text (libyaml reports a byte offset, PyYAML a character one)."""
    offset = max(text.find(char), 0)
    line = text.count("\n", 0, offset) + 1
    return f"{path}:{line}:{offset - text.rfind(chr(10), 0, offset)}"


def refuse_control_characters(node: yaml.Node, path: Path) -> None:
    """A pack's text reaches terminals (rules list/show, gap reports): a control character in it
    (an escape sequence written as "\\e[2J" or "\\x1b]52;…", a bidi override) is refused where it is."""
    from checker.safetext import pack_control

    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:  # an alias: its nodes were looked at once
            continue
        seen.add(id(current))
        if current.id == "scalar":
            found = isinstance(current.value, str) and pack_control(current.value)
            if found:
                mark = current.start_mark
                raise PackError(
                    f"{path}:{mark.line + 1}:{mark.column + 1}",
                    f"含有控制字符 {found}（如终端转义序列或文字方向控制符），规则包的文字中不允许出现",
                )
        elif current.id == "mapping":
            for key, value in current.value:
                stack.extend((value, key))
        else:
            stack.extend(reversed(current.value))


def unknown_keys(given: dict[str, Any], allowed: tuple[str, ...] | set[str]) -> list[tuple[str, str]]:
    """Unknown keys with a did-you-mean ("tresh" -> "threshold")."""
    out = []
    for key in given:
        if key not in allowed:
            out.append((str(key), did_you_mean(str(key), allowed)))
    return out


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]
