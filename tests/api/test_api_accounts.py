"""The API for what the account pages do: invite colleagues, withdraw an invitation, close one's account."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from marketplace.auth.models import MemberRole, Role, User
from marketplace.organisations.models import Invitation
from tests.auth.links import emailed_link
from tests.conftest import assert_error_shape, bearer
from tests.factories import PASSWORD, make_api_token, make_user


def _token(app, db_session, user) -> dict[str, str]:
    return bearer(make_api_token(app, db_session, user)[1])


def _invitations(organisation_id: int) -> str:
    return f"/api/v1/organisations/{organisation_id}/invitations"


def test_a_manager_invites_lists_and_withdraws_an_invitation(app, client, db_session):
    manager = make_user(app, db_session)
    headers = _token(app, db_session, manager)
    body = {"email": "Jiwoo@Example.kr", "member_role": "manager", "language": "en"}
    created = client.post(_invitations(manager.organisation_id), json=body, headers=headers)
    assert created.status_code == 201
    assert created.get_json()["email"] == "jiwoo@example.kr"
    assert emailed_link(db_session, "jiwoo@example.kr", "invitation")  # the link went to the outbox
    listed = client.get(_invitations(manager.organisation_id), headers=headers).get_json()["items"]
    assert [item["email"] for item in listed] == ["jiwoo@example.kr"]
    invitation_id = created.get_json()["id"]
    gone = client.delete(f"{_invitations(manager.organisation_id)}/{invitation_id}", headers=headers)
    assert gone.status_code == 204
    assert client.get(_invitations(manager.organisation_id), headers=headers).get_json()["items"] == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "not an address"}, "email"),
        ({"email": "a@example.kr", "member_role": "owner"}, "member_role"),
        ({"email": "a@example.kr", "language": "fr"}, "language"),
        ({"email": "a\x00@example.kr"}, "body"),  # NUL bytes are refused before any field is read
        ({"email": "a@example.kr", "extra": 1}, "extra"),
    ],
)
def test_a_bad_invitation_is_400_naming_the_field_and_nothing_is_written(app, client, db_session, body, field):
    manager = make_user(app, db_session)
    response = client.post(_invitations(manager.organisation_id), json=body, headers=_token(app, db_session, manager))
    assert_error_shape(response, 400, "validation_failed")
    assert field in response.get_json()["error"]["fields"]
    assert db_session.scalar(select(Invitation.id)) is None


def test_members_may_not_invite_and_strangers_find_nothing(app, client, db_session):
    manager = make_user(app, db_session)
    member = make_user(app, db_session, organisation=manager.organisation, member_role=MemberRole.MEMBER)
    stranger = make_user(app, db_session)
    path = _invitations(manager.organisation_id)
    assert_error_shape(
        client.post(path, json={"email": "b@example.kr"}, headers=_token(app, db_session, member)), 403, "forbidden"
    )
    as_stranger = _token(app, db_session, stranger)
    assert_error_shape(client.post(path, json={"email": "c@example.kr"}, headers=as_stranger), 404, "not_found")
    assert_error_shape(client.get(path, headers=as_stranger), 404, "not_found")
    mine = client.post(path, json={"email": "d@example.kr"}, headers=_token(app, db_session, manager)).get_json()
    assert_error_shape(client.delete(f"{path}/{mine['id']}", headers=as_stranger), 404, "not_found")
    assert db_session.scalar(select(Invitation.revoked_at).where(Invitation.id == mine["id"])) is None


def test_closing_the_account_needs_the_password_and_ends_the_token(app, client, db_session):
    user = make_user(app, db_session, Role.MENTOR)
    headers = _token(app, db_session, user)
    wrong = client.post("/api/v1/account/close", json={"password": "not it", "understood": True}, headers=headers)
    assert_error_shape(wrong, 400, "validation_failed")
    assert "password" in wrong.get_json()["error"]["fields"]
    unticked = client.post("/api/v1/account/close", json={"password": PASSWORD, "understood": False}, headers=headers)
    assert_error_shape(unticked, 400, "validation_failed")
    assert "understood" in unticked.get_json()["error"]["fields"]
    assert client.get("/api/v1/me", headers=headers).status_code == 200  # nothing happened yet
    closed = client.post("/api/v1/account/close", json={"password": PASSWORD, "understood": True}, headers=headers)
    assert closed.status_code == 204
    db_session.expire_all()
    row = db_session.get(User, user.id)
    assert row.closed_at is not None
    assert not row.active
    assert row.email.endswith("@closed.invalid")
    assert_error_shape(
        client.get("/api/v1/me", headers=headers), 401, "unauthorised"
    )  # the token ended with the account
