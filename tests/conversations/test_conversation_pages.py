"""The conversation pages: from the interest's page to the thread, writing with the form, the top bar's
count that falls once the thread is read, a form's message for a bad body, and 404 for anyone else."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from marketplace.auth.models import Role
from marketplace.conversations.models import Message
from tests.conftest import csrf_token, log_in, post_form
from tests.conversations.threads import accepted_interest, open_thread, sme_and_supplier, write
from tests.factories import PASSWORD, make_engagement, make_mentor, make_need, make_project, make_user

BADGE = re.compile(r'id="message-unread">(\d+)')


def _badge(client) -> int:
    found = BADGE.search(client.get("/conversations/").get_data(as_text=True))
    return int(found.group(1)) if found else 0


def test_the_interest_page_leads_to_the_thread_where_both_sides_write(app, client, db_session):
    sme, supplier = sme_and_supplier(app, db_session)
    interest = accepted_interest(db_session, sme, supplier)
    log_in(client, supplier.email, PASSWORD)
    page = client.get(f"/interests/{interest.id}").get_data(as_text=True)
    assert page.index('id="open-conversation"') < page.index("contact-sender")
    opened = post_form(client, "/conversations/open", {"subject_type": "interest", "subject_id": str(interest.id)})
    assert opened.status_code == 302
    thread_path = opened.headers["Location"]
    assert re.fullmatch(r"/conversations/\d+", thread_path)
    sent = post_form(client, thread_path, {"body": "안녕하세요. 다음 주 방문 상담 가능합니다."}, follow_redirects=True)
    assert "안녕하세요. 다음 주 방문 상담 가능합니다." in sent.get_data(as_text=True)

    other = app.test_client()
    log_in(other, sme.email, PASSWORD)
    assert _badge(other) == 1
    inbox = other.get("/conversations/").get_data(as_text=True)
    assert interest.target_title in inbox
    assert "다음 주 방문 상담" in inbox
    assert "안녕하세요" in other.get(thread_path).get_data(as_text=True)  # reading it…
    assert _badge(other) == 0  # …clears the count
    post_form(client, thread_path, {"body": "화요일 10시 어떠세요?"})
    assert _badge(other) == 1  # the next page counts a message the moment it arrives
    # The interest page now links to the open thread.
    assert thread_path in other.get(f"/interests/{interest.id}").get_data(as_text=True)


def test_an_empty_message_gets_the_fields_message_and_writes_nothing(app, client, db_session):
    sme, supplier = sme_and_supplier(app, db_session)
    interest = accepted_interest(db_session, sme, supplier)
    with app.test_request_context():
        thread = open_thread(db_session, sme, "interest", interest.id)
    log_in(client, sme.email, PASSWORD)
    response = post_form(client, f"/conversations/{thread.id}", {"body": "   "})
    assert response.status_code == 200
    assert 'class="form-control is-invalid"' in response.get_data(as_text=True)  # the box says what is wrong
    response = post_form(client, f"/conversations/{thread.id}", {"body": "가" * 4001})
    assert "4000" in response.get_data(as_text=True)
    assert 'class="form-control is-invalid"' in response.get_data(as_text=True)
    assert db_session.scalar(select(func.count(Message.id))) == 0
    assert client.post(f"/conversations/{thread.id}", data={"body": "CSRF 없이"}).status_code == 400


def test_a_foreigner_gets_404_for_the_thread_and_no_button_on_pages(app, client, db_session):
    sme, supplier = sme_and_supplier(app, db_session)
    interest = accepted_interest(db_session, sme, supplier)
    with app.test_request_context():
        thread = open_thread(db_session, sme, "interest", interest.id)
        write(db_session, sme, thread, "안녕하세요")
    stranger = make_user(app, db_session, Role.SUPPLIER)
    log_in(client, stranger.email, PASSWORD)
    assert client.get(f"/conversations/{thread.id}").status_code == 404
    assert post_form(client, f"/conversations/{thread.id}", {"body": "끼어들기"}).status_code == 404
    opened = post_form(client, "/conversations/open", {"subject_type": "interest", "subject_id": str(interest.id)})
    assert opened.status_code == 404
    assert "안녕하세요" not in client.get("/conversations/").get_data(as_text=True)


def test_project_and_engagement_pages_open_their_threads(app, client, db_session):
    sme = make_user(app, db_session, Role.SME)
    project = make_project(app, db_session, sme, make_need(db_session, sme))
    mentor = make_mentor(app, db_session)
    engagement = make_engagement(db_session, mentor, make_need(db_session, sme))
    log_in(client, sme.email, PASSWORD)
    for page, subject_type, subject_id in [
        (f"/projects/{project.id}", "project", project.id),
        (f"/mentors/engagements/{engagement.id}", "engagement", engagement.id),
    ]:
        html = client.get(page).get_data(as_text=True)
        assert 'id="open-conversation"' in html, page
        token = csrf_token(client, page)
        opened = client.post(
            "/conversations/open",
            data={"csrf_token": token, "subject_type": subject_type, "subject_id": str(subject_id)},
        )
        assert opened.status_code == 302
        assert client.get(opened.headers["Location"]).status_code == 200
