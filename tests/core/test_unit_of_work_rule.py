"""The request owns the unit of work: no view, service or command calls `.commit()` itself.

ruff's banned-api rule bans imports and names, not a method call on any object, so the rule is this AST
scan (run by `make test` with the rest): every call of an attribute named `commit` outside the unit-of-work
module is listed. Migrations and tests may commit (they set up and check real databases).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("marketplace", "funds", "mentors", "outcomes", "matching")
ALLOWED = {Path("marketplace/unit_of_work.py")}


def commit_calls(source: str) -> list[int]:
    """The lines of `<anything>.commit(...)` calls in a module's source."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "commit"
    ]


def test_the_scan_finds_a_commit_call():
    assert commit_calls("def save(session):\n    session.add(1)\n    db.session.commit()\n") == [3]
    assert commit_calls("def save(session):\n    session.flush()\n") == []


def test_only_the_unit_of_work_commits():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if path.relative_to(ROOT) not in ALLOWED
        for line in commit_calls(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "commit through marketplace.unit_of_work (the request, transaction(), after_commit)"
