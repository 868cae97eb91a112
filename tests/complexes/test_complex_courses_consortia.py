"""The 반월·시화 page's "Courses and learners" and "Consortium members" sections on the demo world, each figure
summed here from the records; per-member money for officers only; no section without records."""

from __future__ import annotations

from sqlalchemy import select

from funds.models import AccountKind as A
from funds.models import LedgerAccount, ProgrammeMember
from marketplace import reference
from marketplace.auth.models import User
from marketplace.organisations.models import Organisation
from marketplace.programmes.models import SponsorProgramme
from marketplace.training.models import HOLDS_A_SEAT, Course, CourseStatus, Enrolment, EnrolmentStatus
from outcomes.complexes.services import complex_page
from tests.complexes.test_complex_figures import BANWOL_SIHWA, _section, _tenants
from tests.mentors.test_demo_mentors import seed


def _pages(app, db_session):
    seed(app, db_session)
    officer = db_session.scalar(select(User).where(User.email == "officer@sangsaeng-demo.kr"))
    with app.test_request_context():
        return complex_page(db_session, None, "banwol_sihwa", "en"), complex_page(
            db_session, officer, "banwol_sihwa", "en"
        )


def test_courses_and_learners_equal_the_course_records(app, db_session):
    visitor, officer = _pages(app, db_session)
    courses = list(
        db_session.scalars(
            select(Course).where(Course.industrial_complex.in_(BANWOL_SIHWA.complexes),
                                 Course.status != CourseStatus.CANCELLED)
        )
    )  # fmt: skip
    ids = [course.id for course in courses]
    seated = list(db_session.scalars(select(Enrolment).where(Enrolment.status.in_(HOLDS_A_SEAT))))
    here = [e for e in seated if e.course_id in ids]
    tenants = {organisation.id for organisation in _tenants(db_session, BANWOL_SIHWA)}
    figures = _section(visitor, "courses").figures
    assert (
        figures["courses"] == len(courses) == 3
    )  # 한국산업단지공단's three (Samsung's online course serves no complex)
    assert figures["sessions"] == sum(len(course.sessions) for course in courses) == 12
    assert figures["learners_enrolled"] == len(here) == 8  # the CEO course's waiting learner not counted
    assert figures["learners_completed"] == sum(e.status == EnrolmentStatus.COMPLETED for e in here) == 4
    assert figures["tenants_trained"] == len({e.organisation_id for e in seated if e.organisation_id in tenants}) == 5
    assert [row["id"] for row in figures["courses_list"]] == sorted(ids)
    assert _section(officer, "courses").figures == figures  # counts: the same for everyone


def test_consortium_members_are_public_and_their_money_is_the_officers(app, db_session):
    visitor, officer = _pages(app, db_session)
    public = _section(visitor, "consortia").figures
    programmes = {c["programme_id"]: c for c in public["consortia"]}
    members = list(db_session.scalars(select(ProgrammeMember).where(ProgrammeMember.programme_id.in_(programmes))))
    assert len(programmes) == 2  # the POSCO ICT consortium and the public companies' round
    for programme_id, consortium in programmes.items():
        own = [m for m in members if m.programme_id == programme_id]
        assert consortium["pledged_krw"] == sum(m.pledged_krw for m in own)
        assert consortium["pledged_krw"] == db_session.get(SponsorProgramme, programme_id).pledged_pool_krw
        names = {o.id: o.name_in("en") for o in db_session.scalars(select(Organisation))}
        assert consortium["members"] == [names[m.organisation_id] for m in own]
    posco = next(c for c in public["consortia"] if c["lead"] == "POSCO ICT Co., Ltd.")
    assert posco["pledged_krw"] == 6_040_000_000
    assert len(posco["members"]) == 4
    assert public["member_organisations"] == len({m.organisation_id for m in members}) == 7
    assert "members" not in public  # each member's money: not the public's
    assert "complex-consortium-members" not in {t.id for t in _section(visitor, "consortia").tables}

    full = _section(officer, "consortia").figures
    committed = dict(
        db_session.execute(
            select(LedgerAccount.owner_id, LedgerAccount.balance_krw).where(LedgerAccount.kind == A.MEMBER_COMMITTED)
        ).all()
    )
    in_order = sorted(members, key=lambda m: (m.programme_id, m.id))
    assert [row["pledged_krw"] for row in full["members"]] == [m.pledged_krw for m in in_order]
    assert [row["committed_krw"] for row in full["members"]] == [committed.get(m.id, 0) for m in in_order]
    assert full["consortia"] == public["consortia"]


def test_a_complex_without_courses_or_consortia_shows_neither(app, db_session):
    seed(app, db_session)
    last = reference.SMART_COMPLEXES[-1]  # 구미: tenants, no course or consortium there
    with app.test_request_context():
        page = complex_page(db_session, None, last.code, "en")
    keys = {section.key for section in page.sections}
    assert not keys & {"courses", "consortia"}
    assert {"Courses and learners", "Consortium members"} <= {str(title) for title in page.empty}
