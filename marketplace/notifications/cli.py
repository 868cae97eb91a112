"""`flask --app wsgi notify ...`: send the email outbox (features add their reminders to the group)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from marketplace.db import db
from marketplace.notifications.mailer import MailNotConfigured, send_due_emails

notify_group = AppGroup("notify", help="Notifications: the email outbox and reminders.")


@notify_group.command("send")
@click.option("--limit", default=500, show_default=True, help="At most this many emails in one run.")
def send_command(limit: int) -> None:
    """Send the outbox's due emails through MAIL_SERVER (safe to run twice, or twice at once)."""
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
