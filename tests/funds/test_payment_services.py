"""The payment rules on their own (no Stripe): what is due, who pays, and settling from a PaymentIntent's state
moves the ledger by differences only, so any repetition or order of updates ends in the same place."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from funds.ledger.check import run_checks
from funds.models import LedgerTransaction, PaymentPurpose, PaymentStatus, TransactionKind
from funds.payments.data import IntentState, RefundState
from funds.payments.effects import settle_payment
from funds.payments.services import NotPayable, RefundTooLarge, due, open_payment, request_refund
from funds.projects.services import transition_project
from marketplace.auth.models import Role
from marketplace.errors import Forbidden, ValidationFailed
from tests.factories import context_of, make_need, make_project, make_user

SHARE = 30_000_000

SITE = "http://127.0.0.1:5000"  # where the payers' emails link to


@pytest.fixture
def agreed(app, db_session):
    sme, officer = make_user(app, db_session, Role.SME), make_user(app, db_session, Role.OFFICER)
    project = make_project(app, db_session, sme, make_need(db_session, sme))
    with app.test_request_context():
        for action in ("select", "agree"):
            transition_project(db_session, context_of(officer), project, action)
    return sme, officer, project


def intent(payment_id: int, status: str, amount: int, refunded: int = 0) -> IntentState:
    refunds = (RefundState("re_1", refunded, "succeeded", None),) if refunded else ()
    return IntentState("pi_test", payment_id, status, amount, None, refunds)


def kinds(db_session) -> list[TransactionKind]:
    return list(db_session.scalars(select(LedgerTransaction.kind).order_by(LedgerTransaction.id)))


def test_settling_moves_the_ledger_by_differences_only(app, db_session, agreed):
    sme, _, project = agreed
    with app.test_request_context():
        payment = open_payment(db_session, sme, PaymentPurpose.SME_SHARE, project.id, 10_000_000)
        payment.stripe_payment_intent_id = "pi_test"
        for state in (intent(payment.id, "succeeded", 10_000_000),) * 3:
            settle_payment(db_session, state, site_url=SITE)
        settle_payment(
            db_session, intent(payment.id, "requires_payment_method", 10_000_000), site_url=SITE
        )  # a stale failure
        settle_payment(db_session, intent(payment.id, "succeeded", 10_000_000, refunded=3_000_000), site_url=SITE)
        settle_payment(db_session, intent(payment.id, "succeeded", 10_000_000, refunded=3_000_000), site_url=SITE)
    assert (payment.status, payment.captured_krw, payment.refunded_krw) == (
        PaymentStatus.SUCCEEDED,
        10_000_000,
        3_000_000,
    )
    assert kinds(db_session)[-2:] == [TransactionKind.PAYMENT, TransactionKind.REFUND]
    assert run_checks(db_session) == []
    assert due(db_session, PaymentPurpose.SME_SHARE, project).payable_krw == SHARE - 7_000_000


def test_an_intent_of_another_payment_changes_nothing(app, db_session, agreed):
    sme, _, project = agreed
    with app.test_request_context():
        payment = open_payment(db_session, sme, PaymentPurpose.SME_SHARE, project.id, 1_000)
        payment.stripe_payment_intent_id = "pi_ours"
        assert (
            settle_payment(db_session, intent(payment.id, "succeeded", 1_000), site_url=SITE) is None
        )  # pi_test is not ours
    assert payment.captured_krw == 0


def test_what_is_due_bounds_every_payment_and_refund(app, db_session, agreed):
    sme, officer, project = agreed
    with app.test_request_context():
        with pytest.raises(ValidationFailed) as too_much:
            open_payment(db_session, sme, PaymentPurpose.SME_SHARE, project.id, SHARE + 1)
        assert set(too_much.value.fields) == {"amount_krw"}
        with pytest.raises(ValidationFailed):
            open_payment(db_session, sme, PaymentPurpose.SME_SHARE, project.id, 0)
        first = open_payment(db_session, sme, PaymentPurpose.SME_SHARE, project.id, SHARE - 5)
        with pytest.raises(ValidationFailed):  # the first is still in flight: only ₩5 is left
            open_payment(db_session, sme, PaymentPurpose.SME_SHARE, project.id, 6)
        first.stripe_payment_intent_id = "pi_test"
        settle_payment(db_session, intent(first.id, "succeeded", SHARE - 5), site_url=SITE)
        request_refund(db_session, officer, first, SHARE - 10, "too much")
        with pytest.raises(RefundTooLarge):  # ₩5 left, the rest is being refunded
            request_refund(db_session, officer, first, 6, "again")


@pytest.mark.parametrize(
    ("role", "purpose", "refusal"),
    [
        (Role.SPONSOR, PaymentPurpose.SME_SHARE, Forbidden),  # not the project's SME
        (Role.SME, PaymentPurpose.SME_SHARE, Forbidden),  # another SME
        (Role.OFFICER, PaymentPurpose.SME_SHARE, Forbidden),
    ],
)
def test_only_the_projects_sme_pays_its_share(app, db_session, agreed, role, purpose, refusal):
    _, _, project = agreed
    with app.test_request_context(), pytest.raises(refusal):
        open_payment(db_session, make_user(app, db_session, role), purpose, project.id, 1_000)


def test_a_project_not_yet_agreed_is_not_payable(app, db_session):
    sme = make_user(app, db_session, Role.SME)
    project = make_project(app, db_session, sme, make_need(db_session, sme))
    with app.test_request_context(), pytest.raises(NotPayable):
        open_payment(db_session, sme, PaymentPurpose.SME_SHARE, project.id, 1_000)
