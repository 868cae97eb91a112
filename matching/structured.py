"""Structured fit: what the listings' facts say about a match, beyond their words.

A fit function takes the need's facts and an offer's facts (plain data, filled in by the web side)
and returns whether the match is possible at all (hard filters) and how well it fits: the share of
the applicable criteria it meets, each weighted, with a bilingual reason for each one that counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Reason:
    """One structured reason, in both languages; `good` is False for a shortcoming worth showing."""

    code: str
    ko: str
    en: str
    good: bool = True


@dataclass
class Fit:
    allowed: bool = True
    reasons: list[Reason] = field(default_factory=list)
    _earned: float = 0.0
    _possible: float = 0.0

    @property
    def score(self) -> float:
        """The weighted share of criteria met, in [0, 1]; 0.5 when no criterion applies."""
        return self._earned / self._possible if self._possible else 0.5

    def criterion(self, met: bool, weight: float, reason: Reason | None) -> None:
        """Count one soft criterion; its reason is shown when it is met (or is a shortcoming)."""
        self._possible += weight
        self._earned += weight if met else 0.0
        if reason is not None:
            self.reasons.append(reason)

    def exclude(self, reason: Reason) -> None:
        """A hard filter: the match is impossible."""
        self.allowed = False
        self.reasons.append(reason)


FitFunction = Callable[[Any, Any], Fit]
