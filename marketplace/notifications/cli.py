"""`flask --app wsgi notify ...`: send the email outbox, remind mentors of their monthly logs."""

from __future__ import annotations

from datetime import datetime

import click
from flask import current_app
from flask.cli import AppGroup

from marketplace import clock
from marketplace.db import db
from marketplace.unit_of_work import transaction

notify_group = AppGroup("notify", help="Notifications: the email outbox and reminders.")


@notify_group.command("send")
@click.option("--limit", default=500, show_default=True, help="At most this many emails in one run.")
def send_command(limit: int) -> None:
    """Send the outbox's due emails through MAIL_SERVER (safe to run twice, or twice at once)."""
    from marketplace.notifications.mailer import MailNotConfigured, send_due_emails

    try:
        report = send_due_emails(db.session, current_app.config, limit)
    except MailNotConfigured as error:
        raise click.ClickException(str(error)) from None
    if report is None:
        click.echo("development without MAIL_SERVER: nothing sent; admins see the outbox at /notifications/outbox")
        return
    click.echo(f"sent {report.sent}, failed {report.failed}, taken by another sender {report.taken}")
    if report.unreachable:
        raise click.ClickException(f"mail server unreachable, the rest waits for the next run: {report.unreachable}")


@notify_group.command("due-logs")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Default: today.")
def due_logs_command(today: datetime | None) -> None:
    """Remind each mentor of the active engagements without a log this month (once per engagement and month)."""
    from mentors.notices import remind_due_logs

    day = today.date() if today is not None else clock.today()
    with transaction() as session:
        reminded = remind_due_logs(session, day)
    click.echo(f"{reminded} log reminders for {day:%Y-%m}")
