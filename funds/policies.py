"""Who may see or do what in funds: projects, payments, government programmes and the reports.

A project is seen by its parties (its SME, sponsor and supplier firms, the officers) and admins, and read by the
sponsor firms of its programme's consortium (docs/funds.md, "Consortium members read their projects"): a member
is no party, so it acts on nothing, follows no thread and sees none of the project's payments. A payment is seen
by its payer, the parties to the project it pays for, officers and admins. Anyone else is told neither
exists (404). Registered with the core `can` (marketplace/policy.py) when this module is imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import false, or_, select, true
from sqlalchemy.orm import object_session

from funds.models import GovernmentProgramme, Party, Payment, ProgrammeMember, Project
from marketplace.auth.models import Role, User
from marketplace.policy import Policy, is_admin, member_of, oversees, registers

# Who records a month's energy saving (and so sees a project's energy page, with admins).
RECORDERS = {Party.SME, Party.SPONSOR, Party.OFFICER}


def parties(user: User | None, project: Project) -> set[Party]:
    """The sides of the project the user acts for. On the government-only track the officer selects."""
    if user is None:
        return set()
    sides = set()
    org = user.organisation_id
    if org is not None and user.role == Role.SME and org == project.sme_organisation_id:
        sides.add(Party.SME)
    if org is not None and user.role == Role.SPONSOR and org == project.sponsor_organisation_id:
        sides.add(Party.SPONSOR)
    if org is not None and user.role == Role.SUPPLIER and org == project.supplier_organisation_id:
        sides.add(Party.SUPPLIER)
    if user.role == Role.OFFICER:
        sides.add(Party.OFFICER)
        if project.programme_id is None:
            sides.add(Party.SPONSOR)
    return sides


@registers(Project, "project")
class ProjectPolicy(Policy):
    actions = ("view", "browse", "apply", "view_energy", "record_energy", "mark_preinvestment", "pay_share")

    def browse(self, user: User | None, _resource: Any) -> bool:
        """Whose menu lists projects: every role that can be party to one (mentors cannot)."""
        return oversees(user) or (user is not None and user.role in (Role.SME, Role.SPONSOR, Role.SUPPLIER))

    def view(self, user: User | None, project: Project) -> bool:
        return bool(parties(user, project)) or is_admin(user) or in_consortium(user, project)

    def apply(self, user: User | None, _resource: Any) -> bool:
        return user is not None and user.role == Role.SME and user.organisation_id is not None

    def view_energy(self, user: User | None, project: Project) -> bool:
        return self.record_energy(user, project) or is_admin(user)

    def record_energy(self, user: User | None, project: Project) -> bool:
        return bool(parties(user, project) & RECORDERS)

    def mark_preinvestment(self, user: User | None, project: Project) -> bool:
        return Party.SPONSOR in parties(user, project)

    def pay_share(self, user: User | None, project: Project) -> bool:
        """Only the project's SME pays its share (when is the payment rules' to say: funds.payments.services)."""
        return Party.SME in parties(user, project)

    def visible(self, user: User | None) -> Any:
        if user is not None and user.role == Role.SPONSOR and user.organisation_id is not None:
            return or_(party_rows(user), Project.programme_id.in_(_consortium_programmes(user.organisation_id)))
        return party_rows(user)


def party_rows(user: User | None) -> Any:
    """SQL: the projects the user is a party to (every one for the overseers): the work queue, the project
    threads and the payments follow these, not the consortium members' reading."""
    if oversees(user):
        return true()
    if user is None or user.organisation_id is None:
        return false()
    column = {
        Role.SME: Project.sme_organisation_id,
        Role.SPONSOR: Project.sponsor_organisation_id,
        Role.SUPPLIER: Project.supplier_organisation_id,
    }.get(user.role)
    return column == user.organisation_id if column is not None else false()


def _consortium_programmes(organisation_id: int) -> Any:
    return select(ProgrammeMember.programme_id).where(ProgrammeMember.organisation_id == organisation_id)


def in_consortium(user: User | None, project: Project) -> bool:
    """A sponsor firm of the consortium running the project's programme: it reads the project, no more."""
    if user is None or user.role != Role.SPONSOR or user.organisation_id is None or project.programme_id is None:
        return False
    session = object_session(project)
    if session is None:
        return False
    member = select(ProgrammeMember.id).where(
        ProgrammeMember.programme_id == project.programme_id, ProgrammeMember.organisation_id == user.organisation_id
    )
    return session.scalar(member) is not None


@registers(Payment, "payment")
class PaymentPolicy(Policy):
    actions = ("view", "browse", "refund")

    def browse(self, user: User | None, _resource: Any) -> bool:
        """Whose menu lists payments: the firms that pay (SMEs, sponsors) and the overseers."""
        return oversees(user) or (user is not None and user.role in (Role.SME, Role.SPONSOR))

    def view(self, user: User | None, payment: Payment) -> bool:
        if user is None:
            return False
        if oversees(user) or user.organisation_id == payment.payer_organisation_id:
            return True
        session = object_session(payment)
        project = session.get(Project, payment.project_id) if session and payment.project_id is not None else None
        return project is not None and bool(parties(user, project))

    def refund(self, user: User | None, _payment: Any) -> bool:
        """Officers and admins refund (part of) any payment they see, with a reason."""
        return oversees(user)

    def visible(self, user: User | None) -> Any:
        if user is None:
            return false()
        if oversees(user):
            return true()
        own_projects = select(Project.id).where(party_rows(user))
        return or_(Payment.payer_organisation_id == user.organisation_id, Payment.project_id.in_(own_projects))


@registers(GovernmentProgramme, "government_programme")
class GovernmentProgrammePolicy(Policy):
    """Every logged-in user reads the government programmes; officers change them; overseers read the trail."""

    actions = ("view", "edit", "view_changes")

    def view(self, user: User | None, _programme: Any) -> bool:
        return user is not None

    def edit(self, user: User | None, _programme: Any) -> bool:
        return user is not None and user.role == Role.OFFICER

    def view_changes(self, user: User | None, _programme: Any) -> bool:
        return oversees(user)

    def visible(self, user: User | None) -> Any:
        return true() if user is not None else false()


@dataclass(frozen=True)
class SponsorReportOf:
    """A sponsor's report: figures computed for one sponsor firm, no row of their own."""

    organisation_id: int


class Reports:
    """The reports section as a whole (the index, the government programme reports)."""


@registers(SponsorReportOf, "sponsor_report")
class SponsorReportPolicy(Policy):
    actions = ("view", "pay_pledges")

    def view(self, user: User | None, report: SponsorReportOf) -> bool:
        return oversees(user) or self.pay_pledges(user, report)

    def pay_pledges(self, user: User | None, report: Any) -> bool:
        """The sponsor firm itself (asked of the class: any sponsor, on a report it may see)."""
        own = isinstance(report, type) or member_of(user, report.organisation_id)
        return user is not None and user.role == Role.SPONSOR and own


@registers(Reports, "reports")
class ReportsPolicy(Policy):
    """SMEs and sponsors open their own report from the index; officers and admins see every report."""

    actions = ("open", "view_any")

    def open(self, user: User | None, _reports: Any) -> bool:
        return oversees(user) or (user is not None and user.role in (Role.SME, Role.SPONSOR))

    def view_any(self, user: User | None, _reports: Any) -> bool:
        return oversees(user)
