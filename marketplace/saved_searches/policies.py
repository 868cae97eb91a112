"""Who may see and change a saved search: only the user who saved it (to anyone else it does not exist)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import false

from marketplace.auth.models import User
from marketplace.policy import Policy, registers
from marketplace.saved_searches.models import SavedSearch


@registers(SavedSearch, "saved_search")
class SavedSearchPolicy(Policy):
    actions = ("view", "edit", "create")

    def view(self, user: User | None, search: SavedSearch) -> bool:
        return user is not None and user.id == search.user_id

    def edit(self, user: User | None, search: SavedSearch) -> bool:
        return self.view(user, search)

    def create(self, user: User | None, _resource: Any) -> bool:
        """Any logged-in user keeps searches of their own."""
        return user is not None

    def visible(self, user: User | None) -> Any:
        return false() if user is None else SavedSearch.user_id == user.id
