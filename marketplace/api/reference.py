"""The API reference in Markdown, generated from the OpenAPI document so it cannot drift from the routes.

`flask --app wsgi api-reference` writes docs/api-reference.md; a test fails when the file is out of date.
"""

from __future__ import annotations

from typing import Any

from marketplace.api.openapi import schema_named
from marketplace.api.query import NO_NUL

HEADER = """# API reference

Generated from `/api/v1/openapi.json` by `flask --app wsgi api-reference`; do not edit by hand (a test
compares this file with the routes). Conventions — tokens, errors, lists, money — are in [api.md](api.md).
"""


LIMITS = ("enum", "minimum", "maximum", "minLength", "maxLength", "pattern", "format", "default")


def render_reference(document: dict[str, Any]) -> str:
    """Every operation grouped by tag (its parameters, body fields and answers), then every schema's fields."""
    schemas = document["components"]["schemas"]
    lines = [HEADER]
    for tag, operations in _by_tag(document["paths"]).items():
        lines.append(f"## {tag}\n")
        for method, path, op in operations:
            lines.extend(_operation(method, path, op, schemas))
    lines.append("## Schemas\n")
    for name, schema in sorted(schemas.items()):
        lines.append(f"### `{name}`\n")
        lines.extend(_fields(schema, schemas) or [f"{_describe(schema, schemas)}\n"])
    return "\n".join(lines).rstrip() + "\n"


def _by_tag(paths: dict[str, Any]) -> dict[str, list[tuple[str, str, dict[str, Any]]]]:
    groups: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for path, methods in paths.items():
        for method, op in methods.items():
            groups.setdefault(op["tags"][0], []).append((method.upper(), path, op))
    return dict(sorted(groups.items()))


def _operation(method: str, path: str, op: dict[str, Any], schemas: dict[str, Any]) -> list[str]:
    access = "public" if op.get("security") == [] else "token"
    lines = [f"### `{method} {path}`\n", f"{op['summary']} ({access}).\n"]
    params = op.get("parameters", [])
    if params:
        lines += ["| parameter | in | type and limits |", "|---|---|---|"]
        lines += [f"| `{p['name']}` | {p['in']} | {_describe(p['schema'], schemas)} |" for p in params]
        lines.append("")
    body = op.get("requestBody")
    if body:
        ref = body["content"]["application/json"]["schema"]
        lines.append(f"Body: {_schema_name(ref)}\n")
        lines.extend(_fields(_resolve(ref, schemas), schemas))
    answers = ", ".join(f"{code} {_answer(answer)}" for code, answer in op["responses"].items())
    lines.append(f"Answers: {answers}.\n")
    return lines


def _fields(schema: dict[str, Any], schemas: dict[str, Any]) -> list[str]:
    properties = schema.get("properties", {})
    if not properties:
        return []
    required = set(schema.get("required", []))
    rows = ["| field | required | type and limits |", "|---|---|---|"]
    for name, prop in properties.items():
        rows.append(f"| `{name}` | {'yes' if name in required else ''} | {_describe(prop, schemas)} |")
    return [*rows, ""]


def _answer(answer: dict[str, Any]) -> str:
    content = answer.get("content", {}).get("application/json")
    return f"{_schema_name(content['schema'])}" if content else answer["description"]


def _describe(schema: dict[str, Any], schemas: dict[str, Any]) -> str:
    """A field's type and its limits on one line, e.g. `integer` 1–10000000000."""
    if "$ref" in schema:
        return _schema_name(schema)
    variants = schema.get("anyOf") or schema.get("oneOf")
    if variants:
        return " or ".join(_describe(v, schemas) for v in variants)
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list of {_describe(schema.get('items', {}), schemas)}"
    limits = [_limit(key, schema[key]) for key in LIMITS if key in schema]
    return " ".join([f"`{kind}`", *limits]).replace("|", "\\|")


def _limit(key: str, value: Any) -> str:
    if key == "enum":
        return "one of " + ", ".join(f"`{v}`" for v in value if v != "")
    if key == "pattern":
        return "no NUL character" if value == NO_NUL else f"matching `{value}`"
    if key == "default":
        return f"default `{value!r}`"
    return f"{key} {value}"


def _resolve(ref: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    name = schema_named(ref)
    return ref if name is None else schemas[name]


def _schema_name(ref: dict[str, Any]) -> str:
    name = schema_named(ref)
    return "JSON" if name is None else f"`{name}`"
