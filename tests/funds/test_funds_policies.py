"""The funds policies, one table each (projects, payments, government programmes, reports), and the SQL
twins of the project and payment lists checked against `can(user, 'view', row)` on a mixed set of rows."""

from __future__ import annotations

import pytest

from funds.models import GovernmentProgramme, Payment, PaymentPurpose, ProgrammeMember, Project, ProjectStatus
from funds.policies import Reports, SponsorReportOf
from marketplace.auth.models import Role, User
from marketplace.policy import can
from tests.factories import make_need, make_organisation, make_programme, make_project
from tests.policy_grid import assert_twin_agrees, grid, quick_user

# Column order (tests/policy_grid.py): anonymous | sme own, other | sponsor own, other | supplier own, other
#                                     | mentor | officer | admin
# "own": the user's firm is the project's party of the user's role (its SME, sponsor or supplier).
PROJECTS = grid("""
view sponsored                  | 0  1 0  1 0  1 0  0 1 1
view government                 | 0  1 0  0 0  1 0  0 1 1
browse                          | 0  1 1  1 1  1 1  0 1 1
apply                           | 0  1 1  0 0  0 0  0 0 0
view_energy sponsored           | 0  1 0  1 0  0 0  0 1 1
record_energy sponsored         | 0  1 0  1 0  0 0  0 1 0
mark_preinvestment sponsored    | 0  0 0  1 0  0 0  0 0 0
mark_preinvestment government   | 0  0 0  0 0  0 0  0 1 0
pay_share sponsored             | 0  1 0  0 0  0 0  0 0 0
view consortium                 | 0  1 0  1 0  1 0  0 1 1
view_energy consortium          | 0  1 0  0 0  0 0  0 1 1
record_energy consortium        | 0  1 0  0 0  0 0  0 1 0
mark_preinvestment consortium   | 0  0 0  0 0  0 0  0 0 0
pay_share consortium            | 0  1 0  0 0  0 0  0 0 0
""")
# "consortium": the project's programme is run by a consortium; a sponsor's "own" is its firm being a member (not
# the lead, the project's sponsor): it reads the project and acts on nothing.
# "own": the user's firm paid it (paid), or is the paid-for project's party of its role (project).
PAYMENTS = grid("""
view paid                       | 0  1 0  1 0  1 0  0 1 1
view project                    | 0  1 0  1 0  1 0  0 1 1
refund paid                     | 0  0 0  0 0  0 0  0 1 1
browse                          | 0  1 1  1 1  0 0  0 1 1
""")
GOVERNMENT_PROGRAMMES = grid("""
view                            | 0  1 1  1 1  1 1  1 1 1
edit                            | 0  0 0  0 0  0 0  0 1 0
view_changes                    | 0  0 0  0 0  0 0  0 1 1
""")
# "own": the report is of the user's own firm.
REPORTS = grid("""
view sponsor                    | 0  0 0  1 0  0 0  0 1 1
pay_pledges sponsor             | 0  0 0  1 0  0 0  0 0 0
open index                      | 0  1 1  1 1  0 0  0 1 1
view_any index                  | 0  0 0  0 0  0 0  0 1 1
""")
PARTY_COLUMNS = {
    Role.SME: "sme_organisation_id",
    Role.SPONSOR: "sponsor_organisation_id",
    Role.SUPPLIER: "supplier_organisation_id",
}


def _actor(db_session, role: Role | None) -> User | None:
    return None if role is None else quick_user(db_session, role)


def _project(db_session, actor: User | None, ownership: str, track: str) -> Project:
    """A project (not stored) of three other firms; for `own` the actor's firm takes its role's side."""
    sides = {column: make_organisation(db_session).id for column in PARTY_COLUMNS.values()}
    if track == "government":
        sides["sponsor_organisation_id"] = None
    takes_side = (
        actor is not None and actor.role in PARTY_COLUMNS and (track == "sponsored" or actor.role != Role.SPONSOR)
    )
    if ownership == "own" and takes_side:
        sides[PARTY_COLUMNS[actor.role]] = actor.organisation_id
    programme_id = 1 if track == "sponsored" else None
    return Project(status=ProjectStatus.AGREED, programme_id=programme_id, **sides)


def _consortium_project(db_session, actor: User | None, ownership: str) -> Project:
    """A project (pending, not flushed) of a consortium programme; for `own` a sponsor actor's firm is a member
    and another role's firm takes its role's side."""
    lead = quick_user(db_session, Role.SPONSOR)
    programme = make_programme(None, db_session, lead)
    db_session.add(ProgrammeMember(programme_id=programme.id, organisation_id=lead.organisation_id, pledged_krw=2))
    mine = ownership == "own" and actor is not None
    if mine and actor.role == Role.SPONSOR:
        db_session.add(ProgrammeMember(programme_id=programme.id, organisation_id=actor.organisation_id, pledged_krw=1))
    db_session.flush()
    sides = {column: make_organisation(db_session).id for column in PARTY_COLUMNS.values()}
    sides["sponsor_organisation_id"] = lead.organisation_id
    if mine and actor.role in (Role.SME, Role.SUPPLIER):
        sides[PARTY_COLUMNS[actor.role]] = actor.organisation_id
    project = Project(status=ProjectStatus.AGREED, programme_id=programme.id, **sides)
    db_session.add(project)  # in the session, so the policy can ask who the programme's members are
    return project


@pytest.mark.parametrize(("label", "role", "ownership", "allowed"), PROJECTS)
def test_project_policy(db_session, label, role, ownership, allowed):
    actor = _actor(db_session, role)
    action, _, track = label.partition(" ")
    if track == "consortium":
        with db_session.no_autoflush:
            assert can(actor, action, _consortium_project(db_session, actor, ownership)) is allowed
        return
    target = _project(db_session, actor, ownership, track) if track else Project
    assert can(actor, action, target) is allowed


def _stored_project(app, db_session, sme: User | None = None) -> Project:
    sme = sme or quick_user(db_session, Role.SME)
    return make_project(app, db_session, sme, make_need(db_session, sme))


def _payment(db_session, payer_organisation_id: int, project: Project) -> Payment:
    payment = Payment(
        purpose=PaymentPurpose.SME_SHARE,
        project_id=project.id,
        payer_organisation_id=payer_organisation_id,
        created_by_id=project.applicant_id,
        amount_krw=1_000_000,
    )
    db_session.add(payment)
    db_session.flush()
    return payment


@pytest.mark.parametrize(("label", "role", "ownership", "allowed"), PAYMENTS)
def test_payment_policy(app, db_session, label, role, ownership, allowed):
    actor = _actor(db_session, role)
    action, _, kind = label.partition(" ")
    if not kind:
        assert can(actor, action, Payment) is allowed
        return
    project = _stored_project(app, db_session)
    own = ownership == "own" and actor is not None
    payer = actor.organisation_id if own and kind == "paid" else make_organisation(db_session).id
    if own and kind == "project":
        setattr(project, PARTY_COLUMNS[actor.role], actor.organisation_id)
    assert can(actor, action, _payment(db_session, payer, project)) is allowed


@pytest.mark.parametrize(("label", "role", "ownership", "allowed"), GOVERNMENT_PROGRAMMES)
def test_government_programme_policy(db_session, label, role, ownership, allowed):
    programme = db_session.get(GovernmentProgramme, 3)  # seeded: the government-only track
    assert can(_actor(db_session, role), label, programme) is allowed


@pytest.mark.parametrize(("label", "role", "ownership", "allowed"), REPORTS)
def test_report_policy(db_session, label, role, ownership, allowed):
    actor = _actor(db_session, role)
    action, _, kind = label.partition(" ")
    if kind == "index":
        assert can(actor, action, Reports) is allowed
        return
    own = ownership == "own" and actor is not None
    firm = actor.organisation_id if own else make_organisation(db_session).id
    assert can(actor, action, SponsorReportOf(firm)) is allowed


def _every_kind_of_viewer(db_session, parties: list[User]) -> list[User | None]:
    return [None, *parties, *(quick_user(db_session, role) for role in Role)]


def test_project_and_payment_lists_keep_exactly_what_each_user_may_view(app, db_session):
    smes = [quick_user(db_session, Role.SME) for _ in range(2)]
    sponsor, supplier = quick_user(db_session, Role.SPONSOR), quick_user(db_session, Role.SUPPLIER)
    projects = [_stored_project(app, db_session, sme) for sme in smes]
    projects[0].sponsor_organisation_id = sponsor.organisation_id
    projects[0].programme_id = make_programme(app, db_session, sponsor).id
    projects[1].supplier_organisation_id = supplier.organisation_id
    member = quick_user(db_session, Role.SPONSOR)  # of projects[0]'s programme's consortium: reads, no payments
    db_session.add(
        ProgrammeMember(programme_id=projects[0].programme_id, organisation_id=member.organisation_id, pledged_krw=1)
    )
    _payment(db_session, smes[0].organisation_id, projects[0])
    _payment(db_session, smes[1].organisation_id, projects[1])
    _payment(db_session, sponsor.organisation_id, projects[1])  # paid by a firm not party to it
    for viewer in _every_kind_of_viewer(db_session, [*smes, sponsor, supplier, member]):
        assert_twin_agrees(db_session, viewer, Project)
        assert_twin_agrees(db_session, viewer, Payment)
    assert can(member, "view", projects[0])
    assert not can(member, "view", projects[1])
    assert not any(can(member, "view", payment) for payment in db_session.query(Payment))
