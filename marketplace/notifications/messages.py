"""The text of each kind of notification, in the reader's language (the in-app list and the emails).

Each kind brings its own text (kinds.Kind.text, registered by the area that sends it)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _

from marketplace.notifications.kinds import KINDS
from marketplace.notifications.models import Notification


def with_reason(text: str, data: Mapping[str, Any]) -> str:
    """The text, followed by the reason given for the move if there is one."""
    if not data.get("reason"):
        return text
    return text + " " + _("Reason: %(reason)s", reason=data["reason"])


def render_text(kind: str, data: Mapping[str, Any] | None) -> str:
    """The sentence for an event of this kind, in the current language (the kind's name if unknown)."""
    known = KINDS.get(kind)
    return known.text(data or {}) if known else kind


def notification_text(notification: Notification) -> str:
    return render_text(notification.kind, notification.data)
