"""Training fixtures: an organiser (a complex operator), two SMEs, an outsider sponsor, an officer."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from marketplace.auth.models import Role
from marketplace.organisations.models import OrganisationKind
from tests.factories import make_organisation, make_user
from tests.mentors.conftest import Side, side  # a user and their API token


@dataclass
class World:
    organiser: Side  # 한국산업단지공단-like: a sponsor-kind organisation operating 반월 and 시화
    sme: Side
    other_sme: Side
    outsider: Side  # a sponsor that runs no course here
    officer: Side


@pytest.fixture
def world(app, db_session) -> World:
    operator = make_organisation(
        db_session, OrganisationKind.SPONSOR, name="한국산업단지공단", operated_complexes=["banwol", "sihwa"]
    )
    return World(
        organiser=side(app, db_session, make_user(app, db_session, Role.SPONSOR, organisation=operator)),
        sme=side(app, db_session, make_user(app, db_session, Role.SME)),
        other_sme=side(app, db_session, make_user(app, db_session, Role.SME)),
        outsider=side(app, db_session, make_user(app, db_session, Role.SPONSOR)),
        officer=side(app, db_session, make_user(app, db_session, Role.OFFICER)),
    )
