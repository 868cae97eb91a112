"""The account emails (verify the address, reset the password, join an organisation), written into the outbox
in the recipient's language. They are not notifications: nobody can switch them off, and they carry a link
that works once."""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from marketplace.notifications.models import OutboxEmail
from marketplace.notifications.outbox import queue_message


def shown_email(email: OutboxEmail | None) -> OutboxEmail | None:
    """In development with no mail server nothing is sent: the page that queued an email shows it, so that
    whoever tries the site locally can follow its link. Never elsewhere: it would tell who is registered."""
    config = current_app.config
    return email if config["ENV_NAME"] == "development" and not config["MAIL_SERVER"] else None


def site_link(path: str) -> str:
    return current_app.config["SITE_URL"].rstrip("/") + path


def _queue(session: Session, recipient: str, locale: str, kind: str, subject: str, lines: list[str]) -> OutboxEmail:
    return queue_message(session, recipient, locale, kind, "[" + _("Sangsaeng") + "] " + subject, "\n\n".join(lines))


def queue_verification(session: Session, recipient: str, locale: str, name: str, path: str, hours: int) -> OutboxEmail:
    with force_locale(locale):
        lines = [
            _("Hello %(name)s,", name=name),
            _("Please confirm that this is your email address by opening this link:"),
            site_link(path),
            _(
                "The link works once, for %(hours)d hours. If you did not create an account, ignore this email.",
                hours=hours,
            ),
        ]
        return _queue(session, recipient, locale, "verify_email", _("Confirm your email address"), lines)


def queue_password_reset(
    session: Session, recipient: str, locale: str, name: str, path: str, minutes: int
) -> OutboxEmail:
    with force_locale(locale):
        lines = [
            _("Hello %(name)s,", name=name),
            _("Someone asked to reset the password of your account. To choose a new password, open this link:"),
            site_link(path),
            _(
                "The link works once, for %(minutes)d minutes. Setting a new password logs out every session. "
                "If you did not ask for this, ignore this email: your password stays as it is.",
                minutes=minutes,
            ),
        ]
        return _queue(session, recipient, locale, "reset_password", _("Reset your password"), lines)


def queue_invitation(
    session: Session, recipient: str, locale: str, inviter: str, organisation: str, path: str, days: int
) -> OutboxEmail:
    with force_locale(locale):
        lines = [
            _(
                "%(inviter)s invites you to join %(organisation)s on Sangsaeng.",
                inviter=inviter,
                organisation=organisation,
            ),
            _("To accept, open this link and choose your password:"),
            site_link(path),
            _("The invitation works once, for %(days)d days.", days=days),
        ]
        subject = _("Join %(organisation)s on Sangsaeng", organisation=organisation)
        return _queue(session, recipient, locale, "invitation", subject, lines)


def queue_sign_up_attempt(session: Session, recipient: str, locale: str, name: str) -> OutboxEmail:
    """Someone registered with an address that has an account: its owner is told, not the form's sender."""
    with force_locale(locale):
        lines = [
            _("Hello %(name)s,", name=name),
            _(
                "Someone, perhaps you, tried to create a new Sangsaeng account with this email address. "
                "It already has an account, so nothing was created."
            ),
            _("To log in:") + " " + site_link("/account/login"),
            _("Forgot your password? Choose a new one here:") + " " + site_link("/account/forgot"),
            _("If it was not you, ignore this email: your account stays as it is."),
        ]
        return _queue(session, recipient, locale, "sign_up_attempt", _("You already have an account"), lines)
