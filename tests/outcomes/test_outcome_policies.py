"""The outcome reports' policy, one table: an SME its own dashboard, officers and admins every one and the
programme overview."""

from __future__ import annotations

import pytest

from marketplace.policy import can
from outcomes.policies import ProgrammeOverview, SmeOutcomesOf
from tests.factories import make_organisation
from tests.policy_grid import grid, quick_user

# Column order (tests/policy_grid.py): anonymous | sme own, other | sponsor own, other | supplier own, other
#                                     | mentor | officer | admin
# "own": the dashboard is of the user's own firm; "any" asks of the class (may the user open some dashboard).
OUTCOMES = grid("""
view sme               | 0  1 0  0 0  0 0  0 1 1
view any-sme           | 0  1 1  0 0  0 0  0 1 1
view overview          | 0  0 0  0 0  0 0  0 1 1
""")


@pytest.mark.parametrize(("label", "role", "ownership", "allowed"), OUTCOMES)
def test_outcome_report_policy(db_session, label, role, ownership, allowed):
    actor = None if role is None else quick_user(db_session, role)
    action, _, kind = label.partition(" ")
    if kind == "overview":
        target: object = ProgrammeOverview
    elif kind == "any-sme":
        target = SmeOutcomesOf
    else:
        own = ownership == "own" and actor is not None
        target = SmeOutcomesOf(actor.organisation_id if own else make_organisation(db_session).id)
    assert can(actor, action, target) is allowed
