"""Words a newcomer meets: the search button, a missing page, organisation names in English, next steps."""

from __future__ import annotations

import pytest

from marketplace.auth.models import Role
from tests.conftest import log_in
from tests.factories import PASSWORD, make_need, make_organisation, make_solution, make_user

KO, EN = {"Accept-Language": "ko-KR,ko;q=0.9"}, {"Accept-Language": "en-US,en;q=0.9"}


@pytest.mark.parametrize("path", ["/needs/", "/solutions/", "/programmes/"])
def test_the_search_button_says_what_it_does(client, path):
    page = client.get(path, headers=KO).get_data(as_text=True)
    assert 'type="submit">검색</button>' in page
    assert 'for="f-q">검색어</label>' in page  # the box is labelled by what goes in it
    assert 'type="submit">Search</button>' in client.get(path, headers=EN).get_data(as_text=True)


@pytest.mark.parametrize("path", ["/needs/999999", "/solutions/999999", "/no-such-page"])
@pytest.mark.parametrize(
    ("headers", "title", "way_on"), [(KO, "페이지를 찾을 수 없음", "수요"), (EN, "Page not found", "Needs")]
)
def test_a_missing_page_says_so_and_offers_ways_on(client, path, headers, title, way_on):
    response = client.get(path, headers=headers)
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert f'<h1 class="h3">{title}</h1>' in page
    assert "입력 내용을 확인" not in page  # it used to ask the reader to check their input
    assert f'href="/needs/">{way_on}</a>' in page
    assert 'href="/solutions/"' in page
    assert 'href="/"' in page


def english_named_sme(app, db_session, locale: str, name_en: str | None = "Daesung Precision"):
    organisation = make_organisation(db_session, name="대성정밀", name_en=name_en)
    user = make_user(app, db_session, Role.SME, organisation=organisation, locale=locale)
    db_session.commit()
    return user


@pytest.mark.parametrize(
    ("locale", "shown", "other"), [("en", "Daesung Precision", "대성정밀"), ("ko", "대성정밀", "Daesung Precision")]
)
def test_an_organisation_is_named_in_the_interface_language(app, client, db_session, locale, shown, other):
    user = english_named_sme(app, db_session, locale)
    log_in(client, user.email, PASSWORD)
    dashboard = client.get("/dashboard").get_data(as_text=True)
    assert f"· {shown}</p>" in dashboard
    profile = client.get(f"/organisations/{user.organisation_id}").get_data(as_text=True)
    assert f'<h1 class="h3">{shown} <small class="text-muted">{other}</small></h1>' in profile


def test_a_supplier_is_named_in_english_on_its_solution(app, client, db_session):
    supplier = make_user(app, db_session, Role.SUPPLIER)
    supplier.organisation.name_en = "Vision Eye Systems"
    solution = make_solution(db_session, supplier)
    reader = english_named_sme(app, db_session, "en")
    log_in(client, reader.email, PASSWORD)
    page = client.get(f"/solutions/{solution.id}").get_data(as_text=True)
    assert ">Vision Eye Systems</a>" in page
    assert f">{supplier.organisation.name}</a>" not in page


def test_without_an_english_name_the_korean_one_is_shown_in_english(app, client, db_session):
    user = english_named_sme(app, db_session, "en", name_en=None)
    log_in(client, user.email, PASSWORD)
    assert "· 대성정밀</p>" in client.get("/dashboard").get_data(as_text=True)


def test_a_newcomer_is_told_the_next_steps_until_they_are_done(app, client, db_session):
    organisation = make_organisation(db_session, employees=0, annual_revenue_krw=0, contact_phone=None)
    user = make_user(app, db_session, Role.SME, organisation=organisation, locale="en")
    db_session.commit()
    log_in(client, user.email, PASSWORD)
    page = client.get("/dashboard").get_data(as_text=True)
    assert 'id="next-steps"' in page
    assert f'href="/organisations/{organisation.id}/edit">Complete your organisation profile</a>' in page
    assert 'href="/needs/new">Post your first need' in page

    organisation.employees, organisation.annual_revenue_krw, organisation.contact_phone = 12, 900_000_000, "031-1"
    make_need(db_session, user, status="draft")
    db_session.commit()
    page = client.get("/dashboard").get_data(as_text=True)
    assert 'data-step="profile"' in page
    assert 'href="/needs/new">Post your first need' not in page  # done, so no longer a link

    make_need(db_session, user)  # published
    db_session.commit()
    assert 'id="next-steps"' not in client.get("/dashboard").get_data(as_text=True)
