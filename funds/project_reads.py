"""What the project pages read: the list a viewer may see, the apply form's choices, a project's ledger."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from funds.applications import APPLICABLE_NEED_STATES
from funds.models import GovernmentProgramme, LedgerEntry, LedgerTransaction, Project, ProjectStatus
from funds.projects import overdue_condition, visible_condition
from marketplace.auth.models import User
from marketplace.i18n import current_language
from marketplace.needs.models import Need
from marketplace.programmes.models import ProgrammeStatus, SponsorProgramme
from marketplace.search import Page, paginate
from marketplace.solutions.models import Solution, SolutionStatus
from marketplace.templating import format_krw
from marketplace.validation import whole_number


@dataclass(frozen=True)
class ProjectFilters:
    status: str = ""
    overdue: str = ""  # "yes": only agreed projects whose design is past due
    page: int = 1
    per_page: int = 20


def search_projects(session: Session, viewer: User, filters: ProjectFilters, today: date) -> Page[Project]:
    """One page of the projects the viewer may see, newest first; an unknown status filter is ignored."""
    status = filters.status if filters.status in set(ProjectStatus) else ""
    conditions = [visible_condition(viewer, status)]
    if filters.overdue == "yes":
        conditions.append(overdue_condition(today))
    return paginate(session, Project, conditions, "", None, filters.page, filters.per_page)


def project_transactions(session: Session, project: Project) -> list[LedgerTransaction]:
    """The project's ledger transactions, oldest first, with their entries and accounts."""
    statement = (
        select(LedgerTransaction)
        .where(LedgerTransaction.project_id == project.id)
        .options(selectinload(LedgerTransaction.entries).selectinload(LedgerEntry.account))
        .order_by(LedgerTransaction.id)
    )
    return list(session.scalars(statement))


@dataclass(frozen=True)
class ApplicationChoices:
    needs: list[tuple[int, str]]
    solutions: list[tuple[int, str]]
    programmes: list[tuple[int, str]]
    government_programmes: list[tuple[int, str]]


def application_choices(session: Session, actor: User) -> ApplicationChoices:
    """What an SME may pick on the apply form: its open needs, active solutions, open programmes."""
    needs = session.scalars(
        select(Need)
        .where(Need.organisation_id == actor.organisation_id, Need.status.in_(APPLICABLE_NEED_STATES))
        .order_by(Need.id.desc())
    )
    solutions = session.scalars(
        select(Solution)
        .where(Solution.status == SolutionStatus.ACTIVE)
        .options(selectinload(Solution.organisation))
        .order_by(Solution.title, Solution.id)
    )
    programmes = session.scalars(
        select(SponsorProgramme)
        .where(SponsorProgramme.status == ProgrammeStatus.OPEN)
        .options(selectinload(SponsorProgramme.organisation))
        .order_by(SponsorProgramme.name, SponsorProgramme.id)
    )
    language = current_language()
    return ApplicationChoices(
        needs=[(need.id, need.title) for need in needs],
        solutions=[(solution.id, _solution_label(solution)) for solution in solutions],
        programmes=[(programme.id, f"{programme.name} — {programme.organisation.name}") for programme in programmes],
        government_programmes=[
            (item.id, f"{item.label(language)} ({item.year})") for item in government_programmes(session)
        ],
    )


def _solution_label(solution: Solution) -> str:
    prices = f"{format_krw(solution.price_min_krw)} – {format_krw(solution.price_max_krw)}"
    return f"{solution.title} — {solution.organisation.name} ({prices})"


def government_programmes(session: Session) -> list[GovernmentProgramme]:
    statement = select(GovernmentProgramme).options(selectinload(GovernmentProgramme.rules))
    return list(session.scalars(statement.order_by(GovernmentProgramme.year.desc(), GovernmentProgramme.id)))


def preselected(values: dict[str, Any], field: str, choices: list[tuple[int, str]]) -> int | None:
    """A query argument's id, if it is one of the choices (the need the SME came from)."""
    raw = values.get(field, "")
    chosen = whole_number(raw)
    return chosen if chosen in {key for key, _label in choices} else None
