"""Saving a matched listing asks the worker for a matching refresh: after the commit, once while one waits."""

from __future__ import annotations

import pytest
from flask import Flask

from marketplace.auth.models import Role
from marketplace.jobs import jobs_of
from marketplace.needs.models import Need, NeedStatus
from marketplace.unit_of_work import commit
from tests.conftest import log_in
from tests.factories import PASSWORD, make_need, make_organisation, make_solution, make_user


@pytest.fixture
def app_overrides(tmp_path):
    return {"JOBS_URL": f"sqlite:///{tmp_path / 'jobs.sqlite3'}"}  # a queue of this test's own


def waiting(app: Flask) -> list[str]:
    return [type(task).__name__ for task in jobs_of(app).huey.pending()]


def a_need(owner) -> Need:
    return Need(
        organisation_id=owner.organisation_id, author_id=owner.id, title="금형 온도 관리", description="금형 온도",
        category="mes", funding_tier="basic", budget_krw=1_000_000, status=NeedStatus.OPEN, region="gyeonggi",
        industrial_complex="sihwa",
    )  # fmt: skip


def test_a_saved_need_enqueues_one_refresh_only_after_its_commit(app, db_session):
    sme = make_user(app, db_session, Role.SME)
    with app.app_context():
        db_session.add(a_need(sme))
        db_session.flush()
        assert waiting(app) == []  # flushed, not committed: the worker could not see it yet
        commit(db_session)
        assert waiting(app) == ["refresh_matching"]


def test_many_saves_wait_as_one_refresh(app, db_session):
    sme, supplier = make_user(app, db_session, Role.SME), make_user(app, db_session, Role.SUPPLIER)
    with app.app_context():
        for n in range(5):
            make_need(db_session, sme, title=f"사출 불량 {n}")
            make_solution(db_session, supplier)
        assert waiting(app) == ["refresh_matching"]


def test_a_rolled_back_save_and_other_writes_enqueue_nothing(app, db_session):
    sme = make_user(app, db_session, Role.SME)
    with app.app_context():
        db_session.add(a_need(sme))
        db_session.flush()
        db_session.rollback()
        make_organisation(db_session)
        commit(db_session)
        assert waiting(app) == []


def test_a_need_without_its_vector_says_so_and_updates_itself(app, client, db_session):
    sme = make_user(app, db_session, Role.SME)
    supplier = make_user(app, db_session, Role.SUPPLIER)
    make_solution(db_session, supplier, title="사출 MES", description="사출 불량 집계")
    need = make_need(db_session, sme, title="사출 불량 추적", description="사출 불량을 줄이고 싶어요")
    log_in(client, sme.email, PASSWORD)
    page = client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert 'data-kind="solution"' in page  # ranked by words and facts meanwhile
    assert "data-waiting" in page
    assert "아직 이 글을 읽고 있어요" in page  # plain words, in the default language
    assert "/static/js/matches.js" in page
