"""What each member of a sponsor programme pledged, committed, paid and was refunded: the read other features use.

`programme_members(session, programme_id)` gives one row per member; `member_figures(session, organisation_id,
year)` one row per programme a sponsor firm pledges to. A programme of one sponsor (no member rows) reads as a
consortium of one: its sponsor is its lead and holds the whole pledge. Committed and remaining come from the
ledger (the member's own accounts, or the programme's pool); paid, under way and refunded from its card
payments of the pledge.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from funds import ledger
from funds.ledger.members import members_of
from funds.models import AccountKind, PaymentPurpose, ProgrammeMember
from funds.payments.services import paid_towards
from marketplace.organisations.models import Organisation
from marketplace.programmes.models import SponsorProgramme

A = AccountKind


@dataclass(frozen=True)
class MemberFigures:
    programme_id: int
    organisation_id: int
    member_id: int | None  # None: a programme of one sponsor, no member row
    is_lead: bool
    pledged_krw: int
    committed_krw: int  # drawn from its pledge into projects (the disbursed included)
    remaining_krw: int  # its pledge not yet committed
    paid_krw: int  # paid in by card and confirmed, less refunds
    pending_krw: int  # card payments not yet confirmed
    refunded_krw: int

    @property
    def left_to_pay_krw(self) -> int:
        return max(self.pledged_krw - self.paid_krw - self.pending_krw, 0)


SUMMED = tuple(f.name for f in fields(MemberFigures) if f.name.endswith("_krw"))


def _figures(session: Session, programme: SponsorProgramme, member: ProgrammeMember | None) -> MemberFigures:
    organisation_id = member.organisation_id if member is not None else programme.organisation_id
    paid = paid_towards(session, PaymentPurpose.PLEDGE, programme.id, organisation_id if member else None)
    if member is not None:
        pledged = member.pledged_krw
        remaining = ledger.balance(session, A.MEMBER_POOL, member.id)
        committed = ledger.balance(session, A.MEMBER_COMMITTED, member.id)
        if ledger.balance(session, A.MEMBER_PLEDGE, member.id) == 0:  # not yet seen by the ledger
            remaining = pledged
    else:
        pledged = programme.pledged_pool_krw
        posted = -ledger.balance(session, A.SPONSOR_PLEDGE, programme.id)
        remaining = ledger.balance(session, A.SPONSOR_POOL, programme.id) if posted else pledged
        committed = posted - remaining if posted else 0
    return MemberFigures(
        programme_id=programme.id,
        organisation_id=organisation_id,
        member_id=member.id if member is not None else None,
        is_lead=organisation_id == programme.organisation_id,
        pledged_krw=pledged,
        committed_krw=committed,
        remaining_krw=remaining,
        paid_krw=paid.paid_krw,
        pending_krw=paid.pending_krw,
        refunded_krw=paid.refunded_krw,
    )


def programme_members(session: Session, programme_id: int) -> list[MemberFigures]:
    """Each member's figures in joining order (the lead first); one row for a programme of one sponsor."""
    programme = session.get(SponsorProgramme, programme_id)
    if programme is None:
        return []
    members = members_of(session, programme_id)
    if not members:
        return [_figures(session, programme, None)]
    return [_figures(session, programme, member) for member in members]


def consortium_total(rows: list[MemberFigures]) -> MemberFigures:
    """The consortium's figures: its members' summed (named after its lead)."""
    lead = next((row for row in rows if row.is_lead), rows[0])
    sums = {name: sum(getattr(row, name) for row in rows) for name in SUMMED}
    return MemberFigures(lead.programme_id, lead.organisation_id, None, False, **sums)


def member_figures(session: Session, organisation_id: int, year: int | None = None) -> list[MemberFigures]:
    """A sponsor firm's own figures in every programme it pledges to (as a member or as the only sponsor);
    with `year`, only programmes whose application window touches that year."""
    is_member = exists().where(
        ProgrammeMember.programme_id == SponsorProgramme.id, ProgrammeMember.organisation_id == organisation_id
    )
    has_members = exists().where(ProgrammeMember.programme_id == SponsorProgramme.id)
    alone = (SponsorProgramme.organisation_id == organisation_id) & ~has_members
    statement = select(SponsorProgramme).where(or_(is_member, alone)).order_by(SponsorProgramme.id)
    rows = []
    for programme in session.scalars(statement):
        if year is not None and not (
            programme.applications_open_on.year <= year <= programme.applications_close_on.year
        ):
            continue
        member = next((m for m in members_of(session, programme.id) if m.organisation_id == organisation_id), None)
        rows.append(_figures(session, programme, member))
    return rows


def organisation_names(session: Session, rows: list[MemberFigures]) -> dict[int, Organisation]:
    ids = {row.organisation_id for row in rows}
    return {o.id: o for o in session.scalars(select(Organisation).where(Organisation.id.in_(ids)))}
