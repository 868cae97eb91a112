"""Government programmes as officers keep them: create, change the budget, change or add a tier's rule.

Every change writes one GovernmentProgrammeChange row (field -> [before, after]) in the same transaction,
an append-only audit trail. A budget change is posted to the ledger at once (funds.ledger.pools.sync_budget), so a
cut below what is already committed is refused with 409 `insufficient_funds`. Rule changes never touch
existing projects: each keeps the terms it was split by (`Project.rule_terms`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from funds.government.commands import GovernmentProgrammeIn, NewRuleIn, RuleIn
from funds.ledger.pools import Balance, budget_balance, sync_budget
from funds.models import ANY_TIER, RULE_FIELDS, CostShareRule, GovernmentProgramme, GovernmentProgrammeChange
from funds.projects.reads import government_programmes
from marketplace import reference
from marketplace.auth.models import User
from marketplace.db import utcnow
from marketplace.errors import NotFound
from marketplace.policy import ensure
from marketplace.validation import check_amount, check_text, fail

MAX_BUDGET_KRW = 100_000_000_000_000  # ₩100조: far above any yearly programme budget, below a typo
PERCENT_FIELDS = ("government_percent", "sponsor_min_percent", "sme_max_percent")
CAP_FIELDS = ("government_cap_krw", "sponsor_cap_krw", "total_cap_krw")
PROGRAMME_SUBJECT = "programme"


@dataclass(frozen=True)
class ProgrammeRow:
    programme: GovernmentProgramme
    balance: Balance


def list_programmes(session: Session) -> list[ProgrammeRow]:
    """Every government programme with its rules and its budget, committed and remaining."""
    return [ProgrammeRow(programme, budget_balance(session, programme)) for programme in government_programmes(session)]


def get_government_programme(session: Session, programme_id: int, for_update: bool = False) -> GovernmentProgramme:
    programme = session.get(GovernmentProgramme, programme_id, with_for_update=for_update, populate_existing=for_update)
    if programme is None:
        raise NotFound(_l("No such government programme."))
    return programme


def get_rule(session: Session, programme: GovernmentProgramme, rule_id: int) -> CostShareRule:
    rule = session.get(CostShareRule, rule_id)
    if rule is None or rule.government_programme_id != programme.id:
        raise NotFound(_l("No such rule."))
    return rule


def _require_officer(actor: User) -> None:
    ensure(actor, "edit", GovernmentProgramme, _l("Only programme officers change government programmes."))


def check_rule(values: dict[str, Any], requires_sponsor: bool) -> None:
    """A rule that can split a cost: whole percents, floors that fit, positive caps (one message per field)."""
    for field in PERCENT_FIELDS:
        value = values.get(field)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            raise fail(field, _l("Enter a whole percent from 0 to 100."))
    for field in CAP_FIELDS:
        value = values.get(field)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_BUDGET_KRW
        ):
            raise fail(field, _l("Enter a positive whole number of won, or leave it empty for no cap."))
    if values["government_percent"] + values["sponsor_min_percent"] > 100:
        raise fail("sponsor_min_percent", _l("The government's share and the sponsor's minimum exceed 100 %."))
    if not requires_sponsor:
        if values["sponsor_min_percent"] or values.get("sponsor_cap_krw") is not None:
            raise fail("sponsor_min_percent", _l("This programme takes no sponsor: leave the sponsor's terms at 0."))
        if values["government_percent"] + values["sme_max_percent"] < 100:
            raise fail(
                "sme_max_percent",
                _l("Without a sponsor the government's share and the SME's maximum must reach 100 %: no split fits."),
            )


def _check_tier(programme: GovernmentProgramme, tier: Any) -> str:
    if tier != ANY_TIER and tier not in reference.codes("funding_tiers"):
        raise fail("tier", _l("Choose a value from the list."))
    if any(rule.tier == tier for rule in programme.rules):
        raise fail("tier", _l("This programme already has a rule for that tier; edit it instead."))
    return str(tier)


def _record(
    session: Session, actor: User, programme: GovernmentProgramme, subject: str, changes: dict[str, list[Any]]
) -> None:
    session.add(
        GovernmentProgrammeChange(
            government_programme_id=programme.id, subject=subject, changes=changes, actor_id=actor.id, at=utcnow()
        )
    )


def _check_programme(session: Session, values: dict[str, Any]) -> None:
    check_text(values, "name", 200)
    check_text(values, "name_en", 200)
    year = values.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise fail("year", _l("Enter a year from 2000 to 2100."))
    check_amount(values, "budget_krw", MAX_BUDGET_KRW)
    taken = select(GovernmentProgramme.id).where(
        GovernmentProgramme.name == values["name"].strip(), GovernmentProgramme.year == year
    )
    if session.scalar(taken) is not None:
        raise fail("name", _l("A programme of this name already exists for that year."))


def create_programme(session: Session, actor: User, command: GovernmentProgrammeIn) -> GovernmentProgramme:
    """A new government programme with its first tier's rule; its budget is posted to the ledger."""
    _require_officer(actor)
    values, rule_values, tier = command.every_value(), command.rule_values(), command.tier
    _check_programme(session, values)
    requires_sponsor = bool(values["requires_sponsor"])
    programme = GovernmentProgramme(
        name=values["name"].strip(),
        name_en=values["name_en"].strip(),
        year=values["year"],
        budget_krw=values["budget_krw"],
        requires_sponsor=requires_sponsor,
    )
    _check_tier(programme, tier)
    check_rule(rule_values, requires_sponsor)
    session.add(programme)
    session.flush()
    fields = ("name", "name_en", "year", "budget_krw", "requires_sponsor")
    _record(
        session, actor, programme, PROGRAMME_SUBJECT, {field: [None, getattr(programme, field)] for field in fields}
    )
    _add_rule(session, actor, programme, str(tier), command)
    sync_budget(session, programme.id, actor)
    return programme


def change_budget(
    session: Session, actor: User, programme: GovernmentProgramme, budget_krw: Any
) -> GovernmentProgramme:
    """Set the yearly budget; a cut below what is committed is refused (409) with nothing written."""
    _require_officer(actor)
    check_amount({"budget_krw": budget_krw}, "budget_krw", MAX_BUDGET_KRW)
    before = programme.budget_krw
    if budget_krw == before:
        return programme
    programme.budget_krw = budget_krw
    _record(session, actor, programme, PROGRAMME_SUBJECT, {"budget_krw": [before, budget_krw]})
    session.flush()  # sync_budget re-reads the locked row
    sync_budget(session, programme.id, actor)
    return programme


def change_rule(session: Session, actor: User, rule: CostShareRule, command: RuleIn) -> CostShareRule:
    """Change a tier's rule for projects applied from now on; existing projects keep their terms."""
    _require_officer(actor)
    values = command.rule_values()
    check_rule(values, rule.programme.requires_sponsor)
    changes = {
        field: [getattr(rule, field), values[field]] for field in RULE_FIELDS if getattr(rule, field) != values[field]
    }
    if changes:
        for field, (_before, after) in changes.items():
            setattr(rule, field, after)
        _record(session, actor, rule.programme, rule.tier, changes)
        session.flush()
    return rule


def add_rule(session: Session, actor: User, programme: GovernmentProgramme, command: NewRuleIn) -> CostShareRule:
    """A rule for a tier the programme has no rule for yet."""
    _require_officer(actor)
    _check_tier(programme, command.tier)
    check_rule(command.rule_values(), programme.requires_sponsor)
    return _add_rule(session, actor, programme, str(command.tier), command)


def _add_rule(
    session: Session, actor: User, programme: GovernmentProgramme, tier: str, rule_in: RuleIn
) -> CostShareRule:
    values = rule_in.rule_values()
    rule = CostShareRule(tier=tier, **{field: values[field] for field in RULE_FIELDS})
    programme.rules.append(rule)
    _record(session, actor, programme, tier, {field: [None, values[field]] for field in RULE_FIELDS})
    session.flush()
    return rule


def programme_changes(session: Session, actor: User, programme: GovernmentProgramme) -> list[Any]:
    """The programme's audit trail, newest first: (change, who) pairs."""
    ensure(actor, "view_changes", programme, _l("Only programme officers see the audit trail."))
    statement = (
        select(GovernmentProgrammeChange, User)
        .outerjoin(User, User.id == GovernmentProgrammeChange.actor_id)
        .where(GovernmentProgrammeChange.government_programme_id == programme.id)
        .order_by(GovernmentProgrammeChange.id.desc())
    )
    return list(session.execute(statement))
