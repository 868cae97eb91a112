"""The public profile people choose by: its managers write it (form and API alike), everyone logged in reads
it, and the dashboard names the one next step until it is complete."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from marketplace.auth.models import MemberRole, Role
from marketplace.errors import Forbidden, ValidationFailed
from marketplace.organisations.commands import OrganisationProfile, normalise_website
from marketplace.organisations.models import Organisation, OrganisationKind
from marketplace.organisations.profile import profile_hint, update_profile
from tests.conftest import assert_error_shape, bearer, log_in, post_form
from tests.factories import PASSWORD, make_api_caller, make_organisation, make_solution, make_user

FULL = {
    "description": "자동차 부품용 비전 검사 장비를 만듭니다.",
    "website": "www.vision-check.co.kr",
    "certifications": [
        {"code": "iso9001", "number": "KR-QMS-1234", "expires_on": "2027-06-30"},
        {"code": "iatf16949"},
    ],
    "products": ["비전 검사기 VC-200", "  ", "AI 불량 판정 소프트웨어"],
    "reference_projects": [
        {"title": "용접 비드 검사 자동화", "customer": "창원 A정밀", "year": 2024, "summary": "불량 유출 0건"}
    ],
}


def _update(app, session, actor, organisation, body):
    with app.test_request_context():
        update_profile(session, actor, organisation, OrganisationProfile.model_validate(body))


def test_a_manager_fills_the_profile_and_it_is_kept_in_its_stored_shape(app, db_session):
    manager = make_user(app, db_session, Role.SUPPLIER)
    _update(app, db_session, manager, manager.organisation, FULL)
    organisation = db_session.get(Organisation, manager.organisation_id)
    assert organisation.website == "https://www.vision-check.co.kr"
    assert organisation.products == ["비전 검사기 VC-200", "AI 불량 판정 소프트웨어"]
    assert organisation.certifications == [
        {"code": "iso9001", "number": "KR-QMS-1234", "expires_on": "2027-06-30"},
        {"code": "iatf16949", "number": None, "expires_on": None},
    ]
    assert organisation.reference_projects[0]["year"] == 2024
    assert profile_hint(organisation) is None  # complete: no hint


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"website": "javascript:alert(1)"}, "website"),
        ({"website": "http://exa mple.com"}, "website"),
        ({"website": "ftp://example.com"}, "website"),
        ({"website": "https://user:pw@example.com"}, "website"),
        ({"website": "localhost"}, "website"),
        ({"certifications": [{"code": "iso9999"}]}, "certifications"),
        ({"certifications": [{"code": "ks"}] * 13}, "certifications"),
        ({"reference_projects": [{"title": "x", "year": 1800}]}, "reference_projects"),
        ({"reference_projects": [{"title": " "}]}, "reference_projects"),
        ({"products": ["x" * 121]}, "products"),
        ({"description": "x" * 5001}, "description"),
    ],
)
def test_bad_profile_input_names_the_field_and_writes_nothing(app, db_session, body, field):
    manager = make_user(app, db_session, Role.SUPPLIER)
    with pytest.raises(ValidationFailed) as refused:
        _update(app, db_session, manager, manager.organisation, body)
    assert field in refused.value.fields
    db_session.rollback()
    organisation = db_session.get(Organisation, manager.organisation_id)
    assert organisation.website is None
    assert organisation.certifications == []


def test_only_managers_change_the_public_profile(app, db_session):
    manager = make_user(app, db_session, Role.SME)
    member = make_user(app, db_session, Role.SME, organisation=manager.organisation, member_role=MemberRole.MEMBER)
    stranger = make_user(app, db_session, Role.SME)
    for actor in (member, stranger):
        with pytest.raises(Forbidden):
            _update(app, db_session, actor, manager.organisation, {"description": "남의 회사"})


def test_websites_are_normalised_or_refused():
    assert normalise_website("example.co.kr") == "https://example.co.kr"
    assert normalise_website("http://공장.한국/about") == "http://공장.한국/about"
    assert normalise_website("  ") is None
    with pytest.raises(ValueError, match="data:"):
        normalise_website("data:text/html,hi")


def test_the_hint_names_one_next_step_and_counts_the_done_ones(app, db_session):
    supplier = make_organisation(db_session, OrganisationKind.SUPPLIER)
    hint = profile_hint(supplier)
    assert (hint.done, hint.total, hint.anchor) == (0, 5, "description")
    manager = make_user(app, db_session, Role.SUPPLIER, organisation=supplier)
    _update(app, db_session, manager, supplier, {"description": "금형 제작", "products": ["사출 금형"]})
    hint = profile_hint(supplier)
    assert (hint.done, hint.total, hint.anchor) == (2, 5, "certifications")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert "ISO 9001" in profile_hint(supplier).text


def test_the_page_form_saves_the_profile_and_the_public_page_shows_it(app, client, db_session):
    manager = make_user(app, db_session, Role.SUPPLIER)
    org_id = manager.organisation_id
    log_in(client, manager.email, PASSWORD)
    assert client.get(f"/organisations/{org_id}/profile").status_code == 200
    response = post_form(
        client,
        f"/organisations/{org_id}/profile",
        {
            "description": "비전 검사 장비",
            "website": "vision.example.kr",
            "products": "검사기 A\n검사기 B\n",
            "certifications-0-code": "iso14001",
            "certifications-0-number": "EMS-77",
            "certifications-0-expires_on": "2028-01-31",
            "certifications-1-code": "",
            "reference_projects-0-title": "도금 라인 검사",
            "reference_projects-0-customer": "시화 B도금",
            "reference_projects-0-year": "2023",
            "reference_projects-1-title": "",
        },
    )
    assert response.status_code == 302
    outsider = app.test_client()
    log_in(outsider, make_user(app, db_session, Role.SME).email, PASSWORD)
    page = outsider.get(f"/organisations/{org_id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'href="https://vision.example.kr" rel="noopener nofollow"' in page
    assert "ISO 14001" in page
    assert "EMS-77" in page
    assert "도금 라인 검사" in page
    assert "시화 B도금" in page
    assert "검사기 B" in page
    assert outsider.get(f"/organisations/{org_id}/profile").status_code == 403


def test_the_form_shows_a_bad_website_beside_the_field(app, client, db_session):
    manager = make_user(app, db_session, Role.SUPPLIER)
    log_in(client, manager.email, PASSWORD)
    response = post_form(
        client,
        f"/organisations/{manager.organisation_id}/profile",
        {"website": "javascript:alert(1)", "description": "x"},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200
    assert "Enter a web address such as https://www.example.co.kr." in response.get_data(as_text=True)
    assert db_session.scalar(select(Organisation.description).where(Organisation.id == manager.organisation_id)) is None


def test_a_solution_page_shows_its_suppliers_certifications(app, client, db_session):
    supplier = make_user(app, db_session, Role.SUPPLIER)
    _update(app, db_session, supplier, supplier.organisation, FULL)
    db_session.commit()
    solution = make_solution(db_session, supplier)
    viewer = make_user(app, db_session, Role.SME)
    log_in(client, viewer.email, PASSWORD)
    page = client.get(f"/solutions/{solution.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "org-summary" in page
    assert "IATF 16949" in page


@pytest.fixture
def manager_token(app, db_session):
    return make_api_caller(app, db_session, Role.SUPPLIER)


def test_the_api_reads_and_changes_the_profile(client, manager_token):
    user, token = manager_token
    path = f"/api/v1/organisations/{user.organisation_id}/profile"
    answer = client.patch(path, json=FULL, headers=bearer(token))
    assert answer.status_code == 200, answer.get_data(as_text=True)
    body = client.get(f"/api/v1/organisations/{user.organisation_id}", headers=bearer(token)).get_json()
    assert body["website"] == "https://www.vision-check.co.kr"
    assert body["certifications"][1] == {"code": "iatf16949", "number": None, "expires_on": None}
    assert body["reference_projects"][0]["customer"] == "창원 A정밀"
    cleared = client.patch(path, json={"certifications": None, "website": None}, headers=bearer(token)).get_json()
    assert cleared["certifications"] == []
    assert cleared["website"] is None
    assert cleared["description"] == FULL["description"]  # left out: left as it was


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"website": "not a url"}, "website"),
        ({"certifications": [{"code": "iso9001", "expires_on": "next year"}]}, "certifications"),
        ({"certifications": "iso9001"}, "certifications"),
        ({"reference_projects": [{"title": "x", "year": "2024"}]}, "reference_projects"),
        ({"products": [1, 2]}, "products"),
        ({"logo": "x"}, "logo"),
    ],
)
def test_bad_api_input_is_a_400_naming_the_field(client, manager_token, body, field):
    user, token = manager_token
    answer = client.patch(f"/api/v1/organisations/{user.organisation_id}/profile", json=body, headers=bearer(token))
    error = assert_error_shape(answer, 400, "validation_failed")
    assert field in error["fields"]


def test_the_api_refuses_another_firms_profile(app, db_session, client, manager_token):
    _user, token = manager_token
    other = make_organisation(db_session, OrganisationKind.SUPPLIER)
    answer = client.patch(f"/api/v1/organisations/{other.id}/profile", json={"description": "x"}, headers=bearer(token))
    assert_error_shape(answer, 403, "forbidden")
