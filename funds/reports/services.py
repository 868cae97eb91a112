"""The sponsor's and the government programme's reports: figures from the ledger and the projects, as dataclasses.

Committed money is read from the ledger (what left a pool or a budget); counts and breakdowns from the
projects. A sponsor's money in a project is its share plus, for an energy pre-investment, the SME's share
it pre-invested (both leave its pool); leverage counts only its share, since the pre-investment is repaid.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from funds.consortia.figures import member_figures
from funds.ledger.pools import Balance, budget_balance, pool_balance
from funds.models import COMMITTED_STATES, GovernmentProgramme, Project, ProjectStatus
from funds.payments.reads import paid_by, paid_by_programme
from funds.payments.services import left_to_pay, summarise
from funds.policies import Reports, SponsorReportOf
from marketplace import reference
from marketplace.auth.models import User
from marketplace.errors import NotFound
from marketplace.needs.models import Need
from marketplace.organisations.models import Organisation, OrganisationKind
from marketplace.policy import ensure
from marketplace.programmes.models import SponsorProgramme

S = ProjectStatus
DISBURSED_STATES = (S.INSPECTED, S.COMPLETED)  # passed inspection: the escrow went to the supplier
# The dimensions of the government report: (key, heading, reference table, column).
DIMENSIONS: tuple[tuple[str, Any, str, Any], ...] = (
    ("region", _l("Region"), "regions", Need.region),
    ("complex", _l("Industrial complex"), "industrial_complexes", Need.industrial_complex),
    ("tier", _l("Funding tier"), "funding_tiers", Project.tier),
    ("category", _l("Solution category"), "solution_categories", Need.category),
)
_committed = Project.status.in_(COMMITTED_STATES)
_sponsor_money = Project.sponsor_share_krw + case((Project.energy_preinvestment, Project.sme_share_krw), else_=0)


def paid_krw(session: Session, organisation_id: int, programme_id: int | None = None) -> int:
    """What an organisation has paid in by card, confirmed by Stripe, less refunds: a sponsor's pledge (to one
    programme, or all), an SME's own shares. Every "paid" figure on the reports and dashboards reads this.
    """
    return paid_by(session, organisation_id, programme_id).paid_krw


def leverage(government_krw: int, sponsor_krw: int) -> Decimal | None:
    """Government KRW per sponsor KRW, to 2 decimals (half up); None when the sponsor put in nothing."""
    if sponsor_krw <= 0:
        return None
    return (Decimal(government_krw) / Decimal(sponsor_krw)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ProgrammeRow:
    programme_id: int | None  # None: the sponsor's total row
    name: str  # empty on the total row
    pledged_krw: int
    committed_krw: int
    remaining_krw: int
    paid_in_krw: int  # paid by card and confirmed by Stripe, less refunds
    paid_pending_krw: int  # card payments not yet confirmed
    refunded_krw: int
    disbursed_krw: int
    projects: int
    government_krw: int  # over the committed projects, for leverage
    sponsor_krw: int

    @property
    def leverage(self) -> Decimal | None:
        return leverage(self.government_krw, self.sponsor_krw)

    @property
    def left_to_pay_krw(self) -> int:
        return left_to_pay(self.pledged_krw, self.paid_in_krw, self.paid_pending_krw)


@dataclass(frozen=True)
class SponsorReport:
    organisation_id: int
    name: str
    programmes: list[ProgrammeRow]
    total: ProgrammeRow
    by_state: list[tuple[ProjectStatus, int]]  # every state, in lifecycle order


@dataclass(frozen=True)
class Breakdown:
    code: str
    label: str
    projects: int
    committed_projects: int
    committed_krw: int  # the government's share of the committed projects


@dataclass(frozen=True)
class GovernmentReport:
    programme_id: int
    name: str
    year: int
    budget_krw: int
    committed_krw: int  # from the ledger
    remaining_krw: int
    projects: int
    by_state: list[tuple[ProjectStatus, int]]
    breakdowns: dict[str, list[Breakdown]]  # by DIMENSIONS key


def _ensure_sponsor_viewer(actor: User, organisation_id: int) -> None:
    refusal = _l("Only the sponsor itself, officers and admins see a sponsor's report.")
    ensure(actor, "view", SponsorReportOf(organisation_id), refusal)


def _ensure_overseer(actor: User) -> None:
    ensure(actor, "view_any", Reports, _l("Only programme officers and admins see this report."))


def by_state(session: Session, condition: Any) -> list[tuple[ProjectStatus, int]]:
    counts = dict(session.execute(select(Project.status, func.count()).where(condition).group_by(Project.status)).all())
    return [(state, int(counts.get(state, 0))) for state in ProjectStatus]


def _project_sums(session: Session, condition: Any) -> dict[int | None, tuple[int, int, int, int]]:
    """Per sponsor programme: projects, disbursed sponsor money, government and sponsor KRW of committed ones."""
    statement = (
        select(
            Project.programme_id,
            func.count(),
            func.coalesce(func.sum(case((Project.status.in_(DISBURSED_STATES), _sponsor_money), else_=0)), 0),
            func.coalesce(func.sum(case((_committed, Project.government_share_krw), else_=0)), 0),
            func.coalesce(func.sum(case((_committed, Project.sponsor_share_krw), else_=0)), 0),
        )
        .where(condition)
        .group_by(Project.programme_id)
    )
    return {row[0]: (int(row[1]), int(row[2]), int(row[3]), int(row[4])) for row in session.execute(statement)}


def sponsor_report(session: Session, actor: User, organisation_id: int, locale: str = "ko") -> SponsorReport:
    """Pledged, committed, paid in, disbursed, projects and leverage of one sponsor firm, per programme."""
    _ensure_sponsor_viewer(actor, organisation_id)
    organisation = session.get(Organisation, organisation_id)
    if organisation is None or organisation.kind != OrganisationKind.SPONSOR:
        raise NotFound(_l("No such sponsor."))
    # Its own programmes and the consortia it is a member of; in a consortium, its own part of the pledge.
    parts = {row.programme_id: row for row in member_figures(session, organisation_id) if row.member_id is not None}
    owned_or_joined = (SponsorProgramme.organisation_id == organisation_id) | SponsorProgramme.id.in_(list(parts))
    programmes = session.scalars(select(SponsorProgramme).where(owned_or_joined).order_by(SponsorProgramme.id)).all()
    sums = _project_sums(session, Project.sponsor_organisation_id == organisation_id)
    paid_in = paid_by_programme(session, organisation_id)
    rows = []
    for programme in programmes:
        part = parts.get(programme.id)
        balance = Balance(part.pledged_krw, part.committed_krw) if part else pool_balance(session, programme)
        paid = paid_in.get(programme.id) or summarise([])
        projects, disbursed, government, sponsor = sums.get(programme.id, (0, 0, 0, 0))
        rows.append(
            ProgrammeRow(
                programme_id=programme.id,
                name=programme.name,
                pledged_krw=balance.total_krw,
                committed_krw=balance.committed_krw,
                remaining_krw=balance.remaining_krw,
                paid_in_krw=paid.paid_krw,
                paid_pending_krw=paid.pending_krw,
                refunded_krw=paid.refunded_krw,
                disbursed_krw=disbursed,
                projects=projects,
                government_krw=government,
                sponsor_krw=sponsor,
            )
        )
    total = ProgrammeRow(None, "", *(sum(getattr(row, field) for row in rows) for field in _SUMMED))
    states = by_state(session, Project.sponsor_organisation_id == organisation_id)
    name = organisation.name_in(locale)
    return SponsorReport(organisation.id, name, rows, total, states)


_SUMMED = (
    "pledged_krw",
    "committed_krw",
    "remaining_krw",
    "paid_in_krw",
    "paid_pending_krw",
    "refunded_krw",
    "disbursed_krw",
    "projects",
    "government_krw",
    "sponsor_krw",
)


def sponsor_reports(session: Session, actor: User, locale: str = "ko") -> list[SponsorReport]:
    """Every sponsor firm's report (officers and admins)."""
    _ensure_overseer(actor)
    ids = session.scalars(
        select(Organisation.id).where(Organisation.kind == OrganisationKind.SPONSOR).order_by(Organisation.id)
    ).all()
    return [sponsor_report(session, actor, organisation_id, locale) for organisation_id in ids]


def breakdown(session: Session, condition: Any, table: str, column: Any, locale: str) -> list[Breakdown]:
    """The projects meeting `condition`, grouped by a DIMENSIONS column: counts and committed government KRW."""
    statement = (
        select(
            column,
            func.count(),
            func.coalesce(func.sum(case((_committed, 1), else_=0)), 0),
            func.coalesce(func.sum(case((_committed, Project.government_share_krw), else_=0)), 0),
        )
        .select_from(Project)
        .join(Need, Need.id == Project.need_id)
        .where(condition)
        .group_by(column)
    )
    rows = [
        Breakdown(code or "", reference.label(table, code, locale) or "—", int(n), int(committed), int(krw))
        for code, n, committed, krw in session.execute(statement)
    ]
    return sorted(rows, key=lambda row: (-row.committed_krw, -row.projects, row.label))


def government_report(session: Session, actor: User, programme_id: int, locale: str = "ko") -> GovernmentReport:
    """A government programme's budget, committed and remaining, broken down by region, complex, tier, category."""
    _ensure_overseer(actor)
    programme = session.get(GovernmentProgramme, programme_id)
    if programme is None:
        raise NotFound(_l("No such government programme."))
    balance = budget_balance(session, programme)
    condition = Project.government_programme_id == programme.id
    states = by_state(session, condition)
    return GovernmentReport(
        programme_id=programme.id,
        name=programme.label(locale),
        year=programme.year,
        budget_krw=balance.total_krw,
        committed_krw=balance.committed_krw,
        remaining_krw=balance.remaining_krw,
        projects=sum(count for _state, count in states),
        by_state=states,
        breakdowns={key: breakdown(session, condition, table, column, locale) for key, _h, table, column in DIMENSIONS},
    )


def government_reports(session: Session, actor: User, locale: str = "ko") -> list[GovernmentReport]:
    """Every government programme's report (officers and admins)."""
    _ensure_overseer(actor)
    ids = session.scalars(select(GovernmentProgramme.id).order_by(GovernmentProgramme.id)).all()
    return [government_report(session, actor, programme_id, locale) for programme_id in ids]
