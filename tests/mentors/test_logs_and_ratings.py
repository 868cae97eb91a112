"""Monthly logs and their confirmation, the 35-day flag on both dashboards, ratings 1–5 after completion."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from marketplace import clock
from marketplace.db import utcnow
from mentors.logs import log_overdue
from mentors.models import EngagementLog, EngagementRating
from tests.conftest import assert_error_shape, bearer, log_in, post_form
from tests.factories import PASSWORD, make_engagement

LOG = {"hours": 16, "topics": "사출 성형조건 점검", "advice": "금형온도 편차 관리", "next_steps": "보압 조건 DOE"}


def log_body(**changes) -> dict:
    return LOG | {"log_date": clock.today().isoformat()} | changes


def add_log(db_session, engagement, days_ago: int) -> None:
    db_session.add(
        EngagementLog(
            engagement_id=engagement.id,
            author_id=engagement.mentor.user_id,
            log_date=clock.today() - timedelta(days=days_ago),
            **LOG,
        )
    )
    db_session.commit()


def test_the_mentor_logs_and_the_sme_confirms(client, db_session, world):
    engagement = make_engagement(db_session, world.profile, world.need, status="active", start_date=clock.today())
    url = f"/api/v1/engagements/{engagement.id}/logs"
    response = client.post(url, json=log_body(), headers=bearer(world.mentor.token))
    assert response.status_code == 201, response.get_json()
    log = response.get_json()
    assert (log["hours"], log["confirmed_at"]) == (16, None)
    confirm = f"{url}/{log['id']}/confirmation"
    assert_error_shape(client.post(confirm, headers=bearer(world.mentor.token)), 403, "forbidden")
    assert client.post(confirm, headers=bearer(world.sme.token)).get_json()["confirmed_at"] is not None
    assert_error_shape(client.post(confirm, headers=bearer(world.sme.token)), 409, "conflict")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"hours": 0}, "hours"),
        ({"hours": 301}, "hours"),
        ({"topics": ""}, "topics"),
        ({"advice": " "}, "advice"),
        ({"log_date": (clock.today() + timedelta(days=1)).isoformat()}, "log_date"),
        ({"log_date": (clock.today() - timedelta(days=30)).isoformat()}, "log_date"),  # before the start
    ],
)
def test_bad_logs_are_refused_by_field(client, db_session, world, changes, field):
    engagement = make_engagement(db_session, world.profile, world.need, status="active", start_date=clock.today())
    response = client.post(
        f"/api/v1/engagements/{engagement.id}/logs", json=log_body(**changes), headers=bearer(world.mentor.token)
    )
    assert field in assert_error_shape(response, 400, "validation_failed")["fields"]
    assert db_session.scalar(select(func.count()).select_from(EngagementLog)) == 0


@pytest.mark.parametrize(("status", "who", "code"), [("accepted", "mentor", 409), ("active", "sme", 403)])
def test_logs_only_by_the_mentor_while_active(client, db_session, world, status, who, code):
    engagement = make_engagement(db_session, world.profile, world.need, status=status, start_date=clock.today())
    response = client.post(
        f"/api/v1/engagements/{engagement.id}/logs", json=log_body(), headers=bearer(getattr(world, who).token)
    )
    assert response.status_code == code


@pytest.mark.parametrize(
    ("started_days_ago", "log_days_ago", "flagged"),
    [(10, None, False), (35, None, False), (36, None, True), (90, 20, False), (90, 36, True), (90, 35, False)],
)
def test_the_35_day_flag(db_session, world, started_days_ago, log_days_ago, flagged):
    since = utcnow() - timedelta(days=started_days_ago)
    engagement = make_engagement(db_session, world.profile, world.need, status="active", active_since=since)
    if log_days_ago is not None:
        add_log(db_session, engagement, log_days_ago)
        db_session.refresh(engagement)
    assert log_overdue(engagement) is flagged


def test_the_flag_shows_on_both_dashboards(app, db_session, world):
    since = utcnow() - timedelta(days=50)
    make_engagement(db_session, world.profile, world.need, status="active", active_since=since)
    for who, panel in ((world.mentor, "mentor-engagements"), (world.sme, "client-engagements")):
        browser = app.test_client()
        log_in(browser, who.user.email, PASSWORD)
        page = browser.get("/dashboard", headers={"Accept-Language": "en"}).get_data(as_text=True)
        assert f'id="{panel}"' in page
        assert "No log for over 35 days" in page
    mentor_browser = app.test_client()
    log_in(mentor_browser, world.mentor.user.email, PASSWORD)
    assert 'id="logs-due"' in mentor_browser.get("/dashboard").get_data(as_text=True)


def test_the_mentor_dashboard_lists_proposals(app, client, db_session, world):
    make_engagement(db_session, world.profile, world.need)
    log_in(client, world.mentor.user.email, PASSWORD)
    page = client.get("/dashboard").get_data(as_text=True)
    assert 'id="mentor-proposals"' in page
    assert world.need.title in page


@pytest.mark.parametrize("score", [0, 6, -1, "5", 4.5, None])
def test_ratings_are_1_to_5(client, db_session, world, score):
    engagement = make_engagement(db_session, world.profile, world.need, status="completed")
    response = client.post(
        f"/api/v1/engagements/{engagement.id}/ratings", json={"score": score}, headers=bearer(world.sme.token)
    )
    assert "score" in assert_error_shape(response, 400, "validation_failed")["fields"]
    assert db_session.scalar(select(func.count()).select_from(EngagementRating)) == 0


def test_both_sides_rate_each_other_once_after_completion(client, db_session, world):
    engagement = make_engagement(db_session, world.profile, world.need, status="active")
    url = f"/api/v1/engagements/{engagement.id}/ratings"
    early = client.post(url, json={"score": 5}, headers=bearer(world.sme.token))
    assert_error_shape(early, 409, "conflict")
    engagement.status = "completed"
    db_session.commit()
    by_sme = client.post(url, json={"score": 5, "comment": "불량률 개선"}, headers=bearer(world.sme.token))
    assert by_sme.get_json()["side"] == "of_mentor"
    by_mentor = client.post(url, json={"score": 4, "comment": "적극적"}, headers=bearer(world.mentor.token))
    assert by_mentor.get_json()["side"] == "of_sme"
    assert_error_shape(client.post(url, json={"score": 3}, headers=bearer(world.sme.token)), 409, "conflict")
    assert_error_shape(client.post(url, json={"score": 3}, headers=bearer(world.outsider.token)), 404, "not_found")
    sides = client.get(f"/api/v1/engagements/{engagement.id}", headers=bearer(world.sme.token)).get_json()["ratings"]
    assert sorted(r["side"] for r in sides) == ["of_mentor", "of_sme"]


def test_the_pages_log_and_rate(app, client, db_session, world):
    engagement = make_engagement(db_session, world.profile, world.need, status="active", start_date=clock.today())
    log_in(client, world.mentor.user.email, PASSWORD)
    path = f"/mentors/engagements/{engagement.id}"
    refused = post_form(client, f"{path}/logs", log_body(hours="0"), headers={"Accept-Language": "en"})
    assert "Enter whole hours, 1 to 300." in refused.get_data(as_text=True)
    assert post_form(client, f"{path}/logs", log_body()).status_code == 302
    sme_browser = app.test_client()
    log_in(sme_browser, world.sme.user.email, PASSWORD)
    log_id = db_session.scalar(select(EngagementLog.id))
    assert post_form(sme_browser, f"{path}/logs/{log_id}/confirmation", {}).status_code == 302
    engagement.status = "completed"
    db_session.commit()
    assert post_form(sme_browser, f"{path}/ratings", {"score": "5", "comment": "감사합니다"}).status_code == 302
    assert "5/5" in sme_browser.get(path).get_data(as_text=True)
