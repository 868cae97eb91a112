"""A consortium's members under concurrency: 100 `agree` requests at once, each in its own connection, where the
lead's own pool (not the programme's) is what runs out first. The ledger's checked update on each member's pool
refuses the 50th: exactly 49 succeed, no member is committed beyond its pledge, `funds check` passes. On SQLite
and PostgreSQL (a database of its own, as tests/funds/test_commitment_concurrency.py)."""

from __future__ import annotations

from collections import Counter

from sqlalchemy.orm import Session

from funds.consortia.commands import MemberIn
from funds.consortia.figures import programme_members
from funds.consortia.services import add_member
from marketplace.auth.models import Role
from marketplace.db import db
from tests.conftest import bearer, run_at_once
from tests.factories import context_of, make_api_token, make_programme, make_solution, make_user
from tests.funds.test_commitment_concurrency import concurrent_app, selected_project  # noqa: F401  (the fixture)

ATTEMPTS = 100
SHARE = 30_000_001  # odd: one won left over each time, and the tie goes to the lead
PLEDGE = 750_000_025  # each member's: the programme holds exactly 50 shares, the lead only 49 of its halves
COST, GOVERNMENT = 100_000_003, 30_000_000


def consortium_world(app, session: Session):
    sme, sponsor = make_user(app, session, Role.SME), make_user(app, session, Role.SPONSOR)
    supplier, officer = make_user(app, session, Role.SUPPLIER), make_user(app, session, Role.OFFICER)
    partner = make_user(app, session, Role.SPONSOR)
    solution = make_solution(session, supplier)
    programme = make_programme(app, session, sponsor, pledged_pool_krw=PLEDGE, per_project_cap_krw=SHARE)
    command = MemberIn.model_construct(organisation_id=partner.organisation_id, pledged_krw=PLEDGE)
    add_member(session, context_of(sponsor), programme.id, command)
    shares = (GOVERNMENT, SHARE, COST - GOVERNMENT - SHARE)
    projects = [selected_project(session, sme, supplier, solution, programme, COST, shares) for _ in range(ATTEMPTS)]
    session.add_all(projects)
    session.commit()
    return programme, [project.id for project in projects], make_api_token(app, session, officer)[1]


def test_concurrent_agreements_never_over_commit_a_member(concurrent_app):  # noqa: F811
    app = concurrent_app
    with Session(db.state(app).engine, expire_on_commit=False) as session, app.app_context():
        programme, project_ids, token = consortium_world(app, session)
    headers = bearer(token) | {"Accept-Language": "en"}
    assert app.test_client().get("/api/v1/me", headers=headers).status_code == 200
    results: dict[int, int] = {}

    def agree(project_id: int) -> None:
        answer = app.test_client().post(
            f"/api/v1/projects/{project_id}/transitions", json={"action": "agree"}, headers=headers
        )
        results[project_id] = answer.status_code

    run_at_once(agree, project_ids)

    assert Counter(results.values()) == {200: 49, 409: ATTEMPTS - 49}
    with Session(db.state(app).engine) as session:
        lead, partner = programme_members(session, programme.id)
    assert lead.committed_krw == 49 * (SHARE // 2 + 1)  # the odd won of each share went to the lead
    assert partner.committed_krw == 49 * (SHARE // 2)
    assert lead.remaining_krw == PLEDGE - lead.committed_krw < SHARE // 2 + 1
    assert lead.remaining_krw + partner.remaining_krw >= SHARE  # the programme's pool alone would allow one more
    check = app.test_cli_runner().invoke(args=["funds", "check"])
    assert check.exit_code == 0, check.output
