"""Who may open what: one table of roles and pages, one of ownership."""

from __future__ import annotations

import pytest

from marketplace.auth.models import Role
from marketplace.policy import owns
from tests.conftest import log_in
from tests.factories import PASSWORD, make_organisation, make_user

ALL_ROLES = list(Role)


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/dashboard", set(ALL_ROLES)),
        ("/account/", set(ALL_ROLES)),
        ("/account/password", set(ALL_ROLES)),
        ("/admin/users", {Role.ADMIN}),
    ],
)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_role_table(app, client, db_session, path, allowed, role):
    user = make_user(app, db_session, role)
    log_in(client, user.email, PASSWORD)
    assert client.get(path).status_code == (200 if role in allowed else 403)


@pytest.mark.parametrize("path", ["/dashboard", "/account/", "/admin/users", "/organisations/1"])
def test_anonymous_users_are_sent_to_log_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/login?next=")


@pytest.mark.parametrize(
    ("role", "same_organisation", "expected"),
    [
        (Role.SME, True, True),
        (Role.SME, False, False),
        (Role.SPONSOR, False, False),
        (Role.SUPPLIER, False, False),
        (Role.MENTOR, False, False),
        (Role.OFFICER, False, False),
        (Role.ADMIN, False, True),
    ],
)
def test_ownership_table(app, db_session, role, same_organisation, expected):
    owner = make_user(app, db_session, Role.SME)
    fields = {"organisation": owner.organisation} if same_organisation else {}
    actor = make_user(app, db_session, role, **fields)
    assert owns(actor, owner.organisation) is expected


def test_a_user_can_edit_only_their_own_organisation(app, client, db_session):
    user = make_user(app, db_session, Role.SUPPLIER)
    other = make_organisation(db_session)
    log_in(client, user.email, PASSWORD)
    assert client.get(f"/organisations/{user.organisation_id}/edit").status_code == 200
    assert client.get(f"/organisations/{other.id}/edit").status_code == 403
