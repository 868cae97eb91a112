"""The command of solutions: list a solution or change one. Each field's rule is declared here once."""

from __future__ import annotations

from typing import Annotated, Any

from flask_babel import lazy_gettext as _l
from pydantic import StrictInt

from marketplace.api.fields import CategoryCode, RegionCode, TierCode, Won, absent
from marketplace.commands import Amount, Codes, Command, Count, Text
from marketplace.validation import LONG_TEXT_CHARS, NOTE_CHARS, TITLE_CHARS, check_order


def _prices_ordered(values: dict[str, Any]) -> None:
    check_order(values, "price_min_krw", "price_max_krw", _l("The highest price must be at least the lowest price."))


# "List a solution" and "change a solution" take the same body: nothing is required on creation that a
# change may not leave out, so one command serves both (its docstring is the OpenAPI description).
class SolutionFields(Command):
    """Required on listing: title, description, categories, prices, funding tiers (a change may leave any out)."""

    title: Annotated[str, Text(TITLE_CHARS)] = absent()
    description: Annotated[str, Text(LONG_TEXT_CHARS)] = absent(description="Korean or English")
    categories: Annotated[list[CategoryCode], Codes("solution_categories", required=True)] = absent(
        description="At least one category code"
    )
    price_min_krw: Annotated[Won, Amount()] = absent(description="Lowest price, positive whole won")
    price_max_krw: Annotated[Won, Amount()] = absent(description="Highest price, whole won, at least the lowest")
    funding_tiers: Annotated[list[TierCode], Codes("funding_tiers", required=True)] = absent(
        description="At least one funding tier"
    )
    regions_served: Annotated[list[RegionCode] | None, Codes("regions")] = absent(
        description="Empty or null: the whole country"
    )
    installations: Annotated[StrictInt | None, Count()] = absent(description="Default 0")
    notable_customers: Annotated[str | None, Text(NOTE_CHARS, required=False)] = None

    joint_rules = (_prices_ordered,)
