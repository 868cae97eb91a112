"""Outcome test fixtures: the funds tests' world of parties (an SME, a sponsor, a supplier, an officer, an outsider)."""

from tests.funds.conftest import world  # noqa: F401  (the fixture, shared)
