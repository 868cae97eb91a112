"""A state machine of apply / select / agree / build / inspect / cancel (hypothesis): whatever the order, every
ledger invariant holds after every step, and what is committed equals the shares of the committed projects."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from funds.ledger import InsufficientFunds, pools
from funds.ledger.check import run_checks
from funds.models import COMMITTED_STATES, PROJECT_MOVES, GovernmentProgramme, Project, ProjectStatus
from funds.projects import services as projects
from funds.schemas import ProjectIn
from marketplace.auth.models import Role
from marketplace.errors import DomainError
from marketplace.needs.models import Need, NeedStatus
from tests.factories import context_of, make_programme, make_solution, make_user

TYPE_1 = 1
M = 1_000_000


@pytest.fixture
def parties(app, db_session):
    sme, sponsor = make_user(app, db_session, Role.SME), make_user(app, db_session, Role.SPONSOR)
    supplier, officer = make_user(app, db_session, Role.SUPPLIER), make_user(app, db_session, Role.OFFICER)
    solution = make_solution(db_session, supplier)
    programme = make_programme(app, db_session, sponsor, pledged_pool_krw=30 * M, per_project_cap_krw=20 * M)
    db_session.get(GovernmentProgramme, TYPE_1).budget_krw = 40 * M
    db_session.commit()
    return {"sme": sme, "sponsor": sponsor, "supplier": supplier, "officer": officer}, solution, programme


def test_every_sequence_keeps_the_ledger_sound(app, db_session, parties):
    people, solution, programme = parties

    class Lifecycle(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.step = db_session.begin_nested()  # each run starts from the same committed world
            self.ids: list[int] = []

        def teardown(self) -> None:
            self.step.rollback()

        def _act(self, who: str, action: str, index: int, reason: str | None = None) -> None:
            # Mostly a project the action suits (so money moves), sometimes any (so wrong moves are tried too).
            suited = [i for i in self.ids if action in PROJECT_MOVES.available(db_session.get(Project, i).status)]
            candidates = suited if suited and index % 5 else self.ids
            project = db_session.get(Project, candidates[index % len(candidates)])
            before = project.status
            try:
                with db_session.begin_nested():
                    projects.transition_project(db_session, context_of(people[who]), project, action, reason)
                event(f"{action} done")
            except InsufficientFunds:
                event("agree refused: not enough money")
                db_session.expire_all()
                assert project.status == before == ProjectStatus.SELECTED  # refused whole: nothing moved
            except DomainError:
                db_session.expire_all()
                assert project.status == before

        @rule(cost=st.integers(1 * M, 60 * M))
        def apply(self, cost: int) -> None:
            sme = people["sme"]
            need = Need(
                organisation_id=sme.organisation_id,
                author_id=sme.id,
                title="라인 MES",
                description="설명",
                category="mes",
                funding_tier="basic",
                budget_krw=cost,
                region="gyeonggi",
                status=NeedStatus.OPEN,
            )
            db_session.add(need)
            db_session.flush()
            values = {
                "need_id": need.id,
                "solution_id": solution.id,
                "programme_id": programme.id,
                "government_programme_id": TYPE_1,
                "tier": "basic",
                "cost_krw": cost,
            }
            with db_session.begin_nested():
                self.ids.append(
                    projects.apply_for_project(db_session, context_of(sme), ProjectIn.model_construct(**values)).id
                )

        @precondition(lambda self: self.ids)
        @rule(index=st.integers(0, 50))
        def select(self, index: int) -> None:
            self._act("sponsor", "select", index)

        @precondition(lambda self: self.ids)
        @rule(index=st.integers(0, 50))
        def agree(self, index: int) -> None:
            self._act("officer", "agree", index)

        @precondition(lambda self: self.ids)
        @rule(index=st.integers(0, 50))
        def start_design(self, index: int) -> None:
            self._act("supplier", "start_design", index)

        @precondition(lambda self: self.ids)
        @rule(index=st.integers(0, 50))
        def start_build(self, index: int) -> None:
            self._act("supplier", "start_build", index)

        @precondition(lambda self: self.ids)
        @rule(index=st.integers(0, 50))
        def inspect(self, index: int) -> None:
            self._act("officer", "inspect", index)

        @precondition(lambda self: self.ids)
        @rule(index=st.integers(0, 50), who=st.sampled_from(["sme", "officer"]))
        def cancel(self, index: int, who: str) -> None:
            if index % 3 == 0:  # cancelling suits five states; taken every time, it would stop most projects early
                self._act(who, "cancel", index, reason="계획 변경")

        @invariant()
        def ledger_is_sound(self) -> None:
            assert run_checks(db_session) == []

        @invariant()
        def committed_equals_committed_shares(self) -> None:
            committed = [p for p in (db_session.get(Project, i) for i in self.ids) if p.status in COMMITTED_STATES]
            pool = pools.pool_balance(db_session, programme)
            budget = pools.budget_balance(db_session, db_session.get(GovernmentProgramme, TYPE_1))
            assert pool.committed_krw == sum(p.sponsor_share_krw for p in committed)
            assert budget.committed_krw == sum(p.government_share_krw for p in committed)
            assert pool.remaining_krw >= 0
            assert budget.remaining_krw >= 0

    with app.test_request_context():
        run_state_machine_as_test(
            Lifecycle,
            settings=settings(
                max_examples=40,
                stateful_step_count=40,
                deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
            ),
        )
