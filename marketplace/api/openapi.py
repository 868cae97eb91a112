"""The OpenAPI 3 document, built from the routes themselves so it cannot fall behind them.

Every API view carries an `@operation(...)`; a test fails if a route under /api/v1 lacks one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from flask import Flask, request
from pydantic import BaseModel

from marketplace.api.conventions import InputSchema
from marketplace.api.query import NO_NUL, Query, checked_query
from marketplace.api.schemas import ErrorOut
from marketplace.validation import MAX_ID

F = TypeVar("F", bound=Callable[..., Any])
API_PREFIX = "/api/v1"
ERROR_DESCRIPTIONS = {
    400: "Invalid input (error.fields names each field)",
    401: "No valid Bearer token",
    403: "Not allowed for this user",
    404: "Not found",
    409: "Conflicts with the current state",
    429: "Rate limit reached",
}


@dataclass(frozen=True)
class Operation:
    summary: str
    tag: str
    body: type[BaseModel] | None = None
    response: type[BaseModel] | None = None
    status: int = 200
    errors: tuple[int, ...] = (400, 401, 403, 404)
    public: bool = False
    query: tuple[Query, ...] = field(default=())


def operation(summary: str, tag: str, **kwargs: Any) -> Callable[[F], F]:
    """Describe an API view for the OpenAPI document; its query parameters are checked before it runs."""

    def decorator(view: F) -> F:
        described = Operation(summary, tag, **kwargs)

        @functools.wraps(view)
        def checked(*args: Any, **view_kwargs: Any) -> Any:
            checked_query(described.query, request.args)
            return view(*args, **view_kwargs)

        checked.openapi = described  # type: ignore[attr-defined]
        return checked  # type: ignore[return-value]

    return decorator


# A POST that makes something may be refused for its input, its user or the state it meets, or name a missing object.
CREATE_ERRORS = (400, 401, 403, 404, 409)


def creates(
    summary: str,
    tag: str,
    body: type[BaseModel],
    response: type[BaseModel],
    errors: tuple[int, ...] = CREATE_ERRORS,
) -> Callable[[F], F]:
    """`operation` for a view that makes something from its body and answers 201 with what it made."""
    return operation(summary, tag, body=body, response=response, status=201, errors=errors)


def api_rules(app: Flask) -> list[Any]:
    return [rule for rule in app.url_map.iter_rules() if rule.rule.startswith(API_PREFIX)]


def _path(rule: str) -> tuple[str, list[str]]:
    names = re.findall(r"<(?:[^:<>]+:)?([^<>]+)>", rule)
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule), names


SCHEMAS = "#/components/schemas/"


def schema_named(ref: dict[str, Any]) -> str | None:
    """The name of the schema a `{"$ref": …}` points at (None for a schema written inline)."""
    return ref["$ref"].removeprefix(SCHEMAS) if "$ref" in ref else None


def _ref(model: type[BaseModel], schemas: dict[str, Any]) -> dict[str, str]:
    schema = model.model_json_schema(ref_template=SCHEMAS + "{model}")
    if issubclass(model, InputSchema):
        _refuse_nul(schema)
    schemas.update(schema.pop("$defs", {}))
    schemas[model.__name__] = schema
    return {"$ref": SCHEMAS + model.__name__}


# Any id in a path; one past the database's integer names nothing (404, see marketplace.security).
PATH_ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}


def _refuse_nul(schema: Any) -> None:
    """Every free-text field of a request body says what marketplace.security enforces: no NUL."""
    if isinstance(schema, dict):
        if schema.get("type") == "string" and not {"enum", "const", "format", "pattern"} & set(schema):
            schema["pattern"] = NO_NUL
        for value in schema.values():
            _refuse_nul(value)
    elif isinstance(schema, list):
        for item in schema:
            _refuse_nul(item)


def _operation_object(op: Operation, params: list[str], schemas: dict[str, Any], method: str) -> dict[str, Any]:
    error_ref = _ref(ErrorOut, schemas)
    result: dict[str, Any] = {
        "summary": op.summary,
        "tags": [op.tag],
        "operationId": f"{method}_{op.summary}".lower().replace(" ", "_")[:80],
        "parameters": [{"name": p, "in": "path", "required": True, "schema": PATH_ID} for p in params]
        + [{"name": q.name, "in": "query", "schema": q.schema(), "description": q.description} for q in op.query],
        "responses": {str(op.status): {"description": "OK"}},
    }
    if op.response is not None:
        result["responses"][str(op.status)]["content"] = {"application/json": {"schema": _ref(op.response, schemas)}}
    if op.body is not None:
        result["requestBody"] = {"required": True, "content": {"application/json": {"schema": _ref(op.body, schemas)}}}
    for code in (*op.errors, 429):
        result["responses"][str(code)] = {
            "description": ERROR_DESCRIPTIONS[code],
            "content": {"application/json": {"schema": error_ref}},
        }
    result["security"] = [] if op.public else [{"bearer": []}]
    return result


def build_document(app: Flask) -> dict[str, Any]:
    """The OpenAPI 3.1 document for every route under /api/v1."""
    paths: dict[str, dict[str, Any]] = {}
    schemas: dict[str, Any] = {}
    for rule in sorted(api_rules(app), key=lambda r: r.rule):
        op: Operation | None = getattr(app.view_functions[rule.endpoint], "openapi", None)
        if op is None:
            continue
        path, params = _path(rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation_object(op, params, schemas, method.lower())
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Sangsaeng API",
            "version": "1",
            "description": "Win-win smart-factory marketplace. Money fields end in _krw and are integer KRW. "
            'Errors are {"error": {"code", "message", "fields"}}.',
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "Personal API token"}},
        },
    }
