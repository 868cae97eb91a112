"""The demo world's consortia: the 반월·시화 consortium (POSCO ICT leading KT, KEPCO and a machinery firm) in the
real pre-investment's proportions, a public co-funded round, projects drawing on the members pro rata; seeding
twice changes nothing and the ledger checks out."""

from __future__ import annotations

from sqlalchemy import select

from funds.consortia.figures import consortium_total, programme_members
from funds.ledger.check import run_checks
from marketplace.demo.consortia import BANWOL_SIHWA, PUBLIC_ROUND
from marketplace.demo.world import seed_demo
from marketplace.organisations.models import Organisation
from marketplace.programmes.models import SponsorProgramme


def test_the_demo_consortia(app, db_session):
    with app.app_context():
        first = seed_demo(db_session)
        again = seed_demo(db_session)
    assert first.consortia_created == 2
    assert again.consortia_created == 0
    programme = db_session.scalars(select(SponsorProgramme).where(SponsorProgramme.name == BANWOL_SIHWA)).one()
    rows = programme_members(db_session, programme.id)
    names = [db_session.get(Organisation, row.organisation_id).name_en for row in rows]
    assert names[0].startswith("POSCO ICT")
    assert rows[0].is_lead
    assert [row.pledged_krw for row in rows] == [2_400_000_000, 1_600_000_000, 1_400_000_000, 640_000_000]
    assert "KEPCO" in names
    total = consortium_total(rows)
    assert total.pledged_krw == programme.pledged_pool_krw == 6_040_000_000  # ₩60.4bn ÷ 10
    assert total.committed_krw > 0  # the tenants' projects drew on every member
    assert all(row.committed_krw > 0 for row in rows)
    public = db_session.scalars(select(SponsorProgramme).where(SponsorProgramme.name == PUBLIC_ROUND)).one()
    assert len(programme_members(db_session, public.id)) == 3
    assert run_checks(db_session) == []
