"""What the project pages read: the list a viewer may see, the apply form's choices, a project's ledger."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from funds.models import GovernmentProgramme, LedgerEntry, LedgerTransaction, Project, ProjectStatus
from funds.projects.applications import APPLICABLE_NEED_STATES
from funds.projects.services import overdue_condition, visible_condition
from funds.queue import sme_share_owing
from marketplace.auth.models import User
from marketplace.context import ServiceContext
from marketplace.needs.models import Need
from marketplace.programmes.models import ProgrammeStatus, SponsorProgramme
from marketplace.search import Page, paginate
from marketplace.solutions.models import Solution, SolutionStatus
from marketplace.templating import format_krw


@dataclass(frozen=True)
class ProjectFilters:
    status: str = ""
    overdue: str = ""  # "yes": only agreed projects whose design is past due
    owing: str = ""  # "yes": only committed projects whose SME share is not paid in full (the SME's queue)
    page: int = 1
    per_page: int = 20


def search_projects(session: Session, viewer: User, filters: ProjectFilters, today: date) -> Page[Project]:
    """One page of the projects the viewer may see, newest first; an unknown status filter is ignored."""
    status = filters.status if filters.status in set(ProjectStatus) else ""
    conditions = [visible_condition(viewer, status)]
    if filters.overdue == "yes":
        conditions.append(overdue_condition(today))
    if filters.owing == "yes":
        conditions.append(sme_share_owing())
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
    solutions: list[tuple[int, str]]  # those that fit the chosen need first (`matched` of them), then the rest
    programmes: list[tuple[int, str]]
    government_programmes: list[tuple[int, str]]
    need: Need | None = None  # the need chosen (from the need's page, or the form sent back)
    matched: int = 0
    best: Solution | None = None  # the solution that fits the chosen need best

    def quoted_cost(self) -> int | None:
        """The cost to start from: the need's budget, within the best solution's price range."""
        if self.need is None:
            return None
        if self.best is None:
            return self.need.budget_krw
        return min(max(self.need.budget_krw, self.best.price_min_krw), self.best.price_max_krw)


def application_choices(session: Session, context: ServiceContext, need_id: int | None = None) -> ApplicationChoices:
    """What an SME may pick on the apply form: its open needs, active solutions (those that fit the chosen
    need first), open programmes; labelled in the context's language."""
    actor = context.actor
    needs = list(
        session.scalars(
            select(Need)
            .where(Need.organisation_id == actor.organisation_id, Need.status.in_(APPLICABLE_NEED_STATES))
            .order_by(Need.id.desc())
        )
    )
    solutions = list(
        session.scalars(
            select(Solution)
            .where(Solution.status == SolutionStatus.ACTIVE)
            .options(selectinload(Solution.organisation))
            .order_by(Solution.title, Solution.id)
        )
    )
    programmes = session.scalars(
        select(SponsorProgramme)
        .where(SponsorProgramme.status == ProgrammeStatus.OPEN)
        .options(selectinload(SponsorProgramme.organisation))
        .order_by(SponsorProgramme.name, SponsorProgramme.id)
    )
    need = next((one for one in needs if one.id == need_id), None)
    matched = solutions_fitting(need, solutions, context.today) if need else []
    ordered = matched + [solution for solution in solutions if solution not in matched]
    language = context.locale
    return ApplicationChoices(
        needs=[(one.id, one.title) for one in needs],
        solutions=[(solution.id, _solution_label(solution)) for solution in ordered],
        programmes=[(programme.id, f"{programme.name} — {programme.organisation.name}") for programme in programmes],
        government_programmes=[
            (item.id, f"{item.label(language)} ({item.year})") for item in government_programmes(session)
        ],
        need=need,
        matched=len(matched),
        best=matched[0] if matched else None,
    )


def solutions_fitting(need: Need, solutions: list[Solution], today: date) -> list[Solution]:
    """The solutions of the need's category that serve its region, best fit first (the matching engine's
    structured fit: price within budget, tier, complex), in title order among equals."""
    # Imported here, as the matches pages do: the engine's modules load numpy, which a bare app does not need.
    from marketplace.matches.sources import need_listing, solution_listing
    from matching.fits import fit_solution

    facts = need_listing(need).facts
    fits = {solution.id: fit_solution(facts, solution_listing(solution).facts, today) for solution in solutions}
    fitting = [s for s in solutions if fits[s.id].allowed and need.category in (s.categories or [])]
    return sorted(fitting, key=lambda solution: -fits[solution.id].score)


def _solution_label(solution: Solution) -> str:
    prices = f"{format_krw(solution.price_min_krw)} – {format_krw(solution.price_max_krw)}"
    return f"{solution.title} — {solution.organisation.name} ({prices})"


def government_programmes(session: Session) -> list[GovernmentProgramme]:
    statement = select(GovernmentProgramme).options(selectinload(GovernmentProgramme.rules))
    return list(session.scalars(statement.order_by(GovernmentProgramme.year.desc(), GovernmentProgramme.id)))
