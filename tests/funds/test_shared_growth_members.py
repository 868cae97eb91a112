"""A consortium member's shared-growth evidence counts its own part of the consortium's money (its pledge, its
pro-rata part of each commitment, its own payments), traced to the ledger; the lead also holds what the programme
did before it became a consortium. The members' figures add up to the programme's. SMEs, mentors and KPIs count
the consortium's projects for every member."""

from __future__ import annotations

from sqlalchemy import select

from funds.consortia.commands import MemberIn
from funds.consortia.figures import programme_members
from funds.consortia.services import add_member
from funds.ledger.check import run_checks
from funds.ledger.shares import pro_rata
from funds.models import AccountKind, LedgerAccount, LedgerEntry, LedgerTransaction, ProgrammeMember, TransactionKind
from funds.projects.services import transition_project
from funds.reports.evidence.report import evidence_report
from funds.reports.services import sponsor_report
from marketplace import clock
from marketplace.auth.models import Role
from tests.factories import context_of, make_user
from tests.funds.making import make_project
from tests.funds.test_shared_growth import _figure, _pay

YEAR = clock.today().year
POOL = 5_000_000_000  # the world's programme: the lead's pledge


def _join(app, db_session, world, pledged: int):
    user = make_user(app, db_session, Role.SPONSOR)
    command = MemberIn.model_construct(organisation_id=user.organisation_id, pledged_krw=pledged)
    add_member(db_session, context_of(world.sponsor.user), world.programme.id, command)
    db_session.commit()
    return user


def _report(app, db_session, user):
    with app.test_request_context():
        return evidence_report(db_session, user, user.organisation_id, YEAR, "en")


def _pool(db_session, programme_id: int, kind: TransactionKind) -> int:
    """What the programme's pool did in transactions of this kind (its entries' sum)."""
    statement = (
        select(LedgerEntry.amount_krw)
        .join(LedgerAccount, LedgerAccount.id == LedgerEntry.account_id)
        .join(LedgerTransaction, LedgerTransaction.id == LedgerEntry.transaction_id)
        .where(
            LedgerAccount.kind == AccountKind.SPONSOR_POOL,
            LedgerAccount.owner_id == programme_id,
            LedgerTransaction.kind == kind,
        )
    )
    return sum(db_session.scalars(statement))


def test_each_member_counts_its_own_part_and_the_three_add_up_to_the_programme(app, db_session, world):
    before = make_project(db_session, world, "agreed", cost_krw=60_000_000)  # the lead's alone
    kt = _join(app, db_session, world, 2_500_000_000)
    kepco = _join(app, db_session, world, 1_250_000_000)
    agreed = make_project(db_session, world, "agreed", cost_krw=100_000_001)
    cancelled = make_project(db_session, world, "agreed", cost_krw=80_000_000)
    transition_project(db_session, context_of(world.sme.user), cancelled, "cancel", "사유")
    db_session.commit()
    with app.test_request_context():
        _pay(db_session, kt, world.programme, 30_000_000, intent_id="pi_kt")
        _pay(db_session, kepco, world.programme, 20_000_000, refunded=5_000_000, intent_id="pi_kepco")
        _pay(db_session, world.sponsor.user, world.programme, 10_000_000, intent_id="pi_lead")
    db_session.commit()
    assert run_checks(db_session) == []

    lead = world.sponsor.user
    reports = {user: _report(app, db_session, user) for user in (lead, kt, kepco)}
    members = {m.organisation_id: m.id for m in db_session.scalars(select(ProgrammeMember))}
    pledges = [(members[user.organisation_id], pledged) for user, pledged in
               ((lead, POOL), (kt, 2_500_000_000), (kepco, 1_250_000_000))]  # fmt: skip
    parts, cancelled_parts = (
        pro_rata(project.sponsor_share_krw, pledges, members[lead.organisation_id]) for project in (agreed, cancelled)
    )

    def part(user, shares):
        return shares[members[user.organisation_id]]

    expected = {
        lead: (POOL, before.sponsor_share_krw + part(lead, parts), 10_000_000),
        kt: (2_500_000_000, part(kt, parts), 30_000_000),
        kepco: (1_250_000_000, part(kepco, parts), 15_000_000),
    }
    for user, (pledged, committed, paid) in expected.items():
        report = reports[user]
        assert (report.figure("pledged"), report.figure("committed"), report.figure("paid")) == (
            pledged, committed, paid,
        )  # fmt: skip
        assert report.figure("committed_gross") == committed + part(user, cancelled_parts)
        assert report.figure("released") == part(user, cancelled_parts)
        for key in ("pledged", "committed", "committed_gross", "released", "paid", "refunded"):
            assert sum(r.amount for r in _figure(report, key).records) == report.figure(key), key
        assert {r.label for r in _figure(report, "pledged").records} == {world.programme.name}
    assert reports[kepco].figure("refunded") == 5_000_000

    def total(key: str) -> int:
        return sum(int(reports[user].figure(key)) for user in expected)

    assert total("pledged") == _pool(db_session, world.programme.id, TransactionKind.PLEDGE) == POOL + 3_750_000_000
    assert total("committed_gross") == -_pool(db_session, world.programme.id, TransactionKind.COMMIT)
    assert total("released") == _pool(db_session, world.programme.id, TransactionKind.RELEASE)
    assert total("committed") == before.sponsor_share_krw + agreed.sponsor_share_krw
    assert total("committed") == sum(row.committed_krw for row in programme_members(db_session, world.programme.id))
    assert total("paid") == 55_000_000

    # The member's records are the ledger transactions that moved its own accounts: the commitment is one.
    commits = {r.id for r in _figure(reports[kt], "committed_gross").records}
    assert commits == set(
        db_session.scalars(
            select(LedgerTransaction.id).where(
                LedgerTransaction.kind == TransactionKind.COMMIT,
                LedgerTransaction.project_id.in_((agreed.id, cancelled.id)),
            )
        )
    )
    # The year holds everything here: each member's figures are its sponsor report's totals (its own part).
    with app.test_request_context():
        for user in expected:
            totals = sponsor_report(db_session, user, user.organisation_id).total
            assert (totals.pledged_krw, totals.committed_krw, totals.paid_in_krw) == (
                reports[user].figure("pledged"), reports[user].figure("committed"), reports[user].figure("paid"),
            )  # fmt: skip
    # Every member counts the consortium's SMEs and projects supported in the year.
    for user in expected:
        assert reports[user].figure("smes") == 1
        assert reports[user].figure("projects") == 2
