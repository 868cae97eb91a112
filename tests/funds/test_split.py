"""The cost split: SPEC's table by example, and for any cost and rule set (hypothesis) exact and within every cap."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from funds.government.split import ShareRule, SplitRefused, SponsorOffer, percent_down, percent_up, split_cost

M = 1_000_000
TYPE_1_BASIC = ShareRule(30, 42 * M, 30, None, 40, None, requires_sponsor=True)
TYPE_2 = ShareRule(50, 10 * M, 50, 10 * M, 0, 20 * M, requires_sponsor=True)
GOVERNMENT_ONLY_BASIC = ShareRule(50, 50 * M, 0, None, 100, None, requires_sponsor=False)
OFFER_30 = SponsorOffer(share_percent=30, cap_krw=1_000 * M)


@pytest.mark.parametrize(
    ("cost", "rule", "offer", "expected"),
    [
        # type 1 basic: 30 / 30 / 40 below the government cap
        (100 * M, TYPE_1_BASIC, OFFER_30, (30 * M, 30 * M, 40 * M)),
        # the won left by rounding falls to the sponsor
        (100 * M + 1, TYPE_1_BASIC, OFFER_30, (30 * M, 30 * M + 1, 40 * M)),
        (7, TYPE_1_BASIC, OFFER_30, (2, 3, 2)),
        # above the cap the government pays ₩42M; the SME stays at 40 %, the sponsor covers the rest
        (200 * M, TYPE_1_BASIC, OFFER_30, (42 * M, 78 * M, 80 * M)),
        # a sponsor offering 50 % pays 50 %, the SME less
        (100 * M, TYPE_1_BASIC, SponsorOffer(50, 1_000 * M), (30 * M, 50 * M, 20 * M)),
        # type 2: half and half, the SME pays nothing, up to ₩20M in all
        (20 * M, TYPE_2, OFFER_30, (10 * M, 10 * M, 0)),
        (15 * M + 1, TYPE_2, OFFER_30, (7_500_000, 7_500_001, 0)),
        # government-only: half, up to the cap; the SME pays the rest
        (60 * M, GOVERNMENT_ONLY_BASIC, None, (30 * M, 0, 30 * M)),
        (150 * M, GOVERNMENT_ONLY_BASIC, None, (50 * M, 0, 100 * M)),
    ],
)
def test_spec_table_examples(cost, rule, offer, expected):
    split = split_cost(cost, rule, offer)
    assert (split.government_krw, split.sponsor_krw, split.sme_krw) == expected
    assert sum(expected) == cost


@pytest.mark.parametrize(
    ("cost", "rule", "offer", "reason"),
    [
        (20 * M + 1, TYPE_2, OFFER_30, "cost_over_total_cap"),
        (100 * M, TYPE_1_BASIC, None, "sponsor_required"),
        (100 * M, GOVERNMENT_ONLY_BASIC, OFFER_30, "sponsor_not_allowed"),
        # the sponsor must pay ≥ 30 % = ₩30M but caps itself at ₩20M a project
        (100 * M, TYPE_1_BASIC, SponsorOffer(30, 20 * M), "sponsor_over_cap"),
        (0, TYPE_1_BASIC, OFFER_30, "cost_not_positive"),
    ],
)
def test_refusals_name_their_reason(cost, rule, offer, reason):
    with pytest.raises(SplitRefused) as refused:
        split_cost(cost, rule, offer)
    assert refused.value.reason == reason


def caps(small: bool):
    amounts = st.integers(1, 80) if small else st.integers(1, 10**11)
    return st.none() | amounts


@st.composite
def rules(draw, small: bool = False):
    """Any rule the officer's form accepts: percents 0–100, the floors fitting in 100 %, positive caps."""
    requires_sponsor = draw(st.booleans())
    government = draw(st.integers(0, 100))
    sponsor_min = draw(st.integers(0, 100 - government)) if requires_sponsor else 0
    sme_floor = 0 if requires_sponsor else 100 - government  # without a sponsor the SME must be able to pay the rest
    sme_max = draw(st.integers(sme_floor, 100))
    return ShareRule(
        government_percent=government,
        government_cap_krw=draw(caps(small)),
        sponsor_min_percent=sponsor_min,
        sponsor_cap_krw=draw(caps(small)) if requires_sponsor else None,
        sme_max_percent=sme_max,
        total_cap_krw=draw(caps(small)),
        requires_sponsor=requires_sponsor,
    )


@st.composite
def offers(draw, rule: ShareRule, small: bool = False):
    if not rule.requires_sponsor:
        return None
    return SponsorOffer(draw(st.integers(1, 100)), draw(st.integers(1, 80) if small else st.integers(1, 10**11)))


def assert_within_rule(cost: int, rule: ShareRule, offer: SponsorOffer | None, government: int, sponsor: int, sme: int):
    assert government + sponsor + sme == cost
    assert min(government, sponsor, sme) >= 0
    assert government <= percent_down(cost, rule.government_percent)
    assert rule.government_cap_krw is None or government <= rule.government_cap_krw
    assert sme <= percent_down(cost, rule.sme_max_percent)
    assert rule.total_cap_krw is None or cost <= rule.total_cap_krw
    if offer is None:
        assert sponsor == 0
    else:
        assert sponsor >= percent_up(cost, rule.sponsor_min_percent)
        assert rule.sponsor_cap_krw is None or sponsor <= rule.sponsor_cap_krw
        assert sponsor <= offer.cap_krw


@settings(max_examples=1000, deadline=None)
@given(data=st.data(), cost=st.integers(1, 10**12))
def test_any_split_sums_exactly_and_respects_every_cap(data, cost):
    rule = data.draw(rules())
    offer = data.draw(offers(rule))
    try:
        split = split_cost(cost, rule, offer)
    except SplitRefused:
        return
    assert_within_rule(cost, rule, offer, split.government_krw, split.sponsor_krw, split.sme_krw)


def some_valid_split_exists(cost: int, rule: ShareRule, offer: SponsorOffer | None) -> bool:
    """Brute force over every government and sponsor amount: the oracle for small costs."""
    for government in range(cost + 1):
        for sponsor in range(cost - government + 1) if offer is not None else (0,):
            try:
                assert_within_rule(cost, rule, offer, government, sponsor, cost - government - sponsor)
            except AssertionError:
                continue
            return True
    return False


@settings(max_examples=300, deadline=None)
@given(data=st.data(), cost=st.integers(1, 60))
def test_refused_only_when_no_split_satisfies_the_rule(data, cost):
    rule = data.draw(rules(small=True))
    offer = data.draw(offers(rule, small=True))
    try:
        split_cost(cost, rule, offer)
    except SplitRefused:
        assert not some_valid_split_exists(cost, rule, offer)
    else:
        assert some_valid_split_exists(cost, rule, offer)


@settings(max_examples=300, deadline=None)
@given(cost=st.integers(1, 10**9))
def test_government_pays_as_much_as_the_rule_allows(cost):
    rule = TYPE_1_BASIC
    split = split_cost(cost, rule, OFFER_30)
    assert split.government_krw == min(percent_down(cost, 30), 42 * M)
