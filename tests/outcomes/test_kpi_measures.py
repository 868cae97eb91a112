"""Improvement against the baseline, in each KPI's direction, and averages against the public benchmark."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from outcomes.kpis import BY_CODE, Phase
from outcomes.measures import actual_change, averages, benchmarked, better, change

B, T, C, M6, M12 = Phase.BASELINE, Phase.TARGET, Phase.ACTUAL_COMPLETION, Phase.ACTUAL_6M, Phase.ACTUAL_12M


@pytest.mark.parametrize(
    ("code", "baseline", "value", "expected", "is_better"),
    [
        ("productivity", "100", "130", "30.0", True),
        ("productivity", "100", "90", "-10.0", False),
        ("defect_rate", "4.00", "2.26", "-43.5", True),  # lower is better
        ("defect_rate", "2", "3", "50.0", False),
        ("cost", "10000", "8410", "-15.9", True),
        ("employment", "40", "43", "3.0", True),  # jobs added, not percent
        ("employment", "40", "38", "-2.0", False),
        ("sales", "3", "3", "0.0", False),  # nothing moved is not better
    ],
)
def test_change_is_signed_as_measured_and_judged_by_direction(code, baseline, value, expected, is_better):
    kpi = BY_CODE[code]
    delta = change(kpi, D(baseline), D(value))
    assert delta == D(expected)
    assert better(kpi, delta) is is_better


def test_no_change_without_both_figures_or_from_a_zero_baseline():
    assert change(BY_CODE["productivity"], None, D(5)) is None
    assert change(BY_CODE["accidents"], D(0), D(1)) is None
    assert change(BY_CODE["employment"], D(0), D(2)) == D("2.0")


def test_the_latest_actual_counts():
    values = {("productivity", B): D(100), ("productivity", C): D(110), ("productivity", M6): D(125)}
    assert actual_change(BY_CODE["productivity"], values) == D("25.0")
    values[("productivity", M12)] = D(140)
    assert actual_change(BY_CODE["productivity"], values) == D("40.0")


def test_averages_count_only_measured_projects_and_compare_with_the_benchmark():
    projects = [
        {("productivity", B): D(100), ("productivity", T): D(120), ("productivity", C): D(140)},
        {("productivity", B): D(200), ("productivity", C): D(240), ("defect_rate", B): D(4), ("defect_rate", M6): D(3)},
        {("productivity", B): D(50)},  # no actual yet
    ]
    rows = {row.kpi.code: row for row in averages(projects)}
    assert rows["productivity"].projects == 2
    assert rows["productivity"].actual == D("30.0")  # mean of +40 % and +20 %
    assert rows["productivity"].target == D("20.0")
    assert rows["productivity"].meets_benchmark is True  # +30 % is the benchmark
    assert rows["defect_rate"].actual == D("-25.0")
    assert rows["defect_rate"].meets_benchmark is False  # the benchmark is -43.5 %
    assert rows["energy"].actual is None
    assert rows["energy"].meets_benchmark is None
    assert [row.kpi.code for row in benchmarked(list(rows.values()))] == [
        "productivity",
        "defect_rate",
        "cost",
        "employment",
    ]
