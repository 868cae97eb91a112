"""The work queue each dashboard starts with: the right count for each role's item, only the user's own rows,
a link to the thing to do, "Nothing to do now" when nothing waits, and the same in the API."""

from __future__ import annotations

from datetime import timedelta

import pytest

from funds.models import Payment, PaymentPurpose, PaymentStatus, Project, ProjectStatus
from marketplace import clock
from marketplace.auth.models import Role
from marketplace.unit_of_work import commit
from marketplace.work_queue import work_queue
from mentors.models import EngagementLog
from tests.conftest import bearer, log_in
from tests.factories import PASSWORD, make_api_token, make_engagement, make_mentor, make_need, make_project, make_user


def _queue(app, session, user) -> dict:
    with app.test_request_context(headers={"Accept-Language": "en"}):
        return {entry.name: entry for entry in work_queue(session, user, clock.today())}


def _project(app, session, status: ProjectStatus, **fields) -> Project:
    sme = make_user(app, session, Role.SME)
    project = make_project(app, session, sme, make_need(session, sme))
    project.status = status
    for name, value in fields.items():
        setattr(project, name, value)
    commit(session)
    return project


def test_each_role_has_its_items(app, db_session):
    expected = {
        Role.SME: ["payments_due", "logs_to_confirm"],
        Role.SPONSOR: ["applications_to_review"],
        Role.SUPPLIER: ["projects_to_start"],
        Role.MENTOR: ["logs_due"],
        Role.OFFICER: ["agreements_to_approve", "inspections_to_do"],
        Role.ADMIN: [],
    }
    for role, names in expected.items():
        assert list(_queue(app, db_session, make_user(app, db_session, role))) == names


def test_the_sponsor_counts_only_applications_to_its_own_programmes(app, db_session):
    sponsor = make_user(app, db_session, Role.SPONSOR)
    mine = _project(app, db_session, ProjectStatus.APPLIED, sponsor_organisation_id=sponsor.organisation_id)
    _project(app, db_session, ProjectStatus.APPLIED)  # another sponsor's (the government track's)
    _project(app, db_session, ProjectStatus.SELECTED, sponsor_organisation_id=sponsor.organisation_id)
    entry = _queue(app, db_session, sponsor)["applications_to_review"]
    assert entry.count == 1
    assert entry.url == f"/projects/{mine.id}"
    assert entry.label == "1 application to review"
    _project(app, db_session, ProjectStatus.APPLIED, sponsor_organisation_id=sponsor.organisation_id)
    entry = _queue(app, db_session, sponsor)["applications_to_review"]
    assert (entry.count, entry.url, entry.label) == (2, "/projects/?status=applied", "2 applications to review")


@pytest.mark.parametrize(
    ("role", "status", "item"),
    [
        (Role.OFFICER, ProjectStatus.SELECTED, "agreements_to_approve"),
        (Role.OFFICER, ProjectStatus.BUILDING, "inspections_to_do"),
        (Role.SUPPLIER, ProjectStatus.AGREED, "projects_to_start"),
    ],
)
def test_projects_waiting_for_the_officer_and_the_supplier(app, db_session, role, status, item):
    user = make_user(app, db_session, role)
    before = _queue(app, db_session, user)[item].count
    fields = {"supplier_organisation_id": user.organisation_id} if role == Role.SUPPLIER else {}
    project = _project(app, db_session, status, **fields)
    _project(app, db_session, ProjectStatus.DESIGNING, **fields)  # nothing to do on this one now
    entry = _queue(app, db_session, user)[item]
    assert entry.count == before + 1
    if before == 0:
        assert entry.url == f"/projects/{project.id}"


def test_the_sme_pays_its_share_until_it_is_paid(app, db_session):
    project = _project(app, db_session, ProjectStatus.AGREED)
    sme = make_user(app, db_session, Role.SME, organisation=project.need.organisation)
    entry = _queue(app, db_session, sme)["payments_due"]
    assert (entry.count, entry.url) == (1, f"/projects/{project.id}#pay-share")
    db_session.add(
        Payment(
            purpose=PaymentPurpose.SME_SHARE,
            project_id=project.id,
            payer_organisation_id=sme.organisation_id,
            created_by_id=sme.id,
            amount_krw=project.sme_share_krw,
            status=PaymentStatus.PROCESSING,  # on its way: not asked twice
        )
    )
    commit(db_session)
    assert _queue(app, db_session, sme)["payments_due"].count == 0


def test_the_mentor_writes_this_months_log_and_the_sme_confirms_it(app, db_session):
    sme = make_user(app, db_session, Role.SME)
    profile = make_mentor(app, db_session)
    engagement = make_engagement(
        db_session, profile, make_need(db_session, sme), status="active", start_date=clock.today() - timedelta(40)
    )
    mentor = profile.user
    entry = _queue(app, db_session, mentor)["logs_due"]
    assert (entry.count, entry.url) == (1, f"/mentors/engagements/{engagement.id}#log-form")
    assert _queue(app, db_session, sme)["logs_to_confirm"].count == 0
    db_session.add(
        EngagementLog(
            engagement_id=engagement.id,
            author_id=mentor.id,
            log_date=clock.today(),
            hours=8,
            topics="금형 온도",
            advice="보압 조정",
            next_steps="DOE",
        )
    )
    commit(db_session)
    assert _queue(app, db_session, mentor)["logs_due"].count == 0
    entry = _queue(app, db_session, sme)["logs_to_confirm"]
    assert (entry.count, entry.url) == (1, f"/mentors/engagements/{engagement.id}#logs")
    outsider = make_user(app, db_session, Role.SME)
    assert _queue(app, db_session, outsider)["logs_to_confirm"].count == 0


def test_the_dashboard_starts_with_the_queue_and_says_plainly_when_nothing_waits(app, client, db_session):
    supplier = make_user(app, db_session, Role.SUPPLIER)
    log_in(client, supplier.email, PASSWORD)
    page = client.get("/dashboard", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert page.index('id="work-queue"') < page.index('id="profile-hint"') < page.index("Your organisation")
    assert "Nothing to do now." in page
    _project(app, db_session, ProjectStatus.AGREED, supplier_organisation_id=supplier.organisation_id)
    page = client.get("/dashboard", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "1 agreed project to start designing" in page
    assert "Nothing to do now." not in page


def test_the_api_lists_the_queue(app, client, db_session):
    sponsor = make_user(app, db_session, Role.SPONSOR)
    _project(app, db_session, ProjectStatus.APPLIED, sponsor_organisation_id=sponsor.organisation_id)
    _token, plain = make_api_token(app, db_session, sponsor)
    body = client.get("/api/v1/me/work-queue", headers=bearer(plain) | {"Accept-Language": "ko"}).get_json()
    [item] = body["items"]
    assert item["name"] == "applications_to_review"
    assert item["count"] == 1
    assert item["url"].startswith("/projects/")
    assert client.get("/api/v1/me/work-queue").status_code == 401
