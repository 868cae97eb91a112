"""State machines as data: each status column has one table of allowed moves and one function
that applies a move after checking the current state, and, where the machine knows its parties, who acts."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from flask_babel import lazy_gettext as _l

from marketplace.errors import Conflict, Forbidden, ValidationFailed

S = TypeVar("S", bound=enum.Enum)


class InvalidTransition(Conflict):
    code = "invalid_transition"


@dataclass(frozen=True)
class Move(Generic[S]):
    action: str
    sources: tuple[S, ...]
    target: S


class StateMachine(Generic[S]):
    """The allowed moves of one status column."""

    def __init__(self, moves: list[Move[S]], actors: Mapping[str, Iterable[Any]] | None = None) -> None:
        self.moves = {move.action: move for move in moves}
        # Who may take each action (the parties of an object with several sides); None: the caller checks.
        self.actors = {action: frozenset(parties) for action, parties in (actors or {}).items()}

    def actions(self) -> list[str]:
        return list(self.moves)

    def available(self, state: S) -> list[str]:
        """The actions that can be taken from this state (what the UI offers as buttons)."""
        return [move.action for move in self.moves.values() if state in move.sources]

    def target(self, state: S, action: str) -> S:
        """The state an action leads to from `state`; refuses unknown actions and wrong states."""
        move = self.moves.get(action)
        if move is None:
            message = _l("Unknown action. Use one of: %(actions)s.", actions=", ".join(self.moves))
            raise ValidationFailed(message, fields={"action": [str(message)]})
        if state not in move.sources:
            raise InvalidTransition(
                _l("Cannot %(action)s while the status is %(state)s.", action=action, state=state.value)
            )
        return move.target

    def target_for(self, state: S, action: str, sides: Iterable[Any], refusal: Any) -> S:
        """As `target`, after checking that one of the acting user's `sides` may take the action (else `refusal`).

        The order is the one users meet: an unknown action, then a party who may not act, then a wrong state.
        """
        if action not in self.moves:
            self.target(state, action)  # refuses the unknown action, naming the known ones
        if not self.actors.get(action, frozenset()) & set(sides):
            raise Forbidden(refusal)
        return self.target(state, action)

    def available_to(self, state: S, sides: Iterable[Any]) -> list[str]:
        """The actions these sides can take from this state (the buttons a party sees)."""
        mine = set(sides)
        return [action for action in self.available(state) if self.actors.get(action, frozenset()) & mine]
