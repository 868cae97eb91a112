"""Government programme pages: members read the rules; officers change budgets and rules, each change audited."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from funds.models import CostShareRule, GovernmentProgramme, GovernmentProgrammeChange, LedgerTransaction, Project
from marketplace.auth.models import Role
from tests.conftest import log_in, post_form
from tests.factories import PASSWORD, make_user
from tests.funds.conftest import GOVERNMENT_ONLY, TYPE_1, TYPE_2, apply, move

EN = {"Accept-Language": "en"}
KO = {"Accept-Language": "ko"}
RULE = {
    "government_percent": "30",
    "government_cap_krw": "42000000",
    "sponsor_min_percent": "30",
    "sponsor_cap_krw": "",
    "sme_max_percent": "40",
    "total_cap_krw": "",
}


def count(db_session, model) -> int:
    return db_session.scalar(select(func.count()).select_from(model))


def basic_rule(db_session, programme_id: int = TYPE_1) -> CostShareRule:
    statement = select(CostShareRule).where(
        CostShareRule.government_programme_id == programme_id, CostShareRule.tier.in_(("basic", "any"))
    )
    return db_session.scalars(statement).first()


@pytest.fixture
def officer(app, client, db_session):
    user = make_user(app, db_session, Role.OFFICER)
    log_in(client, user.email, PASSWORD)
    return user


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.SME, Role.SPONSOR, Role.SUPPLIER, Role.MENTOR, Role.OFFICER, Role.ADMIN])
def test_every_member_sees_the_programmes_their_money_and_rules(app, client, db_session, role):
    log_in(client, make_user(app, db_session, role).email, PASSWORD)
    shown = text(client.get("/government-programmes/", headers=EN))
    for expected in (
        "Win-win smart factory, type 1",
        "상생형 스마트공장 1유형",
        "₩50,000,000,000",
        "Government ≤ 30 % (up to ₩240,000,000) · Large firm ≥ 30 % · SME ≤ 40 %",
        "Government ≤ 50 % (up to ₩10,000,000) · Large firm ≥ 50 % (up to ₩10,000,000) · SME ≤ 0 %"
        " · Project cost ≤ ₩20,000,000",
        "Government ≤ 50 % (up to ₩400,000,000) · SME ≤ 100 %",
    ):
        assert expected in shown
    assert ("/government-programmes/1/budget" in shown) is (role == Role.OFFICER)


def test_visitors_must_log_in(client):
    assert client.get("/government-programmes/").status_code == 302


def test_the_list_shows_committed_and_remaining(client, db_session, world, officer):
    project = apply(client, world)
    move(client, world.sponsor, project["id"], "select")
    move(client, world.officer, project["id"], "agree")
    shown = text(client.get("/government-programmes/", headers=EN))
    assert '<dd class="col-sm-2 committed">₩30,000,000</dd>' in shown
    assert '<dd class="col-sm-2 remaining">₩49,970,000,000</dd>' in shown


def test_an_officer_changes_a_rule_and_the_change_is_audited(client, db_session, world, officer):
    project = apply(client, world)
    rule = basic_rule(db_session)
    data = RULE | {"government_percent": "25", "government_cap_krw": "40000000"}
    response = post_form(client, f"/government-programmes/{TYPE_1}/rules/{rule.id}", data, headers=EN)
    assert response.status_code == 302, text(response)
    db_session.expire_all()
    assert (rule.government_percent, rule.government_cap_krw) == (25, 40_000_000)
    change = db_session.scalar(select(GovernmentProgrammeChange))
    assert change.subject == "basic"
    assert change.actor_id == officer.id
    assert change.changes == {"government_percent": [30, 25], "government_cap_krw": [42_000_000, 40_000_000]}
    kept = db_session.get(Project, project["id"])
    assert kept.rule_terms["government_percent"] == 30
    assert kept.government_share_krw == 30_000_000
    trail = text(client.get(f"/government-programmes/{TYPE_1}/changes", headers=EN))
    assert officer.display_name in trail
    assert "₩42,000,000" in trail
    assert "₩40,000,000" in trail
    assert "25 %" in trail


def test_an_unchanged_rule_writes_no_audit_row(client, db_session, officer):
    rule = basic_rule(db_session)
    assert post_form(client, f"/government-programmes/{TYPE_1}/rules/{rule.id}", RULE).status_code == 302
    assert count(db_session, GovernmentProgrammeChange) == 0


@pytest.mark.parametrize(
    ("programme_id", "changes", "message"),
    [
        (TYPE_1, {"government_percent": "101"}, "Enter a whole percent from 0 to 100."),
        (TYPE_1, {"sme_max_percent": ""}, "Enter a whole percent from 0 to 100."),
        (TYPE_1, {"government_percent": "60", "sponsor_min_percent": "50"}, "exceed 100 %"),
        (TYPE_1, {"government_cap_krw": "0"}, "Enter a positive whole number of won, or leave it empty for no cap."),
        (TYPE_1, {"total_cap_krw": "-5"}, "Enter a positive whole number of won, or leave it empty for no cap."),
        (GOVERNMENT_ONLY, {"sponsor_min_percent": "0", "sme_max_percent": "40"}, "must reach 100 %"),
        (GOVERNMENT_ONLY, {"sponsor_min_percent": "10", "sme_max_percent": "100"}, "takes no sponsor"),
    ],
)
def test_a_rule_that_cannot_split_is_refused_with_the_fields_message(
    client, db_session, officer, programme_id, changes, message
):
    rule = basic_rule(db_session, programme_id)
    before = rule.terms()
    response = post_form(client, f"/government-programmes/{programme_id}/rules/{rule.id}", RULE | changes, headers=EN)
    assert response.status_code == 200
    assert message in text(response)
    db_session.expire_all()
    assert rule.terms() == before
    assert count(db_session, GovernmentProgrammeChange) == 0


def test_an_officer_adds_a_rule_for_a_tier(client, db_session, officer):
    data = RULE | {"tier": "basic", "government_percent": "50", "sponsor_min_percent": "50", "sme_max_percent": "0"}
    assert post_form(client, f"/government-programmes/{TYPE_2}/rules/new", data).status_code == 302
    added = db_session.scalar(
        select(CostShareRule).where(CostShareRule.government_programme_id == TYPE_2, CostShareRule.tier == "basic")
    )
    assert added.government_percent == 50
    change = db_session.scalar(select(GovernmentProgrammeChange))
    assert change.subject == "basic"
    assert change.changes["government_percent"] == [None, 50]
    again = post_form(client, f"/government-programmes/{TYPE_2}/rules/new", data, headers=EN)
    assert "already has a rule for that tier" in text(again)
    assert count(db_session, GovernmentProgrammeChange) == 1


def test_an_officer_changes_the_budget_audited_and_posted_to_the_ledger(client, db_session, officer):
    response = post_form(client, f"/government-programmes/{TYPE_2}/budget", {"budget_krw": "12000000000"})
    assert response.status_code == 302
    db_session.expire_all()
    assert db_session.get(GovernmentProgramme, TYPE_2).budget_krw == 12_000_000_000
    change = db_session.scalar(select(GovernmentProgrammeChange))
    assert (change.subject, change.changes) == ("programme", {"budget_krw": [10_000_000_000, 12_000_000_000]})
    assert count(db_session, LedgerTransaction) == 1
    assert "₩12,000,000,000" in text(client.get("/government-programmes/", headers=EN))


def test_a_budget_cut_below_what_is_committed_is_refused_and_nothing_is_written(client, db_session, world, officer):
    project = apply(client, world)
    move(client, world.sponsor, project["id"], "select")
    move(client, world.officer, project["id"], "agree")
    transactions = count(db_session, LedgerTransaction)
    response = post_form(client, f"/government-programmes/{TYPE_1}/budget", {"budget_krw": "20000000"}, headers=EN)
    assert response.status_code == 200
    assert "The government programme&#39;s budget has not enough uncommitted money left." in text(response)
    db_session.expire_all()
    assert db_session.get(GovernmentProgramme, TYPE_1).budget_krw == 50_000_000_000
    assert count(db_session, GovernmentProgrammeChange) == 0
    assert count(db_session, LedgerTransaction) == transactions
    assert post_form(client, f"/government-programmes/{TYPE_1}/budget", {"budget_krw": "30000000"}).status_code == 302


def test_an_officer_creates_a_programme_with_its_first_rule(client, db_session, officer):
    data = RULE | {
        "name": "스마트공장 고도화 2027",
        "name_en": "Smart factory upgrade 2027",
        "year": "2027",
        "budget_krw": "1000000000",
        "requires_sponsor": "y",
        "tier": "advanced1",
    }
    assert post_form(client, "/government-programmes/new", data).status_code == 302
    programme = db_session.scalar(select(GovernmentProgramme).where(GovernmentProgramme.year == 2027))
    assert [rule.tier for rule in programme.rules] == ["advanced1"]
    assert programme.requires_sponsor
    subjects = db_session.scalars(select(GovernmentProgrammeChange.subject).order_by(GovernmentProgrammeChange.id))
    assert list(subjects) == ["programme", "advanced1"]
    assert count(db_session, LedgerTransaction) == 1  # the budget, posted
    again = post_form(client, "/government-programmes/new", data, headers=EN)
    assert "A programme of this name already exists for that year." in text(again)
    assert count(db_session, GovernmentProgramme) == 4


CHANGES = [
    ("get", "/government-programmes/new"),
    ("post", "/government-programmes/new"),
    ("get", "/government-programmes/1/budget"),
    ("post", "/government-programmes/1/budget"),
    ("get", "/government-programmes/1/rules/RULE"),
    ("post", "/government-programmes/1/rules/RULE"),
    ("get", "/government-programmes/1/rules/new"),
    ("post", "/government-programmes/1/rules/new"),
]


@pytest.mark.parametrize("role", [Role.SME, Role.SPONSOR, Role.SUPPLIER, Role.MENTOR, Role.ADMIN])
@pytest.mark.parametrize(("method", "path"), CHANGES)
def test_only_officers_change_government_programmes(app, client, db_session, role, method, path):
    log_in(client, make_user(app, db_session, role).email, PASSWORD)
    path = path.replace("RULE", str(basic_rule(db_session).id))
    data = RULE | {"budget_krw": "1", "tier": "any", "name": "x", "name_en": "x", "year": "2030"}
    response = client.get(path) if method == "get" else post_form(client, path, data)
    assert response.status_code == 403
    assert count(db_session, GovernmentProgrammeChange) == 0
    assert db_session.get(GovernmentProgramme, TYPE_1).budget_krw == 50_000_000_000


@pytest.mark.parametrize(
    ("role", "status"), [(Role.SME, 403), (Role.SPONSOR, 403), (Role.OFFICER, 200), (Role.ADMIN, 200)]
)
def test_the_audit_trail_is_for_officers(app, client, db_session, role, status):
    log_in(client, make_user(app, db_session, role).email, PASSWORD)
    assert client.get(f"/government-programmes/{TYPE_1}/changes").status_code == status


def test_the_programmes_in_korean(client, db_session, officer):
    shown = text(client.get("/government-programmes/", headers=KO))
    assert "정부 ≤ 30 % (최대 ₩42,000,000) · 대기업 ≥ 30 % · 중소기업 ≤ 40 %" in shown
    assert "정부 ≤ 50 % (최대 ₩50,000,000) · 중소기업 ≤ 100 %" in shown
    refused = post_form(client, f"/government-programmes/{TYPE_1}/budget", {"budget_krw": "0"}, headers=KO)
    assert "Enter a positive whole number of won." not in text(refused)
