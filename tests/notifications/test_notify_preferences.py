"""notify(): each user's channels per kind, the defaults, the actor never told, reminders given once, payments."""

from __future__ import annotations

import pytest

from marketplace.app import register_notification_kinds
from marketplace.auth.models import Role
from marketplace.errors import ValidationFailed
from marketplace.notifications.kinds import KINDS, kinds_for
from marketplace.notifications.preferences import Choice, save_choices
from marketplace.notifications.services import notify, notify_payment
from tests.conftest import log_in
from tests.factories import PASSWORD, SITE_URL, make_user
from tests.notifications.conftest import emails_to, notifications_of

register_notification_kinds()  # the features' kinds too, before the tests below are parametrised by them
DATA = {"title": "사출 라인 MES", "sender": "이서연", "amount_krw": 33_000_000, "status": "selected"}
ROLE_OF = {kind.name: kind.roles[0] for kind in KINDS.values()}
# SPEC-sized defaults: in-app always; email for what someone must act on soon.
EMAIL_BY_DEFAULT = {
    "interest_received": True,
    "interest_accepted": True,
    "interest_declined": False,
    "project_moved": True,
    "engagement_proposed": True,
    "engagement_moved": False,
    "log_due": True,
    "log_written": True,
    "payment_succeeded": True,
    "payment_failed": True,
    "message_received": True,
    "voucher_granted": True,
    "voucher_delivered": True,
    "voucher_confirmed": False,
    "voucher_ended": False,
    # Alerts: email in the daily digest (marketplace/notifications/alerts.py), never one by one.
    "saved_search_match": True,
    "need_matches_offer": True,
    # Training: a waiting learner got a seat, a course was cancelled (both change someone's plans).
    "course_seat_offered": True,
    "course_cancelled": True,
}


def emailed_at_once(kind: str, email: bool) -> int:
    """An alert kind's email waits for the digest; every other kind's is queued with the event."""
    return int(email and not KINDS[kind].digest)


def test_every_kind_has_a_default_and_a_text():
    assert set(EMAIL_BY_DEFAULT) == set(KINDS)


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize(("in_app", "email"), [(True, True), (True, False), (False, True), (False, False)])
def test_the_channels_a_user_chose_are_the_ones_used(app, db_session, kind, in_app, email):
    user = make_user(app, db_session, ROLE_OF[kind])
    with app.app_context():
        save_choices(db_session, user, {kind: Choice(in_app=in_app, email=email)})
        told = notify(db_session, [user], kind, "/somewhere", site_url=SITE_URL, **DATA)
    assert len(notifications_of(db_session, user, kind)) == int(in_app)
    assert len(emails_to(db_session, user)) == emailed_at_once(kind, email)
    assert told == int(in_app or email)


@pytest.mark.parametrize(("kind", "email"), sorted(EMAIL_BY_DEFAULT.items()))
def test_defaults_in_app_always_email_for_the_important_kinds(app, db_session, kind, email):
    user = make_user(app, db_session, ROLE_OF[kind])
    with app.app_context():
        notify(db_session, [user], kind, "/somewhere", site_url=SITE_URL, **DATA)
    assert len(notifications_of(db_session, user, kind)) == 1
    assert len(emails_to(db_session, user)) == emailed_at_once(kind, email)


def test_a_choice_for_one_kind_leaves_the_others_alone(app, db_session):
    user = make_user(app, db_session, Role.SME)
    with app.app_context():
        save_choices(db_session, user, {"project_moved": Choice(in_app=False, email=False)})
        notify(db_session, [user], "project_moved", "/projects/1", site_url=SITE_URL, **DATA)
        notify(db_session, [user], "interest_received", "/interests/1", site_url=SITE_URL, **DATA)
    assert [n.kind for n in notifications_of(db_session, user)] == ["interest_received"]


def test_a_kind_outside_the_users_role_is_refused(app, db_session):
    mentor = make_user(app, db_session, Role.MENTOR)
    assert "log_due" in {kind.name for kind in kinds_for(Role.MENTOR)}
    assert "project_moved" not in {kind.name for kind in kinds_for(Role.MENTOR)}
    with (
        app.test_request_context(headers={"Accept-Language": "en"}),
        pytest.raises(ValidationFailed, match="not offered"),
    ):
        save_choices(db_session, mentor, {"project_moved": Choice(True, True)})


def test_the_actor_inactive_users_and_duplicates_are_not_told(app, db_session):
    actor, colleague = make_user(app, db_session, Role.SME), make_user(app, db_session, Role.SME)
    gone = make_user(app, db_session, Role.SME, active=False)
    with app.app_context():
        told = notify(
            db_session,
            [actor, colleague, colleague, gone],
            "project_moved",
            "/p",
            site_url=SITE_URL,
            actor=actor,
            **DATA,
        )
    assert told == 1
    assert notifications_of(db_session, actor) == notifications_of(db_session, gone) == []
    assert len(notifications_of(db_session, colleague)) == 1


def test_a_reminder_key_tells_each_user_once_whatever_the_channels(app, db_session):
    mentor = make_user(app, db_session, Role.MENTOR)
    with app.app_context():
        save_choices(db_session, mentor, {"log_due": Choice(in_app=False, email=True)})
        reminder = {"once_key": "log_due:1:2026-11", "title": "t", "month": "2026-11"}
        first = notify(db_session, [mentor], "log_due", "/e/1", site_url=SITE_URL, **reminder)
        again = notify(db_session, [mentor], "log_due", "/e/1", site_url=SITE_URL, **reminder)
    assert (first, again) == (1, 0)
    assert len(emails_to(db_session, mentor)) == 1


def test_an_unknown_kind_is_a_programming_error(app, db_session):
    with pytest.raises(ValueError, match="unknown notification kind"):
        notify(db_session, [], "interest_recieved", "/x", site_url=SITE_URL)


@pytest.mark.parametrize(
    ("succeeded", "kind", "english"),
    [
        (True, "payment_succeeded", "Your payment of ₩33,000,000 for “사출 라인 MES” succeeded."),
        (False, "payment_failed", "Your payment of ₩33,000,000 for “사출 라인 MES” failed. Please try again. "),
    ],
)
def test_payments_tell_the_payers_in_their_language(app, db_session, client, succeeded, kind, english):
    payer = make_user(app, db_session, Role.SPONSOR, locale="en")
    with app.app_context():
        notify_payment(
            db_session,
            [payer],
            succeeded=succeeded,
            amount_krw=33_000_000,
            title="사출 라인 MES",
            link="/projects/3",
            site_url=SITE_URL,
            reason="Your card was declined.",
        )
    db_session.commit()
    (notification,) = notifications_of(db_session, payer, kind)
    (email,) = emails_to(db_session, payer)
    assert english in email.body
    assert ("Reason: Your card was declined." in email.body) is not succeeded
    log_in(client, payer.email, PASSWORD)
    page = client.get("/notifications/").get_data(as_text=True)
    assert english.strip() in page
    assert notification.link == "/projects/3"
