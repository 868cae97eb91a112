"""/api/v1/conversations: the parties list, read, write and mark read; bad bodies get the one error shape
and write nothing; a foreigner gets 404 for a thread and a message; posting shares the message limit."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.auth.models import Role
from marketplace.conversations.models import Message
from marketplace.notifications.models import Notification
from tests.conftest import assert_error_shape, bearer
from tests.conversations.threads import accepted_interest, sme_and_supplier
from tests.factories import make_api_token, make_user


@pytest.fixture
def world(app, db_session):
    sme, supplier = sme_and_supplier(app, db_session)
    interest = accepted_interest(db_session, sme, supplier)
    tokens = {user.role: make_api_token(app, db_session, user)[1] for user in (sme, supplier)}
    return sme, supplier, interest, tokens


def _open(client, token, interest_id) -> dict:
    response = client.post(
        "/api/v1/conversations", json={"subject_type": "interest", "subject_id": interest_id}, headers=bearer(token)
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_parties_talk_through_the_api(client, db_session, world):
    _sme, _supplier, interest, tokens = world
    sme, supplier = bearer(tokens[Role.SME]), bearer(tokens[Role.SUPPLIER])
    thread = _open(client, tokens[Role.SUPPLIER], interest.id)
    assert _open(client, tokens[Role.SME], interest.id)["id"] == thread["id"]
    path = f"/api/v1/conversations/{thread['id']}"
    for body in ["안녕하세요, 견적 문의드립니다.", "다음 주 방문 가능할까요?"]:
        response = client.post(f"{path}/messages", json={"body": body}, headers=supplier)
        assert response.status_code == 201
        assert response.get_json()["body"] == body
    listed = client.get("/api/v1/conversations", headers=sme).get_json()
    assert listed["unread"] == 2
    assert listed["items"][0]["unread"] == 2
    assert listed["items"][0]["last_message"]["body"] == "다음 주 방문 가능할까요?"
    messages = client.get(f"{path}/messages?per_page=1&page=1", headers=sme).get_json()
    assert (messages["total"], messages["items"][0]["body"]) == (2, "안녕하세요, 견적 문의드립니다.")
    newest = client.get(f"{path}/messages?per_page=1", headers=sme).get_json()
    assert newest["page"] == 2
    read = client.post(f"{path}/read", headers=sme).get_json()
    assert read["unread"] == 0
    assert client.get("/api/v1/conversations", headers=sme).get_json()["unread"] == 0
    message_id = newest["items"][0]["id"]
    assert client.get(f"/api/v1/messages/{message_id}", headers=sme).get_json()["id"] == message_id


@pytest.mark.parametrize(
    "body",
    [
        {"body": ""},
        {"body": "   "},
        {"body": "가" * 4001},
        {"body": "안녕\u0000하세요"},
        {"body": 12},
        {"text": "안녕하세요"},
        {},
    ],
    ids=["empty", "blank", "huge", "nul", "number", "unknown-field", "missing"],
)
def test_a_bad_message_is_a_400_naming_its_field_and_writes_nothing(client, db_session, world, body):
    _sme, _supplier, interest, tokens = world
    thread = _open(client, tokens[Role.SME], interest.id)
    response = client.post(
        f"/api/v1/conversations/{thread['id']}/messages", json=body, headers=bearer(tokens[Role.SME])
    )
    error = assert_error_shape(response, 400, "validation_failed")
    assert error["fields"], error
    assert db_session.scalar(select(func.count(Message.id))) == 0
    assert db_session.scalar(select(func.count(Notification.id)).where(Notification.kind == "message_received")) == 0


def test_a_foreigner_gets_404_for_the_thread_its_messages_and_the_subject(app, client, db_session, world):
    _sme, _supplier, interest, tokens = world
    thread = _open(client, tokens[Role.SME], interest.id)
    path = f"/api/v1/conversations/{thread['id']}"
    posted = client.post(f"{path}/messages", json={"body": "안녕하세요"}, headers=bearer(tokens[Role.SME])).get_json()
    for role in (Role.SME, Role.SUPPLIER, Role.SPONSOR, Role.MENTOR, Role.OFFICER, Role.ADMIN):
        foreign = bearer(make_api_token(app, db_session, make_user(app, db_session, role))[1])
        assert_error_shape(client.get(path, headers=foreign), 404, "not_found")
        assert_error_shape(client.get(f"{path}/messages", headers=foreign), 404, "not_found")
        assert_error_shape(
            client.post(f"{path}/messages", json={"body": "끼어들기"}, headers=foreign), 404, "not_found"
        )
        assert_error_shape(client.post(f"{path}/read", headers=foreign), 404, "not_found")
        assert_error_shape(client.get(f"/api/v1/messages/{posted['id']}", headers=foreign), 404, "not_found")
        opened = client.post(
            "/api/v1/conversations", json={"subject_type": "interest", "subject_id": interest.id}, headers=foreign
        )
        assert_error_shape(opened, 404, "not_found")
        assert client.get("/api/v1/conversations", headers=foreign).get_json()["total"] == 0
    assert db_session.scalar(select(func.count(Message.id))) == 1


def test_an_unknown_kind_of_subject_is_a_400(client, world):
    _sme, _supplier, interest, tokens = world
    body = {"subject_type": "letter", "subject_id": interest.id}
    error = assert_error_shape(
        client.post("/api/v1/conversations", json=body, headers=bearer(tokens[Role.SME])), 400, "validation_failed"
    )
    assert "subject_type" in error["fields"]


class TestRateLimit:
    @pytest.fixture
    def app_overrides(self):
        return {"RATELIMIT_ENABLED": True, "MESSAGE_RATE_LIMIT": "2 per minute"}

    def test_posting_is_limited_and_the_limit_is_the_json_error(self, client, db_session, world):
        _sme, _supplier, interest, tokens = world
        thread = _open(client, tokens[Role.SME], interest.id)
        path = f"/api/v1/conversations/{thread['id']}/messages"
        statuses = [
            client.post(path, json={"body": f"메시지 {n}"}, headers=bearer(tokens[Role.SME])).status_code
            for n in range(2)
        ]
        assert statuses == [201, 201]
        assert_error_shape(
            client.post(path, json={"body": "한 번 더"}, headers=bearer(tokens[Role.SME])), 429, "too_many_requests"
        )
        assert db_session.scalar(select(func.count(Message.id))) == 2


def test_a_message_whose_notification_fails_is_not_kept_either(client, db_session, world, monkeypatch):
    """The message and its notifications commit together: if telling the others fails, nothing is written."""
    _sme, _supplier, interest, tokens = world
    thread = _open(client, tokens[Role.SME], interest.id)

    def broken(*_args, **_kwargs):
        raise RuntimeError("the notifications table is unavailable")

    monkeypatch.setattr("marketplace.conversations.notices.notify", broken)
    path = f"/api/v1/conversations/{thread['id']}/messages"
    with pytest.raises(RuntimeError):
        client.post(path, json={"body": "사라지면 안 되는 메시지"}, headers=bearer(tokens[Role.SME]))
    assert db_session.scalar(select(func.count(Message.id))) == 0
    monkeypatch.undo()
    assert client.post(path, json={"body": "다시 보냅니다"}, headers=bearer(tokens[Role.SME])).status_code == 201
    assert db_session.scalar(select(func.count(Message.id))) == 1
    told = select(func.count(Notification.id)).where(Notification.kind == "message_received")
    assert db_session.scalar(told) == 1
