"""Commitments under concurrency: 100 `agree` requests at once, each in its own connection and transaction, at
a programme whose pool holds exactly 50 of them: 50 succeed, 50 get 409, the pool is exactly used up.

Runs on a database of its own (a fresh SQLite file, or a fresh PostgreSQL database next to TEST_DATABASE_URL),
migrated for the test and thrown away after: ledger rows cannot be deleted, by design.
"""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from funds import ledger
from funds.government.split import ShareRule, SponsorOffer, split_cost
from funds.models import (
    AccountKind,
    CostShareRule,
    LedgerAccount,
    LedgerTransaction,
    Project,
    ProjectStatus,
    TransactionKind,
)
from marketplace.app import create_app
from marketplace.auth.models import Role
from marketplace.db import db, make_engine
from marketplace.unit_of_work import begin_writing
from tests import conftest
from tests.conftest import bearer, run_at_once
from tests.factories import make_api_token, make_need, make_programme, make_solution, make_user

ATTEMPTS, ROOM_FOR = 100, 50
COST = 100_000_000
TYPE_1 = 1  # seeded by migration 0005: type 1, basic tier: government 30 % (≤ ₩42M), sponsor ≥ 30 %, SME ≤ 40 %
SPONSOR_SHARE = split_cost(
    COST, ShareRule(30, 42_000_000, 30, None, 40, None, True), SponsorOffer(30, COST)
).sponsor_krw


def committed_world(app, session: Session):
    """100 selected projects whose sponsor shares add up to twice the programme's pool."""
    sme, sponsor = make_user(app, session, Role.SME), make_user(app, session, Role.SPONSOR)
    supplier, officer = make_user(app, session, Role.SUPPLIER), make_user(app, session, Role.OFFICER)
    solution = make_solution(session, supplier)
    programme = make_programme(
        app, session, sponsor, pledged_pool_krw=ROOM_FOR * SPONSOR_SHARE, per_project_cap_krw=SPONSOR_SHARE
    )
    split = split_cost(COST, programme_rule(session), SponsorOffer(30, SPONSOR_SHARE))
    shares = (split.government_krw, split.sponsor_krw, split.sme_krw)
    projects = [selected_project(session, sme, supplier, solution, programme, COST, shares) for _ in range(ATTEMPTS)]
    session.add_all(projects)
    session.commit()
    return programme, [project.id for project in projects], make_api_token(app, session, officer)[1]


def selected_project(session: Session, sme, supplier, solution, programme, cost: int, shares: tuple[int, int, int]):
    """A project selected by the programme's sponsor, on type 1's basic tier, split into (government, sponsor, SME)."""
    government, sponsor_share, sme_share = shares
    return Project(
        need_id=make_need(session, sme).id,
        solution_id=solution.id,
        programme_id=programme.id,
        government_programme_id=TYPE_1,
        rule_id=1,
        sme_organisation_id=sme.organisation_id,
        supplier_organisation_id=supplier.organisation_id,
        sponsor_organisation_id=programme.organisation_id,
        applicant_id=sme.id,
        tier="basic",
        cost_krw=cost,
        government_share_krw=government,
        sponsor_share_krw=sponsor_share,
        sme_share_krw=sme_share,
        rule_terms={},
        status=ProjectStatus.SELECTED,
    )


def programme_rule(session: Session) -> ShareRule:
    return session.get(CostShareRule, 1).share_rule()


@pytest.fixture
def concurrent_app(own_database: str):
    app = create_app(conftest.test_overrides(own_database))
    state = db.state(app)
    state.engine.dispose()
    # A connection per request: SQLite opens one each time; PostgreSQL (100 connections at most on this server)
    # gets a pool of 40 held by requests one at a time each, the rest waiting their turn for a connection.
    options = {"poolclass": NullPool} if own_database.startswith("sqlite") else {"pool_size": 40, "max_overflow": 0}
    state.engine = make_engine(own_database, **options)
    state.sessionmaker = sessionmaker(state.engine, expire_on_commit=False)
    yield app
    state.engine.dispose()


def test_a_hundred_concurrent_agreements_commit_exactly_what_the_pool_holds(concurrent_app):
    app = concurrent_app
    with Session(db.state(app).engine, expire_on_commit=False) as session:
        programme, project_ids, token = committed_world(app, session)
    headers = bearer(token) | {"Accept-Language": "en"}
    assert app.test_client().get("/api/v1/me", headers=headers).status_code == 200  # token use recorded now
    results: dict[int, tuple[int, dict]] = {}

    def agree(project_id: int) -> None:
        client = app.test_client()
        response = client.post(f"/api/v1/projects/{project_id}/transitions", json={"action": "agree"}, headers=headers)
        results[project_id] = (response.status_code, response.get_json())

    run_at_once(agree, project_ids)

    assert Counter(status for status, _ in results.values()) == {200: ROOM_FOR, 409: ATTEMPTS - ROOM_FOR}
    refusals = {body["error"]["code"] for status, body in results.values() if status == 409}
    assert refusals == {"insufficient_funds"}
    balance = app.test_client().get(f"/api/v1/programmes/{programme.id}/balance", headers=headers).get_json()
    assert balance == {
        "pledged_krw": ROOM_FOR * SPONSOR_SHARE,
        "committed_krw": ROOM_FOR * SPONSOR_SHARE,
        "remaining_krw": 0,
    }
    with Session(db.state(app).engine) as session:
        statuses = Counter(session.scalars(select(Project.status)))
        commits = session.scalar(
            select(func.count()).select_from(LedgerTransaction).where(LedgerTransaction.kind == TransactionKind.COMMIT)
        )
    assert statuses == {ProjectStatus.AGREED: ROOM_FOR, ProjectStatus.SELECTED: ATTEMPTS - ROOM_FOR}
    assert commits == ROOM_FOR  # the losers wrote nothing
    check = app.test_cli_runner().invoke(args=["funds", "check"])
    assert check.exit_code == 0, check.output
    assert "0 violations" in check.output


def test_the_ledger_alone_never_over_commits_an_account(own_database):
    """The conditional balance update on its own, without the programme lock the agree flow also takes:
    100 transactions at once each take 1/50 of a budget; exactly 50 succeed."""
    options = {"poolclass": NullPool} if own_database.startswith("sqlite") else {"pool_size": 40, "max_overflow": 0}
    engine = make_engine(own_database, **options)
    share = 1_000
    with Session(engine) as session:
        source = ledger.account(session, AccountKind.GOVERNMENT_APPROPRIATION, TYPE_1)
        budget = ledger.account(session, AccountKind.GOVERNMENT_BUDGET, TYPE_1)
        ledger.record(session, TransactionKind.BUDGET, [ledger.Transfer(source, budget, ROOM_FOR * share)], None)
        escrows = [ledger.account(session, AccountKind.PROJECT_ESCROW, n).id for n in range(1, ATTEMPTS + 1)]
        session.commit()
        budget_id = budget.id
    outcomes: list[str] = []

    def take(escrow_id: int) -> None:
        with Session(engine) as session:
            begin_writing(session)  # SQLite: take the write lock first; PostgreSQL: nothing
            budget, escrow = session.get(LedgerAccount, budget_id), session.get(LedgerAccount, escrow_id)
            try:
                ledger.record(session, TransactionKind.COMMIT, [ledger.Transfer(budget, escrow, share)], None)
                session.commit()
                outcomes.append("committed")
            except ledger.InsufficientFunds:
                session.rollback()
                outcomes.append("refused")

    run_at_once(take, escrows)
    with Session(engine) as session:
        remaining = session.get(LedgerAccount, budget_id).balance_krw
        entries = session.scalar(select(func.count()).select_from(LedgerTransaction))
    engine.dispose()
    assert Counter(outcomes) == {"committed": ROOM_FOR, "refused": ATTEMPTS - ROOM_FOR}
    assert remaining == 0
    assert entries == 1 + ROOM_FOR
