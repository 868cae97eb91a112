"""Dividing one amount among a consortium's members, pro rata to their pledges, exact to the won (pure).

Largest remainder (Hamilton's method): each member first gets ⌊amount × pledge ÷ total⌋; the won left
over (fewer than the number of members) go one each to the members with the largest fractional parts;
ties go to the lead first, then to the members in the order they joined. The parts always sum to the
amount, and no part differs from its exact share by a won or more.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def pro_rata(amount_krw: int, pledges: Sequence[tuple[K, int]], lead: K | None = None) -> dict[K, int]:
    """`amount_krw` divided among `pledges` ((key, pledged won) in joining order); the remainder by largest
    remainder, ties to the lead, then in joining order."""
    if amount_krw < 0:
        raise ValueError("the amount to divide is never negative")
    if not pledges or any(pledged <= 0 for _, pledged in pledges):
        raise ValueError("every member pledges a positive amount")
    total = sum(pledged for _, pledged in pledges)
    parts = {key: amount_krw * pledged // total for key, pledged in pledges}
    left = amount_krw - sum(parts.values())
    order = sorted(
        range(len(pledges)),
        key=lambda i: (-(amount_krw * pledges[i][1] % total), pledges[i][0] != lead, i),
    )
    for i in order[:left]:
        parts[pledges[i][0]] += 1
    return parts
