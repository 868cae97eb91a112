"""The done-when of matching on the demo world: a Korean need's top three hold a fitting supplier,
programme and mentor, each with reasons, on the page and in the API (with the real model)."""

import pytest
from sqlalchemy import select

from marketplace.auth.models import User
from marketplace.demo.people import DEMO_PASSWORD
from marketplace.demo.world import seed_demo
from marketplace.needs.models import Need
from tests.conftest import bearer, log_in
from tests.factories import make_api_token
from tests.matching.conftest import worker_refresh

NEEDS = {
    # need title: what a fitting solution, programme and mentor have in their titles
    "도금 라인 FEMS 에너지 모니터링 구축": ("FEMS", "에너지", "에너지관리"),
    "금형 수주·공정·원가 관리용 금형 ERP 도입": ("ERP", "", "ERP"),
}


@pytest.fixture
def demo(app, db_session, session_factory, model):
    with app.app_context():
        seed_demo(db_session)
    db_session.commit()
    worker_refresh(model, db_session, session_factory)  # the vectors the job worker stores after the seed
    return db_session


def top3(client, token, need_id, kind):
    response = client.get(f"/api/v1/needs/{need_id}/matches?kind={kind}&limit=3", headers=bearer(token))
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["items"]


@pytest.mark.parametrize("title", list(NEEDS))
def test_a_korean_need_finds_a_fitting_supplier_programme_and_mentor(app, client, demo, title):
    need = demo.scalar(select(Need).where(Need.title == title))
    member = demo.scalar(select(User).where(User.organisation_id == need.organisation_id))
    _, token = make_api_token(app, demo, member)
    solution_word, programme_word, mentor_word = NEEDS[title]
    for kind, word in (("solution", solution_word), ("programme", programme_word), ("mentor", mentor_word)):
        items = top3(client, token, need.id, kind)
        assert items, f"no {kind} for {title}"
        fitting = [item for item in items if word in item["title"]]
        assert fitting, (kind, [item["title"] for item in items])
        assert all(item["reasons"] and item["terms"] for item in fitting)
        assert any(reason["code"] == "same_category" for item in fitting for reason in item["reasons"])

    log_in(client, member.email, DEMO_PASSWORD)
    page = client.get(f"/needs/{need.id}").get_data(as_text=True)
    for kind in ("solution", "programme", "mentor"):
        first = top3(client, token, need.id, kind)[0]
        assert f'data-kind="{kind}" data-id="{first["id"]}"' in page
    assert "같은 분야" in page
