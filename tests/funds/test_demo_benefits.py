"""The demo world's service offers: a confirmed voucher counted in KEPCO's consulting, an open one, an offer
sponsor@ can grant from, and tenant discounts for 반월·시화; a second seed adds nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from funds.benefits import discounts, reads
from funds.models import ConsultingVoucher, TenantDiscount, VoucherOffer, VoucherStatus
from marketplace import clock
from marketplace.auth.models import User
from marketplace.organisations.models import Organisation


def rows(db_session) -> tuple[int, int, int]:
    return tuple(
        db_session.scalar(select(func.count()).select_from(model))
        for model in (VoucherOffer, ConsultingVoucher, TenantDiscount)
    )


def test_demo_service_offers(app, runner, db_session):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    first = rows(db_session)
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert rows(db_session) == first
    statuses = dict(
        db_session.execute(
            select(Organisation.name, ConsultingVoucher.status).join(
                Organisation, Organisation.id == ConsultingVoucher.sme_organisation_id
            )
        ).all()
    )
    assert statuses == {"반월도금": VoucherStatus.CONFIRMED, "동양열처리(주)": VoucherStatus.GRANTED}
    kepco = db_session.scalar(select(Organisation).where(Organisation.name == "한국전력공사"))
    delivered = reads.consulting_delivered(db_session, kepco.id, clock.today().year)
    assert delivered == reads.ConsultingDelivered(count=1, value_krw=15_000_000, hours=40, smes=1)
    assert reads.consulting_delivered_in_complex(db_session, "banwol", clock.today().year).value_krw == 15_000_000
    assert {offer.scope for offer in db_session.scalars(select(VoucherOffer))} == {
        "energy_efficiency",
        "smart_production",
    }
    sme = db_session.scalar(select(User).where(User.email == "sme@sangsaeng-demo.kr"))
    assert discounts.complex_of(db_session, sme) == "banwol"
    assert (
        db_session.scalar(
            select(func.count()).select_from(TenantDiscount).where(TenantDiscount.complex_code == "banwol")
        )
        == 2
    )
