"""An SME's application for a project: each field checked against the rules, then the cost split."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from funds.government.split import Split, SplitRefused, SponsorOffer, split_cost
from funds.labels import tier_label
from funds.models import CostShareRule, GovernmentProgramme
from funds.schemas import ProjectIn
from marketplace.context import ServiceContext
from marketplace.i18n import current_language
from marketplace.needs.models import Need, NeedStatus
from marketplace.programmes.models import ProgrammeStatus, SponsorProgramme
from marketplace.solutions.models import Solution, SolutionStatus
from marketplace.templating import format_krw
from marketplace.validation import check_amount, check_code, fail

APPLICABLE_NEED_STATES = (NeedStatus.OPEN, NeedStatus.IN_PROGRESS)

# Why a split was refused, as the field to correct and the message to show. The messages name the rule
# (government programme and tier) and the amounts: the limit broken and what the cost would need.
REFUSALS: dict[str, tuple[str, Any]] = {
    "cost_not_positive": ("cost_krw", _l("Enter a positive whole number of won.")),
    "cost_over_total_cap": (
        "cost_krw",
        _l(
            "The rule of %(rule)s funds a project cost of at most %(limit)s; %(needed)s is above that limit. "
            "Enter a cost of %(limit)s or less, or choose another tier."
        ),
    ),
    "sponsor_required": ("programme_id", _l("This government programme needs a sponsor programme.")),
    "sponsor_not_allowed": (
        "programme_id",
        _l("The government-only track takes no sponsor programme; leave the sponsor programme empty."),
    ),
    "sme_over_max": (
        "cost_krw",
        _l(
            "The rule of %(rule)s lets the SME pay at most %(limit)s of this cost, "
            "but it would have to pay %(needed)s. Choose a smaller cost or a sponsor programme."
        ),
    ),
    "sponsor_over_cap": (
        "cost_krw",
        _l(
            "Under the rule of %(rule)s the sponsor would have to pay %(needed)s, "
            "above its cap of %(limit)s per project; choose a smaller cost."
        ),
    ),
}


@dataclass(frozen=True)
class Application:
    need: Need
    solution: Solution
    programme: SponsorProgramme | None
    government_programme: GovernmentProgramme
    rule: CostShareRule
    tier: str
    cost_krw: int


def _get_by_id(session: Session, model: type, value: Any, field: str, message: Any) -> Any:
    """The row `value` names; else the field's message (a form may send anything, so its type is checked here)."""
    found = session.get(model, value) if isinstance(value, int) and not isinstance(value, bool) else None
    if found is None:
        raise fail(field, message)
    return found


def check_application(session: Session, ctx: ServiceContext, command: ProjectIn) -> Application:
    """Every rule of an application, naming the field at fault; sponsor programmes' windows as of ctx.today."""
    actor, values = ctx.actor, command.every_value()
    need: Need = _get_by_id(session, Need, values["need_id"], "need_id", _l("Choose one of your needs."))
    if need.organisation_id != actor.organisation_id:
        raise fail("need_id", _l("Choose one of your needs."))
    if need.status not in APPLICABLE_NEED_STATES:
        raise fail("need_id", _l("Apply with an open or in-progress need."))
    solution: Solution = _get_by_id(
        session, Solution, values["solution_id"], "solution_id", _l("Choose a listed solution.")
    )
    if solution.status != SolutionStatus.ACTIVE:
        raise fail("solution_id", _l("Choose a listed solution."))
    check_code(values, "tier", "funding_tiers")
    check_amount(values, "cost_krw")
    government_programme: GovernmentProgramme = _get_by_id(
        session,
        GovernmentProgramme,
        values["government_programme_id"],
        "government_programme_id",
        _l("Choose a government programme."),
    )
    rule = government_programme.rule_for(values["tier"])
    if rule is None:
        raise fail("tier", _l("This government programme has no rule for that tier."))
    programme = _sponsor_programme(session, values["programme_id"], values["tier"], ctx.today)
    return Application(need, solution, programme, government_programme, rule, values["tier"], values["cost_krw"])


def _sponsor_programme(session: Session, programme_id: Any, tier: str, today: date) -> SponsorProgramme | None:
    if programme_id is None:
        return None
    programme: SponsorProgramme = _get_by_id(
        session, SponsorProgramme, programme_id, "programme_id", _l("Choose an open sponsor programme.")
    )
    if programme.status != ProgrammeStatus.OPEN:
        raise fail("programme_id", _l("Choose an open sponsor programme."))
    if not programme.applications_open_on <= today <= programme.applications_close_on:
        raise fail("programme_id", _l("The sponsor programme is not taking applications today."))
    if programme.focus_tiers and tier not in programme.focus_tiers:
        raise fail("tier", _l("The sponsor programme does not fund this tier."))
    return programme


def split_for(application: Application) -> Split:
    """The application's cost split by its rule, or the reason it cannot be, on the field to correct."""
    programme = application.programme
    offer = SponsorOffer(programme.sponsor_share_percent, programme.per_project_cap_krw) if programme else None
    try:
        return split_cost(application.cost_krw, application.rule.share_rule(), offer)
    except SplitRefused as refused:
        field, message = REFUSALS[refused.reason]
        raise fail(field, str(message) % _refusal_amounts(application, refused)) from refused


def _refusal_amounts(application: Application, refused: SplitRefused) -> dict[str, str]:
    """The rule's name and the amounts a refusal's message names, in the reader's language."""
    programme = application.government_programme
    rule = f"{programme.label(current_language())} ({programme.year}) · {tier_label(application.tier)}"
    return {"rule": rule, "limit": format_krw(refused.limit_krw), "needed": format_krw(refused.needed_krw)}
