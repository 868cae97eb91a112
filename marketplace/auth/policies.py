"""Who may manage accounts: administrators only (the users list, enabling and disabling, the admin edits)."""

from __future__ import annotations

from typing import Any

from marketplace.auth.models import User
from marketplace.policy import Policy, is_admin, registers


@registers(User, "user")
class UserPolicy(Policy):
    actions = ("administer",)

    def administer(self, user: User | None, _account: Any) -> bool:
        return is_admin(user)
