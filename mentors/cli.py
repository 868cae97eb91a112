"""`flask --app wsgi notify due-logs`: mentoring's reminder, added to the core's notify group by the shell."""

from __future__ import annotations

from datetime import datetime

import click
from flask.cli import with_appcontext

from marketplace import clock
from marketplace.context import site_url
from marketplace.unit_of_work import transaction
from mentors.notices import remind_due_logs


@click.command("due-logs")
@with_appcontext
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Default: today.")
def due_logs_command(today: datetime | None) -> None:
    """Remind each mentor of the active engagements without a log this month (once per engagement and month)."""
    day = today.date() if today is not None else clock.today()
    with transaction() as session:
        reminded = remind_due_logs(session, day, site_url())
    click.echo(f"{reminded} log reminders for {day:%Y-%m}")
