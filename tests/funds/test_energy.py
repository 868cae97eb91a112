"""Energy pre-investment: who marks it and when, repayments through the ledger, the schedule, the page."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from funds import ledger
from funds.energy.services import mark_preinvestment, record_saving, schedule
from funds.ledger.check import run_checks
from funds.models import AccountKind, EnergySaving, LedgerTransaction, TransactionKind
from marketplace import clock
from marketplace.dates import add_months
from marketplace.errors import Conflict, Forbidden, ValidationFailed
from tests.conftest import log_in, post_form
from tests.factories import PASSWORD, context_of
from tests.funds.making import make_project

THIS_MONTH = clock.today().replace(day=1)
LAST_MONTH = add_months(THIS_MONTH, -1)
AGREED = add_months(clock.today(), -8)  # so the months before this one are after agreement


@pytest.fixture
def ctx(app):
    """A request context for the service calls: refusals render their message in the request's language, and
    the notifications of a project's moves are rendered for their emails."""
    with app.test_request_context():
        yield


def _written(session) -> tuple[int, int]:
    savings = session.scalar(select(func.count()).select_from(EnergySaving))
    return savings, session.scalar(select(func.count()).select_from(LedgerTransaction))


def _outstanding(session, project) -> int:
    return ledger.balance(session, AccountKind.PREINVESTMENT_RECEIVABLE, project.id)


def _month(n: int) -> date:
    """The n-th month after agreement."""
    return add_months(AGREED.replace(day=1), n)


@pytest.mark.parametrize(
    ("who", "state", "outcome"),
    [
        ("sponsor", "applied", None),
        ("sponsor", "selected", None),
        ("sponsor", "agreed", Conflict),
        ("sponsor", "rejected", Conflict),
        ("sme", "applied", Forbidden),
        ("supplier", "applied", Forbidden),
        ("officer", "applied", Forbidden),
        ("outsider", "applied", Forbidden),
    ],
)
def test_only_the_sponsor_marks_before_money_is_committed(ctx, db_session, world, who, state, outcome):
    project = make_project(db_session, world, state)
    actor = getattr(world, who).user
    if outcome is None:
        mark_preinvestment(db_session, actor, project, 40)
        assert (project.energy_preinvestment, project.repayment_percent) == (True, 40)
        return
    with pytest.raises(outcome):
        mark_preinvestment(db_session, actor, project, 40)
    assert not project.energy_preinvestment


def test_the_government_only_track_has_no_sponsor_to_pre_invest(ctx, db_session, world):
    project = make_project(db_session, world, programme_id=None, government_programme_id=3)
    with pytest.raises(Conflict):
        mark_preinvestment(db_session, world.officer.user, project, 50)  # the officer acts as sponsor there


@pytest.mark.parametrize("percent", [0, 101, -5, None, "50", 12.5, True])
def test_repayment_percent_is_a_whole_percent(ctx, db_session, world, percent):
    project = make_project(db_session, world)
    with pytest.raises(ValidationFailed) as refused:
        mark_preinvestment(db_session, world.sponsor.user, project, percent)
    assert list(refused.value.fields) == ["repayment_percent"]
    assert not project.energy_preinvestment


def test_agreeing_pre_invests_the_sme_share_from_the_pool(ctx, db_session, world):
    project = make_project(db_session, world, "agreed", percent=50)
    assert (project.sponsor_share_krw, project.sme_share_krw) == (30_000_000, 40_000_000)
    assert _outstanding(db_session, project) == 40_000_000
    assert ledger.balance(db_session, AccountKind.SPONSOR_POOL, world.programme.id) == 5_000_000_000 - 70_000_000
    assert run_checks(db_session) == []


def test_savings_repay_until_the_pre_investment_is_repaid(ctx, db_session, world):
    project = make_project(db_session, world, "completed", percent=50, agreed_on=AGREED)
    first = record_saving(db_session, context_of(world.sme.user), project, _month(1), 30_000_001, 200_000)
    assert first.repaid_krw == 15_000_000  # floor(30,000,001 × 50 / 100)
    assert _outstanding(db_session, project) == 25_000_000
    payoff = record_saving(db_session, context_of(world.sponsor.user), project, _month(2), 50_000_000)
    assert payoff.repaid_krw == 25_000_000  # exactly what was left
    after = record_saving(db_session, context_of(world.officer.user), project, _month(3), 10_000_000)
    assert (after.repaid_krw, after.transaction_id) == (0, None)
    assert _outstanding(db_session, project) == 0
    assert ledger.balance(db_session, AccountKind.SPONSOR_REPAID, world.programme.id) == 40_000_000
    repayments = db_session.scalars(select(LedgerTransaction).where(LedgerTransaction.kind == TransactionKind.REPAY))
    assert sorted(t.id for t in repayments) == sorted([first.transaction_id, payoff.transaction_id])
    assert run_checks(db_session) == []


def test_a_repayment_never_exceeds_what_is_owed(ctx, db_session, world):
    project = make_project(db_session, world, "inspected", percent=100, agreed_on=AGREED)
    record_saving(db_session, context_of(world.sme.user), project, _month(1), 39_000_000)
    last = record_saving(db_session, context_of(world.sme.user), project, _month(2), 5_000_000)
    assert last.repaid_krw == 1_000_000
    assert _outstanding(db_session, project) == 0
    assert run_checks(db_session) == []


def test_a_second_saving_for_the_same_month_is_refused(ctx, db_session, world):
    project = make_project(db_session, world, "completed", percent=50, agreed_on=AGREED)
    record_saving(db_session, context_of(world.sme.user), project, _month(1), 1_000_000)
    db_session.commit()
    before = _written(db_session)
    with pytest.raises(Conflict) as refused:
        record_saving(db_session, context_of(world.sponsor.user), project, _month(1).replace(day=15), 2_000_000)
    assert refused.value.status == 409
    assert _written(db_session) == before


@pytest.mark.parametrize(
    ("month", "saved_krw", "saved_kwh", "field"),
    [
        (add_months(THIS_MONTH, 1), 1_000_000, None, "month"),
        (None, 1_000_000, None, "month"),
        (add_months(AGREED, -2), 1_000_000, None, "month"),
        (LAST_MONTH, -1, None, "saved_krw"),
        (LAST_MONTH, None, None, "saved_krw"),
        (LAST_MONTH, "1000", None, "saved_krw"),
        (LAST_MONTH, 1.5, None, "saved_krw"),
        (LAST_MONTH, 1_000_000, -3, "saved_kwh"),
        (LAST_MONTH, 1_000_000, "many", "saved_kwh"),
    ],
)
def test_bad_values_name_their_field_and_write_nothing(ctx, db_session, world, month, saved_krw, saved_kwh, field):
    project = make_project(db_session, world, "completed", percent=50, agreed_on=AGREED)
    before = _written(db_session)
    with pytest.raises(ValidationFailed) as refused:
        record_saving(db_session, context_of(world.sme.user), project, month, saved_krw, saved_kwh)
    assert list(refused.value.fields) == [field]
    assert refused.value.fields[field][0]
    assert _written(db_session) == before


@pytest.mark.parametrize(
    ("state", "percent", "who", "outcome"),
    [
        ("building", 50, "sme", Conflict),  # not yet inspected
        ("agreed", 50, "officer", Conflict),
        ("completed", None, "sme", Conflict),  # not a pre-investment
        ("completed", 50, "supplier", Forbidden),
        ("completed", 50, "outsider", Forbidden),
    ],
)
def test_who_records_and_when(ctx, db_session, world, state, percent, who, outcome):
    project = make_project(db_session, world, state, percent=percent, agreed_on=AGREED)
    with pytest.raises(outcome):
        record_saving(db_session, context_of(getattr(world, who).user), project, LAST_MONTH, 1_000_000)


def test_schedule_projects_the_end_at_the_average_repayment(ctx, db_session, world):
    project = make_project(db_session, world, "completed", percent=50, agreed_on=AGREED)
    for n, saved in ((1, 4_000_000), (2, 2_000_000), (3, 3_000_001)):
        record_saving(db_session, context_of(world.sme.user), project, _month(n), saved, 10_000)
    plan = schedule(db_session, project)
    assert (plan.preinvested_krw, plan.repaid_krw, plan.outstanding_krw) == (40_000_000, 4_500_000, 35_500_000)
    assert [row.repaid_krw for row in plan.rows] == [2_000_000, 1_000_000, 1_500_000]
    assert [row.outstanding_krw for row in plan.rows] == [38_000_000, 37_000_000, 35_500_000]
    assert plan.average_repaid_krw == 1_500_000
    assert plan.months_left == 24  # 35.5M / 1.5M = 23.7, rounded up
    assert plan.expected_end == add_months(_month(3), 24)


def test_schedule_without_savings_has_no_projection(ctx, db_session, world):
    plan = schedule(db_session, make_project(db_session, world, "inspected", percent=50))
    assert (plan.preinvested_krw, plan.outstanding_krw, plan.rows, plan.months_left) == (
        40_000_000,
        40_000_000,
        [],
        None,
    )


def _page(app, user, project_id, language="en"):
    browser = app.test_client()
    assert log_in(browser, user.email, PASSWORD).status_code == 302
    return browser, browser.get(f"/projects/{project_id}/energy", headers={"Accept-Language": language})


@pytest.mark.parametrize(
    ("who", "status"),
    [("sme", 200), ("sponsor", 200), ("officer", 200), ("supplier", 404), ("outsider", 404)],
)
def test_the_page_is_for_the_sme_the_sponsor_and_officers(app, db_session, world, who, status):
    with app.test_request_context():
        project = make_project(db_session, world, "completed", percent=50, agreed_on=AGREED)
    _browser, response = _page(app, getattr(world, who).user, project.id)
    assert response.status_code == status


def test_the_sme_records_a_month_on_the_page(app, db_session, world):
    with app.test_request_context():
        project = make_project(db_session, world, "completed", percent=50, agreed_on=AGREED)
    browser, page = _page(app, world.sme.user, project.id)
    assert "₩40,000,000" in page.get_data(as_text=True)
    path = f"/projects/{project.id}/energy/savings"
    form = {"month": LAST_MONTH.strftime("%Y-%m"), "saved_krw": "3000000", "saved_kwh": "20000"}
    assert post_form(browser, path, form).status_code == 302
    page = browser.get(f"/projects/{project.id}/energy").get_data(as_text=True)
    assert "₩1,500,000" in page
    assert "₩38,500,000" in page
    refused = post_form(browser, path, form | {"saved_krw": "2000000"}, headers={"Accept-Language": "en"})
    assert refused.status_code == 409
    assert "already recorded for this month" in refused.get_data(as_text=True)
    future = form | {"month": add_months(THIS_MONTH, 2).strftime("%Y-%m")}
    refused = post_form(browser, path, future, headers={"Accept-Language": "ko"})
    assert refused.status_code == 400
    assert "미래" in refused.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.scalar(select(func.count()).select_from(EnergySaving)) == 1


def test_the_sponsor_marks_on_the_page_in_korean(app, db_session, world):
    with app.test_request_context():
        project = make_project(db_session, world, "selected")
    browser, page = _page(app, world.sponsor.user, project.id, "ko")
    assert "에너지 절감액 분할상환" in page.get_data(as_text=True)
    path = f"/projects/{project.id}/energy/preinvestment"
    refused = post_form(browser, path, {"repayment_percent": "0"}, headers={"Accept-Language": "ko"})
    assert refused.status_code == 400
    assert post_form(browser, path, {"repayment_percent": "60"}).status_code == 302
    db_session.expire_all()
    db_session.refresh(project)
    assert (project.energy_preinvestment, project.repayment_percent) == (True, 60)
