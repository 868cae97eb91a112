"""Outcome test fixtures: the funds tests' world of parties (an SME, a sponsor, a supplier, an officer, an outsider)."""

from outcomes.schemas import KpisIn
from tests.funds.conftest import world  # noqa: F401  (the fixture, shared)


def kpis(phase: str, values: dict) -> KpisIn:
    """The command the KPI page's form builds: a phase and its values by KPI code."""
    return KpisIn.model_construct(phase=phase, kpi_values=values)
