"""A consortium's subsidiary ledger: each member's pledge, uncommitted pool and commitments.

The programme's own accounts (its pledge and pool) stay the control accounts every project draws from;
each member has three accounts of its own (owner: its programme_members row): MEMBER_PLEDGE (a source),
MEMBER_POOL and MEMBER_COMMITTED. Every transaction that moves the programme's pool moves the members'
accounts by the same total, in the same ledger transaction, so for every member pledged = pool +
committed and the members' pools sum to the programme's pool (`flask funds check` proves both).
A member's pool moves in the ledger's checked update: no member is ever committed beyond its pledge.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from funds import ledger
from funds.ledger.shares import pro_rata
from funds.models import AccountKind, LedgerTransaction, ProgrammeMember, TransactionKind
from marketplace.auth.models import User
from marketplace.programmes.models import SponsorProgramme

A = AccountKind


def members_of(session: Session, programme_id: int) -> list[ProgrammeMember]:
    """The programme's members in joining order; empty for a programme of one sponsor."""
    statement = select(ProgrammeMember).where(ProgrammeMember.programme_id == programme_id)
    return list(session.scalars(statement.order_by(ProgrammeMember.id)))


def lead_of(programme: SponsorProgramme, members: list[ProgrammeMember]) -> ProgrammeMember:
    return next(member for member in members if member.organisation_id == programme.organisation_id)


def sync_members(session: Session, programme: SponsorProgramme, actor: User | None) -> None:
    """Post each member's pledge change (pledge ↔ its pool); a cut below what it committed is refused (409).

    A member seen by the ledger for the first time while the programme already committed money is the lead
    of a programme that just became a consortium: what was committed before is the lead's.
    """
    for member in members_of(session, programme.id):
        source = ledger.account(session, A.MEMBER_PLEDGE, member.id)
        pool = ledger.account(session, A.MEMBER_POOL, member.id)
        if source.balance_krw == 0 and member.organisation_id == programme.organisation_id:
            _open_lead(session, programme, member, actor)
            continue
        difference = member.pledged_krw + source.balance_krw
        if difference > 0:
            ledger.record(session, TransactionKind.PLEDGE, [ledger.Transfer(source, pool, difference)], actor)
        elif difference < 0:
            ledger.record(session, TransactionKind.PLEDGE, [ledger.Transfer(pool, source, -difference)], actor)


def _open_lead(session: Session, programme: SponsorProgramme, lead: ProgrammeMember, actor: User | None) -> None:
    pledged = -ledger.balance(session, A.SPONSOR_PLEDGE, programme.id)
    committed = pledged - ledger.balance(session, A.SPONSOR_POOL, programme.id)
    source = ledger.account(session, A.MEMBER_PLEDGE, lead.id)
    pool = ledger.account(session, A.MEMBER_POOL, lead.id)
    transfers = [ledger.Transfer(source, pool, lead.pledged_krw)]
    if committed:
        transfers.append(ledger.Transfer(pool, ledger.account(session, A.MEMBER_COMMITTED, lead.id), committed))
    memo = f"programme {programme.id} became a consortium: the lead's pledge and commitments so far"
    ledger.record(session, TransactionKind.PLEDGE, transfers, actor, memo=memo)


def draw_transfers(session: Session, programme: SponsorProgramme, amount_krw: int) -> list[ledger.Transfer]:
    """The members' parts of `amount_krw` drawn from the programme's pool (pool → committed, pro rata to the
    pledges); none for a programme of one sponsor."""
    members = members_of(session, programme.id)
    if not members or amount_krw == 0:
        return []
    parts = pro_rata(amount_krw, [(m.id, m.pledged_krw) for m in members], lead_of(programme, members).id)
    return [
        ledger.Transfer(
            ledger.account(session, A.MEMBER_POOL, member.id),
            ledger.account(session, A.MEMBER_COMMITTED, member.id),
            parts[member.id],
        )
        for member in members
        if parts[member.id]
    ]


def release_to_lead(
    session: Session, programme: SponsorProgramme, commitment: LedgerTransaction, actor: User | None
) -> None:
    """A commitment made before the programme had members was the lead's: its release returns to the lead."""
    members = members_of(session, programme.id)
    member_kinds = {A.MEMBER_POOL, A.MEMBER_COMMITTED}
    if not members or any(entry.account.kind in member_kinds for entry in commitment.entries):
        return
    drawn = -sum(e.amount_krw for e in commitment.entries if e.account.kind == A.SPONSOR_POOL)
    if drawn:
        lead = lead_of(programme, members)
        committed = ledger.account(session, A.MEMBER_COMMITTED, lead.id)
        pool = ledger.account(session, A.MEMBER_POOL, lead.id)
        memo = f"commitment {commitment.id} released to the lead"
        ledger.record(
            session,
            TransactionKind.RELEASE,
            [ledger.Transfer(committed, pool, drawn)],
            actor,
            commitment.project_id,
            memo,
        )
