"""The KPI form: one text field per KPI for one phase. Fields only carry what is typed; the service judges it."""

from __future__ import annotations

from typing import Any

from wtforms import HiddenField, StringField

from marketplace.forms import CommandForm
from outcomes.kpis import KPIS


class KpiForm(CommandForm):
    phase = HiddenField()

    def kpi_values(self) -> dict[str, Any]:
        return {kpi.code: getattr(self, kpi.code).data for kpi in KPIS}

    def read(self, data: dict[str, Any]) -> dict[str, Any]:
        """The command's `values` are the form's KPI fields, one per code."""
        return data | {"kpi_values": self.kpi_values()}


for _kpi in KPIS:
    # Text, not a number field: "1,200" or "abc" reach the service, which answers with the field's message.
    setattr(KpiForm, _kpi.code, StringField(_kpi.name, description=_kpi.unit, render_kw={"inputmode": "decimal"}))
