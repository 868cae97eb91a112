"""The demo world's KPI figures as data: a plausible range for each baseline, and how far projects move them.

Changes are percent of the baseline (jobs added for employment) at each phase, before each project's own
spread (0.7 to 1.3, drawn from its need's title, so a second seed run draws the same). The completed
projects' averages land near the public benchmark: +30 % output, −43.5 % defects, −15.9 % cost, +3 jobs.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple


class DemoKpi(NamedTuple):
    code: str
    low: Decimal  # the baseline is drawn between low and high
    high: Decimal
    places: int  # decimal places kept (0: whole numbers)
    target: Decimal  # change at each phase
    completion: Decimal
    six_months: Decimal
    twelve_months: Decimal


D = Decimal
KPI_PLAN = (
    DemoKpi("productivity", D(80), D(400), 1, D(25), D(20), D(29), D(34)),
    DemoKpi("defect_rate", D("1.5"), D("6.0"), 2, D(-40), D(-31), D(-42), D(-47)),
    DemoKpi("cost", D(3_000), D(60_000), 0, D(-15), D(-10), D(-15), D(-18)),
    DemoKpi("lead_time", D(7), D(30), 1, D(-20), D(-12), D(-19), D(-24)),
    DemoKpi("sales", D(3_000_000_000), D(40_000_000_000), 0, D(10), D(3), D(8), D(12)),
    DemoKpi("employment", D(15), D(120), 0, D(2), D(1), D(3), D(4)),
    DemoKpi("accidents", D(1), D(4), 0, D(-50), D(-25), D(-50), D(-60)),
    DemoKpi("energy", D(40_000), D(400_000), 0, D(-10), D(-6), D(-11), D(-14)),
)
SPREAD = (D("0.7"), D("1.3"))
BUILD_MONTHS = 4  # from agreement to completion, for the demo's completion dates
