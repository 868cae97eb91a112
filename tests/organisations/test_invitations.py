"""Inviting colleagues by email: only managers invite, the link works once until it expires, accepting creates
the account."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from marketplace.auth.models import MemberRole, Role, User
from marketplace.db import utcnow
from marketplace.organisations.models import Invitation
from tests.auth.links import emailed_link
from tests.conftest import log_in, post_form
from tests.factories import PASSWORD, make_user

JOIN = {
    "display_name": "박서연",
    "password": "a long enough password",
    "confirm": "a long enough password",
    "consent_terms": "y",
    "consent_privacy": "y",
}


def invite(client, organisation_id: int, email: str, role: str = "member", language: str = "en"):
    data = {"email": email, "member_role": role, "language": language}
    return post_form(client, f"/organisations/{organisation_id}/members", data, headers={"Accept-Language": "en"})


def test_a_manager_invites_and_the_colleague_joins_with_the_role(app, client, db_session):
    manager = make_user(app, db_session)
    log_in(client, manager.email, PASSWORD)
    assert invite(client, manager.organisation_id, "Seoyeon@Example.kr", "manager").status_code == 302
    link = emailed_link(db_session, "seoyeon@example.kr", "invitation")
    guest = app.test_client()
    page = guest.get(link, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Join" in page
    assert post_form(guest, link, JOIN).status_code == 302
    colleague = db_session.scalar(select(User).where(User.email == "seoyeon@example.kr"))
    assert colleague.organisation_id == manager.organisation_id
    assert colleague.role == Role.SME
    assert colleague.member_role == MemberRole.MANAGER
    assert colleague.email_verified  # the link proved the address
    assert guest.get("/dashboard").status_code == 200
    assert app.test_client().get(link).status_code == 400  # works once


def test_members_cannot_invite_and_strangers_do_not_see_the_page(app, client, db_session):
    manager = make_user(app, db_session)
    member = make_user(app, db_session, organisation=manager.organisation, member_role=MemberRole.MEMBER)
    log_in(client, member.email, PASSWORD)
    response = invite(client, manager.organisation_id, "x@example.kr")
    assert response.status_code == 403
    assert "Only a manager of this organisation can invite colleagues." in response.get_data(as_text=True)
    stranger = make_user(app, db_session)
    other = app.test_client()
    log_in(other, stranger.email, PASSWORD)
    assert other.get(f"/organisations/{manager.organisation_id}/members").status_code == 404
    assert invite(other, manager.organisation_id, "y@example.kr").status_code == 404
    assert db_session.scalar(select(Invitation.id)) is None


def test_an_expired_or_revoked_invitation_is_refused(app, client, db_session):
    manager = make_user(app, db_session)
    log_in(client, manager.email, PASSWORD)
    invite(client, manager.organisation_id, "late@example.kr")
    link = emailed_link(db_session, "late@example.kr", "invitation")
    invitation = db_session.scalar(select(Invitation))
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db_session.commit()
    assert app.test_client().get(link).status_code == 400
    invitation.expires_at = utcnow() + timedelta(days=1)
    db_session.commit()
    post_form(client, f"/organisations/{manager.organisation_id}/invitations/{invitation.id}/revoke", {})
    assert post_form(app.test_client(), link, JOIN).status_code == 400
    assert db_session.scalar(select(User).where(User.email == "late@example.kr")) is None


def test_an_address_with_an_account_cannot_be_invited(app, client, db_session):
    manager = make_user(app, db_session)
    someone = make_user(app, db_session)
    log_in(client, manager.email, PASSWORD)
    page = invite(client, manager.organisation_id, someone.email).get_data(as_text=True)
    assert "already has an account" in page


def test_accepting_without_the_required_consents_is_refused(app, client, db_session):
    manager = make_user(app, db_session)
    log_in(client, manager.email, PASSWORD)
    invite(client, manager.organisation_id, "new@example.kr")
    link = emailed_link(db_session, "new@example.kr", "invitation")
    guest = app.test_client()
    data = {k: v for k, v in JOIN.items() if k != "consent_terms"}
    page = post_form(guest, link, data, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "You must agree to this to create an account." in page
    assert db_session.scalar(select(User).where(User.email == "new@example.kr")) is None
