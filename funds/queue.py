"""What funds puts in the dashboards' work queues (marketplace/work_queue.py): the sponsor's applications to
review, the officer's agreements and inspections, the supplier's projects to start, the SME's payments due.
Each is one query scoped by the projects the user is a party to (`funds.policies.party_rows`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import ngettext
from sqlalchemy import Select, and_, case, func, select

from funds.models import COMMITTED_STATES, Payment, PaymentPurpose, PaymentStatus, Project, ProjectStatus
from funds.policies import party_rows
from marketplace.auth.models import Role, User
from marketplace.work_queue import QueueItem

S = ProjectStatus
IN_FLIGHT = (PaymentStatus.PENDING, PaymentStatus.PROCESSING)


def _projects_in(status: ProjectStatus) -> Any:
    def query(user: User, _today: date) -> Select[int, int | None]:
        return select(func.count(Project.id), func.min(Project.id)).where(party_rows(user), Project.status == status)

    return query


def sme_share_owing() -> Any:
    """SQL: a committed project whose SME share is not yet paid in full (paid or on its way), by card."""
    paid_or_under_way = (
        select(
            func.coalesce(
                func.sum(
                    Payment.captured_krw
                    - Payment.refunded_krw
                    + case((Payment.status.in_(IN_FLIGHT), Payment.amount_krw), else_=0)
                ),
                0,
            )
        )
        .where(Payment.project_id == Project.id, Payment.purpose == PaymentPurpose.SME_SHARE)
        .scalar_subquery()
    )
    return and_(
        Project.status.in_(COMMITTED_STATES),
        Project.energy_preinvestment.is_(False),
        Project.sme_share_krw > paid_or_under_way,
    )


def _payments_due(user: User, _today: date) -> Select[int, int | None]:
    return select(func.count(Project.id), func.min(Project.id)).where(party_rows(user), sme_share_owing())


def _show(status: ProjectStatus, roles: tuple[Role, ...], name: str, label: Any) -> QueueItem:
    return QueueItem(
        name=name,
        roles=roles,
        label=label,
        query=_projects_in(status),
        list_endpoint="projects.browse",
        list_args={"status": status.value},
        one_endpoint="projects.show",
        id_arg="project_id",
    )


QUEUE_ITEMS = (
    _show(
        S.APPLIED,
        (Role.SPONSOR,),
        "applications_to_review",
        lambda n: ngettext("%(num)d application to review", "%(num)d applications to review", n),
    ),
    _show(
        S.SELECTED,
        (Role.OFFICER,),
        "agreements_to_approve",
        lambda n: ngettext(
            "%(num)d selected project to agree (the government share)",
            "%(num)d selected projects to agree (the government share)",
            n,
        ),
    ),
    _show(
        S.BUILDING,
        (Role.OFFICER,),
        "inspections_to_do",
        lambda n: ngettext("%(num)d built project to inspect", "%(num)d built projects to inspect", n),
    ),
    _show(
        S.AGREED,
        (Role.SUPPLIER,),
        "projects_to_start",
        lambda n: ngettext(
            "%(num)d agreed project to start designing", "%(num)d agreed projects to start designing", n
        ),
    ),
    QueueItem(
        name="payments_due",
        roles=(Role.SME,),
        label=lambda n: ngettext("%(num)d project share to pay", "%(num)d project shares to pay", n),
        query=_payments_due,
        list_endpoint="projects.browse",
        list_args={"owing": "yes"},
        one_endpoint="projects.show",
        id_arg="project_id",
        one_anchor="pay-share",
    ),
)
