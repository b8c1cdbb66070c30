"""Typed settings: the vocabulary rule types (and packs) declare their YAML fields in.

A `Field` names a setting, its kind, range, default and a Chinese line saying what it is;
`Field.value` checks and types a YAML value. Kept apart from checker.ruletypes so that
checker.packs can use it without importing every rule type.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

DEFAULT_THRESHOLD = 85  # fuzzy_threshold when neither the rule nor its pack's defaults give one

# Kinds of values a field may hold: how each is described in an error, and what `Field.value` accepts.
KINDS = {
    "word": "非空的词语",
    "text": "一段文字",
    "str_list": "字符串列表",
    "groups": "“词组列表”的列表，如 [[执法公示], [全过程记录]]",
    "int": "整数",
    "number": "数",
    "bool": "true 或 false",
    "enum": "",
    "concepts": "",
    "mapping": "“词语: [词语, …]”的映射",
    "text_or_list": "一段文字或文字列表",
    "date": '日期或日期模板，如 "{next_year}-04-01"',
}


class SettingError(ValueError):
    """A field's value is not what the field declares (the text says what it should be)."""

    def __str__(self) -> str:
        text = super().__str__()
        return f" {text}" if text[:1].isascii() else text  # 应是 0–100 的数, 应是字符串列表


@dataclass(frozen=True)
class Field:
    """One setting of a rule type, as the YAML names it."""

    name: str
    kind: str  # a key of KINDS
    doc: str  # what it is, one Chinese line
    default: Any = None  # when the rule does not give it (None: absent)
    min: float | None = None
    max: float | None = None
    required: bool = False
    choices: tuple[str, ...] = ()  # for kind "enum"

    def wanted(self) -> str:
        """What the value should be, in Chinese: 应是 1–100 的整数."""
        if self.kind == "enum":
            return f"{'、'.join(self.choices)} 之一"
        what = KINDS[self.kind]
        if self.min is not None and self.max is not None:
            return f"{self.min:g}–{self.max:g} 的{what}"
        if self.min is not None:
            return f"不小于 {self.min:g} 的{what}"
        return what

    def value(self, given: Any) -> Any:
        """The given YAML value, typed; SettingError when it is not of the field's kind or range."""
        kind = self.kind
        if kind in ("int", "number"):
            ok = isinstance(given, int) if kind == "int" else isinstance(given, (int, float))
            if not ok or isinstance(given, bool) or not math.isfinite(given):
                raise SettingError(self.wanted())
            if (self.min is not None and given < self.min) or (self.max is not None and given > self.max):
                raise SettingError(self.wanted())
            return given
        if kind == "bool":
            if not isinstance(given, bool):
                raise SettingError(self.wanted())
            return given
        if kind == "enum":
            if not isinstance(given, str) or given not in self.choices:
                raise SettingError(self.wanted())
            return given
        if kind == "word":
            if isinstance(given, bool) or not isinstance(given, (str, int)) or not str(given).strip():
                raise SettingError(self.wanted())
            return str(given)
        if kind == "date":  # YAML reads 2025-04-01 unquoted as a date
            if not isinstance(given, (str, datetime.date)):
                raise SettingError(self.wanted())
            return str(given)
        if kind == "text":
            if not isinstance(given, str):
                raise SettingError(self.wanted())
            return given
        if kind == "str_list":
            return words(given, self.wanted())
        if kind == "groups":
            if not isinstance(given, list) or not all(isinstance(g, list) and g for g in given):
                raise SettingError(self.wanted())
            return tuple(words(g, self.wanted()) for g in given)
        if kind == "mapping":
            if not isinstance(given, dict) or not all(
                isinstance(v, list) and all(isinstance(w, str) for w in v) for v in given.values()
            ):
                raise SettingError(self.wanted())
            return {str(k): tuple(v) for k, v in given.items()}
        if kind == "text_or_list":
            if isinstance(given, str):
                return given
            if not isinstance(given, list) or not all(isinstance(m, str) for m in given):
                raise SettingError(self.wanted())
            return tuple(given)
        return given  # "concepts": read by checker.packs.concepts_of, which names its own problems


def words(value: Any, wanted: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
        raise SettingError(wanted)
    return tuple(str(v) for v in value)


FUZZY_THRESHOLD = Field(
    "fuzzy_threshold",
    "number",
    f"模糊匹配的相似度下限（0–100，默认取规则包 defaults，再默认 {DEFAULT_THRESHOLD}）",
    None,
    0,
    100,
)


class Settings(SimpleNamespace):
    """A rule's settings, typed and frozen: every declared field (None or its default when not given)."""

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("rule settings are read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("rule settings are read-only")

    def get(self, name: str, default: Any = None) -> Any:
        value = self.__dict__.get(name)
        return default if value is None else value


WEIGHT = Field("weight", "number", "规则在得分中的权重（不小于 0）", 1, 0)
STATUS_SCORE = Field("status_scores", "number", "各结论计入得分的比例（0–1）", None, 0, 1)
GROUP_TITLE = Field("title", "word", "分组的中文标题")
GROUP_ORDER = Field("order", "int", "分组排在各部分之后的顺序（小的在前）", None, 0)
