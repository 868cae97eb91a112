"""What the engine is told about each kind of listing: which rows match, their text and their facts."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, joinedload

from marketplace import reference
from marketplace.db import Base
from marketplace.needs.models import Need, NeedStatus
from marketplace.organisations.models import Organisation
from marketplace.programmes.models import ProgrammeStatus, SponsorProgramme
from marketplace.solutions.models import Solution, SolutionStatus
from matching.catalogue import FactsLoader
from matching.engine import Listing
from matching.fits import (
    Coded,
    MentorFacts,
    NeedFacts,
    ProgrammeFacts,
    SolutionFacts,
    fit_mentor,
    fit_programme,
    fit_solution,
)
from matching.kinds import Kind
from matching.structured import Fit
from mentors.models import MentorProfile


@functools.lru_cache(maxsize=4096)  # the reference tables are constants: a page reads the same codes again
def coded(table: str, code: str | None) -> Coded | None:
    if not code:
        return None
    return Coded(code, reference.label(table, code, "ko"), reference.label(table, code, "en"))


def coded_all(table: str, codes: list[str] | None) -> tuple[Coded, ...]:
    return tuple(c for c in (coded(table, code) for code in codes or []) if c is not None)


def text_of(*parts: str | None) -> str:
    """The text that is matched: what the listing's author wrote (categories count as facts)."""
    return "\n".join(part for part in parts if part)


@dataclass(frozen=True)
class Source:
    """One kind of listing: its model, which rows take part in matching, and how to read them."""

    kind: Kind
    model: Any
    listing: Callable[[Any], Listing]
    # Which rows take part, in SQL and in Python: those every logged-in user may see.
    matchable: Callable[[], ColumnElement[bool]]
    accepts: Callable[[Any], bool]
    # The fit of a need with this kind of offer (None for needs themselves).
    fit: Callable[[NeedFacts, Any, date], Fit] | None = None
    # Relationships `listing` reads, joined into the rows' query (one query, not one more per row).
    eager: tuple[Any, ...] = ()


def in_states(model: Any, *states: str) -> dict[str, Any]:
    """The `matchable` and `accepts` of a listing whose status says whether it is shown."""
    return {"matchable": lambda: model.status.in_(states), "accepts": lambda row: row.status in states}


def need_listing(need: Need) -> Listing:
    facts = NeedFacts(
        category=coded("solution_categories", need.category),  # type: ignore[arg-type]
        tier=coded("funding_tiers", need.funding_tier),  # type: ignore[arg-type]
        budget_krw=need.budget_krw,
        region=coded("regions", need.region),  # type: ignore[arg-type]
        complex=coded("industrial_complexes", need.industrial_complex),
        industry=coded("ksic_divisions", need.organisation.ksic_division),
        starts_on=need.desired_start,
    )
    return Listing(need.id, need.title, text_of(need.title, need.description), facts)


def solution_listing(solution: Solution) -> Listing:
    facts = SolutionFacts(
        categories=coded_all("solution_categories", solution.categories),
        tiers=tuple(solution.funding_tiers or ()),
        regions_served=coded_all("regions", solution.regions_served),
        price_min_krw=solution.price_min_krw,
        supplier_complex=coded("industrial_complexes", solution.organisation.industrial_complex),
    )
    return Listing(solution.id, solution.title, text_of(solution.title, solution.description), facts)


def programme_listing(programme: SponsorProgramme) -> Listing:
    facts = ProgrammeFacts(
        accepting=programme.status == ProgrammeStatus.OPEN,
        opens_on=programme.applications_open_on,
        closes_on=programme.applications_close_on,
        focus_categories=coded_all("solution_categories", programme.focus_categories),
        focus_industries=coded_all("ksic_divisions", programme.focus_industries),
        focus_regions=coded_all("regions", programme.focus_regions),
        focus_tiers=coded_all("funding_tiers", programme.focus_tiers),
        remaining_krw=programme.remaining_krw,
        per_project_cap_krw=programme.per_project_cap_krw,
        offers_mentoring=programme.offers_mentoring,
    )
    return Listing(programme.id, programme.name, text_of(programme.name, programme.description), facts)


def mentor_listing(profile: MentorProfile) -> Listing:
    facts = MentorFacts(
        verified=profile.is_verified,
        open_slots=profile.open_slots,
        available_from=profile.available_from,
        available_until=profile.available_until,
        specialties=coded_all("solution_categories", profile.specialties),
        industries=coded_all("ksic_divisions", profile.industries),
        regions=coded_all("regions", profile.regions),
    )
    return Listing(profile.id, profile.title, text_of(profile.headline, profile.bio, profile.expertise), facts)


def facts_loader(session: Session, kind: Kind) -> FactsLoader:
    """Reads a shortlist's facts fresh from the database (the shared index keeps none)."""
    source = SOURCES[kind]

    def load(ids: list[int]) -> dict[int, Any]:
        query = select(source.model).options(*source.eager).where(source.model.id.in_(ids))
        return {row.id: source.listing(row).facts for row in session.scalars(query) if source.accepts(row)}

    return load


# facts_version's statement: every need page asks it, and building it cost more than running it.
_FACTS_VERSION: Select | None = None


def facts_version(session: Session) -> tuple:
    """What changes the facts of listings without changing the listings' rows: an organisation's
    (industry, complex) and a programme's pool balance (every balance moves with a new ledger entry)."""
    global _FACTS_VERSION
    if _FACTS_VERSION is None:  # built once per process (the ledger's table exists once the app is set up)
        entries = Base.metadata.tables["ledger_entries"]  # by name: the core does not import funds
        newest_entry = select(func.max(entries.c.id)).scalar_subquery()
        newest_organisation = select(func.max(Organisation.updated_at)).scalar_subquery()
        _FACTS_VERSION = select(newest_organisation, newest_entry)
    return tuple(session.execute(_FACTS_VERSION).one())


SOURCES: dict[Kind, Source] = {
    Kind.NEED: Source(
        Kind.NEED, Need, need_listing, **in_states(Need, NeedStatus.OPEN), eager=(joinedload(Need.organisation),)
    ),
    Kind.SOLUTION: Source(
        Kind.SOLUTION,
        Solution,
        solution_listing,
        **in_states(Solution, SolutionStatus.ACTIVE),
        fit=fit_solution,
        eager=(joinedload(Solution.organisation),),
    ),  # fmt: skip
    Kind.PROGRAMME: Source(
        Kind.PROGRAMME,
        SponsorProgramme,
        programme_listing,
        **in_states(SponsorProgramme, ProgrammeStatus.OPEN),
        fit=fit_programme,
        eager=(joinedload(SponsorProgramme.pool_account), joinedload(SponsorProgramme.organisation)),
    ),  # fmt: skip
    # Only verified mentors are matched; capacity and availability are hard filters in the fit,
    # so they are judged on the day of the query.
    Kind.MENTOR: Source(
        Kind.MENTOR,
        MentorProfile,
        mentor_listing,
        matchable=lambda: MentorProfile.verified_at.is_not(None),
        accepts=lambda profile: profile.is_verified,
        fit=fit_mentor,
    ),  # fmt: skip
}
