"""Consortium programmes: the pro-rata split, each member's ledger accounts, commitments and their release, pledge
changes, `funds check` on members, and each member paying its own pledge."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from funds import ledger
from funds.consortia.commands import MemberIn, PledgeIn
from funds.consortia.figures import consortium_total, member_figures, programme_members
from funds.consortia.services import add_member, change_pledge
from funds.ledger.check import run_checks
from funds.ledger.shares import pro_rata
from funds.models import AccountKind, LedgerTransaction, PaymentPurpose, ProgrammeMember, ProjectStatus
from funds.payments.services import due, open_payment
from funds.projects.services import transition_project
from marketplace.auth.models import Role
from marketplace.errors import Conflict, Forbidden, ValidationFailed
from marketplace.listings.services import update_listing
from marketplace.organisations.models import OrganisationKind
from marketplace.programmes.commands import ProgrammeFields
from marketplace.programmes.models import SponsorProgramme
from marketplace.programmes.services import PROGRAMMES
from tests.factories import context_of, make_organisation, make_user
from tests.funds.making import make_project

A = AccountKind
POOL = 5_000_000_000  # make_programme's pledged pool: the lead's pledge once the programme becomes a consortium


@pytest.mark.parametrize(
    ("amount", "pledges", "lead", "expected"),
    [
        (100, [("a", 1), ("b", 1), ("c", 1)], "a", {"a": 34, "b": 33, "c": 33}),
        (100, [("a", 1), ("b", 1), ("c", 1)], "c", {"a": 33, "b": 33, "c": 34}),  # a tie: the lead first
        (101, [("a", 1), ("b", 1), ("c", 1)], "c", {"a": 34, "b": 33, "c": 34}),  # then in joining order
        (1, [("a", 1), ("b", 1)], "b", {"a": 0, "b": 1}),
        (10, [("a", 3), ("b", 3), ("c", 4)], "c", {"a": 3, "b": 3, "c": 4}),  # exact: no remainder
        (
            7,
            [("posco", 604), ("kt", 200), ("kepco", 150), ("mach", 50)],
            "posco",
            {"posco": 4, "kt": 2, "kepco": 1, "mach": 0},
        ),
        # 30,000,001 over 3:2:1 → 15,000,000.5 / 10,000,000.33 / 5,000,000.17: the half goes up
        (30_000_001, [("a", 3), ("b", 2), ("c", 1)], "c", {"a": 15_000_001, "b": 10_000_000, "c": 5_000_000}),
        (0, [("a", 1), ("b", 2)], "a", {"a": 0, "b": 0}),
        (5, [("a", 7)], "a", {"a": 5}),
    ],
)
def test_pro_rata_splits_exactly_with_the_largest_remainders(amount, pledges, lead, expected):
    assert pro_rata(amount, pledges, lead) == expected


@given(
    st.integers(min_value=0, max_value=10**13),
    st.lists(st.integers(min_value=1, max_value=10**12), min_size=1, max_size=8),
    st.integers(min_value=0, max_value=7),
)
def test_pro_rata_sums_to_the_amount_and_each_part_is_within_a_won(amount, weights, lead):
    pledges = list(enumerate(weights))
    parts = pro_rata(amount, pledges, lead % len(weights))
    assert sum(parts.values()) == amount
    total = sum(weights)
    for key, weight in pledges:
        assert abs(parts[key] * total - amount * weight) < total  # |part − exact| < 1 won


def test_pro_rata_refuses_nonsense():
    with pytest.raises(ValueError, match="negative"):
        pro_rata(-1, [("a", 1)])
    with pytest.raises(ValueError, match="positive"):
        pro_rata(1, [("a", 0)])


def sponsor_firm(app, db_session):
    """A sponsor firm with one user."""
    return make_user(app, db_session, Role.SPONSOR)


def consortium(app, db_session, world, *pledges: int):
    """The world's programme with members pledging `pledges` beside the lead; their users, in order."""
    users = []
    for pledged in pledges:
        user = sponsor_firm(app, db_session)
        add_member(
            db_session,
            context_of(world.sponsor.user),
            world.programme.id,
            MemberIn.model_construct(organisation_id=user.organisation_id, pledged_krw=pledged),
        )
        users.append(user)
    db_session.commit()
    return users


def accounts(db_session, kind, owner_id):
    return ledger.balance(db_session, kind, owner_id)


def test_adding_members_makes_the_sponsor_the_lead_and_grows_the_pool(app, db_session, world):
    kt, kepco = consortium(app, db_session, world, 2_000_000_000, 1_500_000_000)
    programme = db_session.get(SponsorProgramme, world.programme.id)
    assert programme.pledged_pool_krw == POOL + 3_500_000_000
    rows = programme_members(db_session, programme.id)
    assert [(r.organisation_id, r.is_lead, r.pledged_krw, r.remaining_krw) for r in rows] == [
        (world.sponsor.user.organisation_id, True, POOL, POOL),
        (kt.organisation_id, False, 2_000_000_000, 2_000_000_000),
        (kepco.organisation_id, False, 1_500_000_000, 1_500_000_000),
    ]
    assert consortium_total(rows).pledged_krw == programme.pledged_pool_krw
    assert accounts(db_session, A.SPONSOR_POOL, programme.id) == programme.pledged_pool_krw
    assert run_checks(db_session) == []


def test_a_sponsor_share_is_drawn_from_the_members_pro_rata_and_released_on_cancel(app, db_session, world):
    (kt,) = consortium(app, db_session, world, 2_500_000_000)  # lead 5bn : kt 2.5bn = 2 : 1
    project = make_project(db_session, world, "agreed", cost_krw=100_000_001)
    rows = {r.organisation_id: r for r in programme_members(db_session, world.programme.id)}
    lead, member = rows[world.sponsor.user.organisation_id], rows[kt.organisation_id]
    assert lead.committed_krw + member.committed_krw == project.sponsor_share_krw
    assert pro_rata(project.sponsor_share_krw, [("lead", 2), ("kt", 1)], "lead") == {
        "lead": lead.committed_krw,
        "kt": member.committed_krw,
    }
    assert lead.remaining_krw == POOL - lead.committed_krw
    assert run_checks(db_session) == []

    transition_project(db_session, context_of(world.sme.user), project, "cancel", "사유")
    db_session.commit()
    after = programme_members(db_session, world.programme.id)
    assert [(r.committed_krw, r.remaining_krw) for r in after] == [(0, POOL), (0, 2_500_000_000)]
    assert run_checks(db_session) == []


def test_a_commitment_made_before_the_consortium_is_the_leads_and_returns_to_the_lead(app, db_session, world):
    project = make_project(db_session, world, "agreed")
    (kt,) = consortium(app, db_session, world, 1_000_000_000)
    lead, member = programme_members(db_session, world.programme.id)
    assert (lead.committed_krw, member.committed_krw) == (project.sponsor_share_krw, 0)
    assert run_checks(db_session) == []
    transition_project(db_session, context_of(world.sme.user), project, "cancel", "사유")
    db_session.commit()
    lead, member = programme_members(db_session, world.programme.id)
    assert (lead.committed_krw, lead.remaining_krw, member.remaining_krw) == (0, POOL, 1_000_000_000)
    assert run_checks(db_session) == []


def test_a_members_pool_is_never_over_committed(app, db_session, world):
    """A member whose pledge is nearly all committed cannot be cut below it, and nothing is written."""
    (kt,) = consortium(app, db_session, world, 100_000_000)
    make_project(db_session, world, "agreed")
    _, member = programme_members(db_session, world.programme.id)
    assert member.committed_krw > 0
    transactions = db_session.scalar(select(func.count()).select_from(LedgerTransaction))
    with pytest.raises(Conflict), db_session.begin_nested():
        change_pledge(
            db_session,
            context_of(world.sponsor.user),
            world.programme.id,
            member.member_id,
            PledgeIn.model_construct(pledged_krw=member.committed_krw - 1),
        )
    assert db_session.scalar(select(func.count()).select_from(LedgerTransaction)) == transactions


def test_changing_a_pledge_moves_the_pool_and_keeps_the_ledger_balanced(app, db_session, world):
    (kt,) = consortium(app, db_session, world, 1_000_000_000)
    _, member = programme_members(db_session, world.programme.id)
    change_pledge(
        db_session,
        context_of(world.sponsor.user),
        world.programme.id,
        member.member_id,
        PledgeIn.model_construct(pledged_krw=1_200_000_000),
    )
    db_session.commit()
    assert db_session.get(SponsorProgramme, world.programme.id).pledged_pool_krw == POOL + 1_200_000_000
    assert programme_members(db_session, world.programme.id)[1].remaining_krw == 1_200_000_000
    assert run_checks(db_session) == []


def edit_pool(db_session, world, programme, pool_krw: int) -> None:
    """The lead edits the programme's pledged pool on its form."""
    command = ProgrammeFields.model_construct(_fields_set={"pledged_pool_krw"}, pledged_pool_krw=pool_krw)
    update_listing(db_session, PROGRAMMES, context_of(world.sponsor.user), programme, command)


def test_editing_the_pool_changes_the_leads_pledge(app, db_session, world):
    consortium(app, db_session, world, 1_000_000_000)
    programme = db_session.get(SponsorProgramme, world.programme.id)
    edit_pool(db_session, world, programme, 4_000_000_000)
    db_session.commit()
    lead, _ = programme_members(db_session, world.programme.id)
    assert lead.pledged_krw == 3_000_000_000
    assert run_checks(db_session) == []
    with pytest.raises(ValidationFailed) as refused, db_session.begin_nested():
        edit_pool(db_session, world, programme, 1_000_000_000)
    assert "pledged_pool_krw" in refused.value.fields


@pytest.mark.parametrize(
    ("organisation", "pledged", "field"),
    [
        ("sme", 1_000_000, "organisation_id"),
        ("lead", 1_000_000, "organisation_id"),
        ("twice", 1_000_000, "organisation_id"),
        ("missing", 1_000_000, "organisation_id"),
        ("sponsor", 0, "pledged_krw"),
        ("sponsor", -5, "pledged_krw"),
        ("sponsor", None, "pledged_krw"),
        ("sponsor", "a lot", "pledged_krw"),
    ],
)
def test_a_bad_member_is_refused_with_the_fields_message_and_nothing_written(
    app, db_session, world, organisation, pledged, field
):
    (kt,) = consortium(app, db_session, world, 1_000_000)
    chosen = {
        "sme": make_organisation(db_session, OrganisationKind.SME).id,
        "lead": world.sponsor.user.organisation_id,
        "twice": kt.organisation_id,
        "missing": 999_999,
        "sponsor": make_organisation(db_session, OrganisationKind.SPONSOR).id,
    }[organisation]
    before = db_session.scalar(select(func.count()).select_from(ProgrammeMember))
    with pytest.raises(ValidationFailed) as refused, db_session.begin_nested():
        add_member(
            db_session,
            context_of(world.sponsor.user),
            world.programme.id,
            MemberIn.model_construct(organisation_id=chosen, pledged_krw=pledged),
        )
    assert field in refused.value.fields
    assert db_session.scalar(select(func.count()).select_from(ProgrammeMember)) == before


def test_only_the_lead_adds_members(app, db_session, world):
    (kt,) = consortium(app, db_session, world, 1_000_000)
    other = make_organisation(db_session, OrganisationKind.SPONSOR)
    with pytest.raises(Forbidden):
        add_member(
            db_session,
            context_of(kt),
            world.programme.id,
            MemberIn.model_construct(organisation_id=other.id, pledged_krw=1),
        )


def test_each_member_pays_its_own_pledge(app, db_session, world):
    (kt,) = consortium(app, db_session, world, 300_000_000)
    programme = db_session.get(SponsorProgramme, world.programme.id)
    assert due(db_session, PaymentPurpose.PLEDGE, programme, kt.organisation_id).payable_krw == 300_000_000
    assert due(db_session, PaymentPurpose.PLEDGE, programme, world.sponsor.user.organisation_id).owed_krw == POOL
    with pytest.raises(ValidationFailed), db_session.begin_nested():
        open_payment(db_session, kt, PaymentPurpose.PLEDGE, programme.id, 300_000_001)
    payment = open_payment(db_session, kt, PaymentPurpose.PLEDGE, programme.id, 100_000_000)
    assert payment.payer_organisation_id == kt.organisation_id
    assert due(db_session, PaymentPurpose.PLEDGE, programme, kt.organisation_id).payable_krw == 200_000_000
    outsider = sponsor_firm(app, db_session)
    with pytest.raises(Forbidden):
        open_payment(db_session, outsider, PaymentPurpose.PLEDGE, programme.id, 1)


def test_member_figures_of_a_firm_across_its_programmes(app, db_session, world):
    (kt,) = consortium(app, db_session, world, 700_000_000)
    mine = member_figures(db_session, kt.organisation_id)
    assert [(r.programme_id, r.pledged_krw, r.is_lead) for r in mine] == [(world.programme.id, 700_000_000, False)]
    year = world.programme.applications_open_on.year
    assert member_figures(db_session, kt.organisation_id, year=year - 5) == []
    lead_rows = member_figures(db_session, world.sponsor.user.organisation_id)
    assert [(r.pledged_krw, r.is_lead) for r in lead_rows] == [(POOL, True)]


def test_a_plain_programme_reads_as_a_consortium_of_one(db_session, world):
    (only,) = programme_members(db_session, world.programme.id)
    assert (only.member_id, only.is_lead, only.pledged_krw, only.committed_krw) == (None, True, POOL, 0)


def test_funds_check_proves_each_members_balances(app, db_session, world, runner):
    (kt,) = consortium(app, db_session, world, 1_000_000_000)
    make_project(db_session, world, "agreed")
    assert run_checks(db_session) == []
    member = db_session.scalars(
        select(ProgrammeMember).where(ProgrammeMember.organisation_id == kt.organisation_id)
    ).one()
    pool = ledger.account(db_session, A.MEMBER_POOL, member.id)
    db_session.execute(text("UPDATE ledger_accounts SET balance_krw = balance_krw + 7 WHERE id = :id"), {"id": pool.id})
    db_session.execute(
        text("UPDATE programme_members SET pledged_krw = pledged_krw + 1 WHERE id = :id"), {"id": member.id}
    )
    db_session.commit()
    problems = run_checks(db_session)
    assert any(f"member {member.id} of programme" in p and "pledged 1,000,000,001" in p for p in problems), problems
    assert any(f"member {member.id} of programme" in p and "is not its pool" in p for p in problems), problems
    assert any(f"programme {world.programme.id}: its members" in p for p in problems), problems
    result = runner.invoke(args=["funds", "check"])
    assert result.exit_code == 1
    assert "VIOLATION" in result.output


def test_a_project_state_never_leaves_member_money_behind(app, db_session, world):
    consortium(app, db_session, world, 1_000_000_000, 500_000_000)
    for state in ("agreed", "inspected", "cancelled"):
        make_project(db_session, world, state)
    assert run_checks(db_session) == []
    rows = programme_members(db_session, world.programme.id)
    total = consortium_total(rows)
    assert total.committed_krw + total.remaining_krw == total.pledged_krw
    assert ProjectStatus.CANCELLED
