"""Mentor test fixtures: the sides of an engagement, each with an API token."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from marketplace.auth.models import Role, User
from marketplace.interests.models import InterestStatus
from marketplace.programmes.models import SponsorProgramme
from mentors.models import MentorProfile
from tests.factories import make_api_token, make_interest, make_mentor, make_need, make_user


@dataclass
class Side:
    user: User
    token: str


@dataclass
class World:
    mentor: Side
    profile: MentorProfile
    sme: Side
    sponsor: Side  # linked to the SME through an accepted interest in its mentoring programme
    outsider: Side  # another SME
    officer: Side
    need: object


def linked_sponsor(app, db_session, sme: User) -> User:
    """A sponsor whose mentoring programme accepted the SME's interest (the sponsor–SME link)."""
    from datetime import date

    sponsor = make_user(app, db_session, Role.SPONSOR)
    programme = SponsorProgramme(
        organisation_id=sponsor.organisation_id,
        author_id=sponsor.id,
        name="상생형 스마트공장 멘토링",
        description="협력사 멘토링",
        pledged_pool_krw=1_000_000_000,
        per_project_cap_krw=100_000_000,
        sponsor_share_percent=30,
        focus_categories=[],
        focus_industries=[],
        focus_regions=[],
        focus_tiers=[],
        applications_open_on=date(2026, 1, 1),
        applications_close_on=date(2027, 12, 31),
        offers_mentoring=True,
        status="open",
    )
    db_session.add(programme)
    db_session.flush()
    make_interest(db_session, sme, programme, message="참여 희망", status=InterestStatus.ACCEPTED)
    db_session.commit()
    return sponsor


def side(app, db_session, user: User) -> Side:
    return Side(user, make_api_token(app, db_session, user)[1])


@pytest.fixture
def world(app, db_session) -> World:
    mentor_user = make_user(app, db_session, Role.MENTOR)
    profile = make_mentor(app, db_session, user=mentor_user)
    sme = make_user(app, db_session, Role.SME)
    sponsor = linked_sponsor(app, db_session, sme)
    return World(
        mentor=side(app, db_session, mentor_user),
        profile=profile,
        sme=side(app, db_session, sme),
        sponsor=side(app, db_session, sponsor),
        outsider=side(app, db_session, make_user(app, db_session, Role.SME)),
        officer=side(app, db_session, make_user(app, db_session, Role.OFFICER)),
        need=make_need(db_session, sme),
    )
