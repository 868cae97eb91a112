"""`flask --app wsgi funds ...`: the ledger's checks from the command line."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from funds.check import counts, run_checks
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
