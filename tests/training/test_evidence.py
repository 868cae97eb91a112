"""Staff trained in a sponsor's shared-growth evidence: the firm's own courses of the year, their seated
learners and completions, the SMEs trained, each traced to a course or an enrolment; others' courses not."""

from __future__ import annotations

from funds.reports.evidence.report import evidence_report
from tests.training.making import enrol, publish
from tests.training.test_services import attend


def _training(app, db_session, user, year: int):
    with app.test_request_context():
        report = evidence_report(db_session, user, user.organisation_id, year, "en")
    (line,) = [line for line in report.lines if line.key == "training"]
    return report, {figure.key: figure for figure in line.figures}


def test_the_organisers_courses_of_the_year_count_their_learners_and_smes(app, db_session, world):
    course = publish(app, db_session, world.organiser.user, sessions=1, capacity=3)
    second = publish(app, db_session, world.organiser.user, sessions=2, capacity=1, title="디지털 트윈 입문")
    others = publish(app, db_session, world.outsider.user, sessions=2)  # another organiser's: not the firm's
    done = enrol(app, db_session, world.sme.user, course, "김민준")
    enrol(app, db_session, world.other_sme.user, course, "박도윤")
    enrol(app, db_session, world.sme.user, second, "최지우")
    waiting = enrol(app, db_session, world.other_sme.user, second, "대기자")  # the waiting list is not training
    enrol(app, db_session, world.sme.user, others, "이서연")
    attend(app, db_session, world, course, 0, [done])
    year = course.sessions[0].day.year

    report, figures = _training(app, db_session, world.organiser.user, year)
    assert report.lines[[line.key for line in report.lines].index("training")].recorded
    values = {key: figure.value for key, figure in figures.items()}
    assert values == {"courses": 2, "sessions": 3, "learners_enrolled": 3, "learners_completed": 1, "smes_trained": 2}
    assert [(r.kind, r.id, r.amount) for r in figures["courses"].records] == [
        ("course", course.id, 2),
        ("course", second.id, 1),
    ]
    assert all(r.endpoint == "training.enrolments" for r in figures["learners_enrolled"].records)  # its own roster
    assert waiting.id not in {r.id for r in figures["learners_enrolled"].records}
    assert [(r.kind, r.id) for r in figures["learners_completed"].records] == [("enrolment", done.id)]
    assert figures["learners_completed"].records[0].detail.startswith(course.title)

    _, elsewhere = _training(app, db_session, world.outsider.user, year)
    assert (elsewhere["courses"].value, elsewhere["learners_enrolled"].value) == (1, 1)
    _, next_year = _training(app, db_session, world.organiser.user, year + 1)
    assert next_year["courses"].value == next_year["smes_trained"].value == 0
