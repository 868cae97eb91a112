"""What agreeing, cancelling and inspecting a project do to the money, through the ledger.

Agreeing commits the sponsor's share from the programme's pool, the government's from its budget and
the SME's (owed by the SME, or pre-invested by the sponsor for an energy project) into the project's
escrow, in one transaction: if the pool or the budget cannot cover its share, nothing is written.
Cancelling reverses that commitment; passing inspection moves the escrow to the supplier's payable.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from funds import ledger
from funds.ledger import Transfer, members
from funds.ledger.pools import lock_programme, sync_budget, sync_pledge
from funds.models import AccountKind, LedgerAccount, LedgerTransaction, Project, TransactionKind
from marketplace.auth.models import User
from marketplace.db import utcnow
from marketplace.programmes.models import SponsorProgramme

A = AccountKind


def commit_project(session: Session, actor: User, project: Project) -> LedgerTransaction:
    """Move the project's three shares into its escrow, or refuse with InsufficientFunds (409)."""
    escrow = ledger.account(session, A.PROJECT_ESCROW, project.id)
    transfers = []
    programme = None
    if project.programme_id is not None:
        programme = sync_pledge(session, project.programme_id, actor)
        touch_listing(programme)
        pool = ledger.account(session, A.SPONSOR_POOL, project.programme_id)
        transfers.append(Transfer(pool, escrow, project.sponsor_share_krw))
    sync_budget(session, project.government_programme_id, actor)
    budget = ledger.account(session, A.GOVERNMENT_BUDGET, project.government_programme_id)
    transfers.append(Transfer(budget, escrow, project.government_share_krw))
    transfers.extend(_sme_share(session, project, escrow))
    if programme is not None:  # a consortium's members each give their part of what leaves the pool
        drawn = sum(t.amount_krw for t in transfers if t.source.kind == A.SPONSOR_POOL)
        transfers.extend(members.draw_transfers(session, programme, drawn))
    memo = f"project {project.id} agreed: shares committed to escrow"
    return ledger.record(session, TransactionKind.COMMIT, transfers, actor, project.id, memo)


def _sme_share(session: Session, project: Project, escrow: LedgerAccount) -> list[Transfer]:
    owed = ledger.account(session, A.SME_CONTRIBUTION, project.id)
    if not project.energy_preinvestment or project.programme_id is None:
        return [Transfer(owed, escrow, project.sme_share_krw)]
    # The sponsor pre-invests the SME's share from its pool; the SME owes it back out of energy savings.
    pool = ledger.account(session, A.SPONSOR_POOL, project.programme_id)
    receivable = ledger.account(session, A.PREINVESTMENT_RECEIVABLE, project.id)
    return [
        Transfer(pool, escrow, project.sme_share_krw),
        Transfer(owed, receivable, project.sme_share_krw),
    ]


def release_project(session: Session, actor: User, project: Project) -> LedgerTransaction | None:
    """Reverse the project's commitment (it was cancelled); None when nothing was committed."""
    commitment = session.scalar(
        select(LedgerTransaction).where(
            LedgerTransaction.project_id == project.id, LedgerTransaction.kind == TransactionKind.COMMIT
        )
    )
    if commitment is None:
        return None
    programme = lock_programme(session, project.programme_id) if project.programme_id is not None else None
    memo = f"project {project.id} cancelled: commitment released"
    release = ledger.reverse(session, commitment, TransactionKind.RELEASE, actor, memo)
    if programme is not None:  # each member's part comes back with the reversal; an older one, to the lead
        touch_listing(programme)
        members.release_to_lead(session, programme, commitment, actor)
    return release


def touch_listing(programme: SponsorProgramme) -> None:
    """The programme's remaining money changed: mark it changed, so matching re-reads its facts."""
    programme.updated_at = utcnow()


def disburse_project(session: Session, actor: User, project: Project) -> LedgerTransaction:
    """The project passed inspection: its whole escrow becomes the supplier's payable."""
    escrow = ledger.account(session, A.PROJECT_ESCROW, project.id)
    payable = ledger.account(session, A.SUPPLIER_PAYABLE, project.id)
    memo = f"project {project.id} inspected: escrow disbursed to the supplier"
    transaction = ledger.record(
        session, TransactionKind.DISBURSE, [Transfer(escrow, payable, escrow.balance_krw)], actor, project.id, memo
    )
    project.disbursed_at = transaction.created_at or utcnow()
    return transaction
