"""docs/api-reference.md is the OpenAPI document in Markdown: regenerated, it must equal the committed file."""

from pathlib import Path

from flask import Flask

from marketplace.api.openapi import build_document
from marketplace.api.reference import render_reference

REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "api-reference.md"


def test_committed_reference_matches_the_routes(app: Flask) -> None:
    expected = render_reference(build_document(app))
    assert REFERENCE.read_text(encoding="utf-8") == expected, (
        "docs/api-reference.md is out of date: run `flask --app wsgi api-reference`"
    )


def test_reference_names_every_operation_with_its_limits(app: Flask) -> None:
    document = build_document(app)
    text = render_reference(document)
    for path, methods in document["paths"].items():
        for method in methods:
            assert f"### `{method.upper()} {path}`" in text
    # A limit the server enforces reads as the reader needs it: the range of months an engagement may last.
    assert "| `months` | yes | `integer` minimum 3 maximum 6 |" in text


def test_command_writes_the_reference(runner, tmp_path: Path) -> None:
    target = tmp_path / "reference.md"
    result = runner.invoke(args=["api-reference", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("# API reference")
