"""A smart industrial complex's figures: what each counts (on the demo world, summed here from the database), the
rule that hides a public figure of fewer than 3 firms, and who sees per-firm figures."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from funds.benefits import vouchers
from funds.models import COMMITTED_STATES, ConsultingVoucher, Project
from marketplace import reference
from marketplace.auth.models import Role, User
from marketplace.organisations.models import Organisation
from marketplace.page_sections import (
    COMPLEX_SECTIONS,
    HIDDEN,
    ComplexScope,
    ComplexSection,
    add_complex_section,
)
from marketplace.policy import can
from mentors.models import Engagement
from outcomes.complexes.policies import ComplexFigures
from outcomes.complexes.services import complex_page
from tests.factories import context_of, make_organisation, make_user
from tests.funds.benefits import grant, voucher_world
from tests.mentors.test_demo_mentors import seed
from tests.policy_grid import grid, quick_user

BANWOL_SIHWA = reference.smart_complex("banwol_sihwa")


# Who sees what: (full: the viewer sees every figure, firms summed or averaged, shown).
@pytest.mark.parametrize(
    ("full", "firms", "shown"),
    [
        (False, 0, False),
        (False, 1, False),
        (False, 2, False),
        (False, 3, True),
        (False, 7, True),
        (True, 0, True),
        (True, 1, True),
        (True, 2, True),
        (True, 3, True),
    ],
)
def test_a_public_figure_of_fewer_than_three_firms_is_hidden(full, firms, shown):
    scope = ComplexScope(BANWOL_SIHWA, (), full, "ko")
    assert (scope.shown(1_000_000, firms) == 1_000_000) is shown
    assert (scope.shown(1_000_000, firms) is HIDDEN) is not shown


# anonymous | sme own, other | sponsor own, other | supplier own, other | mentor | officer | admin
POLICY = grid("""
view       | 1  1 1  1 1  1 1  1 1 1
view_full  | 0  0 0  0 0  0 0  0 1 1
""")


@pytest.mark.parametrize(("action", "role", "ownership", "allowed"), POLICY)
def test_complex_figures_policy(db_session, action, role, ownership, allowed):
    actor = None if role is None else quick_user(db_session, role)
    assert can(actor, action, ComplexFigures) is allowed


def _tenants(db_session, smart) -> list[Organisation]:
    complexes = Organisation.industrial_complex.in_(smart.complexes)
    statement = select(Organisation).where(Organisation.kind == "sme", complexes)
    return list(db_session.scalars(statement))


def _section(page, key: str) -> ComplexSection:
    return next(section for section in page.sections if section.key == key)


def test_banwol_sihwa_figures_equal_the_records(app, db_session):
    seed(app, db_session)
    tenants = _tenants(db_session, BANWOL_SIHWA)
    ids = {organisation.id for organisation in tenants}
    projects = list(db_session.scalars(select(Project).where(Project.sme_organisation_id.in_(ids))))
    committed = [project for project in projects if project.status in COMMITTED_STATES]
    assert len(tenants) == 10  # five in 반월, five in 시화
    assert len({project.sme_organisation_id for project in committed}) >= 3
    with app.test_request_context():
        page = complex_page(db_session, None, "banwol_sihwa", "ko")
    assert not page.scope.full
    assert _section(page, "tenants").figures["tenants"] == 10
    assert _section(page, "projects").figures["projects"] == len(projects)
    money = _section(page, "money").figures
    assert money == {
        "invested_krw": sum(p.cost_krw for p in committed),
        "government_krw": sum(p.government_share_krw for p in committed),
        "sponsor_krw": sum(p.sponsor_share_krw for p in committed),
        "sme_krw": sum(p.sme_share_krw for p in committed),
    }
    assert money["invested_krw"] == money["government_krw"] + money["sponsor_krw"] + money["sme_krw"]
    engagements = [e for e in db_session.scalars(select(Engagement)) if e.organisation_id in ids]
    sent = [e for e in engagements if e.status in ("accepted", "active", "paused", "completed")]
    assert _section(page, "mentors").figures["mentors"] == len({e.mentor_id for e in sent})
    outcomes = _section(page, "outcomes").figures
    assert outcomes["jobs_target"] == 10_000
    productivity = outcomes["kpis"][0]
    assert productivity["code"] == "productivity"
    assert productivity["firms"] >= 3
    assert productivity["actual_change"] > 0
    assert productivity["national_benchmark"] == Decimal(30)
    assert productivity["complex_target"] == Decimal(45)
    assert outcomes["jobs_added"] > 0
    assert "firms" not in {section.key for section in page.sections}  # per firm: officers only


def test_changwon_shows_its_targets_and_the_tenants_plans(app, db_session):
    seed(app, db_session)
    with app.test_request_context():
        page = complex_page(db_session, None, "changwon", "en")
    outcomes = _section(page, "outcomes").figures
    assert outcomes["jobs_target"] == 6_500
    rows = {row["code"]: row for row in outcomes["kpis"]}
    assert rows["defect_rate"]["complex_target"] == Decimal("-43.5")
    assert rows["productivity"]["tenants_target"] > 0  # agreed projects' targets; nothing completed yet
    assert _section(page, "money").figures["invested_krw"] > 0


def test_no_programme_money_follows_from_the_others(app, db_session):
    """창원: 현대자동차's programme funds 3 tenants, 포스코's one: 포스코's would be the sponsor total less 현대's."""
    seed(app, db_session)
    with app.test_request_context():
        page = complex_page(db_session, None, "changwon", "ko")
    rows = _section(page, "programmes").figures["programmes"]
    committed = [row for row in rows if row["projects"]]
    assert len(committed) >= 2
    assert all(row["sponsor_committed_krw"] is HIDDEN for row in committed)
    assert _section(page, "money").figures["sponsor_krw"] > 0  # the total covers 3 firms


def test_an_officer_sees_each_firm(app, db_session):
    seed(app, db_session)
    officer = db_session.scalar(select(User).where(User.email == "officer@sangsaeng-demo.kr"))
    with app.test_request_context():
        page = complex_page(db_session, officer, "banwol_sihwa", "ko")
    firms = _section(page, "firms").figures["firms"]
    assert len(firms) == 10
    assert HIDDEN not in [value for section in page.sections for value in section.figures.values()]
    programmes = _section(page, "programmes").figures["programmes"]
    assert all(row["sponsor_committed_krw"] is not HIDDEN for row in programmes)


def test_a_feature_adds_a_section_in_one_call(app, db_session):
    def courses(_session, scope):
        if not scope.tenant_ids:
            return None
        return ComplexSection("courses-test", "Courses", {"learners": 42})

    add_complex_section("courses-test", "Courses", courses)
    try:
        seed(app, db_session)
        with app.test_request_context():
            page = complex_page(db_session, None, "banwol_sihwa", "en")
            empty = complex_page(db_session, None, reference.SMART_COMPLEXES[-1].code, "en")
        assert _section(page, "courses-test").figures == {"learners": 42}
        assert "Courses" in empty.empty or empty.scope.tenant_ids
    finally:
        COMPLEX_SECTIONS.pop("courses-test")


def test_an_unknown_complex_is_not_found(app, db_session):
    response = app.test_client().get("/stats/complexes/nowhere")
    assert response.status_code == 404


# On the demo world: (complex, section, figure, firms it covers, the public sees it). 창원's money covers exactly 3
# firms (shown); 반월·시화's programmes cover 2 (삼성전자, 한전) and 1 (포스코) (hidden).
DEMO_FIGURES = [
    ("banwol_sihwa", "money", "invested_krw", 7, True),
    ("banwol_sihwa", "money", "sme_krw", 7, True),
    ("banwol_sihwa", "outcomes", "jobs_added", 4, True),
    ("banwol_sihwa", "programmes", "programmes.0.sponsor_committed_krw", 2, False),
    ("banwol_sihwa", "programmes", "programmes.1.sponsor_committed_krw", 1, False),
    ("changwon", "money", "invested_krw", 3, True),
    ("changwon", "money", "government_krw", 3, True),
    ("changwon", "programmes", "programmes.0.sponsor_committed_krw", 1, False),
    ("namdong", "money", "sponsor_krw", 4, True),
]


def _figure(figures, path: str):
    for part in path.split("."):
        figures = figures[int(part)] if part.isdigit() else figures[part]
    return figures


@pytest.mark.parametrize(("code", "key", "path", "firms", "public"), DEMO_FIGURES)
def test_demo_figures_public_or_hidden(app, db_session, code, key, path, firms, public):
    seed(app, db_session)
    officer = db_session.scalar(select(User).where(User.email == "officer@sangsaeng-demo.kr"))
    with app.test_request_context():
        visitor_page = complex_page(db_session, None, code, "ko")
        officer_page = complex_page(db_session, officer, code, "ko")
    seen = _figure(_section(visitor_page, key).figures, path)
    full = _figure(_section(officer_page, key).figures, path)
    assert (seen is not HIDDEN) is public
    assert full is not HIDDEN
    assert full > 0
    if public:
        assert seen == full


def _confirm(db_session, world, sme) -> ConsultingVoucher:
    voucher = grant(db_session, world, sme=sme)
    vouchers.transition_voucher(db_session, context_of(world.supplier), voucher, "report", "에너지 진단 완료")
    vouchers.transition_voucher(db_session, context_of(sme), voucher, "confirm")
    return voucher


def test_consulting_delivered_counts_the_tenants_confirmed_vouchers(app, db_session):
    """Two tenants' confirmed vouchers: counts public, the value hidden; a third makes the value public. A voucher
    only delivered, and one of an SME outside the complex, are not counted."""
    world = voucher_world(app, db_session)
    with app.test_request_context():
        assert complex_page(db_session, None, "banwol_sihwa", "en").scope.tenant_ids
        assert "consulting" not in {s.key for s in complex_page(db_session, None, "banwol_sihwa", "en").sections}
    _confirm(db_session, world, world.sme)
    _confirm(db_session, world, world.outsider)
    delivered_only = grant(db_session, world, sme=make_user(app, db_session, Role.SME))
    vouchers.transition_voucher(db_session, context_of(world.supplier), delivered_only, "report", "진단 완료")
    elsewhere = make_user(app, db_session, Role.SME, organisation=make_organisation(db_session,
                          industrial_complex="changwon", region="gyeongnam"))  # fmt: skip
    _confirm(db_session, world, elsewhere)
    db_session.commit()
    officer = make_user(app, db_session, Role.OFFICER)
    with app.test_request_context():
        public = _section(complex_page(db_session, None, "banwol_sihwa", "en"), "consulting")
        full = _section(complex_page(db_session, officer, "banwol_sihwa", "en"), "consulting")
    assert public.figures == {"vouchers": 2, "value_krw": HIDDEN, "hours": 80, "firms_consulted": 2}
    assert not public.tables  # per firm: officers only
    assert full.figures["value_krw"] == 30_000_000
    assert sorted(row["organisation_id"] for row in full.figures["firms"]) == sorted(
        [world.sme.organisation_id, world.outsider.organisation_id]
    )
    assert {row["value_krw"] for row in full.figures["firms"]} == {15_000_000}
    assert full.tables[0].id == "complex-consulting"
    third = make_user(app, db_session, Role.SME)
    _confirm(db_session, world, third)
    db_session.commit()
    with app.test_request_context():
        public = _section(complex_page(db_session, None, "banwol_sihwa", "en"), "consulting")
        changwon = _section(complex_page(db_session, None, "changwon", "en"), "consulting")
    assert public.figures == {"vouchers": 3, "value_krw": 45_000_000, "hours": 120, "firms_consulted": 3}
    assert changwon.figures["vouchers"] == 1
    assert changwon.figures["value_krw"] is HIDDEN
    api = app.test_client().get("/api/v1/complexes/banwol_sihwa/figures").get_json()
    assert api["sections"]["consulting"] == {"vouchers": 3, "value_krw": 45_000_000, "hours": 120,
                                             "firms_consulted": 3}  # fmt: skip


def test_the_demo_complex_shows_kepcos_voucher(app, db_session):
    """반월도금's ₩15M, 40-hour energy consulting voucher from KEPCO, confirmed: one firm, so the value is hidden."""
    seed(app, db_session)
    officer = db_session.scalar(select(User).where(User.email == "officer@sangsaeng-demo.kr"))
    with app.test_request_context():
        public = _section(complex_page(db_session, None, "banwol_sihwa", "ko"), "consulting")
        full = _section(complex_page(db_session, officer, "banwol_sihwa", "ko"), "consulting")
    assert public.figures == {"vouchers": 1, "value_krw": HIDDEN, "hours": 40, "firms_consulted": 1}
    assert full.figures["value_krw"] == 15_000_000
    api = app.test_client().get("/api/v1/complexes/banwol_sihwa/figures").get_json()
    assert "consulting.value_krw" in api["hidden"]
    assert [row["vouchers"] for row in full.figures["firms"]] == [1]
    assert "반월" in full.figures["firms"][0]["name"]
