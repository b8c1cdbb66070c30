"""The registry of rule types: each module in checker/ruletypes registers one.

A rule type declares its YAML settings once, as `Field`s (name, kind, range, default, a Chinese
line saying what it is). `settings_of` checks a rule's values against them when the pack loads —
a wrong one is refused at its file:line:column — and gives the rule a frozen `Settings` whose
values are already typed, which `evaluate` reads. What one field cannot say alone (`near` only
with `all`, a regex that could be slow) stays in the type's `validate` hook.

A built-in type's module is imported the first time a pack names the type (`RULE_TYPES[name]`),
so a check imports the code of the types its packs use, not all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from checker.errors import PackError
from checker.model import Rule
from checker.settings import DEFAULT_THRESHOLD, FUZZY_THRESHOLD, Field, SettingError, Settings

__all__ = ["DEFAULT_THRESHOLD", "Field", "RuleType", "Settings", "TypeDoc", "register", "settings_of"]

if TYPE_CHECKING:
    from checker.evaluate import Context, Verdict


@dataclass(frozen=True)
class TypeDoc:
    """A rule type's Chinese reference text, beside its code: checker.typedoc renders it (docs/rule-types.md).

    The fields table itself comes from the type's `settings`; this holds what a `Field` cannot say.
    """

    intro: str = ""  # under the heading, after the one-line `RuleType.doc`
    part_field: str = ""  # the rule's own `part` field (required), when the type checks that part
    required: Mapping[str, str] = field(default_factory=dict)  # the 必填 column when more than 是/否
    notes: Mapping[str, str] = field(default_factory=dict)  # the 说明 column when longer than `Field.doc`
    guide: str = ""  # after the table: how the type reads the report
    statuses: str = ""  # when it gives ✓ / △ / ✗ / — (Markdown list lines)
    examples: tuple[str, ...] = ()  # YAML rules (a list of one rule each); a test loads every one


@dataclass(frozen=True)
class RuleType:
    name: str
    evaluate: Callable[[Rule, Context], Verdict | None]  # None: not applicable, no finding
    validate: Callable[[Rule], None]  # checks across fields; each field alone is checked by its declaration
    settings: tuple[Field, ...]  # type-specific YAML fields
    doc: str
    needs_previous: bool = False  # runs only with last year's report (check --previous); else no finding
    reference: TypeDoc = field(default_factory=TypeDoc, compare=False)  # the Chinese reference text

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.settings)


# The built-in types: each is the module of its name in checker/ruletypes.
BUILTIN_TYPES = ("consistency", "figure", "freshness", "keywords", "length", "meta", "part", "pattern", "reuse", "year")


class TypeRegistry(Mapping[str, RuleType]):
    """Rule types by name; a built-in one is imported when first looked up (iterating names imports none)."""

    def __init__(self, builtin: tuple[str, ...]) -> None:
        self._builtin = builtin
        self._types: dict[str, RuleType] = {}

    def __getitem__(self, name: str) -> RuleType:
        if name not in self._types and name in self._builtin:
            import importlib

            importlib.import_module(f"{__package__}.{name}")  # registers itself
        return self._types[name]

    def __contains__(self, name: object) -> bool:
        return name in self._types or name in self._builtin

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*self._builtin, *self._types]))

    def __len__(self) -> int:
        return len(set(self._builtin) | set(self._types))

    def add(self, rule_type: RuleType) -> None:
        self._types[rule_type.name] = rule_type


RULE_TYPES = TypeRegistry(BUILTIN_TYPES)


def register(rule_type: RuleType) -> RuleType:
    RULE_TYPES.add(rule_type)
    return rule_type


def settings_of(
    rule_type: RuleType, params: dict[str, Any], threshold: Any, at: Callable[[str], str], rid: str
) -> Settings:
    """A rule's settings checked against its type's fields, each problem at its own file:line:column."""
    values: dict[str, Any] = {}
    for spec in (*rule_type.settings, FUZZY_THRESHOLD):
        given = threshold if spec is FUZZY_THRESHOLD else params.get(spec.name)
        if given is None:
            if spec.required:
                raise PackError(at(spec.name), f"规则 {rid}：{rule_type.name} 类型须写明 {spec.name}（{spec.doc}）")
            values[spec.name] = spec.default
            continue
        if spec.kind == "concepts":
            from checker.packs import concepts_of

            values[spec.name] = concepts_of(given, at(spec.name), f"规则 {rid}（{spec.name}）")
            continue
        try:
            values[spec.name] = spec.value(given)
        except SettingError as exc:
            raise PackError(at(spec.name), f"规则 {rid} 的 {spec.name} 应是{exc}，现为 {given!r}") from None
    values["fuzzy_threshold"] = float(values["fuzzy_threshold"])
    return Settings(**values)


def problem(rule: Rule, text: str) -> PackError:
    return PackError(rule.source, f"规则 {rule.id}：{text}")


def string_list(rule: Rule, key: str, required: bool = False) -> tuple[str, ...]:
    """A list-of-strings field, from the rule's checked settings."""
    value = rule.settings.get(key)
    if value is None:
        if required:
            raise problem(rule, f"缺少 {key} 列表")
        return ()
    return value


def threshold(rule: Rule) -> float:
    return rule.settings.fuzzy_threshold
