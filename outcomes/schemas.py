"""Request and response bodies of the KPI API. Values are exact decimals, sent and answered as strings."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from marketplace.api.conventions import OutputSchema
from marketplace.commands import Command

PHASES = "baseline, target, actual_completion, actual_6m or actual_12m"


# A phase's KPI values; the page's KPI form builds the same command (no docstring: it would describe the body).
class KpisIn(Command):
    phase: str = Field(description=PHASES)
    # Named `values` in JSON; `kpi_values` here, as a command's `values()` is the fields it was given.
    kpi_values: dict[str, Any] = Field(
        alias="values",
        description="KPI code -> value: a number or a numeric string (exact decimal); null or '' removes it",
    )


class KpiOut(OutputSchema):
    code: str
    name: str
    unit: str
    direction: str = Field(description="higher or lower is better")
    whole: bool = Field(description="whole numbers only")
    values: dict[str, str | None] = Field(description="phase -> value")
    target_change: str | None = Field(description="percent change of the target from the baseline (jobs: absolute)")
    actual_change: str | None = Field(description="percent change of the latest actual from the baseline")


class ProjectKpisOut(OutputSchema):
    project_id: int
    recordable_phases: list[str] = Field(description="the phases you may record now")
    kpis: list[KpiOut]
