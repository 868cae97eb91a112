"""The text of each kind of notification, in the reader's language (the in-app list and the emails)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from flask_babel import gettext as _

from marketplace.notifications.models import Notification
from marketplace.templating import format_krw


def _with_reason(text: str, data: Mapping[str, Any]) -> str:
    if not data.get("reason"):
        return text
    return text + " " + _("Reason: %(reason)s", reason=data["reason"])


def _project_moved(data: Mapping[str, Any]) -> str:
    from funds.labels import project_action_label, project_status_label  # funds builds on the core, not back

    status = project_status_label(data.get("status", ""))
    if data.get("next"):
        next_step = project_action_label(data["next"])
        return _(
            "The project “%(title)s” is now: %(status)s. Next step: %(next)s.",
            title=data.get("title", ""),
            status=status,
            next=next_step,
        )
    text = _("The project “%(title)s” is now: %(status)s.", title=data.get("title", ""), status=status)
    return _with_reason(text, data)


def _engagement_moved(data: Mapping[str, Any]) -> str:
    from mentors.labels import engagement_status_label

    text = _(
        "%(actor)s moved the engagement “%(title)s” to: %(status)s.",
        actor=data.get("by", ""),
        title=data.get("title", ""),
        status=engagement_status_label(data.get("status", "")),
    )
    return _with_reason(text, data)


TEXTS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "interest_received": lambda data: _(
        "%(sender)s is interested in “%(title)s”.", sender=data.get("sender", ""), title=data.get("title", "")
    ),
    "interest_accepted": lambda data: _(
        "%(recipient)s accepted your interest in “%(title)s”. Contact details are now visible.",
        recipient=data.get("recipient", ""),
        title=data.get("title", ""),
    ),
    "interest_declined": lambda data: _(
        "%(recipient)s declined your interest in “%(title)s”.",
        recipient=data.get("recipient", ""),
        title=data.get("title", ""),
    ),
    "project_moved": _project_moved,
    "engagement_proposed": lambda data: _(
        "%(proposer)s proposes that you mentor “%(title)s” for %(months)s months from %(start)s.",
        proposer=data.get("proposer", ""),
        title=data.get("title", ""),
        months=data.get("months", ""),
        start=data.get("start", ""),
    ),
    "engagement_moved": _engagement_moved,
    "log_due": lambda data: _(
        "Your monthly log for “%(title)s” is due (%(month)s).", title=data.get("title", ""), month=data.get("month", "")
    ),
    "log_written": lambda data: _(
        "%(mentor)s wrote the log of %(date)s for “%(title)s”. Please read and confirm it.",
        mentor=data.get("by", ""),
        date=data.get("date", ""),
        title=data.get("title", ""),
    ),
    "payment_succeeded": lambda data: _(
        "Your payment of %(amount)s for “%(title)s” succeeded.",
        amount=format_krw(data.get("amount_krw")),
        title=data.get("title", ""),
    ),
    "payment_failed": lambda data: _with_reason(
        _(
            "Your payment of %(amount)s for “%(title)s” failed. Please try again.",
            amount=format_krw(data.get("amount_krw")),
            title=data.get("title", ""),
        ),
        data,
    ),
}


def render_text(kind: str, data: Mapping[str, Any] | None) -> str:
    """The sentence for an event of this kind, in the current language (the kind's name if unknown)."""
    render = TEXTS.get(kind)
    return render(data or {}) if render else kind


def notification_text(notification: Notification) -> str:
    return render_text(notification.kind, notification.data)
