"""One definition per kind of listing (need, solution, programme): what the shared steps need to know.

The pages (`listings.pages`) and the API (`listings.api`) add their own facets; this part is the
domain's, so the services that read it never import a form or a request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from marketplace.auth.models import Role, User
from marketplace.commands import Command
from marketplace.filters import ListingFilters
from marketplace.transitions import StateMachine


def unchanged(values: dict[str, Any], actor: User) -> dict[str, Any]:
    return values


def no_follow_up(session: Any, listing: Any, actor: User) -> None:
    return None


@dataclass(frozen=True)
class ListingKind:
    """A kind of listing: its table, its commands, who writes it, how it is searched.

    Who sees and changes one is the kind's policy (`<kind>/policies.py`, a `listings.ListingPolicy`).
    """

    name: str  # "need": the id argument is f"{name}_id", the template variable is `name`
    plural: str  # "needs": the blueprint, the template folder, the API collection
    model: Any
    fields: type[Command]  # the edit command: every editable field and its rule
    create: type[Command]  # the create command (its `status`, if any, says whether it opens at once)
    author_role: Role
    moves: StateMachine
    open_status: Any  # the status of a listing created to be seen at once
    draft_status: Any  # the status of one saved for later (the same as open_status if there are no drafts)
    filters: type[ListingFilters]
    sorts: dict[str, Callable[[], list[Any]]]
    # The kind's own filters as SQL conditions (visibility and the shared ones are added for it).
    conditions: Callable[[Any, User | None], list[Any]]
    # A null in one of these fields means this value (the columns are NOT NULL).
    empty_values: dict[str, Any] = field(default_factory=dict)
    # Values a new listing takes from its author when left out (a need's place).
    creation_defaults: Callable[[dict[str, Any], User], dict[str, Any]] = unchanged
    # Statuses in which the listing can no longer be edited, and what the refusal says.
    final_states: tuple[Any, ...] = ()
    final_message: Any = ""
    # Run after every write (a programme's pledge follows its pool).
    after_write: Callable[[Any, Any, User], None] = no_follow_up

    @property
    def editable_fields(self) -> tuple[str, ...]:
        return tuple(self.fields.model_fields)

    def with_empty_values(self, values: dict[str, Any]) -> dict[str, Any]:
        return {
            name: self.empty_values[name] if value is None and name in self.empty_values else value
            for name, value in values.items()
        }

    def as_stored(self, values: dict[str, Any]) -> dict[str, Any]:
        """Code sets as the database keeps them (sorted, no repeats): a write's answer equals a later read."""
        sets = self.fields.code_set_fields()
        return {name: sorted(set(value)) if name in sets else value for name, value in values.items()}
