"""Supplier solutions: posting, Korean search, filters, pagination, permissions, validation, states, API."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from marketplace.auth.models import Role
from marketplace.solutions.models import Solution, SolutionStatus
from marketplace.solutions.services import SolutionFilters
from tests.conftest import assert_error_shape, bearer, log_in, post_form
from tests.factories import PASSWORD, make_api_caller, make_api_token, make_solution, make_user

_sequence = itertools.count(1)
ENGLISH = {"Accept-Language": "en"}
VALID_BODY = {
    "title": "비전검사 시스템",
    "description": "사출 성형품의 외관 불량을 카메라로 검사합니다.",
    "categories": ["vision_quality", "ai_analytics"],
    "price_min_krw": 30_000_000,
    "price_max_krw": 120_000_000,
    "funding_tiers": ["basic", "advanced1"],
    "regions_served": ["gyeonggi", "incheon"],
    "installations": 42,
    "notable_customers": "테스트정밀, 한국금형",
}


def solution_count(session) -> int:
    return session.scalar(select(func.count()).select_from(Solution))


def api_ids(client, token: str, query: str = "") -> list[int]:
    response = client.get(f"/api/v1/solutions?{query}", headers=bearer(token))
    assert response.status_code == 200, response.get_json()
    return [item["id"] for item in response.get_json()["items"]]


def form_data(**changes) -> dict:
    values = {key: str(value) if isinstance(value, int) else value for key, value in VALID_BODY.items()}
    return values | changes


@pytest.fixture
def supplier(app, db_session):
    return make_api_caller(app, db_session, Role.SUPPLIER)


@pytest.fixture
def reader(app, db_session):
    """A logged-in API caller who owns no solution (an SME)."""
    return make_api_caller(app, db_session, Role.SME)


# --- posting ---------------------------------------------------------------------------------


def test_supplier_posts_a_solution_with_the_form(app, client, db_session):
    user = make_user(app, db_session, Role.SUPPLIER)
    log_in(client, user.email, PASSWORD)
    assert client.get("/solutions/new").status_code == 200
    response = post_form(client, "/solutions/new", form_data())
    assert response.status_code == 302
    solution = db_session.scalars(select(Solution)).one()
    assert response.headers["Location"].endswith(f"/solutions/{solution.id}")
    assert solution.organisation_id == user.organisation_id
    assert solution.author_id == user.id
    assert solution.status == SolutionStatus.ACTIVE
    assert solution.categories == ["ai_analytics", "vision_quality"]
    assert solution.regions_served == ["gyeonggi", "incheon"]
    assert solution.price_max_krw == 120_000_000
    assert solution.installations == 42
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "비전검사 시스템" in page
    assert "₩30,000,000" in page


def test_form_without_regions_or_installations_lists_a_nationwide_solution(app, client, db_session):
    user = make_user(app, db_session, Role.SUPPLIER)
    log_in(client, user.email, PASSWORD)
    data = form_data(installations="", notable_customers="")
    del data["regions_served"]
    assert post_form(client, "/solutions/new", data).status_code == 302
    solution = db_session.scalars(select(Solution)).one()
    assert solution.regions_served == []
    assert solution.installations == 0


def test_supplier_posts_a_solution_with_the_api(client, db_session, supplier):
    user, token = supplier
    response = client.post("/api/v1/solutions", json=VALID_BODY, headers=bearer(token))
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["status"] == "active"
    assert body["organisation_id"] == user.organisation_id
    assert body["organisation_name"] == user.organisation.name
    assert body["price_min_krw"] == 30_000_000
    assert body["categories"] == ["ai_analytics", "vision_quality"]
    assert body["funding_tiers"] == ["advanced1", "basic"]
    again = client.get(f"/api/v1/solutions/{body['id']}", headers=bearer(token)).get_json()
    assert again == body
    assert db_session.get(Solution, body["id"]).author_id == user.id


def test_optional_fields_may_be_left_out_of_the_api_body(client, db_session, supplier):
    _user, token = supplier
    body = {k: v for k, v in VALID_BODY.items() if k not in ("regions_served", "installations", "notable_customers")}
    created = client.post("/api/v1/solutions", json=body, headers=bearer(token)).get_json()
    assert (created["regions_served"], created["installations"], created["notable_customers"]) == ([], 0, "")


@pytest.mark.parametrize("role", [Role.SME, Role.SPONSOR, Role.MENTOR, Role.OFFICER, Role.ADMIN])
def test_only_suppliers_post_solutions(app, client, db_session, role):
    user = make_user(app, db_session, role)
    _token, token = make_api_token(app, db_session, user)
    assert client.post("/api/v1/solutions", json=VALID_BODY, headers=bearer(token)).status_code == 403
    log_in(client, user.email, PASSWORD)
    assert client.get("/solutions/new").status_code == 403
    assert solution_count(db_session) == 0


def test_posting_needs_a_login(client, db_session):
    assert client.post("/api/v1/solutions", json=VALID_BODY).status_code == 401
    response = client.get("/solutions/new")
    assert response.status_code == 302
    assert "/account/login" in response.headers["Location"]


# --- search, filters, pagination ------------------------------------------------------------


def test_korean_search_finds_spaced_unspaced_and_misspelt_text(app, client, db_session, reader):
    _user, token = reader
    author = make_user(app, db_session, Role.SUPPLIER)
    titled = make_solution(db_session, author, title="비전검사 시스템")
    described = make_solution(
        db_session, author, title="품질 자동화 라인", description="카메라 기반 비전 검사로 불량을 줄입니다."
    )
    make_solution(db_session, author, title="MES 도입 패키지", description="생산 실적을 실시간으로 집계합니다.")
    assert set(api_ids(client, token, "q=비전")) == {titled.id, described.id}
    assert api_ids(client, token, "q=비전검사") == [titled.id, described.id]  # title matches rank first
    assert titled.id in api_ids(client, token, "q=비젼검사")
    page = client.get("/solutions/?q=비전").get_data(as_text=True)  # anonymous browse searches too
    assert "비전검사 시스템" in page
    assert "품질 자동화 라인" in page
    assert "MES 도입 패키지" not in page


def test_search_covers_customers_and_both_languages_of_labels(app, client, db_session, reader):
    _user, token = reader
    author = make_user(app, db_session, Role.SUPPLIER)
    solution = make_solution(
        db_session, author, categories=["fems"], regions_served=["ulsan"], notable_customers="울산석유화학"
    )
    for query in ("울산석유화학", "energy+management", "에너지관리", "Ulsan", "울산광역시"):
        assert api_ids(client, token, f"q={query}") == [solution.id], query


def test_filters_combine_category_region_and_tier(app, client, db_session, reader):
    _user, token = reader
    author = make_user(app, db_session, Role.SUPPLIER)
    vision = {"categories": ["vision_quality", "mes"], "funding_tiers": ["basic", "advanced1"]}
    in_region = make_solution(db_session, author, regions_served=["gyeonggi", "seoul"], **vision)
    nationwide = make_solution(db_session, author, regions_served=[], **vision)
    make_solution(db_session, author, regions_served=["busan"], **vision)
    make_solution(db_session, author, categories=["mes"], regions_served=["gyeonggi"], funding_tiers=["basic"])
    make_solution(db_session, author, categories=["vision_quality"], regions_served=[], funding_tiers=["advanced2"])
    query = "category=vision_quality&region=gyeonggi&tier=basic"
    assert set(api_ids(client, token, query)) == {in_region.id, nationwide.id}
    page = client.get(f"/solutions/?{query}").get_data(as_text=True)
    assert f'/solutions/{in_region.id}"' in page
    assert f'/solutions/{nationwide.id}"' in page
    # An unknown code is refused by name (the OpenAPI lists the codes), not answered with an empty list.
    unknown = client.get("/api/v1/solutions?category=teleport", headers=bearer(token))
    assert assert_error_shape(unknown, 400, "validation_failed")["fields"].keys() == {"category"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("budget_min=60000000", {"mid", "high"}),  # price ranges reaching ₩60M
        ("budget_max=20000000", {"low", "mid"}),  # price ranges starting at or below ₩20M
        ("budget_min=25000000&budget_max=35000000", {"mid"}),
        ("budget_min=500000000", set()),
    ],
)
def test_budget_filter_finds_overlapping_price_ranges(app, client, db_session, reader, query, expected):
    _user, token = reader
    author = make_user(app, db_session, Role.SUPPLIER)
    ranges = {"low": (5_000_000, 20_000_000), "mid": (20_000_000, 80_000_000), "high": (90_000_000, 300_000_000)}
    ids = {
        make_solution(db_session, author, price_min_krw=low, price_max_krw=high).id: name
        for name, (low, high) in ranges.items()
    }
    assert {ids[i] for i in api_ids(client, token, query)} == expected


@pytest.mark.parametrize(
    ("sort", "expected_titles"),
    [
        ("price_asc", ["C", "A", "B"]),
        ("price_desc", ["B", "C", "A"]),
        ("installations", ["A", "B", "C"]),
        ("newest", ["C", "B", "A"]),
    ],
)
def test_sorts(app, client, db_session, reader, sort, expected_titles):
    _user, token = reader
    author = make_user(app, db_session, Role.SUPPLIER)
    make_solution(db_session, author, title="A", price_min_krw=20_000_000, price_max_krw=30_000_000, installations=90)
    make_solution(db_session, author, title="B", price_min_krw=40_000_000, price_max_krw=400_000_000, installations=50)
    make_solution(db_session, author, title="C", price_min_krw=1_000_000, price_max_krw=100_000_000, installations=7)
    items = client.get(f"/api/v1/solutions?sort={sort}", headers=bearer(token)).get_json()["items"]
    assert [item["title"] for item in items] == expected_titles


@pytest.mark.parametrize(
    "query", ["", "sort=newest", "sort=price_asc", "sort=price_desc", "sort=installations", "q=검사"]
)
def test_pagination_returns_every_match_exactly_once_despite_ties(app, client, db_session, reader, query):
    _user, token = reader
    author = make_user(app, db_session, Role.SUPPLIER)
    same_moment = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    expected = {
        make_solution(db_session, author, title="비전 검사기", created_at=same_moment, installations=3).id
        for _ in range(7)
    }
    make_solution(db_session, author, status=SolutionStatus.ARCHIVED, title="비전 검사기", created_at=same_moment)
    seen: list[int] = []
    for page in range(1, 6):
        response = client.get(f"/api/v1/solutions?{query}&per_page=2&page={page}", headers=bearer(token)).get_json()
        assert response["total"] == 7
        seen += [item["id"] for item in response["items"]]
    assert len(seen) == len(set(seen)) == 7
    assert set(seen) == expected


def test_browse_page_paginates_and_keeps_filters(app, client, db_session):
    author = make_user(app, db_session, Role.SUPPLIER)
    for _ in range(3):
        make_solution(db_session, author, categories=["robots"])
    page = client.get("/solutions/?category=robots&per_page=2").get_data(as_text=True)
    assert "category=robots" in page
    assert "page=2" in page


def test_api_filters_are_strict(client, reader):
    _user, token = reader
    response = client.get("/api/v1/solutions?budget_min=lots", headers=bearer(token))
    assert response.status_code == 400
    assert "budget_min" in response.get_json()["error"]["fields"]


# --- permissions and visibility -------------------------------------------------------------


@pytest.mark.parametrize("role", ["sme", "other_supplier", "sponsor", "officer"])
def test_only_the_owner_changes_a_solution(app, client, db_session, role):
    owner = make_user(app, db_session, Role.SUPPLIER)
    solution = make_solution(db_session, owner, title="원래 제목", price_max_krw=50_000_000)
    intruder = make_user(app, db_session, Role.SUPPLIER if role == "other_supplier" else Role(role))
    _token, token = make_api_token(app, db_session, intruder)
    response = client.patch(
        f"/api/v1/solutions/{solution.id}", json={"title": "가로챈 제목", "price_max_krw": 1}, headers=bearer(token)
    )
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"
    action = client.post(
        f"/api/v1/solutions/{solution.id}/transitions", json={"action": "archive"}, headers=bearer(token)
    )
    assert action.status_code == 403
    db_session.refresh(solution)
    assert (solution.title, solution.price_max_krw, solution.status) == ("원래 제목", 50_000_000, SolutionStatus.ACTIVE)


@pytest.mark.parametrize(("role", "status"), [("owner", 302), ("admin", 302), ("other_supplier", 403), ("sme", 403)])
def test_edit_page_permissions(app, client, db_session, role, status):
    owner = make_user(app, db_session, Role.SUPPLIER)
    solution = make_solution(db_session, owner, title="원래 제목")
    roles = {"admin": Role.ADMIN, "other_supplier": Role.SUPPLIER, "sme": Role.SME}
    editor = owner if role == "owner" else make_user(app, db_session, roles[role])
    log_in(client, editor.email, PASSWORD)
    data = form_data(title="새 제목")
    assert post_form(client, f"/solutions/{solution.id}/edit", data).status_code == status
    db_session.refresh(solution)
    assert solution.title == ("새 제목" if status == 302 else "원래 제목")


def test_owner_edits_with_the_form_prefilled(app, client, db_session):
    owner = make_user(app, db_session, Role.SUPPLIER)
    solution = make_solution(db_session, owner, categories=["robots"], regions_served=["daegu"])
    log_in(client, owner.email, PASSWORD)
    page = client.get(f"/solutions/{solution.id}/edit").get_data(as_text=True)
    assert 'value="robots" checked' in page
    assert 'value="daegu" checked' in page
    response = post_form(
        client, f"/solutions/{solution.id}/edit", form_data(categories=["robots", "safety"], regions_served=[])
    )
    assert response.status_code == 302
    db_session.refresh(solution)
    assert solution.categories == ["robots", "safety"]
    assert solution.regions_served == []
    assert "산업안전" in solution.search_text  # the search text follows the new categories


def test_archived_solutions_are_hidden_from_everyone_but_owner_and_overseers(app, client, db_session):
    owner = make_user(app, db_session, Role.SUPPLIER)
    archived = make_solution(db_session, owner, title="단종된 솔루션", status=SolutionStatus.ARCHIVED)
    active = make_solution(db_session, owner, title="판매 중인 솔루션")

    page = client.get("/solutions/").get_data(as_text=True)
    assert "판매 중인 솔루션" in page
    assert "단종된 솔루션" not in page
    assert "단종된 솔루션" not in client.get("/solutions/?status=archived").get_data(as_text=True)
    assert client.get(f"/solutions/{archived.id}").status_code == 404
    assert client.get(f"/solutions/{active.id}").status_code == 200

    other = make_user(app, db_session, Role.SUPPLIER)
    _token, other_token = make_api_token(app, db_session, other)
    assert client.get(f"/api/v1/solutions/{archived.id}", headers=bearer(other_token)).status_code == 404
    assert api_ids(client, other_token, "status=archived") == []
    assert (
        client.patch(f"/api/v1/solutions/{archived.id}", json={"title": "x"}, headers=bearer(other_token)).status_code
        == 404
    )

    for viewer in (owner, make_user(app, db_session, Role.OFFICER)):
        _token, token = make_api_token(app, db_session, viewer)
        assert client.get(f"/api/v1/solutions/{archived.id}", headers=bearer(token)).status_code == 200
        assert api_ids(client, token, "status=archived") == [archived.id]
    log_in(client, owner.email, PASSWORD)
    assert "단종된 솔루션" in client.get("/solutions/?status=archived").get_data(as_text=True)
    assert client.get(f"/solutions/{archived.id}").status_code == 200


def test_detail_shows_prices_to_everyone_and_the_supplier_to_members(app, client, db_session):
    owner = make_user(app, db_session, Role.SUPPLIER)
    solution = make_solution(db_session, owner, price_min_krw=12_000_000, price_max_krw=34_000_000)
    supplier_link = f'href="/organisations/{owner.organisation_id}"'
    anonymous = client.get(f"/solutions/{solution.id}").get_data(as_text=True)
    assert "₩12,000,000" in anonymous
    assert "₩34,000,000" in anonymous
    assert supplier_link not in anonymous
    assert "/edit" not in anonymous
    member = make_user(app, db_session, Role.SME)
    log_in(client, member.email, PASSWORD)
    page = client.get(f"/solutions/{solution.id}").get_data(as_text=True)
    assert supplier_link in page
    assert owner.organisation.name in page
    assert f"/solutions/{solution.id}/edit" not in page


# --- validation -----------------------------------------------------------------------------

INVALID = [
    ({"title": ""}, "title"),
    ({"title": "가" * 201}, "title"),
    ({"description": None}, "description"),
    ({"categories": []}, "categories"),
    ({"categories": ["teleport"]}, "categories"),
    ({"categories": "mes"}, "categories"),
    ({"price_min_krw": 0}, "price_min_krw"),
    ({"price_max_krw": -5_000_000}, "price_max_krw"),
    ({"price_min_krw": 200_000_000, "price_max_krw": 100_000_000}, "price_max_krw"),
    ({"price_max_krw": 10_000_000_001}, "price_max_krw"),
    ({"price_min_krw": "30000000"}, "price_min_krw"),
    ({"price_min_krw": 1.5}, "price_min_krw"),
    ({"funding_tiers": ["premium"]}, "funding_tiers"),
    ({"funding_tiers": []}, "funding_tiers"),
    ({"regions_served": ["atlantis"]}, "regions_served"),
    ({"installations": -1}, "installations"),
    ({"installations": 1_000_001}, "installations"),
    ({"notable_customers": "가" * 501}, "notable_customers"),
]


def assert_validation_error(response, field: str) -> None:
    assert response.status_code == 400, response.get_json()
    error = response.get_json()["error"]
    assert error["code"] == "validation_failed"
    assert error["message"]
    assert field in error["fields"], error


@pytest.mark.parametrize(("change", "field"), INVALID)
def test_invalid_field_on_create_is_400_and_writes_nothing(client, db_session, supplier, change, field):
    _user, token = supplier
    response = client.post("/api/v1/solutions", json=VALID_BODY | change, headers=bearer(token))
    assert_validation_error(response, field)
    assert solution_count(db_session) == 0


@pytest.mark.parametrize(("change", "field"), INVALID)
def test_invalid_field_on_patch_is_400_and_changes_nothing(client, db_session, supplier, change, field):
    user, token = supplier
    solution = make_solution(db_session, user, title="원래 제목", price_max_krw=50_000_000)
    before = client.get(f"/api/v1/solutions/{solution.id}", headers=bearer(token)).get_json()
    response = client.patch(f"/api/v1/solutions/{solution.id}", json=change, headers=bearer(token))
    assert_validation_error(response, field)
    assert client.get(f"/api/v1/solutions/{solution.id}", headers=bearer(token)).get_json() == before


def test_creation_body_has_no_status(client, db_session, supplier):
    _user, token = supplier
    response = client.post("/api/v1/solutions", json=VALID_BODY | {"status": "archived"}, headers=bearer(token))
    assert_validation_error(response, "status")
    assert solution_count(db_session) == 0


def test_patch_changes_only_the_given_fields(client, db_session, supplier):
    user, token = supplier
    solution = make_solution(db_session, user, installations=5, notable_customers="한국금형")
    response = client.patch(
        f"/api/v1/solutions/{solution.id}",
        json={"price_max_krw": 70_000_000, "notable_customers": None},
        headers=bearer(token),
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["price_max_krw"], body["notable_customers"], body["installations"]) == (70_000_000, "", 5)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"categories": []}, "Choose at least one."),
        (
            {"price_min_krw": "200000000", "price_max_krw": "100000000"},
            "The highest price must be at least the lowest price.",
        ),
        ({"funding_tiers": []}, "Choose at least one."),
    ],
)
def test_form_shows_the_fields_message_and_writes_nothing(app, client, db_session, change, message):
    user = make_user(app, db_session, Role.SUPPLIER)
    log_in(client, user.email, PASSWORD)
    response = post_form(client, "/solutions/new", form_data(**change), headers=ENGLISH)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert solution_count(db_session) == 0


# --- states ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "action", "status_code", "end"),
    [
        (SolutionStatus.ACTIVE, "archive", 200, SolutionStatus.ARCHIVED),
        (SolutionStatus.ARCHIVED, "archive", 409, SolutionStatus.ARCHIVED),
        (SolutionStatus.ARCHIVED, "activate", 200, SolutionStatus.ACTIVE),
        (SolutionStatus.ACTIVE, "activate", 409, SolutionStatus.ACTIVE),
        (SolutionStatus.ACTIVE, "delete", 400, SolutionStatus.ACTIVE),
        (SolutionStatus.ARCHIVED, "", 400, SolutionStatus.ARCHIVED),
    ],
)
def test_transitions(client, db_session, supplier, start, action, status_code, end):
    user, token = supplier
    solution = make_solution(db_session, user, status=start)
    response = client.post(
        f"/api/v1/solutions/{solution.id}/transitions", json={"action": action}, headers=bearer(token)
    )
    assert response.status_code == status_code, response.get_json()
    if status_code == 200:
        assert response.get_json()["status"] == end.value
    elif status_code == 400:
        assert "action" in response.get_json()["error"]["fields"]
    else:
        assert response.get_json()["error"]["code"] == "invalid_transition"
    db_session.refresh(solution)
    assert solution.status == end


def test_owner_archives_and_reactivates_on_the_page(app, client, db_session):
    owner = make_user(app, db_session, Role.SUPPLIER)
    solution = make_solution(db_session, owner)
    log_in(client, owner.email, PASSWORD)
    page = client.get(f"/solutions/{solution.id}", headers=ENGLISH).get_data(as_text=True)
    assert 'value="archive"' in page
    assert post_form(client, f"/solutions/{solution.id}/transitions", {"action": "archive"}).status_code == 302
    db_session.refresh(solution)
    assert solution.status == SolutionStatus.ARCHIVED
    page = client.get(f"/solutions/{solution.id}").get_data(as_text=True)
    assert 'value="activate"' in page
    assert post_form(client, f"/solutions/{solution.id}/transitions", {"action": "activate"}).status_code == 302
    db_session.refresh(solution)
    assert solution.status == SolutionStatus.ACTIVE


# --- API shape and documentation ------------------------------------------------------------


def test_list_shape(app, client, db_session, reader):
    _user, token = reader
    author = make_user(app, db_session, Role.SUPPLIER)
    make_solution(db_session, author, categories=["erp", "scm"])
    body = client.get("/api/v1/solutions?per_page=5", headers=bearer(token)).get_json()
    assert set(body) == {"items", "total", "page", "per_page"}
    assert (body["total"], body["page"], body["per_page"]) == (1, 1, 5)
    item = body["items"][0]
    assert set(item) == {
        "id",
        "organisation_id",
        "organisation_name",
        "title",
        "description",
        "categories",
        "price_min_krw",
        "price_max_krw",
        "funding_tiers",
        "regions_served",
        "installations",
        "notable_customers",
        "status",
        "created_at",
        "updated_at",
    }
    assert item["categories"] == ["erp", "scm"]
    assert item["organisation_name"] == author.organisation.name
    assert client.get("/api/v1/solutions").status_code == 401


def test_openapi_documents_every_solutions_route(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert set(paths["/api/v1/solutions"]) == {"get", "post"}
    assert set(paths["/api/v1/solutions/{solution_id}"]) == {"get", "patch"}
    assert set(paths["/api/v1/solutions/{solution_id}/transitions"]) == {"post"}
    documented = {parameter["name"] for parameter in paths["/api/v1/solutions"]["get"]["parameters"]}
    assert documented == set(SolutionFilters.__dataclass_fields__)
    assert "201" in paths["/api/v1/solutions"]["post"]["responses"]
