"""Training's notifications: a waiting learner got a seat; a course was cancelled."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.auth.models import Role
from marketplace.notifications.kinds import Kind, event_values

TRAINING_KINDS = (
    Kind(
        "course_seat_offered",
        _l("A seat on a course is free for your learner"),
        (Role.SME,),
        email=True,
        text=lambda data: _(
            "%(learner)s moved up from the waiting list and has a seat on “%(title)s”.",
            **event_values(data, "learner", "title"),
        ),
    ),
    Kind(
        "course_cancelled",
        _l("A course you enrolled in was cancelled"),
        (Role.SME,),
        email=True,
        text=lambda data: _("The course “%(title)s” was cancelled by its organiser.", **event_values(data, "title")),
    ),
)
