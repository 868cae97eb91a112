"""The demo world's mentoring: 20 Korean profiles, engagements in every state with logs, seeded idempotently."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from marketplace.auth.models import Role
from marketplace.demo.people import DEMO_PASSWORD
from marketplace.demo.world import seed_demo
from mentors.log_dates import log_overdue
from mentors.models import Engagement, EngagementLog, EngagementRating, EngagementStatus, MentorProfile
from mentors.services import MentorFilters, search_mentors
from tests.conftest import log_in
from tests.factories import make_user


def seed(app, db_session):
    """The demo world, committed (an app context only for the seeding: password hashing reads the config)."""
    with app.app_context():
        report = seed_demo(db_session)
    db_session.commit()
    return report


def test_seeding_is_idempotent_and_covers_every_state(app, db_session):
    first = seed(app, db_session)
    assert (first.mentor_profiles_created, first.engagements_created) == (20, 11)
    second = seed(app, db_session)
    assert (second.mentor_profiles_created, second.engagements_created) == (0, 0)
    assert db_session.scalar(select(func.count()).select_from(MentorProfile)) == 20

    profiles = list(db_session.scalars(select(MentorProfile)))
    assert sum(not p.is_verified for p in profiles) == 2
    assert all(len(p.expertise) >= 80 and p.user.role == Role.MENTOR for p in profiles)
    employers = " ".join(p.former_employer for p in profiles)
    for firm in ("삼성", "현대", "포스코", "LG"):
        assert firm in employers
    engagements = list(db_session.scalars(select(Engagement)))
    assert set(Counter(e.status for e in engagements)) == set(EngagementStatus)
    assert db_session.scalar(select(func.count()).select_from(EngagementLog)) >= 10
    assert db_session.scalar(select(func.count()).select_from(EngagementRating)) == 4
    assert any(log_overdue(e) for e in engagements)
    for profile in profiles:
        holding = sum(1 for e in engagements if e.mentor_id == profile.id and e.status in ("accepted", "active"))
        assert profile.engaged == holding <= profile.capacity
    for engagement in engagements:
        assert [event.to_status for event in engagement.events][-1:] in ([], [engagement.status.value])


def test_korean_need_words_find_the_fitting_demo_mentors(app, db_session):
    seed(app, db_session)
    viewer = make_user(app, db_session, Role.SME)
    for query, headline_word in (("사출 은줄", "사출성형"), ("다이캐스팅 기공", "다이캐스팅"), ("도금", "도금")):
        page = search_mentors(db_session, viewer, MentorFilters(q=query))
        assert page.items, query
        assert headline_word in page.items[0].headline, query


def test_demo_mentor_pages_render(app, db_session):
    seed(app, db_session)
    for email in ("mentor@sangsaeng-demo.kr", "sme@sangsaeng-demo.kr", "officer@sangsaeng-demo.kr"):
        browser = app.test_client()
        assert log_in(browser, email, DEMO_PASSWORD).status_code == 302
        for language in ("ko", "en"):
            for path in ("/dashboard", "/mentors/", "/mentors/?q=용접"):
                assert browser.get(path, headers={"Accept-Language": language}).status_code == 200, (email, path)
