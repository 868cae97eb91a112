"""Closing the accounts of a project's parties leaves the ledger as it was, and balanced (`funds check`)."""

from __future__ import annotations

from sqlalchemy import func, select

from funds.models import LedgerEntry
from marketplace.programmes.models import ProgrammeStatus
from tests.conftest import log_in, post_form
from tests.factories import PASSWORD
from tests.funds.conftest import apply, move


def test_closing_the_sme_and_the_sponsor_keeps_the_ledger_balanced(app, client, db_session, runner, world):
    project = apply(client, world)
    assert move(client, world.sponsor, project["id"], "select").status_code == 200
    assert move(client, world.officer, project["id"], "agree").status_code == 200
    entries = db_session.scalar(select(func.count()).select_from(LedgerEntry))
    assert entries > 0  # the agreement committed money from the pool and the budget

    for side in (world.sme, world.sponsor):
        browser = app.test_client()
        log_in(browser, side.user.email, PASSWORD)
        assert post_form(browser, "/account/close", {"password": PASSWORD, "understood": "y"}).status_code == 302

    assert db_session.scalar(select(func.count()).select_from(LedgerEntry)) == entries
    db_session.refresh(world.programme)
    assert world.programme.status == ProgrammeStatus.CLOSED  # the sponsor's last account: no new applications
    result = runner.invoke(args=["funds", "check"])
    assert result.exit_code == 0, result.output
