"""Monthly logs (written by the mentor, confirmed by the SME), the 35-day flag, and the closing ratings."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from marketplace import clock
from marketplace.auth.models import User
from marketplace.context import ServiceContext
from marketplace.db import utcnow
from marketplace.errors import Conflict, Forbidden, NotFound
from marketplace.policy import ensure
from marketplace.validation import LONG_TEXT_CHARS, MESSAGE_CHARS, check_date, check_text, fail
from mentors.engagements import parties
from mentors.models import Engagement, EngagementLog, EngagementRating, EngagementStatus, Party, RatingSide
from mentors.notices import notify_log_written
from mentors.schemas import LogIn

LOG_FIELDS = ("log_date", "hours", "topics", "advice", "next_steps")


def first_log_day(engagement: Engagement) -> date:
    """The earliest date a log may carry: the planned start, or the day it really started if that was earlier
    (engagements started before their date, before that was refused, keep their logs possible)."""
    started = [clock.day_of(event.at) for event in engagement.events if event.action == "start"]
    return min([engagement.start_date, *started])


def check_log(values: dict[str, Any], engagement: Engagement, today: date) -> None:
    check_date(values, "log_date", required=True)
    if values["log_date"] > today:
        raise fail("log_date", _l("A log cannot be dated in the future."))
    first_day = first_log_day(engagement)
    if values["log_date"] < first_day:
        raise fail(
            "log_date", _l("A log cannot be dated before the engagement starts (%(date)s).", date=first_day.isoformat())
        )
    hours = values.get("hours")
    if isinstance(hours, bool) or not isinstance(hours, int) or not 1 <= hours <= 300:
        raise fail("hours", _l("Enter whole hours, 1 to 300."))
    for field in ("topics", "advice", "next_steps"):
        check_text(values, field, LONG_TEXT_CHARS)


def add_log(session: Session, ctx: ServiceContext, engagement: Engagement, command: LogIn) -> EngagementLog:
    """The mentor reports a month's work on an active engagement (dated from its start up to today);
    the SME is told to confirm it."""
    actor = ctx.actor
    ensure(actor, "write_log", engagement, _l("Only the engagement's mentor writes its logs."))
    if engagement.status != EngagementStatus.ACTIVE:
        raise Conflict(_l("Logs are written while the engagement is active."))
    given = command.every_value()
    values = {field: given.get(field) for field in LOG_FIELDS}
    check_log(values, engagement, ctx.today)
    log = EngagementLog(author_id=actor.id, **values)
    engagement.logs.append(log)
    session.flush()
    notify_log_written(session, engagement, ctx, log.log_date)
    return log


def confirm_log(session: Session, actor: User, engagement: Engagement, log_id: int) -> EngagementLog:
    """The SME confirms that a log is what happened."""
    ensure(actor, "confirm_log", engagement, _l("Only the SME confirms the mentor's logs."))
    log = next((log for log in engagement.logs if log.id == log_id), None)
    if log is None:
        raise NotFound(_l("No such log."))
    if log.confirmed_at is not None:
        raise Conflict(_l("This log is already confirmed."))
    log.confirmed_at = utcnow()
    log.confirmed_by_id = actor.id
    session.flush()
    return log


def rate_engagement(
    session: Session, actor: User, engagement: Engagement, score: Any, comment: str | None
) -> EngagementRating:
    """After completion each side rates the other once: 1 to 5, with a comment."""
    sides = parties(actor, engagement)
    if Party.MENTOR in sides:
        side = RatingSide.OF_SME
    elif Party.SME in sides:
        side = RatingSide.OF_MENTOR
    else:
        raise Forbidden(_l("Only the mentor and the SME rate an engagement."))
    if engagement.status != EngagementStatus.COMPLETED:
        raise Conflict(_l("An engagement is rated once it is completed."))
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
        raise fail("score", _l("Give a score from 1 to 5."))
    check_text({"comment": comment}, "comment", MESSAGE_CHARS, required=False)
    if any(rating.side == side for rating in engagement.ratings):
        raise Conflict(_l("You have already rated this engagement."))
    rating = EngagementRating(
        engagement_id=engagement.id, side=side, rater_id=actor.id, score=score, comment=(comment or "").strip()
    )
    try:
        with session.begin_nested():  # the unique constraint decides two submissions at once
            session.add(rating)
    except IntegrityError:
        raise Conflict(_l("You have already rated this engagement.")) from None
    session.expire(engagement, ["ratings"])
    return rating
