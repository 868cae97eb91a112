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


TODAY = date(2027, 2, 15)


def test_a_fitting_solution_is_explained_and_scores_full():
    fit = fit_solution(NEED, solution(), TODAY)
    assert fit.allowed
    assert fit.score == 1.0
    assert codes(fit) == ["same_category", "within_budget", "nationwide", "same_complex"]
    assert fit.reasons[-1].ko == "같은 산업단지입니다: 시화"
    assert fit.reasons[-1].en == "same industrial complex: Sihwa"


def test_over_budget_and_other_category_lower_the_fit_and_say_why():
    fit = fit_solution(NEED, solution(categories=(ERP,), price_min_krw=80_000_000, supplier_complex=None), TODAY)
    assert fit.allowed
    assert 0 < fit.score < 0.5
    over = next(reason for reason in fit.reasons if reason.code == "over_budget")
    assert not over.good
    assert "₩80,000,000" in over.en


@pytest.mark.parametrize(
    ("regions", "allowed", "code"),
    [((), True, "nationwide"), ((GYEONGGI, BUSAN), True, "serves_region"), ((BUSAN,), False, "region_not_served")],
)
def test_a_supplier_is_filtered_out_only_where_it_says_it_does_not_go(regions, allowed, code):
    fit = fit_solution(NEED, solution(regions_served=regions), TODAY)
    assert fit.allowed is allowed
    assert code in codes(fit)
    if not allowed:
        assert fit.reasons[0].ko == "경기 지역에는 가지 않습니다"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"accepting": False}, "not_accepting"),
        ({"closes_on": date(2027, 2, 14)}, "closed"),  # the deadline has passed
        ({"remaining_krw": 0}, "pool_used"),
        ({"focus_regions": (BUSAN,)}, "not_eligible"),
        ({"focus_industries": (Coded("10", "식료품", "Food"),)}, "not_eligible"),
        ({"focus_tiers": (Coded("advanced", "고도화", "Advanced"),)}, "not_eligible"),
    ],
)
def test_programmes_the_need_cannot_apply_to_are_filtered_out_and_say_why(changes, code):
    fit = fit_programme(NEED, programme(**changes), today=TODAY)
    assert not fit.allowed
    assert code in codes(fit)
    assert all(not reason.good and reason.ko and reason.en for reason in fit.reasons)


@pytest.mark.parametrize(
    ("changes", "code", "shown"),
    [
        # The need starts on 2027-03-01, after this deadline: the SME applies now and starts later.
        ({"closes_on": date(2027, 2, 20)}, "open_until", "2027-02-20까지 신청할 수 있습니다"),
        ({"closes_on": TODAY}, "open_until", "2027-02-15까지 신청할 수 있습니다"),  # the last day still counts
        # Applications open later: the SME can still plan to apply.
        ({"opens_on": date(2027, 4, 1)}, "opens_on", "2027-04-01부터 신청할 수 있습니다"),
    ],
)
def test_a_programme_open_to_apply_is_kept_whenever_the_work_starts(changes, code, shown):
    fit = fit_programme(NEED, programme(**changes), today=TODAY)
    assert fit.allowed
    assert code in codes(fit)
    assert shown in [reason.ko for reason in fit.reasons]


def test_an_sme_of_unknown_industry_is_asked_to_check_not_hidden_the_programme():
    unknown = NeedFacts(MES, BASIC, 50_000_000, GYEONGGI, SIHWA, None, date(2027, 3, 1))
    focused = programme(focus_industries=(METAL,))
    checked = fit_programme(unknown, focused, today=TODAY)
    assert checked.allowed
    assert "check_industry" in codes(checked)
    assert checked.score < fit_programme(NEED, focused, today=TODAY).score


def test_an_open_eligible_programme_says_until_when():
    fit = fit_programme(NEED, programme(), today=TODAY)
    assert fit.allowed
    assert "open_until" in codes(fit)
    assert "2027-06-30" in fit.reasons[0].en


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"verified": False}, "unverified"),
        ({"open_slots": 0}, "at_capacity"),
        ({"available_until": date(2027, 2, 1)}, "unavailable"),  # gone before the work starts
    ],
)
def test_unverified_full_or_departed_mentors_are_filtered_out_and_say_why(changes, code):
    fit = fit_mentor(NEED, mentor(**changes), TODAY)
    assert not fit.allowed
    assert code in codes(fit)


def test_a_mentor_free_a_little_after_the_start_is_kept_lower_and_says_from_when():
    later, now = fit_mentor(NEED, mentor(available_from=date(2027, 4, 1)), TODAY), fit_mentor(NEED, mentor(), TODAY)
    assert later.allowed
    assert "available_later" in codes(later)
    assert "2027-04-01부터 가능합니다" in [reason.ko for reason in later.reasons]
    assert later.score < now.score


def test_region_is_soft_for_mentors():
    near, far = fit_mentor(NEED, mentor(), TODAY), fit_mentor(NEED, mentor(regions=(BUSAN,)), TODAY)
    assert near.allowed
    assert far.allowed
    assert far.score < near.score
    assert "far" in codes(far)


def test_a_need_without_a_start_date_starts_today():
    assert NeedFacts(MES, BASIC, 1, GYEONGGI, None, None).start(TODAY) == TODAY


def test_a_desired_start_in_the_past_means_today():
    assert NeedFacts(MES, BASIC, 1, GYEONGGI, None, None, date(2020, 1, 1)).start(TODAY) == TODAY
