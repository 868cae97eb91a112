"""Schemathesis over the whole API, as an SME and as an admin: no 500s, every answer as the spec says.

The document is the one the app serves. Each operation gets up to EXAMPLES generated requests (valid
ones, and ones the spec forbids, which must be refused with a 4xx) against a small world: about half of
the ids in paths are swapped for ids of real rows, so the bodies reach real needs, projects and
engagements rather than only 404s. Everything runs in the test's rolled-back transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from marketplace.app import create_app
from marketplace.auth.models import Role
from marketplace.conversations.commands import MessageIn, OpenConversation
from marketplace.conversations.services import open_conversation, post_message
from marketplace.interests.services import express_interest
from marketplace.validation import MAX_ID
from tests import conftest
from tests.conftest import bearer
from tests.factories import (
    context_of,
    make_api_token,
    make_engagement,
    make_mentor,
    make_need,
    make_programme,
    make_project,
    make_solution,
    make_user,
)

# Bounded so the whole test adds about two minutes to `make test` on a loaded 2-core machine
# (2 callers × 54 operations × up to EXAMPLES requests each).
EXAMPLES = 8
# No 500s; every answer's status, type, headers and body as documented; a method a path lacks answers 405
# with Allow; a request the spec forbids is refused with a 4xx (the server enforces the spec's limits).
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    unsupported_method,
    negative_data_rejection,
]
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

# The document as the app serves it, read once at collection (serving it needs no database); each test
# then calls its own app, joined to the test's rolled-back transaction.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", create_app(conftest.test_overrides("sqlite://")))


@dataclass
class World:
    sme: dict[str, str]
    admin: dict[str, str]
    ids: dict[str, int]  # path parameter name -> the id of a real row


def caller(app, db_session, user) -> dict[str, str]:
    _token, plain = make_api_token(app, db_session, user)
    return bearer(plain)


@pytest.fixture
def world(app, db_session) -> World:
    """An SME with a need, a project and an engagement on it, an interest received, the project's conversation
    with a message; a solution, a programme."""
    sme = make_user(app, db_session, Role.SME)
    need = make_need(db_session, sme)
    supplier = make_user(app, db_session, Role.SUPPLIER)
    mentor = make_mentor(app, db_session)
    with app.test_request_context():
        interest = express_interest(db_session, context_of(supplier), "need", need.id, "제안드립니다")
    db_session.commit()
    project = make_project(app, db_session, sme, need)
    with app.test_request_context():
        opened = OpenConversation(subject_type="project", subject_id=project.id)
        thread, _new = open_conversation(db_session, sme, opened)
        message = post_message(db_session, sme, thread, MessageIn(body="설계 일정을 알려 주세요."))
    db_session.commit()
    ids = {
        "organisation_id": sme.organisation_id,
        "need_id": need.id,
        "solution_id": make_solution(db_session, supplier).id,
        "programme_id": make_programme(app, db_session).id,
        "mentor_id": mentor.id,
        "engagement_id": make_engagement(db_session, mentor, need).id,
        "project_id": project.id,
        "interest_id": interest.id,
        "conversation_id": thread.id,
        "message_id": message.id,
    }
    admin = make_user(app, db_session, Role.ADMIN)
    return World(caller(app, db_session, sme), caller(app, db_session, admin), ids)


def aim_at_real_rows(case, world: World) -> None:
    """Swap about half of the generated ids in the path for real ones (only ids the spec allows: a
    request the spec forbids must stay forbidden)."""
    for name, value in (case.path_parameters or {}).items():
        if name in world.ids and isinstance(value, int) and 1 <= value <= MAX_ID and value % 2 == 0:
            case.path_parameters[name] = world.ids[name]


@schema.parametrize()
@SETTINGS
def test_as_an_sme(case, app, world):
    aim_at_real_rows(case, world)
    case.call_and_validate(app=app, headers=world.sme, checks=CHECKS)


@schema.parametrize()
@SETTINGS
def test_as_an_admin(case, app, world):
    aim_at_real_rows(case, world)
    case.call_and_validate(app=app, headers=world.admin, checks=CHECKS)
