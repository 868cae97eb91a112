"""Labels of engagement states and actions, in the reader's language (template helpers)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from marketplace.i18n import current_language
from mentors.models import LANGUAGES

STATUS_LABELS = {
    "proposed": _l("Proposed"),
    "accepted": _l("Accepted"),
    "active": _l("Active"),
    "paused": _l("Paused"),
    "completed": _l("Completed"),
    "declined": _l("Declined"),
    "cancelled": _l("Cancelled"),
}
ACTION_LABELS = {
    "accept": _l("Accept"),
    "decline": _l("Decline"),
    "start": _l("Start the engagement"),
    "pause": _l("Pause"),
    "resume": _l("Resume"),
    "complete": _l("Complete"),
    "cancel": _l("Cancel"),
}

# The history's lines say what happened, not what to do: "Started · 김멘토", not "Start the engagement".
EVENT_LABELS = {
    "accept": _l("Accepted"),
    "decline": _l("Declined"),
    "start": _l("Started"),
    "pause": _l("Paused"),
    "resume": _l("Resumed"),
    "complete": _l("Completed"),
    "cancel": _l("Cancelled"),
}


def engagement_status_label(status: str) -> str:
    return str(STATUS_LABELS.get(str(status), status))


def engagement_action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def engagement_event_label(action: str) -> str:
    return str(EVENT_LABELS.get(action, action))


def language_label(code: str) -> str:
    return next((term.label(current_language()) for term in LANGUAGES if term.code == code), code)


TEMPLATE_GLOBALS = {
    "engagement_status_label": engagement_status_label,
    "engagement_action_label": engagement_action_label,
    "engagement_event_label": engagement_event_label,
    "language_label": language_label,
}
