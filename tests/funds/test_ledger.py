"""The ledger: balanced transfers, refused over-commitment, reversals, and rows the database will not change."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from funds import ledger
from funds.ledger.check import balances, run_checks, unbalanced_transactions
from funds.models import AccountKind, LedgerEntry, LedgerTransaction, TransactionKind
from marketplace.auth.models import Role
from tests.factories import make_user

A = AccountKind


@pytest.fixture
def officer(app, db_session):
    return make_user(app, db_session, Role.OFFICER)


def funded_budget(session, officer, amount: int, owner_id: int = 1):
    """Government programme `owner_id`'s budget accounts, with `amount` appropriated."""
    source = ledger.account(session, A.GOVERNMENT_APPROPRIATION, owner_id)
    budget = ledger.account(session, A.GOVERNMENT_BUDGET, owner_id)
    ledger.record(session, TransactionKind.BUDGET, [ledger.Transfer(source, budget, amount)], officer)
    return source, budget


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_a_transfer_writes_one_balanced_transaction(db_session, officer):
    source, budget = funded_budget(db_session, officer, 1_000)
    assert (source.balance_krw, budget.balance_krw) == (-1_000, 1_000)
    entries = db_session.scalars(select(LedgerEntry).order_by(LedgerEntry.id)).all()
    assert sorted(entry.amount_krw for entry in entries) == [-1_000, 1_000]
    assert unbalanced_transactions(db_session) + balances(db_session) == []


def test_taking_more_than_an_account_holds_is_refused_and_nothing_is_written(db_session, officer):
    _, budget = funded_budget(db_session, officer, 1_000)
    escrow = ledger.account(db_session, A.PROJECT_ESCROW, 999)
    before = count(db_session, LedgerEntry), count(db_session, LedgerTransaction)
    with pytest.raises(ledger.InsufficientFunds) as refused:
        ledger.record(db_session, TransactionKind.COMMIT, [ledger.Transfer(budget, escrow, 1_001)], officer)
    assert refused.value.status == 409
    assert (count(db_session, LedgerEntry), count(db_session, LedgerTransaction)) == before
    db_session.expire_all()
    assert (budget.balance_krw, escrow.balance_krw) == (1_000, 0)


def test_one_refused_leg_refuses_the_whole_transaction(db_session, officer):
    _, budget = funded_budget(db_session, officer, 1_000)
    _, other = funded_budget(db_session, officer, 10, owner_id=2)
    escrow = ledger.account(db_session, A.PROJECT_ESCROW, 999)
    legs = [ledger.Transfer(budget, escrow, 500), ledger.Transfer(other, escrow, 11)]
    with pytest.raises(ledger.InsufficientFunds), db_session.begin_nested():
        ledger.record(db_session, TransactionKind.COMMIT, legs, officer)
    db_session.expire_all()
    assert (budget.balance_krw, other.balance_krw, escrow.balance_krw) == (1_000, 10, 0)


def test_a_reversal_undoes_entry_by_entry_and_points_at_the_original(db_session, officer):
    _, budget = funded_budget(db_session, officer, 1_000)
    escrow = ledger.account(db_session, A.PROJECT_ESCROW, 999)
    original = ledger.record(db_session, TransactionKind.COMMIT, [ledger.Transfer(budget, escrow, 400)], officer)
    reversal = ledger.reverse(db_session, original, TransactionKind.CORRECTION, officer, "typo")
    assert reversal.reverses_id == original.id
    assert sorted(e.amount_krw for e in reversal.entries) == sorted(-e.amount_krw for e in original.entries)
    db_session.expire_all()
    assert (budget.balance_krw, escrow.balance_krw) == (1_000, 0)
    assert unbalanced_transactions(db_session) + balances(db_session) == []


def test_a_negative_transfer_is_a_programming_error(db_session, officer):
    source, budget = funded_budget(db_session, officer, 10)
    with pytest.raises(ValueError, match="positive"):
        ledger.record(db_session, TransactionKind.BUDGET, [ledger.Transfer(source, budget, -5)], officer)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE ledger_entries SET amount_krw = amount_krw * 2",
        "DELETE FROM ledger_entries",
        "UPDATE ledger_transactions SET memo = 'rewritten'",
        "DELETE FROM ledger_transactions",
    ],
)
def test_the_database_refuses_to_change_or_delete_ledger_rows(db_session, officer, statement):
    funded_budget(db_session, officer, 1_000)
    db_session.commit()
    with pytest.raises(DBAPIError, match="append-only"), db_session.begin_nested():
        db_session.execute(text(statement))
    assert count(db_session, LedgerEntry) == 2
    assert count(db_session, LedgerTransaction) == 1


def test_funds_check_finds_a_tampered_balance(db_session, officer, runner, app):
    _, budget = funded_budget(db_session, officer, 1_000)
    # The running balance is a cache the ledger keeps; a write that bypasses it is what check is for.
    db_session.execute(text("UPDATE ledger_accounts SET balance_krw = 5 WHERE id = :id"), {"id": budget.id})
    db_session.commit()
    problems = run_checks(db_session)
    assert any("entries sum to 1,000" in problem for problem in problems), problems
    result = runner.invoke(args=["funds", "check"])
    assert result.exit_code == 1
    assert "VIOLATION" in result.output
