"""Recording and reading a project's KPIs: who records which phase when, and which values are possible.

The project's SME records each phase while it is open: the baseline from applying until the build starts,
targets from agreement until the build starts, actuals at completion and again 6 and 12 months after it.
A programme officer may correct any phase that has opened, at any time (a late or mistyped report).
Rejected and cancelled projects take no values. Values are checked all at once; on any fault nothing is written.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from funds.models import COMMITTED_STATES, Party, Project, ProjectStatus
from funds.projects.services import parties
from marketplace import clock
from marketplace.auth.models import Role, User
from marketplace.context import ServiceContext
from marketplace.dates import add_months
from marketplace.db import utcnow
from marketplace.errors import Conflict, Forbidden, ValidationFailed
from marketplace.validation import fail
from outcomes.kpis import BY_CODE, KPIS, PHASE_LABELS, SCALE, Kpi, Phase
from outcomes.measures import Values, actual_change, better, latest_actual, target_change
from outcomes.models import KpiValue
from outcomes.schemas import KpisIn

S = ProjectStatus
BEFORE_BUILD = (S.APPLIED, S.SELECTED, S.AGREED, S.DESIGNING)
# Phase -> (the states it has opened in, the states the SME may record it in, months after completion).
WINDOWS: dict[Phase, tuple[tuple[ProjectStatus, ...], tuple[ProjectStatus, ...], int | None]] = {
    Phase.BASELINE: ((*BEFORE_BUILD, S.BUILDING, S.INSPECTED, S.COMPLETED), BEFORE_BUILD, None),
    Phase.TARGET: (COMMITTED_STATES, (S.AGREED, S.DESIGNING), None),
    Phase.ACTUAL_COMPLETION: ((S.COMPLETED,), (S.COMPLETED,), 0),
    Phase.ACTUAL_6M: ((S.COMPLETED,), (S.COMPLETED,), 6),
    Phase.ACTUAL_12M: ((S.COMPLETED,), (S.COMPLETED,), 12),
}
CLOSED_MESSAGES = {
    Phase.BASELINE: _l("The baseline is recorded from applying until the build starts."),
    Phase.TARGET: _l("Targets are recorded from agreement until the build starts."),
    Phase.ACTUAL_COMPLETION: _l("Actual figures are recorded once the project is completed."),
    Phase.ACTUAL_6M: _l("These figures are recorded from 6 months after completion."),
    Phase.ACTUAL_12M: _l("These figures are recorded from 12 months after completion."),
}


def _opened(project: Project, phase: Phase, today: date) -> bool:
    states, _sme_states, months = WINDOWS[phase]
    if project.status not in states:
        return False
    if months:
        return project.completed_on is not None and today >= add_months(project.completed_on, months)
    return True


def may_record(user: User, project: Project, phase: Phase, today: date) -> bool:
    """The SME while the phase is open; an officer once it has opened."""
    if not _opened(project, phase, today):
        return False
    if user.role == Role.OFFICER:
        return True
    return (
        user.role == Role.SME
        and user.organisation_id == project.sme_organisation_id
        and (project.status in WINDOWS[phase][1])
    )


def recordable_phases(user: User, project: Project, today: date | None = None) -> list[Phase]:
    """The phases this user may record for the project today (the forms offered on its KPI page)."""
    day = today or clock.today()
    return [phase for phase in Phase if may_record(user, project, phase, day)]


def _parse(kpi: Kpi, raw: Any) -> Decimal | None:
    """The value as an exact Decimal, None for an empty field; ValueError carries the field's message."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float | str | Decimal):
        raise ValueError(_l("Enter a number."))
    try:
        value = Decimal(str(raw).replace(",", "").strip())
    except InvalidOperation:
        raise ValueError(_l("Enter a number.")) from None
    if not value.is_finite():
        raise ValueError(_l("Enter a number."))
    if value < 0 and not kpi.negative_allowed:
        raise ValueError(_l("This cannot be negative."))
    if abs(value) > kpi.maximum:
        raise ValueError(_l("Enter at most %(max)s.", max=f"{kpi.maximum:,}"))
    if kpi.whole and value != value.to_integral_value():
        raise ValueError(_l("Enter a whole number."))
    if value.as_tuple().exponent < -SCALE:  # type: ignore[operator]
        raise ValueError(_l("Use at most %(n)d decimal places.", n=SCALE))
    return value


def check_values(values: dict[str, Any]) -> dict[str, Decimal | None]:
    """Every submitted value parsed, or ValidationFailed naming each field at fault."""
    parsed: dict[str, Decimal | None] = {}
    errors: dict[str, list[str]] = {}
    for code, raw in values.items():
        kpi = BY_CODE.get(code)
        if kpi is None:
            errors[code] = [str(_l("There is no such KPI."))]
            continue
        try:
            parsed[code] = _parse(kpi, raw)
        except ValueError as problem:
            errors[code] = [str(problem.args[0])]
    if errors:
        raise ValidationFailed(_l("Some values are not valid."), fields=errors)
    return parsed


def check_phase(phase: Any) -> Phase:
    if phase not in set(Phase):
        raise fail("phase", _l("Choose a value from the list."))
    return Phase(phase)


def record_kpis(session: Session, ctx: ServiceContext, project: Project, command: KpisIn) -> list[KpiValue]:
    """Set a phase's values (an empty value removes one); refused whole if the phase is closed or a value is wrong.

    Whether the phase is open is judged on ctx.today."""
    actor, phase = ctx.actor, check_phase(command.phase)
    if not (actor.role == Role.OFFICER or (actor.role == Role.SME and Party.SME in parties(actor, project))):
        raise Forbidden(_l("Only the project's SME and programme officers record its KPIs."))
    parsed = check_values(command.kpi_values)
    day = ctx.today
    if not may_record(actor, project, phase, day):
        if _opened(project, phase, day):  # the SME's window has closed
            message = _l("%(phase)s can no longer be changed; ask a programme officer.", phase=PHASE_LABELS[phase])
            raise Conflict(message)
        raise Conflict(CLOSED_MESSAGES[phase])
    existing = {
        row.kpi: row
        for row in session.scalars(select(KpiValue).where(KpiValue.project_id == project.id, KpiValue.phase == phase))
    }
    for code, value in parsed.items():
        row = existing.get(code)
        if value is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(KpiValue(project_id=project.id, kpi=code, phase=phase, value=value, recorded_by_id=actor.id))
        elif row.value != value:
            row.value, row.recorded_by_id, row.updated_at = value, actor.id, utcnow()
    session.flush()
    return list(session.scalars(select(KpiValue).where(KpiValue.project_id == project.id, KpiValue.phase == phase)))


def values_by_project(session: Session, project_ids: list[int]) -> dict[int, dict[tuple[str, Phase], Decimal]]:
    """Every recorded value of these projects, keyed by project, then (kpi, phase)."""
    result: dict[int, dict[tuple[str, Phase], Decimal]] = defaultdict(dict)
    if not project_ids:
        return result
    for row in session.scalars(select(KpiValue).where(KpiValue.project_id.in_(project_ids))):
        result[row.project_id][(row.kpi, row.phase)] = row.value
    return result


@dataclass(frozen=True)
class KpiRow:
    """One KPI of one project: its value at each phase, and the change the target and the latest actual make."""

    kpi: Kpi
    values: dict[Phase, Decimal | None]
    target_change: Decimal | None
    actual_change: Decimal | None
    latest_phase: Phase | None

    @property
    def better(self) -> bool | None:
        return better(self.kpi, self.actual_change)


def kpi_rows(values: Values) -> list[KpiRow]:
    """The table of one project's KPIs."""
    rows = []
    for kpi in KPIS:
        latest = latest_actual(values, kpi.code)
        rows.append(
            KpiRow(
                kpi=kpi,
                values={phase: values.get((kpi.code, phase)) for phase in Phase},
                target_change=target_change(kpi, values),
                actual_change=actual_change(kpi, values),
                latest_phase=latest[0] if latest else None,
            )
        )
    return rows


def project_kpis(session: Session, project: Project) -> list[KpiRow]:
    """The KPI table of a project the caller has already been allowed to see."""
    return kpi_rows(values_by_project(session, [project.id]).get(project.id, {}))
