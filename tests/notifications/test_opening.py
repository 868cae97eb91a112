"""Opening a notification (following it from the list) marks it read, so the top bar's badge falls.

Opening is a POST from the list (each line a form with the CSRF token): reading a page never writes, and
another site cannot mark someone's notifications read by linking to an address.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from marketplace.auth.models import Role
from marketplace.notifications.models import Notification
from marketplace.notifications.services import notify
from tests.conftest import log_in, post_form
from tests.factories import PASSWORD, SITE_URL, make_user

BADGE = re.compile(r'id="notification-unread">(\d+)')


def told(app, db_session, user, link: str, count: int = 1) -> list[Notification]:
    with app.test_request_context():
        for _ in range(count):
            notify(
                db_session,
                [user],
                "interest_received",
                link,
                site_url=SITE_URL,
                sender="김민수 (대성정밀)",
                title="사출 불량 개선",
            )
    db_session.commit()
    return list(db_session.scalars(select(Notification).where(Notification.user_id == user.id)))


def badge(client) -> int:
    found = BADGE.search(client.get("/notifications/").get_data(as_text=True))
    return int(found.group(1)) if found else 0


@pytest.fixture
def reader(app, db_session):
    user = make_user(app, db_session, Role.SUPPLIER)
    client = app.test_client()
    log_in(client, user.email, PASSWORD)
    return user, client


def test_opening_one_marks_it_read_and_leads_to_its_page(app, db_session, reader):
    user, client = reader
    first, second = told(app, db_session, user, "/interests/7", count=2)
    page = client.get("/notifications/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert f'action="/notifications/{first.id}/open"' in page
    assert page.count(">New</span>") == 2
    assert badge(client) == 2
    response = post_form(client, f"/notifications/{first.id}/open", {})
    assert (response.status_code, response.headers["Location"]) == (302, "/interests/7")
    assert badge(client) == 1
    db_session.expire_all()
    assert first.read_at is not None
    assert second.read_at is None
    post_form(client, f"/notifications/{first.id}/open", {})  # opening it again leads there again, still read
    assert badge(client) == 1


def test_looking_at_the_list_or_getting_the_address_writes_nothing(app, db_session, reader):
    user, client = reader
    (notification,) = told(app, db_session, user, "/interests/7")
    client.get("/notifications/")
    assert client.get(f"/notifications/{notification.id}/open").status_code == 405
    db_session.expire_all()
    assert notification.read_at is None


def test_without_the_csrf_token_nothing_is_marked(app, db_session, reader):
    user, client = reader
    (notification,) = told(app, db_session, user, "/interests/7")
    response = client.post(f"/notifications/{notification.id}/open")
    assert response.status_code == 400
    db_session.expire_all()
    assert notification.read_at is None


def test_another_users_notification_is_not_found_and_stays_unread(app, db_session, reader):
    _, client = reader
    other = make_user(app, db_session, Role.SUPPLIER)
    (theirs,) = told(app, db_session, other, "/interests/7")
    assert post_form(client, f"/notifications/{theirs.id}/open", {}).status_code == 404
    assert post_form(client, "/notifications/999999/open", {}).status_code == 404
    db_session.expire_all()
    assert theirs.read_at is None


OFF_SITE = ["https://evil.example/x", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"]


@pytest.mark.parametrize("link", OFF_SITE)
def test_a_link_that_leaves_the_site_is_not_followed(app, db_session, reader, link):
    user, client = reader
    (notification,) = told(app, db_session, user, link)
    response = post_form(client, f"/notifications/{notification.id}/open", {})
    assert (response.status_code, response.headers["Location"]) == (302, "/")
