"""Training in a sponsor's shared-growth evidence: the courses the firm itself organised in the year, their
learners (enrolled and completed) and the SMEs whose staff they trained (a `marketplace.evidence` line,
registered by the app factory).

Only the firm's own courses count (the course's organiser is the firm), by the year of their first session,
cancelled courses left out: a course another organiser runs for tenants of a complex the firm's programme
supports is that organiser's evidence, not the firm's. Learners are the seats taken (enrolled or completed);
the waiting list and cancelled enrolments are not training given. docs/shared-growth.md says the same.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from marketplace.evidence import Figure, Line, Record, Scope
from marketplace.policy import can
from marketplace.training.figures import courses_of, seated
from marketplace.training.models import Course, Enrolment, EnrolmentStatus


def _status(enrolment: Enrolment) -> str:
    if enrolment.status == EnrolmentStatus.COMPLETED and enrolment.completed_on is not None:
        return _("completed on %(day)s", day=enrolment.completed_on.isoformat())
    return _("enrolled")


def training_line(session: Session, scope: Scope) -> Line:
    courses = courses_of(session, organiser_id=scope.organisation_id, year=scope.year)
    enrolments = seated(session, [course.id for course in courses])
    by_id: dict[int, Course] = {course.id: course for course in courses}
    learners = {course.id: 0 for course in courses}
    for enrolment in enrolments:
        learners[enrolment.course_id] += 1

    def page(course: Course, roster: bool = False) -> tuple[str | None, dict[str, int]]:
        if roster and can(scope.viewer, "see_enrolments", course):
            return "training.enrolments", {"course_id": course.id}
        return ("training.show", {"course_id": course.id}) if can(scope.viewer, "view", course) else (None, {})

    course_records = []
    for course in courses:
        first = course.first_day.isoformat() if course.first_day else ""
        detail = _("from %(day)s, %(sessions)d sessions", day=first, sessions=len(course.sessions))
        course_records.append(Record("course", course.id, course.title, detail, learners[course.id], *page(course)))
    learner_records = [
        Record(
            "enrolment", e.id, e.organisation.name_in(scope.locale), f"{by_id[e.course_id].title} · {_status(e)}",
            1, *page(by_id[e.course_id], roster=True),
        )
        for e in enrolments
    ]  # fmt: skip
    completed = [r for r, e in zip(learner_records, enrolments, strict=True) if e.status == EnrolmentStatus.COMPLETED]
    note = _l(
        "Courses the firm organised whose first session falls in the year (not cancelled); their seated learners."
    )
    figures = [
        Figure("courses", _l("Courses organised"), len(courses), "count", course_records, note),
        Figure("sessions", _l("Sessions held"), sum(len(c.sessions) for c in courses), "count", course_records, note),
        Figure("learners_enrolled", _l("Learners enrolled"), len(enrolments), "count", learner_records,
               _l("Learners of those courses with a seat (enrolled or completed); not the waiting list.")),
        Figure("learners_completed", _l("Learners who completed"), len(completed), "count", completed,
               _l("Learners of those courses who completed (attended enough sessions).")),
        Figure("smes_trained", _l("SMEs whose staff were trained"), len({e.organisation_id for e in enrolments}),
               "count", learner_records, _l("Distinct SMEs with a learner seated on those courses.")),
    ]  # fmt: skip
    return Line("training", _l("Staff trained"), figures)
