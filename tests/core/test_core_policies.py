"""The core resources' policies, one table each: role x ownership x action -> allowed; and each list's SQL
twin keeps exactly the rows `can(user, 'view', row)` allows (run on SQLite and PostgreSQL alike)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from marketplace.auth.models import MemberRole, Role, User
from marketplace.interests.models import Interest, TargetType
from marketplace.needs.models import Need, NeedStatus
from marketplace.organisations.models import Organisation, OrganisationKind
from marketplace.policy import can
from marketplace.programmes.models import ProgrammeStatus, SponsorProgramme
from marketplace.solutions.models import Solution, SolutionStatus
from tests.factories import make_need, make_organisation, make_programme, make_solution
from tests.policy_grid import assert_twin_agrees, grid, quick_user

ROOT = Path(__file__).resolve().parents[2]

# Column order (tests/policy_grid.py): anonymous | sme own, other | sponsor own, other | supplier own, other
#                                     | mentor | officer | admin
NEEDS = grid("""
view open          | 1  1 1  1 1  1 1  1 1 1
view draft         | 0  1 0  1 0  1 0  0 1 1
view closed        | 0  1 1  1 1  1 1  1 1 1
view withdrawn     | 0  1 0  1 0  1 0  0 1 1
create             | 0  1 1  0 0  0 0  0 0 0
edit open          | 0  1 0  1 0  1 0  0 0 1
see_leads open     | 0  1 0  1 0  1 0  0 1 1
apply_for_project open   | 0  1 0  0 0  0 0  0 0 0
apply_for_project closed | 0  0 0  0 0  0 0  0 0 0
""")
SOLUTIONS = grid("""
view active        | 1  1 1  1 1  1 1  1 1 1
view archived      | 0  1 0  1 0  1 0  0 1 1
create             | 0  0 0  0 0  1 1  0 0 0
edit active        | 0  1 0  1 0  1 0  0 0 1
see_leads active   | 0  1 0  1 0  1 0  0 1 1
""")
PROGRAMMES = grid("""
view open          | 1  1 1  1 1  1 1  1 1 1
view closed        | 1  1 1  1 1  1 1  1 1 1
view draft         | 0  1 0  1 0  1 0  0 1 1
create             | 0  0 0  1 1  0 0  0 0 0
edit open          | 0  1 0  1 0  1 0  0 0 1
see_leads open     | 0  1 0  1 0  1 0  0 1 1
""")
ORGANISATIONS = grid("""
view               | 0  1 1  1 1  1 1  1 1 1
view_private       | 0  1 0  1 0  1 0  0 1 1
edit               | 0  1 0  1 0  1 0  0 0 1
edit_profile       | 0  1 0  1 0  1 0  0 0 1
view_members       | 0  1 0  1 0  1 0  0 0 1
invite             | 0  1 0  1 0  1 0  0 0 1
""")
INTERESTS = grid("""
view received      | 0  1 0  1 0  1 0  0 0 0
view sent          | 0  1 0  1 0  1 0  0 0 0
answer received    | 0  1 0  1 0  1 0  0 0 0
answer sent        | 0  0 0  0 0  0 0  0 0 0
""")
USERS = grid("""
administer         | 0  0 0  0 0  0 0  0 0 1
""")


def _actor(db_session, role: Role | None) -> User | None:
    return None if role is None else quick_user(db_session, role)


def _owner_of(db_session, actor: User | None, ownership: str, role: Role) -> User:
    """A user of the owning organisation: the actor itself for `own`, else a new user of another firm."""
    return actor if ownership == "own" and actor is not None else quick_user(db_session, role)


def _action_and_state(label: str) -> tuple[str, str]:
    action, _, state = label.partition(" ")
    return action, state


LISTINGS = {
    "need": (Need, Role.SME, lambda session, owner, state: make_need(session, owner, status=NeedStatus(state))),
    "solution": (
        Solution,
        Role.SUPPLIER,
        lambda session, owner, state: make_solution(session, owner, status=SolutionStatus(state)),
    ),
}


@pytest.mark.parametrize(("label", "role", "ownership", "allowed"), NEEDS)
def test_need_policy(db_session, label, role, ownership, allowed):
    actor = _actor(db_session, role)
    action, state = _action_and_state(label)
    target = (
        Need
        if action == "create"
        else make_need(db_session, _owner_of(db_session, actor, ownership, Role.SME), status=NeedStatus(state))
    )
    assert can(actor, action, target) is allowed
    assert can(actor, action, target if action != "create" else "need") is allowed  # by name, as templates ask


@pytest.mark.parametrize(("label", "role", "ownership", "allowed"), SOLUTIONS)
def test_solution_policy(db_session, label, role, ownership, allowed):
    actor = _actor(db_session, role)
    action, state = _action_and_state(label)
    target = (
        Solution
        if action == "create"
        else make_solution(
            db_session, _owner_of(db_session, actor, ownership, Role.SUPPLIER), status=SolutionStatus(state)
        )
    )
    assert can(actor, action, target) is allowed


@pytest.mark.parametrize(("label", "role", "ownership", "allowed"), PROGRAMMES)
def test_programme_policy(db_session, label, role, ownership, allowed):
    actor = _actor(db_session, role)
    action, state = _action_and_state(label)
    sponsor = _owner_of(db_session, actor, ownership, Role.SPONSOR)
    target = (
        SponsorProgramme
        if action == "create"
        else make_programme(None, db_session, sponsor, status=ProgrammeStatus(state))
    )
    assert can(actor, action, target) is allowed


@pytest.mark.parametrize(("label", "role", "ownership", "allowed"), ORGANISATIONS)
def test_organisation_policy(db_session, label, role, ownership, allowed):
    actor = _actor(db_session, role)
    organisation = actor.organisation if ownership == "own" and actor else make_organisation(db_session)
    assert can(actor, label, organisation) is allowed


def test_a_member_who_is_not_a_manager_sees_colleagues_but_does_not_invite(db_session):
    manager = quick_user(db_session, Role.SME)
    member = quick_user(db_session, Role.SME, organisation=manager.organisation, member_role=MemberRole.MEMBER)
    assert can(member, "view_members", manager.organisation)
    assert not can(member, "invite", manager.organisation)
    assert can(member, "edit", manager.organisation)  # the details any member keeps up to date
    assert not can(member, "edit_profile", manager.organisation)  # the public profile speaks for the firm


def _interest(db_session, sender: User, recipient: Organisation) -> Interest:
    interest = Interest(
        sender_id=sender.id,
        sender_organisation_id=sender.organisation_id,
        recipient_organisation_id=recipient.id,
        target_type=TargetType.NEED,
        target_id=1,
        target_title="사출성형 라인 MES 구축",
        message="",
    )
    db_session.add(interest)
    db_session.flush()
    return interest


@pytest.mark.parametrize(("label", "role", "ownership", "allowed"), INTERESTS)
def test_interest_policy(db_session, label, role, ownership, allowed):
    actor = _actor(db_session, role)
    action, side = _action_and_state(label)
    stranger = quick_user(db_session, Role.SUPPLIER)
    own = ownership == "own" and actor is not None
    if side == "received":
        interest = _interest(db_session, stranger, actor.organisation if own else make_organisation(db_session))
    else:
        interest = _interest(db_session, actor if own else stranger, make_organisation(db_session))
    assert can(actor, action, interest) is allowed


@pytest.mark.parametrize(("label", "role", "ownership", "allowed"), USERS)
def test_user_policy(db_session, label, role, ownership, allowed):
    assert can(_actor(db_session, role), label, User) is allowed


def _viewers(db_session, owners: list[User]) -> list[User | None]:
    """Nobody, the owners themselves, and one user of every role from elsewhere."""
    return [None, *owners, *(quick_user(db_session, role) for role in Role)]


@pytest.mark.parametrize("kind", ["need", "solution", "programme"])
def test_listing_lists_keep_exactly_the_listings_each_user_may_view(db_session, kind):
    if kind == "programme":
        owners = [quick_user(db_session, Role.SPONSOR) for _ in range(2)]
        model: type = SponsorProgramme
        for owner in owners:
            for state in ProgrammeStatus:
                make_programme(None, db_session, owner, status=state)
    else:
        model, role, make = LISTINGS[kind]
        owners = [quick_user(db_session, role) for _ in range(2)]
        for owner in owners:
            for state in model.status.type.enum_class:
                make(db_session, owner, state)
    for viewer in _viewers(db_session, owners):
        assert_twin_agrees(db_session, viewer, model)


def test_organisation_and_interest_lists_agree_with_the_policies(db_session):
    sme, supplier = quick_user(db_session, Role.SME), quick_user(db_session, Role.SUPPLIER)
    _interest(db_session, supplier, sme.organisation)
    _interest(db_session, sme, make_organisation(db_session, OrganisationKind.SUPPLIER))
    for viewer in _viewers(db_session, [sme, supplier]):
        assert_twin_agrees(db_session, viewer, Interest)
        assert_twin_agrees(db_session, viewer, Organisation)


def test_the_app_factory_registers_every_policy_before_anything_else_is_imported():
    """A fresh process that imports only the app factory answers `can` for every resource: registration is
    `register_policies()`'s, never a side effect of which service module happened to be imported first."""
    script = (
        "from marketplace.app import create_app\n"
        "from marketplace.policy import policy_for, resource_named\n"
        "import marketplace.needs.services, funds.projects.services, mentors.services\n"
        "try:\n"
        "    resource_named('need')\n"
        "except KeyError:\n"
        "    print('none before the factory')\n"
        "create_app({'TESTING': True, 'DATABASE_URL': 'sqlite://'})\n"
        "names = ['user', 'organisation', 'need', 'solution', 'programme', 'interest', 'project', 'payment',\n"
        "         'government_programme', 'sponsor_report', 'reports', 'mentor', 'engagement', 'mentor_log',\n"
        "         'sme_outcomes', 'programme_overview']\n"
        "print(len({id(policy_for(name)) for name in names}))\n"
    )
    done = subprocess.run(  # noqa: S603 (our own interpreter)
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["none", "before", "the", "factory", "16"]  # then each resource its own policy
