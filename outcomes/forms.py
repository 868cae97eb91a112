"""The KPI form: one text field per KPI for one phase. Fields only carry what is typed; the service judges it."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField

from outcomes.kpis import KPIS


class KpiForm(FlaskForm):
    phase = HiddenField()

    def values(self) -> dict[str, Any]:
        return {kpi.code: getattr(self, kpi.code).data for kpi in KPIS}


for _kpi in KPIS:
    # Text, not a number field: "1,200" or "abc" reach the service, which answers with the field's message.
    setattr(KpiForm, _kpi.code, StringField(_kpi.name, description=_kpi.unit, render_kw={"inputmode": "decimal"}))
