"""The KPIs as data: what each measures, its unit, which way is better and which values are possible.

SPEC.md's eight outcomes of a smart-factory project. Every value is a Decimal; a KPI that counts whole
things (jobs, accidents, won) takes whole numbers only. None of the eight can be negative.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l


class Direction(enum.StrEnum):
    HIGHER = "higher"  # more is better (output, sales, jobs)
    LOWER = "lower"  # less is better (defects, cost, lead time, accidents, energy)


class Phase(enum.StrEnum):
    BASELINE = "baseline"  # when applying
    TARGET = "target"  # at agreement
    ACTUAL_COMPLETION = "actual_completion"
    ACTUAL_6M = "actual_6m"  # six months after completion
    ACTUAL_12M = "actual_12m"  # twelve months after completion


ACTUALS = (Phase.ACTUAL_12M, Phase.ACTUAL_6M, Phase.ACTUAL_COMPLETION)  # latest first
PHASE_LABELS = {
    Phase.BASELINE: _l("Baseline"),
    Phase.TARGET: _l("Target"),
    Phase.ACTUAL_COMPLETION: _l("At completion"),
    Phase.ACTUAL_6M: _l("6 months on"),
    Phase.ACTUAL_12M: _l("12 months on"),
}


@dataclass(frozen=True)
class Kpi:
    code: str
    name: Any  # lazy gettext: English in code, Korean in the catalogue
    unit: Any
    direction: Direction
    whole: bool  # whole numbers only
    negative_allowed: bool = False
    maximum: Decimal = Decimal(10) ** 14  # beyond any plant's figures: a typo (the magnitude, either sign)

    def label(self) -> str:
        return f"{self.name} ({self.unit})"


KPIS: tuple[Kpi, ...] = (
    Kpi("productivity", _l("Hourly output"), _l("units/hour"), Direction.HIGHER, whole=False),
    Kpi("defect_rate", _l("Process defect rate"), "%", Direction.LOWER, whole=False, maximum=Decimal(100)),
    Kpi("cost", _l("Manufacturing cost per unit"), _l("won/unit"), Direction.LOWER, whole=False),
    Kpi("lead_time", _l("Lead time"), _l("days"), Direction.LOWER, whole=False, maximum=Decimal(3650)),
    Kpi("sales", _l("Annual sales"), _l("won/year"), Direction.HIGHER, whole=True),
    Kpi("employment", _l("Employment"), _l("people"), Direction.HIGHER, whole=True, maximum=Decimal(1_000_000)),
    Kpi("accidents", _l("Industrial accidents"), _l("cases/year"), Direction.LOWER, whole=True),
    Kpi("energy", _l("Energy use"), _l("kWh/month"), Direction.LOWER, whole=False),
)
BY_CODE = {kpi.code: kpi for kpi in KPIS}
CODES = tuple(BY_CODE)
ABSOLUTE = ("employment",)  # reported as "+N jobs", not as a percentage of the baseline
SCALE = 4  # decimal places kept


@dataclass(frozen=True)
class Benchmark:
    code: str
    value: Decimal  # percent change, or jobs per firm for an absolute KPI


# The public benchmark of Korea's smart-factory programme (SPEC.md).
BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark("productivity", Decimal("30")),
    Benchmark("defect_rate", Decimal("-43.5")),
    Benchmark("cost", Decimal("-15.9")),
    Benchmark("employment", Decimal("3")),
)
