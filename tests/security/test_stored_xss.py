"""Stored XSS: markup typed into any listing, profile or message is shown as text on every page that shows it."""

from __future__ import annotations

from marketplace.auth.models import Role
from marketplace.interests.models import Interest, TargetType
from tests.conftest import log_in
from tests.factories import PASSWORD, make_mentor, make_need, make_programme, make_solution, make_user

# A script element, a break out of an attribute, an element with a handler: one text, every field.
PIECES = ('<script>alert("ssg")</script>', '"><img src=x onerror=alert(1)>', "<svg/onload=alert(1)>")


def test_markup_in_stored_text_is_escaped_on_every_page(app, client, db_session):
    payload = "".join(PIECES)
    sme = make_user(app, db_session, Role.SME, display_name=payload)
    sme.organisation.name = payload
    supplier = make_user(app, db_session, Role.SUPPLIER)
    sponsor = make_user(app, db_session, Role.SPONSOR)
    need = make_need(db_session, sme, title=payload, description=payload)
    solution = make_solution(db_session, supplier, title=payload, description=payload, notable_customers=payload)
    programme = make_programme(app, db_session, sponsor=sponsor, title=payload, description=payload)
    mentor = make_mentor(app, db_session, headline=payload, bio=payload, former_employer=payload)
    interest = Interest(
        sender_id=supplier.id, sender_organisation_id=supplier.organisation_id, target_type=TargetType.NEED,
        target_id=need.id, target_title=payload, recipient_organisation_id=sme.organisation_id, message=payload,
    )  # fmt: skip
    db_session.add(interest)
    db_session.commit()
    log_in(client, supplier.email, PASSWORD)  # not the owners: their pages would load the matching model
    pages = [
        f"/needs/{need.id}",
        "/needs/",
        f"/solutions/{solution.id}",
        "/solutions/",
        f"/programmes/{programme.id}",
        "/programmes/",
        f"/organisations/{sme.organisation_id}",
        f"/mentors/{mentor.id}",
        "/mentors/",
        "/interests/?box=out",
        f"/interests/{interest.id}",
        "/dashboard",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.get_data(as_text=True)
        assert not [piece for piece in PIECES if piece in page], path
    # The text is there, escaped: what was typed is what is shown.
    assert "&lt;" in client.get(f"/needs/{need.id}").get_data(as_text=True)
