"""The officer's programme view: how many mentors, how busy, how well rated, where; the dispatch target; CSV."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from marketplace.auth.models import User
from marketplace.exports import excel_csv
from marketplace.needs.models import Need
from marketplace.organisations.models import Organisation
from marketplace.policy import ensure
from marketplace.validation import fail
from mentors.models import (
    Engagement,
    EngagementLog,
    EngagementRating,
    EngagementStatus,
    MentorProfile,
    MentorProgrammeSettings,
    RatingSide,
)

DEFAULT_TARGET = 100  # the 2019 programme dispatched 100 experts
# Engagements that went ahead (the mentor was dispatched), whatever happened after.
DISPATCHED = (EngagementStatus.ACCEPTED, EngagementStatus.ACTIVE, EngagementStatus.PAUSED, EngagementStatus.COMPLETED)
CSV_HEADERS = ("멘토", "전 직장", "경력(년)", "검증", "정원", "진행 중", "총 참여", "기록 시간", "평균 평점")


@dataclass(frozen=True)
class MentorRow:
    profile_id: int
    name: str
    former_employer: str
    years_experience: int
    verified: bool
    capacity: int
    engaged: int
    engagements: int  # dispatched ones
    hours: int
    average_rating: float | None


@dataclass(frozen=True)
class ProgrammeFigures:
    registered: int
    verified: int
    active: int  # mentors with an active engagement now
    utilisation_percent: float  # taken slots of verified mentors, of their capacity
    hours_logged: int
    average_rating: float | None  # SMEs' ratings of their mentors
    ratings: int
    by_region: list[tuple[str, int]]  # (region code of the need, dispatched engagements)
    by_industry: list[tuple[str, int]]  # (KSIC division of the SME, dispatched engagements)
    dispatched_mentors: int  # mentors who have started at least one engagement
    target: int

    @property
    def progress_percent(self) -> float:
        return round(100 * self.dispatched_mentors / self.target, 1)


def _ensure_officer(actor: User) -> None:
    ensure(actor, "run_programme", MentorProfile, _l("Only programme officers see the mentoring programme."))


def dispatch_target(session: Session) -> int:
    settings = session.scalar(select(MentorProgrammeSettings).order_by(MentorProgrammeSettings.id).limit(1))
    return settings.dispatch_target if settings else DEFAULT_TARGET


def set_dispatch_target(session: Session, actor: User, target: object) -> int:
    """The officer sets how many mentors the programme aims to dispatch."""
    _ensure_officer(actor)
    if isinstance(target, bool) or not isinstance(target, int) or not 1 <= target <= 100_000:
        raise fail("target", _l("Enter a whole number of mentors, 1 or more."))
    settings = session.scalar(select(MentorProgrammeSettings).order_by(MentorProgrammeSettings.id).limit(1))
    if settings is None:
        settings = MentorProgrammeSettings()
        session.add(settings)
    settings.dispatch_target, settings.updated_by_id = target, actor.id
    session.flush()
    return target


def _grouped(session: Session, column: object) -> list[tuple[str, int]]:
    statement = (
        select(column, func.count(Engagement.id))
        .select_from(Engagement)
        .join(Need, Need.id == Engagement.need_id)
        .join(Organisation, Organisation.id == Engagement.organisation_id)
        .where(Engagement.status.in_(DISPATCHED))
        .group_by(column)
        .order_by(func.count(Engagement.id).desc(), column)
    )
    return [(code, count) for code, count in session.execute(statement)]


def programme_figures(session: Session, actor: User) -> ProgrammeFigures:
    """The programme's figures now (all engagements so far)."""
    _ensure_officer(actor)
    verified = MentorProfile.verified_at.is_not(None)
    capacity, engaged = session.execute(
        select(
            func.coalesce(func.sum(MentorProfile.capacity), 0), func.coalesce(func.sum(MentorProfile.engaged), 0)
        ).where(verified)
    ).one()
    average, ratings = session.execute(
        select(func.avg(EngagementRating.score), func.count(EngagementRating.id)).where(
            EngagementRating.side == RatingSide.OF_MENTOR
        )
    ).one()
    active_status = Engagement.status == EngagementStatus.ACTIVE
    return ProgrammeFigures(
        registered=session.scalar(select(func.count(MentorProfile.id))) or 0,
        verified=session.scalar(select(func.count(MentorProfile.id)).where(verified)) or 0,
        active=session.scalar(select(func.count(func.distinct(Engagement.mentor_id))).where(active_status)) or 0,
        utilisation_percent=round(100 * engaged / capacity, 1) if capacity else 0.0,
        hours_logged=session.scalar(select(func.coalesce(func.sum(EngagementLog.hours), 0))) or 0,
        average_rating=round(float(average), 2) if average is not None else None,
        ratings=ratings,
        by_region=_grouped(session, Need.region),
        by_industry=_grouped(session, Organisation.ksic_division),
        dispatched_mentors=session.scalar(
            select(func.count(func.distinct(Engagement.mentor_id))).where(Engagement.active_since.is_not(None))
        )
        or 0,
        target=dispatch_target(session),
    )


def _by_mentor(session: Session, aggregate: Any, joined: Any, *conditions: Any) -> dict[int, Any]:
    """An aggregate per mentor over their engagements (joined with their logs or ratings when given)."""
    statement = select(Engagement.mentor_id, aggregate)
    if joined is not None:
        statement = statement.join(joined, joined.engagement_id == Engagement.id)
    rows = session.execute(statement.where(*conditions).group_by(Engagement.mentor_id))
    return {mentor_id: value for mentor_id, value in rows}  # noqa: C416  (a Result has keys(): not a pair list)


def mentor_rows(session: Session, actor: User) -> list[MentorRow]:
    """One row per mentor: who, verified, load, engagements, hours, rating (the table and the CSV)."""
    _ensure_officer(actor)
    dispatched = _by_mentor(session, func.count(Engagement.id), None, Engagement.status.in_(DISPATCHED))
    hours = _by_mentor(session, func.sum(EngagementLog.hours), EngagementLog)
    ratings = _by_mentor(
        session, func.avg(EngagementRating.score), EngagementRating, EngagementRating.side == RatingSide.OF_MENTOR
    )
    profiles = session.scalars(select(MentorProfile).order_by(MentorProfile.id))
    return [
        MentorRow(
            profile_id=p.id,
            name=p.display_name,
            former_employer=p.former_employer,
            years_experience=p.years_experience,
            verified=p.is_verified,
            capacity=p.capacity,
            engaged=p.engaged,
            engagements=dispatched.get(p.id, 0),
            hours=int(hours.get(p.id) or 0),
            average_rating=round(float(ratings[p.id]), 2) if ratings.get(p.id) is not None else None,
        )
        for p in profiles
    ]


def mentor_rows_csv(rows: list[MentorRow]) -> str:
    """The mentor table as CSV: UTF-8 with a byte-order mark (so Excel reads the Korean), Korean headers."""
    return excel_csv(CSV_HEADERS, (_csv_row(row) for row in rows))


def _csv_row(row: MentorRow) -> tuple[object, ...]:
    rating = "" if row.average_rating is None else f"{row.average_rating:.2f}"
    return (
        row.name,
        row.former_employer,
        row.years_experience,
        "예" if row.verified else "아니오",
        row.capacity,
        row.engaged,
        row.engagements,
        row.hours,
        rating,
    )
