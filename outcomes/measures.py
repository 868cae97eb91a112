"""Improvement against the baseline, averages over projects and the public benchmark: plain arithmetic on Decimals.

A relative KPI's change is (value − baseline) / baseline in percent, signed as measured (a fall in defects is
negative); employment's change is the number of jobs added. Which sign is better is the KPI's direction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from outcomes.kpis import ABSOLUTE, ACTUALS, BENCHMARKS, KPIS, Direction, Kpi, Phase

TENTH = Decimal("0.1")
# One project's values: (kpi code, phase) -> value.
Values = Mapping[tuple[str, Phase], Decimal]


def change(kpi: Kpi, baseline: Decimal | None, value: Decimal | None) -> Decimal | None:
    """Percent change from the baseline (jobs added for employment), to 0.1; None without both figures."""
    if baseline is None or value is None:
        return None
    if kpi.code in ABSOLUTE:
        return (value - baseline).quantize(TENTH, rounding=ROUND_HALF_UP)
    if baseline == 0:
        return None  # no percentage of nothing
    return ((value - baseline) * 100 / baseline).quantize(TENTH, rounding=ROUND_HALF_UP)


def better(kpi: Kpi, delta: Decimal | None) -> bool | None:
    """Whether a change goes the good way for this KPI (None when unknown, False when nothing moved)."""
    if delta is None:
        return None
    return delta > 0 if kpi.direction == Direction.HIGHER else delta < 0


def latest_actual(values: Values, code: str) -> tuple[Phase, Decimal] | None:
    """The most recent actual measurement of a KPI: 12 months on, else 6 months on, else at completion."""
    for phase in ACTUALS:
        if (code, phase) in values:
            return phase, values[(code, phase)]
    return None


def actual_change(kpi: Kpi, values: Values) -> Decimal | None:
    latest = latest_actual(values, kpi.code)
    return change(kpi, values.get((kpi.code, Phase.BASELINE)), latest[1] if latest else None)


def target_change(kpi: Kpi, values: Values) -> Decimal | None:
    return change(kpi, values.get((kpi.code, Phase.BASELINE)), values.get((kpi.code, Phase.TARGET)))


def mean(numbers: Iterable[Decimal]) -> Decimal | None:
    items = list(numbers)
    if not items:
        return None
    return (sum(items, Decimal(0)) / len(items)).quantize(TENTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class KpiAverage:
    kpi: Kpi
    projects: int  # projects with a baseline and an actual (the ones averaged)
    actual: Decimal | None  # mean change at the latest actual
    target: Decimal | None  # mean targeted change over the projects with a target
    benchmark: Decimal | None

    @property
    def meets_benchmark(self) -> bool | None:
        """At or beyond the benchmark, in the KPI's good direction."""
        if self.actual is None or self.benchmark is None:
            return None
        return (
            self.actual >= self.benchmark if self.kpi.direction == Direction.HIGHER else self.actual <= self.benchmark
        )


def averages(projects: Iterable[Values], kpis: Iterable[Kpi] = KPIS) -> list[KpiAverage]:
    """Each KPI's mean change over the projects that measured it, with the public benchmark beside it."""
    rows = list(projects)
    benchmarks = {benchmark.code: benchmark.value for benchmark in BENCHMARKS}
    result = []
    for kpi in kpis:
        actual = [delta for values in rows if (delta := actual_change(kpi, values)) is not None]
        target = [delta for values in rows if (delta := target_change(kpi, values)) is not None]
        result.append(KpiAverage(kpi, len(actual), mean(actual), mean(target), benchmarks.get(kpi.code)))
    return result


def benchmarked(rows: Sequence[KpiAverage]) -> list[KpiAverage]:
    """The averages of the KPIs that have a public benchmark, in the benchmark's order."""
    by_code = {row.kpi.code: row for row in rows}
    return [by_code[benchmark.code] for benchmark in BENCHMARKS if benchmark.code in by_code]
