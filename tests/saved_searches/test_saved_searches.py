"""Saved searches on the real database: who sees one (a table, and its SQL twin), the alert of a listing posted
after the search was saved (exactly one, however often the worker looks), and the daily digest (one email per
user and day, nothing twice, as each user chose)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from marketplace.auth.models import Role
from marketplace.db import utcnow
from marketplace.matches.alerts import alert_matching_offers
from marketplace.notifications.alerts import raise_alert, send_digests
from marketplace.notifications.models import Alert, Notification, NotificationPreference, OutboxEmail
from marketplace.policy import can
from marketplace.saved_searches.commands import SavedSearchIn
from marketplace.saved_searches.models import SavedSearch
from marketplace.saved_searches.services import alert_new_listings, save_search
from marketplace.unit_of_work import commit
from tests.factories import make_need, make_user
from tests.policy_grid import assert_twin_agrees, grid, quick_user

# Column order (tests/policy_grid.py): anonymous | sme own, other | sponsor own, other | supplier own, other
#                                     | mentor | officer | admin. "own": the user who saved it.
SAVED_SEARCHES = grid("""
view | 0  1 0  1 0  1 0  0 0 0
edit | 0  1 0  1 0  1 0  0 0 0
""")
TODAY = date(2026, 12, 4)


def _search(session, user, **filters) -> SavedSearch:
    search = SavedSearch(user_id=user.id, name="검색", area="needs", filters=filters, alerts=True, baseline_id=0)
    session.add(search)
    session.flush()
    return search


@pytest.mark.parametrize(("label", "role", "ownership", "allowed"), SAVED_SEARCHES)
def test_saved_search_policy(db_session, label, role, ownership, allowed):
    owner = quick_user(db_session, role or Role.SME)
    search = _search(db_session, owner)
    user = None if role is None else owner if ownership == "own" else quick_user(db_session, role)
    assert can(user, label, search) is allowed
    assert_twin_agrees(db_session, user, SavedSearch)


def test_a_colleague_does_not_see_a_saved_search(db_session):
    owner = quick_user(db_session, Role.SUPPLIER)
    colleague = quick_user(db_session, Role.SUPPLIER, organisation=owner.organisation)
    search = _search(db_session, owner)
    assert not can(colleague, "view", search)
    assert_twin_agrees(db_session, colleague, SavedSearch)


def _alerts(session, user) -> list[Alert]:
    return list(session.scalars(select(Alert).where(Alert.user_id == user.id)))


def _notifications(session, user) -> list[Notification]:
    return list(session.scalars(select(Notification).where(Notification.user_id == user.id)))


def test_a_need_posted_after_the_search_is_saved_is_alerted_once(app, db_session):
    sme, supplier = make_user(app, db_session, Role.SME), make_user(app, db_session, Role.SUPPLIER)
    make_need(db_session, sme, title="사출 불량 검사 (예전 것)")
    with app.app_context():
        command = SavedSearchIn(name="사출 수요", area="needs", filters={"q": "사출", "category": "mes"})
        search = save_search(db_session, supplier, command)
        commit(db_session)
        fitting = make_need(db_session, sme, title="사출성형 MES 구축")
        make_need(db_session, sme, title="도금 폐수 처리", category="fems")  # does not fit
        make_need(db_session, supplier_need_owner := make_user(app, db_session, Role.SME), title="사출 MES 초안",
                  status="draft")  # fmt: skip
        assert alert_new_listings(db_session) == 1
        assert alert_new_listings(db_session) == 0  # the worker looks again: nothing new
        commit(db_session)
    (alert,) = _alerts(db_session, supplier)
    assert (alert.link, alert.data["search"], alert.data["title"]) == (
        f"/needs/{fitting.id}",
        "사출 수요",
        "사출성형 MES 구축",
    )
    (told,) = _notifications(db_session, supplier)
    assert told.kind == "saved_search_match"
    assert told.link == f"/needs/{fitting.id}"
    assert db_session.scalar(select(func.count()).select_from(OutboxEmail)) == 0  # email waits for the digest
    assert supplier_need_owner.id != supplier.id
    assert search.baseline_id < fitting.id


def test_alerts_off_and_own_listings_are_not_alerted(app, db_session):
    sme = make_user(app, db_session, Role.SME)
    colleague = make_user(app, db_session, Role.SME, organisation=sme.organisation)
    with app.app_context():
        quiet = save_search(db_session, colleague, SavedSearchIn(name="끔", area="needs", filters={}, alerts=False))
        own = save_search(db_session, sme, SavedSearchIn(name="우리 것", area="needs", filters={}))
        commit(db_session)
        make_need(db_session, sme, title="우리 회사 수요")
        assert alert_new_listings(db_session) == 0
    assert quiet.alerts is False
    assert own.alerts is True


def _alert(session, user, key: str) -> bool:
    return raise_alert(session, user, "saved_search_match", key, "/needs/1", search="검색", title=key)


def test_the_daily_digest_sends_one_email_per_user_and_nothing_twice(app, db_session):
    supplier, sponsor = make_user(app, db_session, Role.SUPPLIER), make_user(app, db_session, Role.SPONSOR)
    with app.app_context():
        assert _alert(db_session, supplier, "수요 하나")
        assert _alert(db_session, supplier, "수요 둘")
        assert not _alert(db_session, supplier, "수요 하나")  # the same key: no second alert
        assert _alert(db_session, sponsor, "수요 셋")
        assert send_digests(db_session, TODAY) == 2
        assert send_digests(db_session, TODAY) == 0  # the job runs twice
        assert _alert(db_session, supplier, "수요 넷")  # later the same day: waits for tomorrow's
        assert send_digests(db_session, TODAY) == 0
        assert send_digests(db_session, date(2026, 12, 5)) == 1
        commit(db_session)
    emails = list(db_session.scalars(select(OutboxEmail).order_by(OutboxEmail.id)))
    assert [email.recipient for email in emails] == [supplier.email, sponsor.email, supplier.email]
    assert "수요 하나" in emails[0].body
    assert "수요 둘" in emails[0].body
    assert "수요 넷" not in emails[0].body
    assert "수요 넷" in emails[2].body
    assert "수요 하나" not in emails[2].body
    db_session.expire_all()  # read what is stored, not the rows this session loaded before the digests
    assert all(alert.digested_at is not None for alert in _alerts(db_session, supplier))


def test_the_digest_follows_the_users_email_choice(app, db_session):
    supplier = make_user(app, db_session, Role.SUPPLIER)
    db_session.add(NotificationPreference(user_id=supplier.id, kind="saved_search_match", in_app=True, email=False))
    with app.app_context():
        _alert(db_session, supplier, "수요")
        assert send_digests(db_session, TODAY) == 0
        db_session.execute(NotificationPreference.__table__.update().values(email=True))
        assert send_digests(db_session, TODAY) == 0  # passed over once: not emailed later
        commit(db_session)
    assert db_session.scalar(select(func.count()).select_from(OutboxEmail)) == 0
    (alert,) = _alerts(db_session, supplier)
    assert alert.digested_at is not None
    assert alert.digest_id is None


def test_a_reindex_or_an_old_need_raises_no_match_alert(app, db_session):
    """Match alerts are for needs people post now: not for a batch the size of a reindex, nor for an old need
    read again (a new model). Neither reaches the ranking, so no index is needed here."""
    sme = make_user(app, db_session, Role.SME)
    needs = [make_need(db_session, sme, title=f"수요 {n}") for n in range(app.config["MATCH_ALERT_BATCH"] + 1)]
    old = needs[0]
    old.updated_at = utcnow() - timedelta(days=2)
    commit(db_session)
    with app.app_context():
        assert alert_matching_offers(db_session, None, [need.id for need in needs], TODAY) == 0  # type: ignore[arg-type]
        assert alert_matching_offers(db_session, None, [old.id], TODAY) == 0  # type: ignore[arg-type]
    assert db_session.scalar(select(func.count()).select_from(Alert)) == 0
