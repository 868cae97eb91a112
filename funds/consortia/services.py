"""Forming a consortium: the lead adds members with their pledges and changes pledges; the ledger follows.

Adding the first member turns a programme of one sponsor into a consortium: its sponsor becomes the lead
member, pledging the whole pool so far. From then on the programme's pledged pool is the sum of the members'
pledges: adding a member or changing a pledge changes the pool, and editing the pool changes the lead's
pledge (`follow_pool`). Each change is posted to the programme's pool and to the member's own accounts in
the same transaction; a cut below what a member (or the programme) already committed is refused (409).
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from funds.consortia.commands import MemberIn, PledgeIn
from funds.consortia.policies import Consortium
from funds.ledger import members as member_ledger
from funds.ledger.pools import lock_programme, sync_pledge
from funds.models import ProgrammeMember
from funds.projects.commitments import touch_listing
from marketplace.auth.models import User
from marketplace.context import ServiceContext
from marketplace.errors import NotFound
from marketplace.organisations.models import Organisation, OrganisationKind
from marketplace.policy import ensure, found
from marketplace.programmes.models import SponsorProgramme
from marketplace.validation import MAX_POOL_KRW, fail

NO_SUCH = _l("No such programme.")
NOT_LEAD = _l("Only the consortium's lead manages its members.")


def consortium_of(session: Session, programme: SponsorProgramme) -> Consortium:
    members = member_ledger.members_of(session, programme.id)
    return Consortium(programme, frozenset(member.organisation_id for member in members))


def get_consortium(session: Session, viewer: User | None, programme_id: int, lock: bool = False) -> Consortium:
    """The programme's consortium, if the viewer may see it (404 otherwise)."""
    exists = session.get(SponsorProgramme, programme_id)
    if exists is None:
        raise NotFound(NO_SUCH)
    programme = lock_programme(session, programme_id) if lock else exists
    return found(viewer, consortium_of(session, programme), NO_SUCH)


def add_member(session: Session, context: ServiceContext, programme_id: int, command: MemberIn) -> ProgrammeMember:
    """The lead adds a sponsor firm with its pledge; the pool grows by it."""
    consortium = get_consortium(session, context.actor, programme_id, lock=True)
    ensure(context.actor, "manage", consortium, NOT_LEAD)
    values = command.every_value()
    MemberIn.check(values)
    programme = consortium.programme
    chosen = values.get("organisation_id")
    organisation = session.get(Organisation, chosen) if isinstance(chosen, int) and chosen > 0 else None
    if organisation is None or organisation.kind != OrganisationKind.SPONSOR:
        raise fail("organisation_id", _l("Choose a sponsor firm (a private or public company)."))
    members = member_ledger.members_of(session, programme.id)
    if organisation.id == programme.organisation_id or organisation.id in consortium.member_organisation_ids:
        raise fail("organisation_id", _l("This firm is already a member of the consortium."))
    if not members:  # the programme becomes a consortium: its sponsor is the lead, pledging the pool so far
        session.add(_member(programme, programme.organisation_id, programme.pledged_pool_krw, None))
    member = _member(programme, organisation.id, values["pledged_krw"], context.actor)
    session.add(member)
    _set_pool(session, programme, programme.pledged_pool_krw + member.pledged_krw, context.actor)
    return member


def change_pledge(
    session: Session, context: ServiceContext, programme_id: int, member_id: int, command: PledgeIn
) -> ProgrammeMember:
    """The lead changes a member's pledge (its own included); the pool changes by the difference."""
    consortium = get_consortium(session, context.actor, programme_id, lock=True)
    member = session.get(ProgrammeMember, member_id)
    if member is None or member.programme_id != programme_id:
        raise NotFound(_l("No such member."))
    ensure(context.actor, "manage", consortium, NOT_LEAD)
    values = command.every_value()
    PledgeIn.check(values)
    programme = consortium.programme
    new_pool = programme.pledged_pool_krw - member.pledged_krw + values["pledged_krw"]
    member.pledged_krw = values["pledged_krw"]
    _set_pool(session, programme, new_pool, context.actor)
    return member


def _member(programme: SponsorProgramme, organisation_id: int, pledged_krw: int, actor: User | None) -> Any:
    return ProgrammeMember(
        programme_id=programme.id,
        organisation_id=organisation_id,
        pledged_krw=pledged_krw,
        added_by_id=actor.id if actor is not None else None,
    )


def _set_pool(session: Session, programme: SponsorProgramme, pool_krw: int, actor: User) -> None:
    if pool_krw > MAX_POOL_KRW:
        raise fail("pledged_krw", _l("The consortium's pool would exceed ₩%(max)s.", max=f"{MAX_POOL_KRW:,}"))
    if programme.per_project_cap_krw > pool_krw:
        message = _l(
            "The programme's cap per project (₩%(cap)s) cannot exceed its pool (₩%(pool)s).",
            cap=f"{programme.per_project_cap_krw:,}",
            pool=f"{pool_krw:,}",
        )
        raise fail("pledged_krw", message)
    programme.pledged_pool_krw = pool_krw
    session.flush()
    # The members first: a programme becoming a consortium posts its lead's pledge and commitments so far before
    # the pool grows, so every pool movement before that posting is the lead's (funds.ledger.contributions).
    member_ledger.sync_members(session, programme, actor)
    sync_pledge(session, programme.id, actor)
    touch_listing(programme)


def follow_pool(session: Session, programme_id: int, actor: User | None) -> None:
    """The programme's pool was edited: the lead's pledge is the pool less the other members' (a pledge follower)."""
    members = member_ledger.members_of(session, programme_id)
    if not members:
        return
    programme = lock_programme(session, programme_id)
    lead = member_ledger.lead_of(programme, members)
    others = sum(member.pledged_krw for member in members if member is not lead)
    if programme.pledged_pool_krw <= others:
        message = _l(
            "The pool must exceed the other members' pledges (₩%(others)s): the rest is the lead's.",
            others=f"{others:,}",
        )
        raise fail("pledged_pool_krw", message)
    lead.pledged_krw = programme.pledged_pool_krw - others
    session.flush()
    member_ledger.sync_members(session, programme, actor)
