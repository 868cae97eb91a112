"""A mentor's record as an SME choosing a mentor reads it: completed engagements, the SMEs' average rating
and their comments, on the mentor's page, in the mentor list and beside a need's mentor matches; and the
mentor's profile hint on the dashboard."""

from __future__ import annotations

from types import SimpleNamespace

from marketplace.auth.models import Role
from marketplace.matches.profiles import match_profiles
from marketplace.unit_of_work import commit
from matching.kinds import Kind
from mentors.completeness import mentor_profile_hint
from mentors.models import EngagementRating, RatingSide
from mentors.record import mentor_record, mentor_records
from tests.conftest import log_in
from tests.factories import PASSWORD, make_engagement, make_mentor, make_need, make_solution, make_user


def _rated(app, db_session, profile, score: int, comment: str, side=RatingSide.OF_MENTOR):
    sme = make_user(app, db_session, Role.SME)
    engagement = make_engagement(db_session, profile, make_need(db_session, sme), status="completed")
    db_session.add(
        EngagementRating(engagement_id=engagement.id, side=side, rater_id=sme.id, score=score, comment=comment)
    )
    commit(db_session)
    return engagement


def test_the_record_counts_completed_engagements_and_averages_the_smes_ratings(app, db_session):
    profile = make_mentor(app, db_session)
    _rated(app, db_session, profile, 5, "불량률이 절반으로 줄었습니다")
    _rated(app, db_session, profile, 4, "")
    _rated(app, db_session, profile, 1, "the SME's rating by the mentor: not the mentor's", side=RatingSide.OF_SME)
    make_engagement(db_session, profile, make_need(db_session, make_user(app, db_session)), status="active")
    record = mentor_record(db_session, profile.id)
    assert (record.completed, record.ratings, record.average_text) == (3, 2, "4.5")
    assert [comment.comment for comment in record.comments] == ["불량률이 절반으로 줄었습니다"]
    fresh = make_mentor(app, db_session)
    assert mentor_records(db_session, [profile.id, fresh.id]).get(fresh.id) is None  # no engagement yet


def test_an_sme_choosing_a_mentor_sees_the_rating_and_comments(app, client, db_session):
    profile = make_mentor(app, db_session)
    _rated(app, db_session, profile, 4, "현장 설명이 쉬웠습니다")
    sme = make_user(app, db_session, Role.SME)
    log_in(client, sme.email, PASSWORD)
    page = client.get(f"/mentors/{profile.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "4.0 of 5" in page
    assert "1 rating" in page
    assert "1 completed engagement" in page
    assert "현장 설명이 쉬웠습니다" in page
    listing = client.get("/mentors/", headers={"Accept-Language": "ko"}).get_data(as_text=True)
    assert "mentor-record" in listing


def test_the_mentors_hint_walks_through_the_profile(app, db_session):
    assert mentor_profile_hint(None).done == 0
    profile = make_mentor(app, db_session, fee_terms=None, industries=[])
    hint = mentor_profile_hint(profile)
    assert (hint.done, hint.total, hint.anchor) == (2, 4, "industries")
    profile.industries = ["22"]
    profile.fee_terms = "월 200만원"
    assert mentor_profile_hint(profile) is None


def test_a_match_list_carries_each_mentors_record_and_each_suppliers_profile(app, db_session):
    profile = make_mentor(app, db_session)
    _rated(app, db_session, profile, 5, "")
    supplier = make_user(app, db_session, Role.SUPPLIER)
    supplier.organisation.certifications = [{"code": "iso9001", "number": None, "expires_on": None}]
    commit(db_session)
    solution = make_solution(db_session, supplier)
    found = {Kind.MENTOR: [SimpleNamespace(id=profile.id)], Kind.SOLUTION: [SimpleNamespace(id=solution.id)]}
    profiles = match_profiles(db_session, found)
    assert profiles[f"mentor:{profile.id}"].average_text == "5.0"
    assert profiles[f"solution:{solution.id}"].certifications[0]["code"] == "iso9001"
