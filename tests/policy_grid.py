"""Policy tables for tests: a grid of role x ownership per action, and the check that a policy's SQL twin
keeps exactly the rows its `can(user, 'view', row)` allows.

A grid row is `label | one cell per column`, 1 allowed, 0 refused, - not applicable. The columns:
nobody logged in, then each role acting on its own organisation's object (own) or another's (other).
Officers, admins and mentors belong to no organisation, so only `other` applies to them.
"""

from __future__ import annotations

import itertools
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace.auth.models import ORGANISATION_ROLES, MemberRole, Role, User
from marketplace.db import utcnow
from marketplace.policy import can, visible
from tests.factories import make_organisation

_numbers = itertools.count(1)
COLUMNS: list[tuple[Role | None, str]] = [
    (None, "other"),
    (Role.SME, "own"),
    (Role.SME, "other"),
    (Role.SPONSOR, "own"),
    (Role.SPONSOR, "other"),
    (Role.SUPPLIER, "own"),
    (Role.SUPPLIER, "other"),
    (Role.MENTOR, "other"),
    (Role.OFFICER, "other"),
    (Role.ADMIN, "other"),
]


def grid(text: str) -> list[Any]:
    """pytest params (label, role, ownership, allowed) from a table written as text."""
    import pytest

    cases = []
    for line in text.strip().splitlines():
        label, cells = (part.strip() for part in line.split("|"))
        values = cells.split()
        assert len(values) == len(COLUMNS), f"{label}: {len(values)} cells for {len(COLUMNS)} columns"
        for (role, ownership), cell in zip(COLUMNS, values, strict=True):
            if cell != "-":
                name = f"{label}-{role or 'anonymous'}-{ownership}"
                cases.append(pytest.param(label, role, ownership, cell == "1", id=name))
    return cases


def quick_user(session: Session, role: Role, **fields: Any) -> User:
    """A user of `role` (with a new organisation of its kind) that never logs in: no password hashing,
    so a table of hundreds of cases stays fast. Pages and log-ins use tests.factories.make_user."""
    if "organisation" not in fields and role in ORGANISATION_ROLES:
        fields["organisation"] = make_organisation(session, ORGANISATION_ROLES[role])
    if role in ORGANISATION_ROLES:
        fields.setdefault("member_role", MemberRole.MANAGER)  # as the one who registered the organisation
    fields.setdefault("email_verified_at", utcnow())  # as every test user (tests.factories.make_user)
    user = User(
        email=f"policy-{next(_numbers)}@example.kr", display_name="정책", role=role, password_hash="-", **fields
    )
    session.add(user)
    session.flush()
    return user


def assert_twin_agrees(session: Session, user: Any, model: Any) -> None:
    """`visible(user, model)` selects exactly the rows `can(user, 'view', row)` allows, over the whole table."""
    session.flush()
    rows = list(session.scalars(select(model)))
    allowed = {row.id for row in rows if can(user, "view", row)}
    selected = set(session.scalars(select(model.id).where(visible(user, model))))
    assert selected == allowed, f"{model.__name__} for {getattr(user, 'role', None)}: SQL {selected}, can {allowed}"
