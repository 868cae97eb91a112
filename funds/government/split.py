"""Splitting a project's cost between the government, the sponsor and the SME, exactly, in whole won.

Pure Python (no database, no Flask), so the rule can be tested on its own for any cost and rule set.

The split, for a cost C under a rule (percentages are whole percent):

1. government = min(floor(C × government_percent / 100), government cap): the government matches as
   much as the rule allows;
2. the sponsor pays at least ceil(C × sponsor_min_percent / 100) (and at least its programme's own
   share, if that is higher), and more when the SME would otherwise pay above its maximum
   floor(C × sme_max_percent / 100); never more than the rest of the cost, its own cap, or the
   programme's cap per project;
3. the SME pays what is left.

Rounding: the government's and the SME's limits are rounded down and the sponsor's minimum up, so
the won left over by rounding always falls to the sponsor — the one party whose rule is a floor, not
a ceiling, so an extra won never breaks it. On the government-only track (no sponsor) the SME takes
it, since there its limit is the rest of the cost.

When no split satisfies every limit (a cap too small for the cost), the split is refused with the
reason; nothing is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ShareRule:
    """One row of a government programme's cost-share table (one funding tier)."""

    government_percent: int  # the most the government pays, in percent of the cost
    government_cap_krw: int | None
    sponsor_min_percent: int  # the least the sponsor pays (0 on the government-only track)
    sponsor_cap_krw: int | None
    sme_max_percent: int  # the most the SME pays
    total_cap_krw: int | None  # the largest project cost the rule funds
    requires_sponsor: bool


@dataclass(frozen=True)
class SponsorOffer:
    """What a sponsor programme brings to one project: its share and its cap per project."""

    share_percent: int
    cap_krw: int


@dataclass(frozen=True)
class Split:
    cost_krw: int
    government_krw: int
    sponsor_krw: int
    sme_krw: int

    def __post_init__(self) -> None:
        if self.government_krw + self.sponsor_krw + self.sme_krw != self.cost_krw:
            raise ValueError("a split must sum to the cost")


class SplitRefused(ValueError):
    """No split satisfies the rule; `reason` is a code the caller turns into a message.

    `limit_krw` is the limit that was broken and `needed_krw` what the cost would have needed, so the
    message can name both (e.g. a total cap of ₩20,000,000 and a cost of ₩25,000,000).
    """

    def __init__(self, reason: str, limit_krw: int | None = None, needed_krw: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.limit_krw = limit_krw
        self.needed_krw = needed_krw


def percent_down(amount: int, percent: int) -> int:
    return amount * percent // 100


def percent_up(amount: int, percent: int) -> int:
    return -(-amount * percent // 100)


def _smallest(*limits: int | None) -> int:
    return min(limit for limit in limits if limit is not None)


def split_cost(cost_krw: int, rule: ShareRule, offer: SponsorOffer | None) -> Split:
    """The exact split of `cost_krw` under `rule`, with `offer` from the sponsor (None: no sponsor)."""
    if cost_krw <= 0:
        raise SplitRefused("cost_not_positive")
    if rule.total_cap_krw is not None and cost_krw > rule.total_cap_krw:
        raise SplitRefused("cost_over_total_cap", rule.total_cap_krw, cost_krw)
    if rule.requires_sponsor and offer is None:
        raise SplitRefused("sponsor_required")
    if not rule.requires_sponsor and offer is not None:
        raise SplitRefused("sponsor_not_allowed")
    government = _smallest(percent_down(cost_krw, rule.government_percent), rule.government_cap_krw)
    sme_max = percent_down(cost_krw, rule.sme_max_percent)
    if offer is None:
        sponsor = 0
        if cost_krw - government > sme_max:
            raise SplitRefused("sme_over_max", sme_max, cost_krw - government)
    else:
        sponsor = _sponsor_share(cost_krw, rule, offer, government, sme_max)
    return Split(cost_krw, government, sponsor, cost_krw - government - sponsor)


def _sponsor_share(cost_krw: int, rule: ShareRule, offer: SponsorOffer, government: int, sme_max: int) -> int:
    required = max(percent_up(cost_krw, rule.sponsor_min_percent), cost_krw - government - sme_max)
    ceiling = _smallest(cost_krw - government, rule.sponsor_cap_krw, offer.cap_krw)
    if required > ceiling:
        raise SplitRefused("sponsor_over_cap", ceiling, required)
    wanted = max(required, percent_up(cost_krw, offer.share_percent))
    return min(wanted, ceiling)
