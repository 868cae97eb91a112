from datetime import date

import pytest

from matching.fits import (
    Coded,
    MentorFacts,
    NeedFacts,
    ProgrammeFacts,
    SolutionFacts,
    fit_mentor,
    fit_programme,
    fit_solution,
)

MES = Coded("mes", "MES", "MES")
ERP = Coded("erp", "ERP", "ERP")
GYEONGGI = Coded("gyeonggi", "경기", "Gyeonggi")
BUSAN = Coded("busan", "부산", "Busan")
SIHWA = Coded("sihwa", "시화", "Sihwa")
BASIC = Coded("basic", "기초", "Basic")
METAL = Coded("25", "금속가공제품", "Fabricated metal products")

NEED = NeedFacts(MES, BASIC, 50_000_000, GYEONGGI, SIHWA, METAL, date(2027, 3, 1))


def solution(**changes):
    values = {
        "categories": (MES,),
        "tiers": ("basic",),
        "regions_served": (),
        "price_min_krw": 30_000_000,
        "supplier_complex": SIHWA,
    }
    return SolutionFacts(**(values | changes))


def programme(**changes):
    values = {
        "accepting": True, "opens_on": date(2027, 1, 1), "closes_on": date(2027, 6, 30), "focus_categories": (MES,),
        "focus_industries": (), "focus_regions": (GYEONGGI,), "focus_tiers": (), "remaining_krw": 1_000_000_000,
        "per_project_cap_krw": 100_000_000,
    }  # fmt: skip
    return ProgrammeFacts(**(values | changes))


def mentor(**changes):
    values = {
        "verified": True, "open_slots": 1, "available_from": date(2027, 1, 1), "available_until": None,
        "specialties": (MES,), "industries": (METAL,), "regions": (GYEONGGI,),
    }  # fmt: skip
    return MentorFacts(**(values | changes))


def codes(fit):
    return [reason.code for reason in fit.reasons]


def test_a_fitting_solution_is_explained_and_scores_full():
    fit = fit_solution(NEED, solution())
    assert fit.allowed
    assert fit.score == 1.0
    assert codes(fit) == ["same_category", "within_budget", "nationwide", "same_complex"]
    assert fit.reasons[-1].ko == "같은 산업단지: 시화"
    assert fit.reasons[-1].en == "same complex: Sihwa"


def test_over_budget_and_other_category_lower_the_fit_and_say_why():
    fit = fit_solution(NEED, solution(categories=(ERP,), price_min_krw=80_000_000, supplier_complex=None))
    assert fit.allowed
    assert 0 < fit.score < 0.5
    over = next(reason for reason in fit.reasons if reason.code == "over_budget")
    assert not over.good
    assert "₩80,000,000" in over.en


def test_a_supplier_that_does_not_serve_the_region_is_filtered_out():
    fit = fit_solution(NEED, solution(regions_served=(BUSAN,)))
    assert not fit.allowed
    assert codes(fit) == ["region_not_served"]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"accepting": False}, "not_accepting"),
        ({"closes_on": date(2027, 2, 1)}, "not_accepting"),  # the need starts after the window
        ({"remaining_krw": 0}, "pool_used"),
        ({"focus_regions": (BUSAN,)}, "not_eligible"),
        ({"focus_industries": (Coded("10", "식료품", "Food"),)}, "not_eligible"),
    ],
)
def test_programmes_the_need_cannot_apply_to_are_filtered_out(changes, code):
    fit = fit_programme(NEED, programme(**changes))
    assert not fit.allowed
    assert code in codes(fit)


def test_an_open_eligible_programme_says_until_when():
    fit = fit_programme(NEED, programme())
    assert fit.allowed
    assert "open_until" in codes(fit)
    assert "2027-06-30" in fit.reasons[0].en


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"verified": False}, "unverified"),
        ({"open_slots": 0}, "at_capacity"),
        ({"available_from": date(2027, 4, 1)}, "unavailable"),
        ({"available_until": date(2027, 2, 1)}, "unavailable"),
    ],
)
def test_unverified_full_or_unavailable_mentors_are_filtered_out(changes, code):
    fit = fit_mentor(NEED, mentor(**changes))
    assert not fit.allowed
    assert code in codes(fit)


def test_region_is_soft_for_mentors():
    near, far = fit_mentor(NEED, mentor()), fit_mentor(NEED, mentor(regions=(BUSAN,)))
    assert near.allowed
    assert far.allowed
    assert far.score < near.score
    assert "far" in codes(far)


def test_a_need_without_a_start_date_starts_today():
    assert NeedFacts(MES, BASIC, 1, GYEONGGI, None, None).start == date.today()
