"""The demo world's mentoring: the 20 mentors' profiles and engagements in every state, with logs and ratings.

The data lives in mentors_data.py. A profile is identified by its mentor's demo login, an engagement by
(mentor, need), so only missing ones are created and existing ones are never changed. Run after the users
(people.py) and the needs (listings.py) exist.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace.auth.models import Role, User
from marketplace.db import utcnow
from marketplace.demo.data import MENTORS
from marketplace.demo.mentors_data import AVAILABLE_FROM, ENGAGEMENTS, PROFILES, DemoEngagement, DemoProfile
from marketplace.demo.people import demo_email, demo_members
from marketplace.needs.models import Need
from marketplace.organisations.models import OrganisationKind
from mentors.models import (
    HOLDS_A_SLOT,
    Engagement,
    EngagementEvent,
    EngagementLog,
    EngagementRating,
    EngagementStatus,
    MentorProfile,
    RatingSide,
)

# The moves that lead from a proposal to each state (who made them is set in _events).
PATHS = {
    "proposed": (),
    "accepted": ("accept",),
    "active": ("accept", "start"),
    "paused": ("accept", "start", "pause"),
    "completed": ("accept", "start", "complete"),
    "declined": ("decline",),
    "cancelled": ("accept", "cancel"),
}
PAUSE_REASON = "설비 공사 기간 동안 일시 중지"


def seed_mentors(session: Session) -> tuple[int, int]:
    """Create the missing demo mentor profiles and engagements; return how many of each."""
    profiles, created_profiles = _seed_profiles(session)
    session.flush()
    return created_profiles, _seed_engagements(session, profiles)


def _seed_profiles(session: Session) -> tuple[dict[int, MentorProfile], int]:
    emails = {demo_email(Role.MENTOR, number): number for number in range(1, len(MENTORS) + 1)}
    users = {emails[user.email]: user for user in session.scalars(select(User).where(User.email.in_(emails)))}
    existing = {
        p.user_id: p
        for p in session.scalars(select(MentorProfile).where(MentorProfile.user_id.in_([u.id for u in users.values()])))
    }
    officer = session.scalar(select(User).where(User.email == demo_email(Role.OFFICER, 1)))
    profiles, created = {}, 0
    for number, (mentor, row) in enumerate(zip(MENTORS, PROFILES, strict=True), start=1):
        user = users.get(number)
        if user is None or user.role != Role.MENTOR:
            continue
        profile = existing.get(user.id)
        if profile is None:
            profile = _new_profile(user, mentor.former_employer, row, officer)
            session.add(profile)
            created += 1
        profiles[number] = profile
    return profiles, created


def _new_profile(user: User, former_employer: str, row: DemoProfile, officer: User | None) -> MentorProfile:
    verified = row.verified and officer is not None
    return MentorProfile(
        user=user,
        headline=row.headline,
        bio=row.bio,
        former_employer=former_employer,
        years_experience=row.years_experience,
        specialties=list(row.specialties),
        expertise=row.expertise,
        industries=list(row.industries),
        regions=list(row.regions),
        languages=list(row.languages),
        available_from=AVAILABLE_FROM,
        available_until=None,
        capacity=row.capacity,
        engaged=0,
        fee_terms=row.fee_terms,
        verified_at=utcnow() if verified else None,
        verified_by_id=officer.id if verified and officer else None,
    )


def _seed_engagements(session: Session, profiles: dict[int, MentorProfile]) -> int:
    smes = demo_members(session, OrganisationKind.SME)
    organisation_ids = [organisation.id for organisation, _user in smes.values()]
    needs = {
        (need.organisation_id, need.title): need
        for need in session.scalars(select(Need).where(Need.organisation_id.in_(organisation_ids)))
    }
    stored = {
        (mentor_id, need_id) for mentor_id, need_id in session.execute(select(Engagement.mentor_id, Engagement.need_id))
    }
    created = 0
    for row in ENGAGEMENTS:
        profile, member = profiles.get(row.mentor), smes.get(row.sme)
        need = needs.get((member[0].id, row.need_title)) if member else None
        if profile is None or member is None or need is None or (profile.id, need.id) in stored:
            continue
        status = EngagementStatus(row.status)
        if status in HOLDS_A_SLOT and profile.engaged >= profile.capacity:
            continue  # the mentor's slots were taken since: the demo never breaks the capacity rule
        session.add(_new_engagement(row, profile, need, member[1]))
        profile.engaged += 1 if status in HOLDS_A_SLOT else 0
        stored.add((profile.id, need.id))
        created += 1
    session.flush()
    return created


def _day(days_ago: int) -> datetime:
    """10:00 in Korea (01:00 UTC), `days_ago` days before today."""
    return datetime.combine(utcnow().date() - timedelta(days=days_ago), time(1, 0), tzinfo=UTC)


def _new_engagement(row: DemoEngagement, profile: MentorProfile, need: Need, sme_user: User) -> Engagement:
    start = _day(row.start_days_ago)
    created = start - timedelta(days=14) if row.start_days_ago > 0 else _day(7)
    earliest_log = min((log.days_ago for log in row.logs), default=10)
    ended = {"completed": _day(earliest_log - 10), "cancelled": _day(5), "declined": created + timedelta(days=2)}
    times = {
        "accept": created + timedelta(days=2),
        "decline": created + timedelta(days=2),
        "start": start,
        "pause": _day(max(earliest_log - 5, 1)),
        "complete": ended["completed"],
        "cancel": ended["cancelled"],
    }
    engagement = Engagement.for_need(
        profile,
        need,
        sme_user,
        start_date=start.date(),
        months=row.months,
        message=row.message,
        status=EngagementStatus(row.status),
        active_since=start if "start" in PATHS[row.status] else None,
        ended_at=ended.get(row.status),
        end_reason=row.end_reason,
        created_at=created,
    )
    previous = "proposed"
    for action in PATHS[row.status]:
        target = "active" if action == "start" else _TARGETS[action]
        actor = profile.user_id if action in ("accept", "decline") else sme_user.id
        reason = PAUSE_REASON if action == "pause" else row.end_reason if target == row.status else None
        engagement.events.append(
            EngagementEvent(
                action=action, from_status=previous, to_status=target, actor_id=actor, reason=reason, at=times[action]
            )
        )
        previous = target
    engagement.logs = [
        EngagementLog(
            author_id=profile.user_id,
            log_date=_day(log.days_ago).date(),
            hours=log.hours,
            topics=log.topics,
            advice=log.advice,
            next_steps=log.next_steps,
            created_at=_day(log.days_ago),
            confirmed_at=_day(max(log.days_ago - 2, 0)) if log.confirmed else None,
            confirmed_by_id=sme_user.id if log.confirmed else None,
        )
        for log in row.logs
    ]
    if row.ratings:
        of_mentor, mentor_comment, of_sme, sme_comment = row.ratings
        engagement.ratings = [
            EngagementRating(side=RatingSide.OF_MENTOR, rater_id=sme_user.id, score=of_mentor, comment=mentor_comment),
            EngagementRating(side=RatingSide.OF_SME, rater_id=profile.user_id, score=of_sme, comment=sme_comment),
        ]
    return engagement


_TARGETS = {
    "accept": "accepted",
    "pause": "paused",
    "complete": "completed",
    "decline": "declined",
    "cancel": "cancelled",
}
