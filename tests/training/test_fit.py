"""Courses matched to needs: the topic touches the need, learners can get there; shown on the need's page with
the reasons in plain words."""

from __future__ import annotations

import pytest

from marketplace import clock
from marketplace.training.fit import courses_for_need, fit_of
from tests.factories import make_need
from tests.training.making import publish


@pytest.fixture
def need(db_session, world):
    return make_need(
        db_session,
        world.sme.user,
        title="사출 불량 원인 분석",
        description="성형 조건 데이터로 불량을 줄이고 싶습니다. AI 분석 도입 검토.",
        category="ai_analytics",
        region="gyeonggi",
        industrial_complex="banwol",
    )


@pytest.mark.parametrize(
    ("course", "fits"),
    [
        ({"topic": "ai", "industrial_complex": "banwol"}, True),  # topic and complex
        ({"topic": "big_data", "industrial_complex": None, "online": True, "place": None}, True),  # online
        ({"topic": "ai", "industrial_complex": "sihwa"}, True),  # same region
        ({"topic": "ai", "industrial_complex": "changwon"}, False),  # too far, not online
        ({"topic": "robots", "industrial_complex": "banwol"}, False),  # unrelated topic
        ({"topic": "smart_factory_ceo", "audience": "ceo", "industrial_complex": "banwol"}, True),
    ],
)
def test_which_courses_fit_a_need(app, db_session, world, need, course, fits):
    made = publish(app, db_session, world.organiser.user, **course)
    assert (fit_of(made, need, "en") is not None) is fits


def test_reasons_are_plain_words_and_the_best_comes_first(app, db_session, world, need):
    near = publish(app, db_session, world.organiser.user, title="반월 AI", topic="ai", industrial_complex="banwol")
    online = publish(
        app, db_session, world.organiser.user, title="온라인 데이터", topic="big_data", online=True, place=None
    )
    with app.test_request_context(headers={"Accept-Language": "en"}):
        fits = courses_for_need(db_session, need, clock.today(), "en")
        assert [fit.course.id for fit in fits] == [near.id, online.id]
        reasons = [str(reason) for reason in fits[0].reasons]
    assert reasons == [
        "It teaches what a project in AI analytics needs.",
        "The need mentions “ai”.",
        "It serves the need's industrial complex.",
        "For staff.",
    ]


def test_the_need_page_shows_fitting_courses(app, db_session, world, need):
    course = publish(app, db_session, world.organiser.user, title="반월 AI 실무", topic="ai")
    page = app.test_client().get(f"/needs/{need.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Training courses that fit this need" in page
    assert f"/courses/{course.id}" in page
    assert "industrial complex." in page


def test_a_need_with_no_fitting_course_shows_no_section(app, db_session, world, need):
    publish(app, db_session, world.organiser.user, topic="robots")
    page = app.test_client().get(f"/needs/{need.id}").get_data(as_text=True)
    assert 'id="fitting-courses"' not in page
