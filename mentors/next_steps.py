"""What each party of an engagement must do next, in words: the engagement page and the dashboards show it,
so nobody has to guess from a status badge whose turn it is."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from marketplace import clock
from mentors.engagements import can_start_on
from mentors.logs import log_due
from mentors.models import Engagement, EngagementStatus, Party, RatingSide

S = EngagementStatus
ENDED = (S.DECLINED, S.CANCELLED)


def next_step(engagement: Engagement, sides: Iterable[Party | str], today: date | None = None) -> str | None:
    """The next step for a viewer acting for `sides` (None for someone who only looks on, e.g. an officer)."""
    mine = {Party(side) for side in sides}
    if not mine:
        return None
    today = today or clock.today()
    side = Party.MENTOR if Party.MENTOR in mine else (Party.SME if Party.SME in mine else Party.SPONSOR)
    status = engagement.status
    if status == S.PROPOSED:
        if side == Party.MENTOR:
            return _("Read the proposal, then accept or decline it.")
        return _("Waiting for the mentor to accept or decline.")
    if status == S.ACCEPTED:
        return _accepted(engagement, side, today)
    if status == S.ACTIVE:
        return _active(engagement, side, today)
    if status == S.PAUSED:
        if side == Party.SPONSOR:
            return _("The engagement is paused.")
        return _("Resume the engagement when the work can go on.")
    if status == S.COMPLETED:
        return _completed(engagement, side)
    if status in ENDED and side != Party.MENTOR:
        return _("This engagement has ended. You can propose another mentor for the need.")
    return _("This engagement has ended.")


def _accepted(engagement: Engagement, side: Party, today: date) -> str:
    when = format_date(engagement.start_date)
    if not can_start_on(engagement, today):
        if side == Party.MENTOR:
            return _("You can start the engagement on or after %(date)s, its planned start.", date=when)
        return _("The engagement can start on or after %(date)s, its planned start.", date=when)
    if side == Party.SPONSOR:
        return _("Waiting for the mentor or the SME to start the engagement.")
    return _("Press “Start the engagement” when the mentoring begins (planned from %(date)s).", date=when)


def _active(engagement: Engagement, side: Party, today: date) -> str:
    if side == Party.MENTOR:
        if log_due(engagement, today):
            return _("Write this month's log.")
        return _("This month's log is written. Write the next one next month.")
    if side == Party.SME:
        if any(log.confirmed_at is None for log in engagement.logs):
            return _("Read the mentor's log and confirm it.")
        return _("Waiting for the mentor's monthly log.")
    return _("The mentoring is under way.")


def _completed(engagement: Engagement, side: Party) -> str:
    rating_side = {Party.MENTOR: RatingSide.OF_SME, Party.SME: RatingSide.OF_MENTOR}.get(side)
    if rating_side is not None and rating_side not in {rating.side for rating in engagement.ratings}:
        return _("Rate the engagement.")
    return _("The engagement is completed. Thank you.")
