"""The settings page (per kind and channel, CSRF, both languages) and the development-only outbox page."""

from __future__ import annotations

import re

import pytest

from marketplace.auth.models import Role
from marketplace.notifications.kinds import CHANNELS, kinds_for
from marketplace.notifications.preferences import Choice, user_choices
from marketplace.notifications.services import notify
from tests.conftest import log_in, post_form
from tests.factories import PASSWORD, SITE_URL, make_user

CHECKBOX = re.compile(r'<input [^>]*type="checkbox"[^>]*>')
NAME = re.compile(r'name="([^"]+)"')


def ticked_boxes(page: str) -> dict[str, bool]:
    """Each checkbox of the page by name: ticked or not."""
    return {NAME.search(tag).group(1): " checked" in tag for tag in CHECKBOX.findall(page)}


def logged_in(app, db_session, role: Role, **fields):
    user = make_user(app, db_session, role, **fields)
    client = app.test_client()
    log_in(client, user.email, PASSWORD)
    return user, client


def test_the_settings_page_lists_the_roles_kinds_ticked_as_the_defaults(app, db_session):
    _mentor, client = logged_in(app, db_session, Role.MENTOR)
    page = client.get("/notifications/settings", headers={"Accept-Language": "ko"}).get_data(as_text=True)
    assert "알림 설정" in page
    assert "멘토링 제안 받음" in page
    assert "월간 활동 기록 마감" in page
    assert "과제 상태 변경" not in page  # mentors are not parties of projects
    boxes = ticked_boxes(page)
    assert set(boxes) == {f"{kind.name}__{channel}" for kind in kinds_for(Role.MENTOR) for channel in CHANNELS}
    assert all(boxes[f"{kind.name}__in_app"] for kind in kinds_for(Role.MENTOR))
    assert boxes["log_due__email"]
    assert boxes["engagement_proposed__email"]
    assert not boxes["engagement_moved__email"]  # off by default
    english = client.get("/notifications/settings", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Notification settings" in english
    assert "Monthly log due" in english


def test_saving_the_settings_keeps_exactly_the_ticked_boxes(app, db_session):
    sme, client = logged_in(app, db_session, Role.SME)
    ticked = {"project_moved__in_app": "y", "interest_received__in_app": "y", "interest_received__email": "y"}
    response = post_form(client, "/notifications/settings", ticked, headers={"Accept-Language": "en"})
    assert response.status_code == 302
    choices = user_choices(db_session, sme)
    assert choices["project_moved"] == Choice(in_app=True, email=False)
    assert choices["interest_received"] == Choice(in_app=True, email=True)
    assert choices["payment_failed"] == Choice(in_app=False, email=False)  # unticked: both off
    assert set(choices) == {kind.name for kind in kinds_for(Role.SME)}
    page = client.get("/notifications/settings", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Your notification settings are saved." in page
    boxes = ticked_boxes(page)
    assert boxes["project_moved__in_app"]
    assert not boxes["project_moved__email"]
    assert boxes["interest_received__email"]
    assert not boxes["payment_failed__in_app"]


def test_the_settings_form_needs_its_csrf_token(app, db_session):
    sme, client = logged_in(app, db_session, Role.SME)
    response = client.post("/notifications/settings", data={"project_moved__in_app": "y"})
    assert response.status_code == 400
    assert user_choices(db_session, sme)["project_moved"] == Choice(in_app=True, email=True)  # unchanged


def test_the_settings_page_needs_a_log_in(client):
    response = client.get("/notifications/settings")
    assert response.status_code == 302
    assert "/account/login" in response.headers["Location"]


def test_outside_development_there_is_no_outbox_page(app, db_session):
    _admin, client = logged_in(app, db_session, Role.ADMIN)
    assert client.get("/notifications/outbox").status_code == 404
    assert "/notifications/outbox" not in client.get("/").get_data(as_text=True)


class TestDevelopment:
    @pytest.fixture
    def app_overrides(self):
        return {"ENV_NAME": "development", "SECRET_KEY": "development-test-key"}

    @pytest.mark.parametrize(
        ("role", "status"), [(Role.ADMIN, 200), (Role.OFFICER, 403), (Role.SME, 403), (Role.MENTOR, 403)]
    )
    def test_the_outbox_page_is_for_admins(self, app, db_session, role, status):
        _user, client = logged_in(app, db_session, role, locale="en")
        assert client.get("/notifications/outbox").status_code == status
        linked = 'href="/notifications/outbox"' in client.get("/").get_data(as_text=True)
        assert linked is (status == 200)  # the top bar links it for admins

    def test_the_outbox_shows_the_queued_emails_in_the_recipients_language(self, app, db_session):
        recipient = make_user(app, db_session, Role.SME, email="owner@daesung.kr")
        with app.app_context():
            notify(
                db_session,
                [recipient],
                "payment_failed",
                "/projects/4",
                site_url=SITE_URL,
                amount_krw=12_000_000,
                title="MES 구축",
            )
        db_session.commit()
        _admin, client = logged_in(app, db_session, Role.ADMIN, locale="en")
        page = client.get("/notifications/outbox").get_data(as_text=True)
        assert "[상생] 결제 실패" in page
        assert "owner@daesung.kr" in page
        assert "“MES 구축”에 대한 ₩12,000,000 결제가 실패했습니다." in page
        assert "waiting" in page

    def test_send_without_a_server_points_at_the_page(self, runner):
        result = runner.invoke(args=["notify", "send"])
        assert result.exit_code == 0
        assert "/notifications/outbox" in result.output

    def test_anonymous_visitors_are_sent_to_log_in(self, client):
        assert client.get("/notifications/outbox").status_code == 302
