"""A mentor's record, as an SME choosing a mentor reads it: completed engagements, the SMEs' average rating
and their comments. Read only; ratings are written when an engagement ends (engagements.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Select, bindparam, case, func, select
from sqlalchemy.orm import Session

from mentors.models import Engagement, EngagementRating, EngagementStatus, RatingSide

COMMENTS_SHOWN = 10


@dataclass(frozen=True)
class RatingComment:
    score: int
    comment: str
    at: datetime


@dataclass(frozen=True)
class MentorRecord:
    completed: int = 0
    ratings: int = 0
    average: float | None = None  # of the SMEs' scores, 1 to 5; None before the first
    comments: list[RatingComment] = field(default_factory=list)

    @property
    def average_text(self) -> str:
        return f"{self.average:.1f}" if self.average is not None else ""


def _records_statement() -> Select:
    of_mentor = EngagementRating.side == RatingSide.OF_MENTOR
    return (
        select(
            Engagement.mentor_id,
            func.count(func.distinct(case((Engagement.status == EngagementStatus.COMPLETED, Engagement.id)))),
            func.count(case((of_mentor, EngagementRating.id))),
            func.avg(case((of_mentor, EngagementRating.score))),
        )
        .outerjoin(EngagementRating, EngagementRating.engagement_id == Engagement.id)
        .where(Engagement.mentor_id.in_(bindparam("ids", expanding=True)))
        .group_by(Engagement.mentor_id)
    )


# Built once per process, the ids bound at each call: building it (the CASE expressions) cost four times
# running it, and a need page with mentor matches asks it every time.
RECORDS = _records_statement()


def mentor_records(session: Session, mentor_ids: Iterable[int]) -> dict[int, MentorRecord]:
    """Each mentor's completed engagements and the SMEs' ratings of them, in one query for them all."""
    ids = sorted(set(mentor_ids))
    if not ids:
        return {}
    return {
        mentor_id: MentorRecord(completed, ratings, round(float(average), 1) if average is not None else None)
        for mentor_id, completed, ratings, average in session.execute(RECORDS, {"ids": ids})
    }


def mentor_record(session: Session, mentor_id: int) -> MentorRecord:
    """One mentor's record with the SMEs' latest comments, for the mentor's page."""
    record = mentor_records(session, [mentor_id]).get(mentor_id, MentorRecord())
    statement = (
        select(EngagementRating.score, EngagementRating.comment, EngagementRating.created_at)
        .join(Engagement, Engagement.id == EngagementRating.engagement_id)
        .where(
            Engagement.mentor_id == mentor_id,
            EngagementRating.side == RatingSide.OF_MENTOR,
            EngagementRating.comment != "",
        )
        .order_by(EngagementRating.created_at.desc(), EngagementRating.id.desc())
        .limit(COMMENTS_SHOWN)
    )
    comments = [RatingComment(score, comment, at) for score, comment, at in session.execute(statement)]
    return MentorRecord(record.completed, record.ratings, record.average, comments)
