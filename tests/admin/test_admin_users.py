"""Admins manage users; disabling a user ends their sessions at once."""

from __future__ import annotations

from marketplace.auth.models import Role
from tests.conftest import log_in, post_form
from tests.factories import PASSWORD, make_user


def test_admin_disables_a_user_and_their_session_ends(app, client, db_session):
    admin = make_user(app, db_session, Role.ADMIN)
    victim = make_user(app, db_session, Role.SME)
    victim_browser = app.test_client()
    log_in(victim_browser, victim.email, PASSWORD)
    assert victim_browser.get("/dashboard").status_code == 200

    log_in(client, admin.email, PASSWORD)
    assert victim.email in client.get("/admin/users").get_data(as_text=True)
    assert post_form(client, f"/admin/users/{victim.id}/active", {"active": "0"}).status_code == 302
    assert victim_browser.get("/dashboard").status_code == 302
    assert log_in(app.test_client(), victim.email, PASSWORD).status_code == 200  # login refused


def test_admin_filters_users_by_role(app, client, db_session):
    admin = make_user(app, db_session, Role.ADMIN)
    mentor = make_user(app, db_session, Role.MENTOR)
    sponsor = make_user(app, db_session, Role.SPONSOR)
    log_in(client, admin.email, PASSWORD)
    page = client.get("/admin/users?role=mentor").get_data(as_text=True)
    assert mentor.email in page
    assert sponsor.email not in page


def test_admin_cannot_disable_themselves(app, client, db_session):
    admin = make_user(app, db_session, Role.ADMIN)
    log_in(client, admin.email, PASSWORD)
    assert post_form(client, f"/admin/users/{admin.id}/active", {"active": "0"}).status_code == 409
    assert client.get("/dashboard").status_code == 200
