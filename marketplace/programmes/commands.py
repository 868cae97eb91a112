"""The commands of programmes: create a programme, change one. Each field's rule is declared here once."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from flask_babel import lazy_gettext as _l
from pydantic import Field, StrictBool, StrictInt

from marketplace.api.fields import CategoryCode, IsoDate, KsicCode, PoolWon, RegionCode, TierCode, Won, absent
from marketplace.commands import Amount, Codes, Command, Day, Flag, Percent, Text
from marketplace.validation import LONG_TEXT_CHARS, MAX_POOL_KRW, TITLE_CHARS, check_order, fail

FOCUS = "Codes from the reference table; empty means any"


def _cap_in_pool(values: dict[str, Any]) -> None:
    # check_order names the larger field; here the cap is the one to correct, not the pool.
    cap, pool = values.get("per_project_cap_krw"), values.get("pledged_pool_krw")
    if cap is not None and pool is not None and cap > pool:
        raise fail("per_project_cap_krw", _l("The cap per project cannot exceed the pledged pool."))


def _window_ordered(values: dict[str, Any]) -> None:
    message = _l("Applications cannot close before they open.")
    check_order(values, "applications_open_on", "applications_close_on", message)


# "Change a programme": any field may be left out.
class ProgrammeFields(Command):
    name: Annotated[str, Text(TITLE_CHARS)] = absent()
    description: Annotated[str, Text(LONG_TEXT_CHARS)] = absent(description="Korean or English")
    pledged_pool_krw: Annotated[PoolWon, Amount(MAX_POOL_KRW)] = absent(description="Positive whole won")
    per_project_cap_krw: Annotated[Won, Amount()] = absent(description="Positive whole won, at most the pool")
    sponsor_share_percent: Annotated[StrictInt, Percent()] = absent(description="Whole percent")
    focus_categories: Annotated[list[CategoryCode] | None, Codes("solution_categories")] = absent(description=FOCUS)
    focus_industries: Annotated[list[KsicCode] | None, Codes("ksic_divisions")] = absent(
        description=f"{FOCUS}: KSIC divisions"
    )
    focus_regions: Annotated[list[RegionCode] | None, Codes("regions")] = absent(description=FOCUS)
    focus_tiers: Annotated[list[TierCode] | None, Codes("funding_tiers")] = absent(description=FOCUS)
    applications_open_on: Annotated[IsoDate, Day(required=True)] = absent(description="ISO date, e.g. 2025-03-01")
    applications_close_on: Annotated[IsoDate, Day(required=True)] = absent(
        description="ISO date, not before the opening"
    )
    offers_mentoring: Annotated[StrictBool | None, Flag()] = absent(description="Default false")

    joint_rules = (_cap_in_pool, _window_ordered)


# "Create a programme" (a sponsor): a draft unless opened at once.
class ProgrammeIn(ProgrammeFields):
    status: Literal["draft", "open"] = Field(default="draft", description="'draft' (default) or 'open'")
