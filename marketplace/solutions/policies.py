"""Who may see, post and change a supplier's solution."""

from __future__ import annotations

from marketplace.auth.models import Role
from marketplace.listings import ListingPolicy
from marketplace.policy import policy_of
from marketplace.solutions.models import Solution, SolutionStatus

PUBLIC_STATES = (SolutionStatus.ACTIVE,)
MEMBER_STATES = (SolutionStatus.ACTIVE,)

POLICY = policy_of(Solution, "solution", ListingPolicy(Solution, Role.SUPPLIER, PUBLIC_STATES, MEMBER_STATES))
