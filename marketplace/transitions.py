"""State machines as data: each status column has one table of allowed moves and one function
that applies a move after checking the current state (the actor is checked by the caller)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Generic, TypeVar

from flask_babel import lazy_gettext as _l

from marketplace.errors import Conflict, ValidationFailed

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

    def __init__(self, moves: list[Move[S]]) -> None:
        self.moves = {move.action: move for move in moves}

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
