"""Match sections on listing pages and the matches API, on a real database."""

import re
from datetime import timedelta

import pytest

from marketplace.auth.models import Role
from marketplace.solutions.models import SolutionStatus
from tests.conftest import assert_error_shape, bearer, log_in
from tests.factories import PASSWORD, TODAY, make_api_token, make_need, make_programme, make_solution, make_user


@pytest.fixture
def market(app, db_session, worker):
    """An SME's injection-molding need, two suppliers' solutions and a sponsor's programme."""
    sme = make_user(app, db_session, Role.SME)
    supplier = make_user(app, db_session, Role.SUPPLIER)
    other_supplier = make_user(app, db_session, Role.SUPPLIER)
    need = make_need(
        db_session, sme, title="사출 성형 불량 실시간 추적", description="사출기 불량을 실시간으로 보고 싶어요"
    )
    mes = make_solution(
        db_session, supplier, title="사출 공장 전용 MES", description="사출 성형 라인의 불량과 생산 실적을 실시간 집계"
    )
    welding = make_solution(
        db_session, other_supplier, title="용접 로봇 셀", description="용접 라인 자동화", categories=["robots"]
    )
    programme = make_programme(app, db_session, name="사출 뿌리기업 스마트공장 지원", focus_categories=["mes"])
    worker()
    return {"sme": sme, "supplier": supplier, "other_supplier": other_supplier, "need": need,
            "mes": mes, "welding": welding, "programme": programme}  # fmt: skip


def matches(client, token, path):
    response = client.get(path, headers=bearer(token))
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_the_need_page_shows_explained_matches_to_members(app, client, db_session, market):
    log_in(client, market["sme"].email, PASSWORD)
    page = client.get(f"/needs/{market['need'].id}").get_data(as_text=True)
    assert 'data-kind="solution"' in page
    assert page.index("사출 공장 전용 MES") < page.index("용접 로봇 셀")
    assert "같은 분야입니다: MES (생산관리시스템)" in page  # a structured reason, in the default language
    assert "같은 일을 다룹니다: 사출" in page  # the domain terms both share, in a sentence
    assert re.search(r"적합도 \d{1,3}/100", page)  # a score on a stated scale
    assert "용어집" not in page  # no channel names
    assert "조건 적합" not in page
    assert "사출 뿌리기업 스마트공장 지원" in page  # the programme section


def test_an_offer_a_hard_filter_drops_is_shown_below_with_why(app, client, db_session, market):
    """A programme past its deadline that reads like the need is not a match, but the owner learns why;
    one whose deadline falls before the need's desired start is still a match (apply now, start later)."""
    past = make_programme(
        app, db_session, name="사출 불량 실시간 추적 지원 (마감)", focus_categories=["mes"],
        applications_open_on=TODAY - timedelta(days=60), applications_close_on=TODAY - timedelta(days=1),
    )  # fmt: skip
    market["need"].desired_start = TODAY + timedelta(days=90)  # after the open programme's deadline
    db_session.commit()
    log_in(client, market["sme"].email, PASSWORD)
    page = client.get(f"/needs/{market['need'].id}").get_data(as_text=True)
    start = page.index('id="matches-programme"')
    shown = page[start : page.index("</section>", start)]
    assert f'class="card card-body py-2 mb-2 match" data-kind="programme" data-id="{market["programme"].id}"' in shown
    assert f'class="match-excluded" data-kind="programme" data-id="{past.id}"' in shown
    assert f"신청이 마감되었습니다: {TODAY - timedelta(days=1):%Y-%m-%d}" in shown


def test_anonymous_visitors_see_no_matches(client, market):
    page = client.get(f"/needs/{market['need'].id}").get_data(as_text=True)
    assert "사출 성형 불량 실시간 추적" in page
    assert 'class="mt-4 matches"' not in page


def test_api_returns_ranked_explained_matches(app, client, db_session, market):
    _, token = make_api_token(app, db_session, market["sme"])
    body = matches(client, token, f"/api/v1/needs/{market['need'].id}/matches?kind=solution&limit=10")
    first = body["items"][0]
    assert set(first) == {"kind", "id", "title", "score", "channels", "terms", "reasons"}
    assert (first["kind"], first["id"]) == ("solution", market["mes"].id)
    assert first["score"] == pytest.approx(sum(first["channels"].values()), abs=1e-3)
    assert {
        "code": "same_category",
        "ko": "같은 분야입니다: MES (생산관리시스템)",
        "en": "same category: MES",
        "good": True,
    } in first["reasons"]
    assert any(term["ko"] == "사출" for term in first["terms"])
    assert "allowed" not in first  # the API lists matches only
    programmes = matches(client, token, f"/api/v1/needs/{market['need'].id}/matches?kind=programme")
    assert [item["id"] for item in programmes["items"]] == [market["programme"].id]


@pytest.mark.parametrize(
    ("query", "field"),
    [("kind=supplier", "kind"), ("limit=0", "limit"), ("limit=51", "limit"), ("limit=ten", "limit")],
)
def test_api_refuses_bad_kind_or_limit(app, client, db_session, market, query, field):
    _, token = make_api_token(app, db_session, market["sme"])
    response = client.get(f"/api/v1/needs/{market['need'].id}/matches?{query}", headers=bearer(token))
    assert field in assert_error_shape(response, 400, "validation_failed")["fields"]


def test_api_needs_a_token_and_a_visible_need(app, client, db_session, market):
    assert_error_shape(client.get(f"/api/v1/needs/{market['need'].id}/matches"), 401, "unauthorised")
    draft = make_need(db_session, market["sme"], status="draft")
    _, token = make_api_token(app, db_session, market["supplier"])
    assert_error_shape(client.get(f"/api/v1/needs/{draft.id}/matches", headers=bearer(token)), 404, "not_found")


def test_owners_see_the_needs_that_fit_their_offers_and_others_are_refused(app, client, db_session, market):
    _, owner = make_api_token(app, db_session, market["supplier"])
    body = matches(client, owner, f"/api/v1/solutions/{market['mes'].id}/matches")
    assert [item["id"] for item in body["items"]] == [market["need"].id]
    assert body["items"][0]["kind"] == "need"
    _, stranger = make_api_token(app, db_session, market["other_supplier"])
    response = client.get(f"/api/v1/solutions/{market['mes'].id}/matches", headers=bearer(stranger))
    assert_error_shape(response, 403, "forbidden")
    sponsor = db_session.get(type(market["sme"]), market["programme"].author_id)
    _, sponsor_token = make_api_token(app, db_session, sponsor)
    body = matches(client, sponsor_token, f"/api/v1/programmes/{market['programme'].id}/matches")
    assert [item["id"] for item in body["items"]] == [market["need"].id]


def test_the_supplier_sees_fitting_needs_on_its_solution_page(app, client, db_session, market):
    log_in(client, market["supplier"].email, PASSWORD)
    page = client.get(f"/solutions/{market['mes'].id}").get_data(as_text=True)
    assert 'data-kind="need"' in page
    stranger = app.test_client()
    log_in(stranger, market["other_supplier"].email, PASSWORD)
    assert 'data-kind="need"' not in stranger.get(f"/solutions/{market['mes'].id}").get_data(as_text=True)


def test_the_index_follows_edits_and_status_changes(app, client, db_session, market, worker):
    _, token = make_api_token(app, db_session, market["sme"])
    path = f"/api/v1/needs/{market['need'].id}/matches?kind=solution"
    assert matches(client, token, path)["items"][0]["id"] == market["mes"].id
    welding = market["welding"]
    welding.title, welding.description = "사출 불량 실시간 추적 MES", "사출 성형 불량 실시간 추적과 불량 원인 분석"
    welding.categories = ["mes"]
    db_session.commit()
    worker()
    assert matches(client, token, path)["items"][0]["id"] == welding.id
    welding.status = SolutionStatus.ARCHIVED
    db_session.commit()
    assert welding.id not in [item["id"] for item in matches(client, token, path)["items"]]


def test_a_need_page_reuses_its_ranking_until_something_it_was_ranked_from_changes(
    app, client, db_session, market, monkeypatch
):
    """Asked again with nothing changed, the page ranks nothing; an organisation's change (a fact beside
    the listings' rows) or a listing's change ranks again."""
    from matching.engine import Engine

    ranked = []
    rank = Engine.rank
    monkeypatch.setattr(Engine, "rank", lambda self, *a, **k: ranked.append(1) or rank(self, *a, **k))
    log_in(client, market["sme"].email, PASSWORD)
    path = f"/needs/{market['need'].id}"
    first = client.get(path).get_data(as_text=True)
    kinds = len(ranked)
    assert kinds
    assert "사출 공장 전용 MES" in first
    assert "사출 공장 전용 MES" in client.get(path).get_data(as_text=True)
    assert len(ranked) == kinds  # reused
    market["supplier"].organisation.name = market["supplier"].organisation.name + " (주)"
    db_session.commit()
    client.get(path)
    assert len(ranked) == 2 * kinds  # an organisation changed: ranked again
    market["welding"].status = SolutionStatus.ARCHIVED
    db_session.commit()
    assert "용접 로봇 셀" not in client.get(path).get_data(as_text=True)
    assert len(ranked) == 3 * kinds


def test_kept_match_lists_show_a_new_tenant_price_and_the_viewers_language_at_once(app, client, db_session, market):
    """The match lists are kept rendered per process, by everything a card shows: a discount set for the
    viewer's complex (which ranks nothing again) shows on the very next page, and so does the other language."""
    from funds.benefits import discounts
    from funds.benefits.schemas import TenantDiscountIn
    from marketplace.matches.presenting import RENDERED_LISTS
    from tests.factories import context_of

    log_in(client, market["sme"].email, PASSWORD)
    path = f"/needs/{market['need'].id}"
    first = client.get(path).get_data(as_text=True)
    assert "match-tenant-price" not in first
    kept = app.extensions["matches.rendered_lists"].lists
    assert 0 < len(kept) <= RENDERED_LISTS
    cards = 'class="card card-body'
    assert client.get(path).get_data(as_text=True).count(cards) == first.count(cards)
    values = {"complex_code": market["sme"].organisation.industrial_complex, "percent": 10, "price_krw": None}
    command = TenantDiscountIn.model_construct(_fields_set=set(values), **values)
    discounts.set_discount(db_session, context_of(market["supplier"]), market["mes"], command)
    db_session.commit()
    assert "match-tenant-price" in client.get(path).get_data(as_text=True)
    market["sme"].locale = "en"
    db_session.commit()
    english = client.get(path).get_data(as_text=True)
    assert re.search(r"Fit \d{1,3}/100", english)
    assert not re.search(r"적합도 \d{1,3}/100", english)
