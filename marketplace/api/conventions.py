"""How every API endpoint reads input and writes output."""

from __future__ import annotations

from typing import Any, TypeVar

from flask import request
from flask_babel import lazy_gettext as _l
from pydantic import BaseModel, ConfigDict
from pydantic import ValidationError as PydanticError

from marketplace.errors import ValidationFailed

S = TypeVar("S", bound=BaseModel)


class InputSchema(BaseModel):
    """Request bodies: unknown fields are refused, so a typo never silently does nothing."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class OutputSchema(BaseModel):
    model_config = ConfigDict(from_attributes=True)


def parse_body(schema: type[S]) -> S:
    """The JSON body validated by a schema; any problem is a 400 naming each field."""
    try:
        body: Any = request.get_json(silent=True)
    except RecursionError:  # nested deeper than the parser goes: not a body anyone means to send
        body = None
    if not isinstance(body, dict):
        raise ValidationFailed(_l("Send a JSON object as the request body."), fields={"body": ["JSON object expected"]})
    try:
        return schema.model_validate(body)
    except PydanticError as exc:
        fields: dict[str, list[str]] = {}
        for error in exc.errors():
            # The field to correct, as forms and the services name it (not "categories.0").
            name = str(error["loc"][0]) if error["loc"] else "body"
            fields.setdefault(name, []).append(error["msg"])
        raise ValidationFailed(_l("Some fields are not valid."), fields=fields) from exc


def dump(schema: type[BaseModel], obj: Any) -> dict[str, Any]:
    return schema.model_validate(obj).model_dump(mode="json")


def page_body(page: Any, item_body: Any) -> dict[str, Any]:
    """The list shape every collection endpoint answers with."""
    return {
        "items": [item_body(item) for item in page.items],
        "total": page.total,
        "page": page.page,
        "per_page": page.per_page,
    }
