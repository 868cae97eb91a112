"""Vouchers under concurrency: grants at once, each request in its own connection and transaction. An offer
with 10 places and 30 SMEs asking at once grants exactly 10; 20 grants at once to one SME grant exactly one.
The offer's row lock (PostgreSQL) or the write lock (SQLite) orders the place count; the unique constraint
(programme, SME) holds the one-per-SME rule whatever happens."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from funds.benefits import vouchers
from funds.models import ConsultingVoucher
from marketplace.auth.models import Role
from marketplace.db import db
from tests.conftest import bearer, run_at_once
from tests.factories import context_of, make_api_token, make_organisation, make_programme, make_user
from tests.funds.benefits import offer_command
from tests.funds.test_commitment_concurrency import concurrent_app  # noqa: F401  (the fixture)

PLACES, ASKING = 10, 30


def test_concurrent_grants_take_exactly_the_places_and_one_per_sme(concurrent_app):  # noqa: F811
    app = concurrent_app
    with Session(db.state(app).engine, expire_on_commit=False) as session:
        sponsor, supplier = make_user(app, session, Role.SPONSOR), make_user(app, session, Role.SUPPLIER)
        programme = make_programme(app, session, sponsor)
        fields = {"provider_organisation_id": supplier.organisation_id, "places": PLACES}
        with app.test_request_context():
            offer = vouchers.add_offer(session, context_of(sponsor), programme, offer_command(**fields))
            second = vouchers.add_offer(
                session, context_of(sponsor), make_programme(app, session, sponsor), offer_command(**fields)
            )
        session.commit()
        smes = [make_organisation(session).id for _ in range(ASKING)]
        headers = bearer(make_api_token(app, session, sponsor)[1]) | {"Accept-Language": "en"}
        offer_id, second_id = offer.id, second.id
    assert app.test_client().get("/api/v1/me", headers=headers).status_code == 200
    statuses: list[int] = []

    def grant(body: dict) -> None:
        response = app.test_client().post("/api/v1/vouchers", json=body, headers=headers)
        statuses.append(response.status_code)

    run_at_once(grant, [{"offer_id": offer_id, "sme_organisation_id": sme} for sme in smes])
    assert Counter(statuses) == {201: PLACES, 409: ASKING - PLACES}

    statuses.clear()
    run_at_once(grant, [{"offer_id": second_id, "sme_organisation_id": smes[0]} for _ in range(20)])
    assert Counter(statuses) == {201: 1, 409: 19}
    with Session(db.state(app).engine) as session:
        counts = dict(
            session.execute(select(ConsultingVoucher.offer_id, func.count()).group_by(ConsultingVoucher.offer_id)).all()
        )
    assert counts == {offer_id: PLACES, second_id: 1}
