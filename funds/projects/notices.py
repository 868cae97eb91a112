"""Who is told when a project moves: the party who must act next; when it ends, every party.

| the project is now | told (never the user who moved it) |
|---|---|
| applied | the sponsor, who selects (officers, on the government-only track) |
| selected | officers, who approve the government share and agree |
| agreed, designing | the supplier, who starts design, then building |
| building | officers, who inspect |
| inspected | the SME and officers, who complete |
| completed, rejected, cancelled | the SME, the sponsor and the supplier, whose work on it ends |

The SME is told of every move as well: it is its project (the settings page promises it), and it must know
when it has been selected and when the money is committed, so it can pay its share.
The next party is read from the state machine (funds.models.PROJECT_MOVES), so this follows its table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import false, or_, select
from sqlalchemy.orm import Session

from funds.labels import payment_failure_text, project_action_label, project_status_label
from funds.models import PROJECT_MOVES, Party, Payment, PaymentStatus, Project
from marketplace.auth.models import Role, User
from marketplace.context import ServiceContext
from marketplace.notifications.kinds import ORGANISATIONS, Kind
from marketplace.notifications.messages import with_reason
from marketplace.notifications.services import notify, notify_payment
from marketplace.templating import format_krw

ENDING_ACTIONS = ("reject", "cancel")  # possible from many states, never the step the project waits for
EVERY_PARTY = frozenset({Party.SME, Party.SPONSOR, Party.SUPPLIER})


def next_step(project: Project) -> tuple[str | None, frozenset[Party]]:
    """The action the project waits for and the parties who may take it; (None, every party) once it has ended."""
    for action in PROJECT_MOVES.available(project.status):
        if action not in ENDING_ACTIONS:
            return action, PROJECT_MOVES.actors[action]
    return None, EVERY_PARTY


def party_users(session: Session, project: Project, sides: Iterable[Party]) -> list[User]:
    """The users who act for these sides of the project (officers for the sponsor on the government-only track)."""
    organisations = {
        Party.SME: project.sme_organisation_id,
        Party.SUPPLIER: project.supplier_organisation_id,
        Party.SPONSOR: project.sponsor_organisation_id,
    }
    wanted = set(sides)
    if Party.SPONSOR in wanted and project.sponsor_organisation_id is None:
        wanted.add(Party.OFFICER)
    org_ids = [organisations[side] for side in wanted if organisations.get(side) is not None]
    officers = User.role == Role.OFFICER if Party.OFFICER in wanted else false()
    statement = select(User).where(or_(User.organisation_id.in_(org_ids), officers)).order_by(User.id)
    return list(session.scalars(statement))


def notify_project_moved(session: Session, project: Project, ctx: ServiceContext, reason: str | None = None) -> int:
    """Tell the users who must act on the project now that it has moved; returns how many were told."""
    action, sides = next_step(project)
    data = {"title": project.need.title, "status": project.status.value, "next": action}
    if action is None and reason:
        data["reason"] = reason
    told = party_users(session, project, sides | {Party.SME})
    link = f"/projects/{project.id}"
    return notify(session, told, "project_moved", link, site_url=ctx.site_url, actor=ctx.actor, **data)


def notify_payment_outcome(session: Session, payment: Payment, before: PaymentStatus, site_url: str) -> None:
    """When a card payment has just been confirmed or has failed, tell the paying firm's users (and why)."""
    if payment.status == before or payment.status not in (PaymentStatus.SUCCEEDED, PaymentStatus.FAILED):
        return
    payers = session.scalars(
        select(User).where(User.organisation_id == payment.payer_organisation_id).order_by(User.id)
    ).all()
    title = f"#{payment.project_id}" if payment.project_id is not None else f"programme #{payment.programme_id}"
    succeeded = payment.status == PaymentStatus.SUCCEEDED
    notify_payment(
        session,
        payers,
        succeeded=succeeded,
        amount_krw=payment.amount_krw,
        title=title,
        link=f"/payments/{payment.id}",
        site_url=site_url,
        reason=None if succeeded else payment_failure_text(payment.failure_code),
    )


def _project_moved(data: Mapping[str, Any]) -> str:
    status = project_status_label(data.get("status", ""))
    if data.get("next"):
        next_step = project_action_label(data["next"])
        return _(
            "The project “%(title)s” is now: %(status)s. Next step: %(next)s.",
            title=data.get("title", ""),
            status=status,
            next=next_step,
        )
    text = _("The project “%(title)s” is now: %(status)s.", title=data.get("title", ""), status=status)
    return with_reason(text, data)


# The kinds funds sends; the app factory registers them (marketplace.notifications.kinds.register).
PROJECT_KINDS = (
    Kind("project_moved", _l("A project moved"), (*ORGANISATIONS, Role.OFFICER), email=True, text=_project_moved),
)
PAYMENT_KINDS = (
    Kind(
        "payment_succeeded",
        _l("Payment succeeded"),
        (Role.SME, Role.SPONSOR),
        email=True,
        text=lambda data: _(
            "Your payment of %(amount)s for “%(title)s” succeeded.",
            amount=format_krw(data.get("amount_krw")),
            title=data.get("title", ""),
        ),
    ),
    Kind(
        "payment_failed",
        _l("Payment failed"),
        (Role.SME, Role.SPONSOR),
        email=True,
        text=lambda data: with_reason(
            _(
                "Your payment of %(amount)s for “%(title)s” failed. Please try again.",
                amount=format_krw(data.get("amount_krw")),
                title=data.get("title", ""),
            ),
            data,
        ),
    ),
)
