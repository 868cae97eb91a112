"""The commands of government programmes: create one, add a tier's rule, change a rule.

The officers' pages build them from their forms; the services judge every value (`rules.check_rule`), so a
form's command carries what was typed, of any type, until then.
"""

from __future__ import annotations

from typing import Any

from marketplace.commands import Command


class RuleIn(Command):
    """A tier's cost-share rule: whole percents, and caps in whole won (None: no cap)."""

    government_percent: int | None = None
    government_cap_krw: int | None = None
    sponsor_min_percent: int | None = None
    sponsor_cap_krw: int | None = None
    sme_max_percent: int | None = None
    total_cap_krw: int | None = None

    def rule_values(self) -> dict[str, Any]:
        """The rule's own fields, as the rule's checks and the table read them."""
        return {name: getattr(self, name, None) for name in RuleIn.model_fields}


class NewRuleIn(RuleIn):
    """A rule for a tier the programme has no rule for yet (`tier`: a funding tier, or any tier)."""

    tier: str | None = None


class GovernmentProgrammeIn(NewRuleIn):
    """A new government programme, with the rule of its first tier."""

    name: str | None = None
    name_en: str | None = None
    year: int | None = None
    budget_krw: int | None = None
    requires_sponsor: bool = True
