"""Who sees which figures of a smart industrial complex: everyone its public figures; officers and admins every
figure, per firm. Registered with the core `can` (marketplace/policy.py) by register_policies()."""

from __future__ import annotations

from typing import Any

from marketplace.auth.models import User
from marketplace.policy import Policy, oversees, registers


class ComplexFigures:
    """A smart industrial complex's figures (its page and its API)."""


@registers(ComplexFigures, "complex_figures")
class ComplexFiguresPolicy(Policy):
    actions = ("view", "view_full")

    def view(self, _user: User | None, _figures: Any) -> bool:
        return True  # public figures: aggregates of at least MIN_FIRMS firms

    def view_full(self, user: User | None, _figures: Any) -> bool:
        return oversees(user)
