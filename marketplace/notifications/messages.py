"""The text of each kind of notification, in the reader's language."""

from __future__ import annotations

from flask_babel import gettext as _

from marketplace.notifications.models import Notification


def notification_text(notification: Notification) -> str:
    data = notification.data or {}
    texts = {
        "interest_received": lambda: _(
            "%(sender)s is interested in “%(title)s”.", sender=data.get("sender", ""), title=data.get("title", "")
        ),
        "interest_accepted": lambda: _(
            "%(recipient)s accepted your interest in “%(title)s”. Contact details are now visible.",
            recipient=data.get("recipient", ""),
            title=data.get("title", ""),
        ),
        "interest_declined": lambda: _(
            "%(recipient)s declined your interest in “%(title)s”.",
            recipient=data.get("recipient", ""),
            title=data.get("title", ""),
        ),
    }
    render = texts.get(notification.kind)
    return render() if render else notification.kind
