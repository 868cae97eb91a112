"""`flask --app wsgi funds ...`: the ledger's checks from the command line."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from funds.check import counts, run_checks
from funds.payment_types import GatewayError
from marketplace.db import db

funds_group = AppGroup("funds", help="Government programmes, projects and the ledger.")


@funds_group.command("check")
def check_command() -> None:
    """Scan the ledger's invariants; exit 1 and list every violation if any is broken."""
    session = db.session
    violations = run_checks(session)
    transactions, entries, accounts = counts(session)
    for violation in violations:
        click.echo(f"VIOLATION {violation}", err=True)
    click.echo(
        f"scanned {transactions} transactions, {entries} entries, {accounts} accounts: {len(violations)} violations"
    )
    session.rollback()
    if violations:
        sys.exit(1)


@funds_group.command("reconcile")
def reconcile_command() -> None:
    """Apply what Stripe's webhooks missed (payments, refunds, events); safe to run again."""
    from funds.payment_commands import reconcile

    try:
        report = reconcile(db.session)
    except GatewayError as error:
        # One line, no traceback: an operator (or the schedule's log) needs the cause, not our call stack.
        message = f"Stripe did not answer ({error}); nothing was changed. Run it again later."
        raise click.ClickException(message) from None
    click.echo(
        f"listed {report.intents} payment intents and {report.events} events; "
        f"applied {report.events_applied} missed events; settled {len(report.settlements)} payments "
        f"(credited {report.credited_krw:,} KRW, refunded {report.refunded_krw:,} KRW); "
        f"sent {report.refunds_sent} pending refunds; closed {report.abandoned} abandoned payments; "
        f"{len(report.unmatched)} unmatched"
    )
    for payment_id in report.unmatched:
        click.echo(f"UNMATCHED payment {payment_id}: our record differs from Stripe's", err=True)
    if report.unmatched:
        sys.exit(1)
