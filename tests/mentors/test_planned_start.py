"""An engagement planned for later starts on or after its planned date, and its logs are accepted from then on.

The clock is the services' `today` (the browser journey, tests/browser/test_mentoring.py, can only show the
refusal before the date: the served app's today is the real one).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from marketplace import clock
from marketplace.dates import add_months
from marketplace.errors import ValidationFailed
from mentors.engagements import TooEarlyToStart, available_actions, propose_engagement, transition_engagement
from mentors.logs import add_log
from mentors.models import EngagementStatus
from mentors.schemas import EngagementIn, LogIn
from tests.conftest import assert_error_shape, bearer, log_in
from tests.factories import PASSWORD, context_of, make_engagement

TODAY = clock.today()
LATER = add_months(TODAY, 1)  # planned for next month
LOG = {"hours": 8, "topics": "사출기 3호기 미성형", "advice": "금형 온도 5도 상향", "next_steps": "불량률 확인"}


def log_of(day):
    """The log command the page's form builds, dated `day`."""
    return LogIn.model_construct(**LOG, log_date=day)


def planned_later(app, db_session, world):
    """Proposed today for next month, then accepted by the mentor."""
    values = {"mentor_id": world.profile.id, "need_id": world.need.id, "start_date": LATER, "months": 3}
    with app.test_request_context():
        engagement = propose_engagement(
            db_session, context_of(world.sme.user, TODAY), EngagementIn.model_construct(**values)
        )
        transition_engagement(db_session, context_of(world.mentor.user, TODAY), engagement, "accept")
    return engagement


@pytest.mark.parametrize("days_before", [1, 20])
def test_no_start_before_the_planned_date(app, db_session, world, days_before):
    engagement = planned_later(app, db_session, world)
    with app.test_request_context(), pytest.raises(TooEarlyToStart) as refused:
        transition_engagement(
            db_session, context_of(world.mentor.user, LATER - timedelta(days=days_before)), engagement, "start"
        )
    assert LATER.isoformat() in str(refused.value.message)
    assert engagement.status == EngagementStatus.ACCEPTED
    assert [event.action for event in engagement.events] == ["accept"]
    assert "start" not in available_actions(world.mentor.user, engagement, today=LATER - timedelta(days=1))


@pytest.mark.parametrize(("starter", "days_after"), [("mentor", 0), ("sme", 0), ("mentor", 9)])
def test_started_on_or_after_its_date_it_takes_logs_from_then_on(app, db_session, world, starter, days_after):
    engagement = planned_later(app, db_session, world)
    start_day = LATER + timedelta(days=days_after)
    assert "start" in available_actions(getattr(world, starter).user, engagement, today=start_day)
    with app.test_request_context():
        transition_engagement(db_session, context_of(getattr(world, starter).user, start_day), engagement, "start")
        assert engagement.status == EngagementStatus.ACTIVE
        engagement.events[-1].at = datetime.combine(start_day, time(9), tzinfo=UTC)  # the move's clock, as `today`
        log_day = start_day + timedelta(days=3)
        log = add_log(db_session, context_of(world.mentor.user, log_day), engagement, log_of(log_day))
        assert log.log_date == log_day
        early = log_of(LATER - timedelta(days=1))  # before the planned start: not part of it
        with pytest.raises(ValidationFailed) as refused:
            add_log(db_session, context_of(world.mentor.user, log_day), engagement, early)
    assert set(refused.value.fields) == {"log_date"}
    assert [entry.log_date for entry in engagement.logs] == [log_day]


def test_the_api_refuses_an_early_start_with_the_date(client, db_session, world):
    engagement = make_engagement(db_session, world.profile, world.need, status="accepted", start_date=LATER)
    response = client.post(
        f"/api/v1/engagements/{engagement.id}/transitions",
        json={"action": "start"},
        headers=bearer(world.mentor.token) | {"Accept-Language": "en"},
    )
    error = assert_error_shape(response, 409, "engagement_not_due_to_start")
    assert error["message"] == f"This engagement can start on or after its planned start, {LATER.isoformat()}."
    db_session.expire_all()
    assert engagement.status == EngagementStatus.ACCEPTED


@pytest.mark.parametrize(("language", "words"), [("en", "on or after"), ("ko", "부터 멘토링을 시작할 수 있습니다")])
def test_the_page_says_when_it_can_start_instead_of_a_start_button(client, db_session, world, language, words):
    engagement = make_engagement(db_session, world.profile, world.need, status="accepted", start_date=LATER)
    log_in(client, world.mentor.user.email, PASSWORD)
    page = client.get(f"/mentors/engagements/{engagement.id}", headers={"Accept-Language": language})
    text = page.get_data(as_text=True)
    assert 'value="start"' not in text
    assert 'id="next-step"' in text
    assert words in text


def test_an_engagement_started_early_before_the_rule_still_takes_logs_from_its_real_start(app, db_session, world):
    """Engagements started before their date (allowed until now) are not left where no log date is accepted."""
    engagement = make_engagement(db_session, world.profile, world.need, status="accepted", start_date=LATER)
    with app.test_request_context():
        transition_engagement(db_session, context_of(world.mentor.user, LATER), engagement, "start")  # the move itself
        engagement.events[-1].at = engagement.events[-1].at - timedelta(days=40)  # as if started 40 days ago
        real_start = clock.day_of(engagement.events[-1].at)  # the day it started, in Korea
        log = add_log(db_session, context_of(world.mentor.user, TODAY), engagement, log_of(real_start))
    assert log.log_date == real_start
