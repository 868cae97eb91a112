"""Who may see the outcome reports: an SME its own dashboard; officers and admins every SME's and the
programme overview. Registered with the core `can` (marketplace/policy.py) when this module is imported."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marketplace.auth.models import Role, User
from marketplace.policy import Policy, member_of, oversees, registers


@dataclass(frozen=True)
class SmeOutcomesOf:
    """One SME's outcome dashboard: figures computed for the firm, no row of their own."""

    organisation_id: int


class ProgrammeOverview:
    """The programme-wide outcome overview (and its exports)."""


@registers(SmeOutcomesOf, "sme_outcomes")
class SmeOutcomesPolicy(Policy):
    actions = ("view",)

    def view(self, user: User | None, board: Any) -> bool:
        """Asked of the class: may this user open some SME's dashboard at all (the SME, overseers)."""
        own = isinstance(board, type) or member_of(user, board.organisation_id)
        return oversees(user) or (user is not None and user.role == Role.SME and own)


@registers(ProgrammeOverview, "programme_overview")
class ProgrammeOverviewPolicy(Policy):
    actions = ("view",)

    def view(self, user: User | None, _overview: Any) -> bool:
        return oversees(user)
