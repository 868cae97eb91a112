"""Korean and English: Korean by default for Korean browsers, a switch that persists."""

from __future__ import annotations

import pytest

from tests.conftest import log_in, post_form
from tests.factories import PASSWORD, make_user


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("ko-KR,ko;q=0.9,en;q=0.8", "로그인"),
        ("en-US,en;q=0.9", "Log in"),
        ("en-GB,en;q=0.9,ko;q=0.5", "Log in"),
        ("", "로그인"),  # no preference: Korean, the product's home language
        ("fr-FR", "로그인"),
    ],
)
def test_language_follows_the_browser(client, accept_language, expected):
    headers = {"Accept-Language": accept_language} if accept_language else {}
    page = client.get("/account/login", headers=headers).get_data(as_text=True)
    assert f">{expected}</h1>" in page


def test_home_page_is_korean_for_korean_browsers(client):
    page = client.get("/", headers={"Accept-Language": "ko"}).get_data(as_text=True)
    assert '<html lang="ko">' in page
    assert "스마트공장" in page


def test_language_switch_persists_across_requests(client):
    response = post_form(client, "/language", {"language": "en", "next": "/account/login"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/login"
    page = client.get("/account/login", headers={"Accept-Language": "ko"}).get_data(as_text=True)
    assert ">Log in</h1>" in page


def test_language_choice_is_saved_on_the_account(app, client, db_session):
    user = make_user(app, db_session)
    log_in(client, user.email, PASSWORD)
    post_form(client, "/language", {"language": "en"})
    db_session.refresh(user)
    assert user.locale == "en"
    other_browser = app.test_client()
    log_in(other_browser, user.email, PASSWORD)
    assert "Dashboard" in other_browser.get("/dashboard", headers={"Accept-Language": "ko"}).get_data(as_text=True)


def test_language_switch_ignores_unknown_languages_and_foreign_next(client):
    response = post_form(client, "/language", {"language": "xx", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"
    assert client.get_cookie("lang") is None


def test_every_korean_message_is_translated():
    from pathlib import Path

    from babel.messages.pofile import read_po

    path = Path(__file__).resolve().parents[2] / "marketplace/translations/ko/LC_MESSAGES/messages.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    missing = [message.id for message in catalogue if message.id and not message.string]
    assert missing == []


def test_reference_labels_are_bilingual(client):
    page_ko = client.get("/", headers={"Accept-Language": "ko"}).get_data(as_text=True)
    page_en = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "비전검사·품질관리" in page_ko
    assert "Vision inspection / quality" in page_en
