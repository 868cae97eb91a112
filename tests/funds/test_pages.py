"""Project pages: the apply form, the project page per party, its buttons, refusals as messages, the overdue flag."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from funds.labels import subject
from funds.models import GovernmentProgramme, LedgerTransaction, Project
from marketplace import clock
from marketplace.auth.models import Role, User
from tests.conftest import log_in, post_form
from tests.factories import PASSWORD, make_solution, make_user
from tests.funds.conftest import GOVERNMENT_ONLY, TYPE_1, TYPE_2, apply, move

EN = {"Accept-Language": "en"}
KO = {"Accept-Language": "ko"}
RULE_EN = "Government ≤ 30 % (up to ₩42,000,000) · Large firm ≥ 30 % · SME ≤ 40 %"
RULE_KO = "정부 ≤ 30 % (최대 ₩42,000,000) · 대기업 ≥ 30 % · 중소기업 ≤ 40 %"


def project_count(db_session) -> int:
    return db_session.scalar(select(func.count()).select_from(Project))


def form_data(world, **changes) -> dict:
    return {
        "need_id": str(world.need.id),
        "solution_id": str(world.solution.id),
        "programme_id": str(world.programme.id),
        "government_programme_id": str(TYPE_1),
        "tier": "basic",
        "cost_krw": "100000000",
    } | changes


def page(client, path: str, headers=EN) -> str:
    response = client.get(path, headers=headers)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_the_need_page_links_its_sme_to_the_apply_form(client, world):
    log_in(client, world.sme.user.email, PASSWORD)
    assert f"/projects/apply?need_id={world.need.id}" in page(client, f"/needs/{world.need.id}")
    form = page(client, f"/projects/apply?need_id={world.need.id}")
    assert f'<option selected value="{world.need.id}">' in form
    assert "₩" in form
    assert world.programme.name in form
    other = client.application.test_client()
    log_in(other, world.outsider.user.email, PASSWORD)
    assert "/projects/apply" not in page(other, f"/needs/{world.need.id}")


def test_the_apply_form_offers_the_solutions_that_fit_the_need_first_with_its_cost_filled_in(client, db_session, world):
    supplier = world.solution.organisation_id
    author = db_session.scalar(select(User).where(User.organisation_id == supplier))
    # Alphabetically first, but of another category: it comes after the one that fits.
    make_solution(db_session, author, title="AAA 비전 검사", categories=["vision"])
    log_in(client, world.sme.user.email, PASSWORD)
    form = page(client, f"/projects/apply?need_id={world.need.id}")
    solutions = form[form.index('name="solution_id"') : form.index("</select>", form.index('name="solution_id"'))]
    assert solutions.index("Fit your need") < solutions.index(world.solution.title)
    assert solutions.index(world.solution.title) < solutions.index("Other solutions") < solutions.index("AAA 비전 검사")
    assert f'<option selected value="{world.solution.id}">' in solutions  # the best fit, chosen
    assert 'name="cost_krw" type="number" value="80000000"' in form  # the need's budget, within the price range
    assert '<option selected value="basic">' in form  # the need's tier


def test_the_apply_form_creates_the_project_and_its_page_shows_the_split_and_rule(client, db_session, world):
    log_in(client, world.sme.user.email, PASSWORD)
    response = post_form(client, "/projects/apply", form_data(world), headers=EN)
    assert response.status_code == 302, response.get_data(as_text=True)
    project = db_session.scalar(select(Project))
    assert response.headers["Location"].endswith(f"/projects/{project.id}")
    shown = page(client, f"/projects/{project.id}")
    for text in ("₩30,000,000", "₩40,000,000", "₩100,000,000", "30.0 %", "40.0 %", RULE_EN, world.programme.name):
        assert text in shown
    assert "Applied" in shown
    assert world.sme.user.display_name in shown


def test_the_split_is_exact_when_the_government_cap_binds(client, world):
    log_in(client, world.sme.user.email, PASSWORD)
    project = apply(client, world, cost_krw=150_000_001)
    shown = page(client, f"/projects/{project['id']}")
    shares = (project["government_share_krw"], project["sponsor_share_krw"], project["sme_share_krw"])
    assert sum(shares) == 150_000_001
    assert shares[0] == 42_000_000
    for amount in shares:
        assert f"₩{amount:,}" in shown


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (  # the refusal names the rule and the limit it broke
            {"government_programme_id": str(TYPE_2), "cost_krw": "30000000"},
            "funds a project cost of at most ₩20,000,000; ₩30,000,000 is above that limit",
        ),
        ({"government_programme_id": str(GOVERNMENT_ONLY)}, "The government-only track takes no sponsor programme"),
        ({"programme_id": ""}, "This government programme needs a sponsor programme."),
        ({"cost_krw": ""}, "Enter a positive whole number of won."),
        ({"need_id": ""}, "Choose one of your needs."),
        ({"tier": "premium"}, "Choose a value from the list."),
    ],
)
def test_a_refused_application_shows_the_fields_message_and_writes_nothing(client, db_session, world, changes, message):
    log_in(client, world.sme.user.email, PASSWORD)
    response = post_form(client, "/projects/apply", form_data(world, **changes), headers=EN)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert project_count(db_session) == 0


def test_the_refusal_is_in_korean_for_korean_readers(client, db_session, world):
    log_in(client, world.sme.user.email, PASSWORD)
    data = form_data(world, government_programme_id=str(TYPE_2), cost_krw="30000000")
    body = post_form(client, "/projects/apply", data, headers=KO).get_data(as_text=True)
    assert "above the largest project" not in body
    assert "총사업비 ₩20,000,000까지만 지원합니다. 입력한 ₩30,000,000은 한도를 넘습니다." in body
    assert project_count(db_session) == 0


@pytest.mark.parametrize("role", [Role.SPONSOR, Role.SUPPLIER, Role.OFFICER, Role.MENTOR])
def test_only_smes_apply(app, client, db_session, world, role):
    user = make_user(app, db_session, role)
    log_in(client, user.email, PASSWORD)
    assert client.get("/projects/apply").status_code == 403
    assert post_form(client, "/projects/apply", form_data(world)).status_code == 403
    assert project_count(db_session) == 0


@pytest.mark.parametrize(
    ("name", "status"), [("sme", 200), ("sponsor", 200), ("supplier", 200), ("officer", 200), ("outsider", 404)]
)
def test_the_project_page_is_for_its_parties(client, world, name, status):
    project = apply(client, world)
    log_in(client, getattr(world, name).user.email, PASSWORD)
    assert client.get(f"/projects/{project['id']}").status_code == status
    listed = f'/projects/{project["id"]}"' in page(client, "/projects/")
    assert listed is (status == 200)


def test_a_non_party_cannot_move_the_project(client, world):
    project = apply(client, world)
    log_in(client, world.outsider.user.email, PASSWORD)
    response = post_form(client, f"/projects/{project['id']}/transitions", {"action": "cancel", "reason": "x"})
    assert response.status_code == 404


ACTIONS = ("select", "agree", "start_design", "start_build", "inspect", "complete", "reject", "cancel")
STEPS = [("sponsor", "select"), ("officer", "agree"), ("supplier", "start_design"), ("supplier", "start_build")]


@pytest.mark.parametrize(
    ("steps", "buttons"),
    [
        (0, {"sme": {"cancel"}, "sponsor": {"select", "reject"}, "supplier": set(), "officer": {"reject", "cancel"}}),
        (1, {"sme": {"cancel"}, "sponsor": {"reject"}, "supplier": set(), "officer": {"agree", "reject", "cancel"}}),
        (2, {"sme": {"cancel"}, "sponsor": set(), "supplier": {"start_design"}, "officer": {"cancel"}}),
        (4, {"sme": {"cancel"}, "sponsor": set(), "supplier": set(), "officer": {"inspect", "cancel"}}),
    ],
)
def test_each_party_sees_its_own_buttons(client, world, steps, buttons):
    project = apply(client, world)
    for name, action in STEPS[:steps]:
        assert move(client, getattr(world, name), project["id"], action).status_code == 200
    for name, expected in buttons.items():
        browser = client.application.test_client()
        log_in(browser, getattr(world, name).user.email, PASSWORD)
        shown = page(browser, f"/projects/{project['id']}")
        offered = {action for action in ACTIONS if f'name="action" value="{action}"' in shown}
        assert offered == expected, name


def test_a_button_moves_the_project_and_the_history_says_who(client, db_session, world):
    project = apply(client, world)
    log_in(client, world.sponsor.user.email, PASSWORD)
    select = {"action": "select", "confirmed": "yes"}
    response = post_form(client, f"/projects/{project['id']}/transitions", select, headers=EN)
    assert response.status_code == 302
    shown = page(client, response.headers["Location"])
    assert "The project&#39;s status is now: Selected by the sponsor." in shown
    sponsor = world.sponsor.user.organisation
    assert f"{sponsor.name_en or sponsor.name} selected the project" in shown  # a sentence, not a command
    assert db_session.get(Project, project["id"]).status == "selected"
    korean = page(client, f"/projects/{project['id']}", headers=KO)
    with client.application.test_request_context(headers=KO):
        assert f"{subject(sponsor.name)} 선정함" in korean
        assert f"{subject(world.sme.user.organisation.name)} 신청함" in korean


PARTICLES = [
    ("삼성전자", "삼성전자가"),
    ("대성정밀", "대성정밀이"),
    ("정밀 12", "정밀 12가"),
    ("정밀 3", "정밀 3이"),
    ("대성정밀(주)", "대성정밀(주)가"),
    ("POSCO", "POSCO이(가)"),
]


@pytest.mark.parametrize(("name", "expected"), PARTICLES)
def test_a_korean_history_line_puts_the_right_particle_after_the_name(app, name, expected):
    with app.test_request_context(headers=KO):
        assert subject(name) == expected


@pytest.mark.parametrize(("who", "action"), [("sponsor", "select"), ("officer", "agree"), ("sme", "cancel")])
def test_a_move_is_made_only_once_confirmed_on_a_page_that_says_what_it_does(client, db_session, world, who, action):
    project = apply(client, world)
    if action == "agree":
        move(client, world.sponsor, project["id"], "select")
    before = db_session.get(Project, project["id"]).status
    log_in(client, getattr(world, who).user.email, PASSWORD)
    first = post_form(client, f"/projects/{project['id']}/transitions", {"action": action}, headers=EN)
    shown = first.get_data(as_text=True)
    assert first.status_code == 200
    assert 'name="confirmed" value="yes"' in shown
    assert 'id="move-consequence"' in shown
    if action == "agree":  # the money it commits, in won
        assert "₩30,000,000 is committed from the government budget" in shown
    db_session.expire_all()
    assert db_session.get(Project, project["id"]).status == before  # nothing moved yet
    second = post_form(
        client, f"/projects/{project['id']}/transitions", {"action": action, "confirmed": "yes", "reason": "x"}
    )
    assert second.status_code == 302
    db_session.expire_all()
    assert db_session.get(Project, project["id"]).status != before


def test_agreeing_shows_the_ledger_on_the_page(client, world):
    project = apply(client, world)
    move(client, world.sponsor, project["id"], "select")
    log_in(client, world.officer.user.email, PASSWORD)
    post_form(client, f"/projects/{project['id']}/transitions", {"action": "agree", "confirmed": "yes"})
    shown = page(client, f"/projects/{project['id']}")
    assert "Commitment" in shown
    assert "Project escrow" in shown
    assert "₩-30,000,000" in shown
    assert "Design due" in shown
    assert "Design overdue" not in shown


def test_a_409_is_a_message_on_the_project_page_and_nothing_is_written(client, db_session, world):
    project = apply(client, world)
    move(client, world.sponsor, project["id"], "select")
    db_session.execute(update(GovernmentProgramme).where(GovernmentProgramme.id == TYPE_1).values(budget_krw=1_000))
    db_session.commit()
    log_in(client, world.officer.user.email, PASSWORD)
    agree = {"action": "agree", "confirmed": "yes"}
    response = post_form(client, f"/projects/{project['id']}/transitions", agree, headers=EN)
    assert response.status_code == 302
    shown = page(client, response.headers["Location"])
    assert "The government programme&#39;s budget has not enough uncommitted money left." in shown
    db_session.expire_all()
    assert db_session.get(Project, project["id"]).status == "selected"
    assert db_session.scalar(select(func.count()).select_from(LedgerTransaction)) == 0


def test_cancelling_needs_a_reason(client, db_session, world):
    project = apply(client, world)
    log_in(client, world.sme.user.email, PASSWORD)
    cancel = {"action": "cancel", "confirmed": "yes"}
    response = post_form(client, f"/projects/{project['id']}/transitions", cancel, headers=EN)
    assert "This field is required." in page(client, response.headers["Location"])
    assert db_session.get(Project, project["id"]).status == "applied"
    post_form(client, f"/projects/{project['id']}/transitions", cancel | {"reason": "예산 부족"})
    db_session.expire_all()
    assert db_session.get(Project, project["id"]).status == "cancelled"
    assert "예산 부족" in page(client, f"/projects/{project['id']}")


def test_an_overdue_design_is_flagged_on_the_page_and_in_the_list(client, db_session, world):
    project = apply(client, world)
    move(client, world.sponsor, project["id"], "select")
    move(client, world.officer, project["id"], "agree")
    log_in(client, world.sme.user.email, PASSWORD)
    assert "design-overdue" not in page(client, "/projects/")
    past = clock.today() - timedelta(days=1)
    db_session.execute(update(Project).where(Project.id == project["id"]).values(design_due_on=past))
    db_session.commit()
    assert "Design overdue" in page(client, f"/projects/{project['id']}")
    assert "design-overdue" in page(client, "/projects/")
    assert f'/projects/{project["id"]}"' in page(client, "/projects/?overdue=yes")
    move(client, world.supplier, project["id"], "start_design")
    assert "design-overdue" not in page(client, "/projects/")


def test_the_list_filters_by_status_and_pages(client, world):
    project = apply(client, world)
    log_in(client, world.sme.user.email, PASSWORD)
    assert f'/projects/{project["id"]}"' in page(client, "/projects/?status=applied")
    assert f'/projects/{project["id"]}"' not in page(client, "/projects/?status=agreed")
    assert f'/projects/{project["id"]}"' in page(client, "/projects/?status=bogus&page=x")
    assert "No projects match these filters." in page(client, "/projects/?page=2")


def test_the_project_page_in_korean_and_english(client, world):
    project = apply(client, world)
    log_in(client, world.sme.user.email, PASSWORD)
    korean = page(client, f"/projects/{project['id']}", headers=KO)
    assert RULE_KO in korean
    assert "비용 분담" in korean
    assert '<html lang="ko">' in korean
    english = page(client, f"/projects/{project['id']}", headers=EN)
    assert RULE_EN in english
    assert "Cost split" in english


@pytest.mark.parametrize("role", [Role.SME, Role.SPONSOR, Role.SUPPLIER, Role.OFFICER])
def test_the_nav_links_to_projects_for_the_roles_that_have_them(app, client, db_session, role):
    user = make_user(app, db_session, role)
    log_in(client, user.email, PASSWORD)
    assert 'href="/projects/"' in page(client, "/dashboard")


def test_mentors_have_no_projects_link(app, client, db_session):
    log_in(client, make_user(app, db_session, Role.MENTOR).email, PASSWORD)
    assert 'href="/projects/"' not in page(client, "/dashboard")


def test_the_project_page_links_the_energy_schedule_for_those_who_may_see_it(client, world):
    project = apply(client, world)
    for side, linked in ((world.sme, True), (world.sponsor, True), (world.supplier, False)):
        viewer = client.application.test_client()
        log_in(viewer, side.user.email, PASSWORD)
        html = page(viewer, f"/projects/{project['id']}")
        assert ('id="energy-link"' in html) is linked
        if linked:
            assert viewer.get(f"/projects/{project['id']}/energy", headers=EN).status_code == 200
