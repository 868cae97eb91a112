"""Funds test fixtures: the parties of a project, each with an API token, and a helper to apply."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from devtools.fake_stripe import FakeStripe
from funds.schemas import ProjectIn
from marketplace.auth.models import Role, User
from tests.conftest import bearer
from tests.factories import make_api_token, make_need, make_programme, make_solution, make_user
from tests.funds.paying import Live, live_app

TYPE_1, TYPE_2, GOVERNMENT_ONLY = 1, 2, 3  # the seeded government programmes (migration 0005)


@dataclass
class Side:
    user: User
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return bearer(self.token) | {"Accept-Language": "en"}


@dataclass
class World:
    sme: Side
    sponsor: Side
    supplier: Side
    officer: Side
    outsider: Side  # another SME
    need: object
    solution: object
    programme: object


def side(app, db_session, user: User) -> Side:
    return Side(user, make_api_token(app, db_session, user)[1])


@pytest.fixture
def world(app, db_session) -> World:
    sme = make_user(app, db_session, Role.SME)
    sponsor = make_user(app, db_session, Role.SPONSOR)
    supplier = make_user(app, db_session, Role.SUPPLIER)
    return World(
        sme=side(app, db_session, sme),
        sponsor=side(app, db_session, sponsor),
        supplier=side(app, db_session, supplier),
        officer=side(app, db_session, make_user(app, db_session, Role.OFFICER)),
        outsider=side(app, db_session, make_user(app, db_session, Role.SME)),
        need=make_need(db_session, sme),
        solution=make_solution(db_session, supplier, price_max_krw=500_000_000),
        programme=make_programme(app, db_session, sponsor),
    )


def applied(world: World, **fields) -> ProjectIn:
    """The application command the page's form builds from `application(world, **fields)`."""
    return ProjectIn.model_construct(**application(world, **fields))


def application(world: World, **fields) -> dict:
    """A valid application body for the world's need, solution and programme (type 1, basic)."""
    return {
        "need_id": world.need.id,
        "solution_id": world.solution.id,
        "programme_id": world.programme.id,
        "government_programme_id": TYPE_1,
        "tier": "basic",
        "cost_krw": 100_000_000,
    } | fields


def apply(client, world: World, **fields) -> dict:
    response = client.post("/api/v1/projects", json=application(world, **fields), headers=world.sme.headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def move(client, side: Side, project_id: int, action: str, reason: str | None = None):
    body = {"action": action} | ({"reason": reason} if reason else {})
    return client.post(f"/api/v1/projects/{project_id}/transitions", json=body, headers=side.headers)


@pytest.fixture(scope="module")
def live(database_url: str, fake_stripe: FakeStripe) -> Iterator[Live]:
    """The app served on a database of this module's own, with webhooks from the fake Stripe."""
    with live_app(database_url, fake_stripe) as served:
        yield served
