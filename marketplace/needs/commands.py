"""The commands of needs: post a need, change a need. Each field's rule is declared here once."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from marketplace.api.fields import CategoryCode, ComplexCode, IsoDate, RegionCode, TierCode, Won, absent
from marketplace.commands import Amount, Code, Command, Day, Text
from marketplace.validation import LONG_TEXT_CHARS, TITLE_CHARS, check_complex_in_region

Title = Annotated[str, Text(TITLE_CHARS)]
Description = Annotated[str, Text(LONG_TEXT_CHARS)]
Category = Annotated[CategoryCode, Code("solution_categories")]
Tier = Annotated[TierCode, Code("funding_tiers")]
Budget = Annotated[Won, Amount()]
Region = Annotated[RegionCode | None, Code("regions")]
Complex = Annotated[ComplexCode | None, Code("industrial_complexes", required=False)]
Start = Annotated[IsoDate | None, Day()]


# "Change a need"; its docstring is the OpenAPI document's description of the body.
class NeedFields(Command):
    """A change: any field may be left out; a field the need must have cannot be null."""

    title: Title = absent()
    description: Description = absent(description="Korean or English")
    category: Category = absent(description="Solution category code")
    funding_tier: Tier = absent()
    budget_krw: Budget = absent(description="Positive whole won")
    region: Region = absent(description="Default: the organisation's region")
    industrial_complex: Complex = absent(description="Default: the organisation's complex")
    desired_start: Start = None

    joint_rules = (check_complex_in_region,)


# "Post a need" (an SME): open at once, or a draft only its organisation sees.
class NeedIn(NeedFields):
    title: Title
    description: Description = Field(description="Korean or English")
    category: Category = Field(description="Solution category code")
    funding_tier: Tier
    budget_krw: Budget = Field(description="Positive whole won")
    status: Literal["open", "draft"] = Field(default="open", description="'open' (default) or 'draft'")
