"""No insecure direct object references: what belongs to one organisation is neither shown to nor changed by
any other, whatever id it asks for, on the pages or the API.

One organisation of each kind owns a draft of each listing, an interest and a mentoring engagement, all
marked with a secret word; every outsider (another SME, supplier and sponsor, a mentor not party to the
engagement, and an anonymous visitor) asks for each of them by id. Each answer must refuse (401, 403, 404,
or a redirect to log in), never contain the secret word, and leave the database as it was.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.auth.models import Role
from marketplace.interests.models import Interest, TargetType
from marketplace.needs.models import NeedStatus
from marketplace.programmes.models import ProgrammeStatus
from marketplace.solutions.models import SolutionStatus
from mentors.models import Engagement
from tests.conftest import bearer, csrf_token, log_in
from tests.factories import (
    PASSWORD,
    make_api_token,
    make_engagement,
    make_mentor,
    make_need,
    make_programme,
    make_solution,
    make_user,
)

SECRET = "기밀-7Q3X"
REFUSED = {302, 401, 403, 404}


@pytest.fixture
def owned(app, db_session):
    """The owners' private things, each id by name, and the outsiders with their API tokens."""
    sme = make_user(app, db_session, Role.SME)
    supplier = make_user(app, db_session, Role.SUPPLIER)
    sponsor = make_user(app, db_session, Role.SPONSOR)
    sme.organisation.contact_phone = "010-7777-" + "0000"
    draft_need = make_need(db_session, sme, title=f"{SECRET} 설비", status=NeedStatus.DRAFT)
    open_need = make_need(db_session, sme, title="공개 수요")
    draft_solution = make_solution(db_session, supplier, title=f"{SECRET} 솔루션", status=SolutionStatus.ARCHIVED)
    draft_programme = make_programme(
        app, db_session, sponsor=sponsor, title=f"{SECRET} 프로그램", status=ProgrammeStatus.DRAFT
    )
    interest = Interest(
        sender_id=supplier.id, sender_organisation_id=supplier.organisation_id, target_type=TargetType.NEED,
        target_id=open_need.id, target_title="공개 수요", recipient_organisation_id=sme.organisation_id,
        message=f"{SECRET} 견적 드립니다",
    )  # fmt: skip
    db_session.add(interest)
    mentor = make_mentor(app, db_session)
    engagement = make_engagement(db_session, mentor, open_need, message=f"{SECRET} 멘토링")
    db_session.commit()
    ids = {
        "need": draft_need.id, "open_need": open_need.id, "solution": draft_solution.id,
        "programme": draft_programme.id, "interest": interest.id, "engagement": engagement.id,
        "organisation": sme.organisation_id, "supplier_org": supplier.organisation_id,
    }  # fmt: skip
    outsiders = {
        "sme": make_user(app, db_session, Role.SME),
        "supplier": make_user(app, db_session, Role.SUPPLIER),
        "sponsor": make_user(app, db_session, Role.SPONSOR),
        "mentor": make_mentor(app, db_session).user,
    }
    tokens = {name: make_api_token(app, db_session, user)[1] for name, user in outsiders.items()}
    # The owner does see the secret: the sweep below would notice a leak.
    owner = app.test_client()
    log_in(owner, sme.email, PASSWORD)
    assert SECRET in owner.get(f"/needs/{draft_need.id}").get_data(as_text=True)
    return ids, outsiders, tokens


PAGES = (
    "/needs/{need}",
    "/needs/{need}/edit",
    "/needs/{open_need}/edit",
    "/solutions/{solution}",
    "/solutions/{solution}/edit",
    "/programmes/{programme}",
    "/programmes/{programme}/edit",
    "/organisations/{organisation}/edit",
    "/interests/{interest}",
    "/mentors/engagements/{engagement}",
)
API_READS = (
    "/api/v1/needs/{need}",
    "/api/v1/solutions/{solution}",
    "/api/v1/programmes/{programme}",
    "/api/v1/interests/{interest}",
    "/api/v1/engagements/{engagement}",
)
API_WRITES = (
    ("PATCH", "/api/v1/needs/{open_need}", {"title": "가로챈 제목"}),
    ("PATCH", "/api/v1/needs/{need}", {"title": "가로챈 제목"}),
    ("POST", "/api/v1/needs/{open_need}/transitions", {"action": "withdraw"}),
    ("PATCH", "/api/v1/solutions/{solution}", {"title": "가로챈 제목"}),
    ("POST", "/api/v1/solutions/{solution}/transitions", {"action": "activate"}),
    ("PATCH", "/api/v1/programmes/{programme}", {"title": "가로챈 제목"}),
    ("POST", "/api/v1/programmes/{programme}/transitions", {"action": "open"}),
    ("PATCH", "/api/v1/organisations/{organisation}", {"name": "가로챈 회사"}),
    ("POST", "/api/v1/interests/{interest}/accept", None),
    ("POST", "/api/v1/interests/{interest}/decline", None),
    ("POST", "/api/v1/engagements/{engagement}/transitions", {"action": "accept"}),
)
PAGE_POSTS = (
    ("/needs/{open_need}/edit", {"title": "가로챈 제목"}),
    ("/organisations/{organisation}/edit", {"name": "가로챈 회사"}),
    ("/interests/{interest}/decision", {"action": "accept"}),
)


def state(db_session) -> tuple:
    """What an outsider could change: titles, statuses and names, read fresh from the database."""
    from marketplace.needs.models import Need
    from marketplace.organisations.models import Organisation
    from marketplace.programmes.models import SponsorProgramme
    from marketplace.solutions.models import Solution

    db_session.expire_all()
    rows = [select(Need.title, Need.status), select(Solution.title, Solution.status),
            select(SponsorProgramme.title, SponsorProgramme.status), select(Organisation.name),
            select(Interest.status, Interest.read_at), select(Engagement.status)]  # fmt: skip
    return tuple(tuple(sorted(map(str, db_session.execute(query).all()))) for query in rows) + (
        db_session.scalar(select(func.count()).select_from(Interest)),
    )


def refused(response, where: str) -> None:
    assert response.status_code in REFUSED, f"{where}: {response.status_code}"
    assert SECRET not in response.get_data(as_text=True), where


def test_no_outsider_sees_or_changes_what_is_not_theirs(app, db_session, owned):
    ids, outsiders, tokens = owned
    before = state(db_session)
    anonymous = app.test_client()
    for path in PAGES + API_READS:
        refused(anonymous.get(path.format(**ids)), f"anonymous GET {path}")
    for name, user in outsiders.items():
        browser = app.test_client()
        log_in(browser, user.email, PASSWORD)
        for path in PAGES:
            refused(browser.get(path.format(**ids)), f"{name} GET {path}")
        token = csrf_token(browser)
        for path, form in PAGE_POSTS:
            refused(browser.post(path.format(**ids), data=form | {"csrf_token": token}), f"{name} POST {path}")
        api = app.test_client()
        for path in API_READS:
            refused(api.get(path.format(**ids), headers=bearer(tokens[name])), f"{name} GET {path}")
        for method, path, body in API_WRITES:
            response = api.open(path.format(**ids), method=method, json=body, headers=bearer(tokens[name]))
            refused(response, f"{name} {method} {path}")
    assert state(db_session) == before
