"""A small world with one owner of every kind, and how a browser or an API client sends a file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import Any

import pytest
from flask import Flask
from flask.testing import EnvironBuilder, FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from marketplace.attachments.models import Attachment
from marketplace.auth.models import Role, User
from marketplace.i18n import LANGUAGE_COOKIE
from marketplace.unit_of_work import commit
from mentors.models import EngagementLog, EngagementStatus
from tests.conftest import ATTACHMENTS_DIR, csrf_token, log_in
from tests.conversations.threads import open_thread, write
from tests.factories import PASSWORD, make_engagement, make_mentor, make_need, make_project, make_user


@dataclass
class World:
    sme: User
    supplier: User
    other_sme: User
    other_supplier: User
    officer: User
    mentor: User
    owners: dict[str, Any]


@pytest.fixture
def world(app: Flask, db_session: Session) -> World:
    sme = make_user(app, db_session, Role.SME)
    need = make_need(db_session, sme)
    project = make_project(app, db_session, sme, need)
    supplier = db_session.scalars(select(User).where(User.organisation_id == project.supplier_organisation_id)).one()
    profile = make_mentor(app, db_session)
    engagement = make_engagement(db_session, profile, need, status=EngagementStatus.ACTIVE)
    log = EngagementLog(
        engagement=engagement,
        author_id=profile.user_id,
        log_date=date(2026, 11, 30),
        hours=8,
        topics="금형 온도",
        advice="냉각 시간 조정",
        next_steps="측정",
    )
    db_session.add(log)
    commit(db_session)
    solution = project.solution
    with app.test_request_context():  # posting a message queues its notifications
        thread = open_thread(db_session, sme, "project", project.id)
        message = write(db_session, sme, thread, "견적서를 첨부합니다.")
    owners = {
        "need": need,
        "solution": solution,
        "organisation": sme.organisation,
        "project": project,
        "mentor_log": log,
        "mentor": profile,
        "message": message,
    }
    return World(
        sme=sme,
        supplier=supplier,
        other_sme=make_user(app, db_session, Role.SME),
        other_supplier=make_user(app, db_session, Role.SUPPLIER),
        officer=make_user(app, db_session, Role.OFFICER),
        mentor=profile.user,
        owners=owners,
    )


def signed_in(app: Flask, user: User, lang: str = "en") -> FlaskClient:
    client = app.test_client()
    client.set_cookie(LANGUAGE_COOKIE, lang, domain="localhost")
    log_in(client, user.email, PASSWORD)
    return client


def upload_form(client: FlaskClient, path: str, name: str, data: bytes, role: str = "document", **kwargs: Any):
    """Send a file as the attachment form does (with the page's CSRF token)."""
    fields = {"csrf_token": csrf_token(client), "role": role, "file": (BytesIO(data), name)}
    return send_multipart(client, path, fields, **kwargs)


def send_multipart(client: FlaskClient, path: str, fields: dict[str, Any], headers: Any = None, **kwargs: Any):
    """POST multipart data, closing the test client's spooled body afterwards (a large one is a temporary file)."""
    builder = EnvironBuilder(client.application, path, method="POST", data=fields, headers=headers)
    environ = builder.get_environ()
    try:
        return client.open(environ, **kwargs)
    finally:
        environ["wsgi.input"].close()
        builder.close()


def attachment_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Attachment)) or 0)


def stored_files() -> int:
    from pathlib import Path

    return sum(1 for path in Path(ATTACHMENTS_DIR).rglob("*") if path.is_file())
