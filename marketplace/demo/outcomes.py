"""The demo world's KPIs, recorded through outcomes.services as each project moves (part of `seed-demo`).

The SME records its baseline when it applies and its targets when the project is agreed; a completed project
gets its actuals at completion and, where its completion date allows, 6 and 12 months on. Figures come from
outcomes_data.KPI_PLAN with a spread drawn from the need's title, so every seed run records the same.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.orm import Session

from funds.models import Project
from marketplace.auth.models import User
from marketplace.context import ServiceContext
from marketplace.demo.outcomes_data import KPI_PLAN, SPREAD, DemoKpi
from outcomes.kpis import ABSOLUTE, Phase
from outcomes.schemas import KpisIn
from outcomes.services import may_record, record_kpis

# The phases recorded right after each move (and after applying).
AFTER = {
    "apply": (Phase.BASELINE,),
    "agree": (Phase.TARGET,),
    "complete": (Phase.ACTUAL_COMPLETION, Phase.ACTUAL_6M, Phase.ACTUAL_12M),
}


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _figures(title: str, phase: Phase) -> dict[str, Decimal]:
    draw = random.Random(title)  # noqa: S311  (demo figures, not secrets)
    figures = {}
    for plan in KPI_PLAN:
        baseline = _round(plan.low + (plan.high - plan.low) * Decimal(str(draw.random())), plan.places)
        spread = SPREAD[0] + (SPREAD[1] - SPREAD[0]) * Decimal(str(draw.random()))
        figures[plan.code] = baseline if phase == Phase.BASELINE else _moved(plan, baseline, spread, phase)
    return figures


def _moved(plan: DemoKpi, baseline: Decimal, spread: Decimal, phase: Phase) -> Decimal:
    step = {
        Phase.TARGET: plan.target,
        Phase.ACTUAL_COMPLETION: plan.completion,
        Phase.ACTUAL_6M: plan.six_months,
        Phase.ACTUAL_12M: plan.twelve_months,
    }[phase]
    if plan.code in ABSOLUTE:
        return _round(baseline + step * spread, 0)
    return max(Decimal(0), _round(baseline * (1 + step * spread / 100), plan.places))


def record_demo_kpis(session: Session, sme: User, project: Project, action: str, today: date) -> None:
    """Record the phases that open with this move, those whose dates allow it."""
    for phase in AFTER.get(action, ()):
        if may_record(sme, project, phase, today):
            figures = KpisIn.model_validate({"phase": phase, "values": _figures(project.need.title, phase)})
            record_kpis(session, ServiceContext(sme, today, "ko", ""), project, figures)
