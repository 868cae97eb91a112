"""The officer's programme view: figures equal to sums over the rows, the target, the CSV export."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from marketplace import clock
from marketplace.auth.models import Role
from marketplace.db import utcnow
from mentors.models import EngagementLog, EngagementRating
from mentors.report import CSV_HEADERS, programme_figures
from tests.conftest import log_in, post_form
from tests.factories import PASSWORD, make_engagement, make_mentor, make_need, make_organisation, make_user


@pytest.fixture
def programme(app, db_session, world):
    """Three mentors (one unverified), engagements in several states, logs and ratings."""
    second = make_mentor(app, db_session, capacity=3)
    make_mentor(app, db_session, verified=False)
    ulsan_firm = make_organisation(db_session, region="ulsan", industrial_complex="ulsan", ksic_division="30")
    other_sme = make_user(app, db_session, Role.SME, organisation=ulsan_firm)
    ulsan_need = make_need(db_session, other_sme, region="ulsan", industrial_complex="ulsan")
    active = make_engagement(db_session, world.profile, world.need, status="active")
    done = make_engagement(db_session, second, ulsan_need, status="completed", active_since=utcnow())
    make_engagement(db_session, second, ulsan_need, status="accepted")
    make_engagement(db_session, second, world.need, status="declined")
    make_engagement(db_session, world.profile, world.need, status="proposed")
    for engagement, hours in ((active, 12), (active, 9), (done, 20)):
        db_session.add(
            EngagementLog(
                engagement_id=engagement.id,
                author_id=engagement.mentor.user_id,
                log_date=clock.today() - timedelta(days=1),
                hours=hours,
                topics="t",
                advice="a",
                next_steps="n",
            )
        )
    db_session.add_all(
        [
            EngagementRating(engagement_id=done.id, side="of_mentor", rater_id=other_sme.id, score=4),
            EngagementRating(engagement_id=done.id, side="of_sme", rater_id=second.user_id, score=2),
        ]
    )
    db_session.commit()
    return world


def test_figures_equal_the_sums_of_the_rows(db_session, programme):
    figures = programme_figures(db_session, programme.officer.user)
    assert figures.registered == 3
    assert figures.verified == 2
    assert figures.active == 1
    # Verified capacity 2 + 3 = 5; taken: 1 active (first) + 1 accepted (second).
    assert figures.utilisation_percent == round(100 * 2 / 5, 1)
    assert figures.hours_logged == 12 + 9 + 20
    assert (figures.average_rating, figures.ratings) == (4.0, 1)  # only SMEs' ratings of mentors
    assert dict(figures.by_region) == {"gyeonggi": 1, "ulsan": 2}  # declined and proposed do not count
    assert dict(figures.by_industry) == {"25": 1, "30": 2}
    assert figures.dispatched_mentors == 2
    assert (figures.target, figures.progress_percent) == (100, 2.0)


def test_the_officer_sets_the_target_and_sees_the_page(client, db_session, programme):
    log_in(client, programme.officer.user.email, PASSWORD)
    page = client.get("/mentors/programme", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert "2 of 100 mentors dispatched (2.0%)" in page.text
    refused = post_form(client, "/mentors/programme", {"target": "0"}, headers={"Accept-Language": "en"})
    assert "Enter a whole number of mentors" in refused.text
    assert post_form(client, "/mentors/programme", {"target": "40"}).status_code == 302
    assert (
        "2 of 40 mentors dispatched (5.0%)" in client.get("/mentors/programme", headers={"Accept-Language": "en"}).text
    )
    assert programme_figures(db_session, programme.officer.user).target == 40


def test_csv_export_is_utf8_with_bom_and_korean_headers(client, db_session, programme):
    log_in(client, programme.officer.user.email, PASSWORD)
    response = client.get("/mentors/programme.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert (
        tuple(rows[0])
        == CSV_HEADERS
        == ("멘토", "전 직장", "경력(년)", "검증", "정원", "진행 중", "총 참여", "기록 시간", "평균 평점")
    )
    assert len(rows) == 1 + 3
    assert sum(int(row[7]) for row in rows[1:]) == 12 + 9 + 20
    assert sorted(row[3] for row in rows[1:]) == sorted(["예", "예", "아니오"])


def test_a_former_employer_like_a_formula_stays_text_in_the_csv(client, db_session, programme):
    programme.profile.former_employer = '=HYPERLINK("http://evil.example","삼성")'
    db_session.commit()
    log_in(client, programme.officer.user.email, PASSWORD)
    rows = list(csv.reader(io.StringIO(client.get("/mentors/programme.csv").get_data().decode("utf-8-sig"))))
    assert '\'=HYPERLINK("http://evil.example","삼성")' in [row[1] for row in rows[1:]]


@pytest.mark.parametrize("who", ["mentor", "sme", "sponsor"])
def test_only_officers_see_the_programme(client, db_session, world, who):
    log_in(client, getattr(world, who).user.email, PASSWORD)
    assert client.get("/mentors/programme").status_code == 403
    assert client.get("/mentors/programme.csv").status_code == 403
