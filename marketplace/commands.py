"""Typed commands: one pydantic model per use case, built by the form and by the JSON body alike.

A command's field declares its rule once, as a `Rule` in its `Annotated` type. The same rule object
writes the limit into the OpenAPI document, gives a form its limit validators, and is checked by the
service (`Command.check`) with the message the pages and the API show. Pydantic itself checks only
the JSON types, so an API answer names a wrong type the way it always has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema
from wtforms.validators import Length, NumberRange

from marketplace.api.conventions import InputSchema
from marketplace.validation import (
    MAX_COUNT,
    MAX_LISTING_KRW,
    check_amount,
    check_code,
    check_codes,
    check_count,
    check_date,
    check_flag,
    check_percent,
    check_text,
)


class Rule:
    """What one field must be; subclasses say how to check it, document it and limit a form field."""

    def check(self, values: dict[str, Any], field: str) -> None:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        return {}

    def limits(self) -> list[Any]:
        """WTForms validators for the limit (presence is the form's own: how it reads an empty box)."""
        return []

    def __get_pydantic_json_schema__(self, core: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return handler(core) | self.json_schema()


@dataclass(frozen=True)
class Text(Rule):
    max_chars: int
    required: bool = True

    def check(self, values: dict[str, Any], field: str) -> None:
        check_text(values, field, self.max_chars, self.required)

    def json_schema(self) -> dict[str, Any]:
        return {"minLength": 1 if self.required else 0, "maxLength": self.max_chars}

    def limits(self) -> list[Any]:
        return [Length(max=self.max_chars)]


@dataclass(frozen=True)
class Code(Rule):
    """One code of a reference table."""

    table: str
    required: bool = True

    def check(self, values: dict[str, Any], field: str) -> None:
        check_code(values, field, self.table, self.required)


@dataclass(frozen=True)
class Codes(Rule):
    """A set of codes of a reference table, stored sorted (db.CodeSet)."""

    table: str
    required: bool = False

    def check(self, values: dict[str, Any], field: str) -> None:
        check_codes(values, field, self.table, self.required)

    def json_schema(self) -> dict[str, Any]:
        return {"minItems": 1} if self.required else {}


@dataclass(frozen=True)
class Amount(Rule):
    """A positive whole number of won, at most `maximum`."""

    maximum: int = MAX_LISTING_KRW

    def check(self, values: dict[str, Any], field: str) -> None:
        check_amount(values, field, self.maximum)

    def limits(self) -> list[Any]:
        return [NumberRange(min=1, max=self.maximum)]


@dataclass(frozen=True)
class Count(Rule):
    maximum: int = MAX_COUNT

    def check(self, values: dict[str, Any], field: str) -> None:
        check_count(values, field, self.maximum)

    def json_schema(self) -> dict[str, Any]:
        return {"minimum": 0, "maximum": self.maximum}

    def limits(self) -> list[Any]:
        return [NumberRange(min=0, max=self.maximum)]


@dataclass(frozen=True)
class Percent(Rule):
    def check(self, values: dict[str, Any], field: str) -> None:
        check_percent(values, field)

    def json_schema(self) -> dict[str, Any]:
        return {"minimum": 1, "maximum": 100}


@dataclass(frozen=True)
class Day(Rule):
    required: bool = False

    def check(self, values: dict[str, Any], field: str) -> None:
        check_date(values, field, self.required)


@dataclass(frozen=True)
class Flag(Rule):
    def check(self, values: dict[str, Any], field: str) -> None:
        check_flag(values, field)


class Command(InputSchema):
    """A use case's input. `check` runs every field's rule, then the rules that join fields."""

    # Rules between fields (price order, cap within pool), run after each field's own rule.
    joint_rules: ClassVar[tuple[Callable[[dict[str, Any]], None], ...]] = ()

    @classmethod
    def rules(cls) -> Iterator[tuple[str, Rule]]:
        for name, field in cls.model_fields.items():
            for rule in field.metadata:
                if isinstance(rule, Rule):
                    yield name, rule

    @classmethod
    def check(cls, values: dict[str, Any]) -> None:
        """Raise ValidationFailed naming the first field that breaks a rule (absent fields are not checked)."""
        for name, rule in cls.rules():
            rule.check(values, name)
        for joint in cls.joint_rules:
            joint(values)

    @classmethod
    def code_set_fields(cls) -> tuple[str, ...]:
        return tuple(name for name, rule in cls.rules() if isinstance(rule, Codes))

    @classmethod
    def limits(cls, field: str) -> list[Any]:
        """A form field's limit validators, from the command's rule for that field."""
        return [limit for name, rule in cls.rules() if name == field for limit in rule.limits()]

    def every_value(self) -> dict[str, Any]:
        """Every field, given or defaulted (None for one a form left out): what a whole-record service reads.

        Read as attributes, not dumped: a form's command is not validated as JSON, so its values may be of
        any type until the service's checks have judged them."""
        return {name: getattr(self, name, None) for name in type(self).model_fields}

    def values(self) -> dict[str, Any]:
        """The fields the caller gave (a form gives all of its own)."""
        return {name: getattr(self, name) for name in type(self).model_fields if name in self.model_fields_set}
