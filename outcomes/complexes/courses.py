"""A smart industrial complex's "Courses and learners" section (registered by the app factory).

Courses are those serving one of the complex's industrial complexes (`course.industrial_complex`: where it is held,
or the tenants it is for when online), not cancelled, by any organiser: all time, and this year (the year of their
first session). Learners are the seats taken (enrolled or completed), of whatever firm. Tenants whose staff trained
are the complex's tenant SMEs with a learner seated on any course on Sangsaeng (this complex's or another
organiser's, online included). All are counts of records the course pages already show, so they are public.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from marketplace import clock
from marketplace.page_sections import Card, ComplexScope, ComplexSection, Table
from marketplace.training.figures import courses_of, seated, training_by_sme, training_figures


def courses_section(session: Session, scope: ComplexScope) -> ComplexSection | None:
    codes = scope.complex.complexes
    courses = courses_of(session, complex_codes=codes)
    tenants = set(scope.tenant_ids)
    trained = [row for row in training_by_sme(session) if row.organisation_id in tenants]
    if not courses and not trained:
        return None
    year = clock.today().year
    every, this_year = (
        training_figures(session, complex_codes=codes),
        training_figures(session, complex_codes=codes, year=year),
    )
    learners: dict[int, list[int]] = {course.id: [0, 0] for course in courses}
    for enrolment in seated(session, list(learners)):
        learners[enrolment.course_id][0] += 1
        learners[enrolment.course_id][1] += enrolment.status == "completed"
    figures = {
        "courses": every.courses,
        "sessions": every.sessions,
        "learners_enrolled": every.learners_enrolled,
        "learners_completed": every.learners_completed,
        "year": year,
        "courses_this_year": this_year.courses,
        "learners_enrolled_this_year": this_year.learners_enrolled,
        "learners_completed_this_year": this_year.learners_completed,
        "tenants_trained": len(trained),
        "tenant_learners": sum(row.learners_enrolled for row in trained),
        "courses_list": [
            {"id": course.id, "title": course.title, "organiser": course.organisation.name_in(scope.locale),
             "first_day": course.first_day.isoformat() if course.first_day else None,
             "sessions": len(course.sessions), "learners_enrolled": learners[course.id][0],
             "learners_completed": learners[course.id][1]}
            for course in courses
        ],
    }  # fmt: skip
    cards = [
        Card(_("Courses"), every.courses),
        Card(_("Sessions"), every.sessions),
        Card(_("Learners enrolled"), every.learners_enrolled),
        Card(_("Learners who completed"), every.learners_completed),
        Card(_("Courses in %(year)d", year=year), this_year.courses),
        Card(_("Learners in %(year)d", year=year), this_year.learners_enrolled),
        Card(_("Tenants whose staff trained"), len(trained)),
    ]
    headers = [_("Course"), _("Organiser"), _("First session"), _("Sessions"), _("Learners enrolled"),
               _("Learners who completed")]  # fmt: skip
    table = Table(
        "complex-courses",
        _("Courses serving the complex (held there, or for its tenants online), not cancelled"),
        headers,
        [
            [Card(headers[0], course.title, "text"),
             Card(headers[1], course.organisation.name_in(scope.locale), "text"),
             Card(headers[2], course.first_day.isoformat() if course.first_day else "", "text"),
             Card(headers[3], len(course.sessions)), Card(headers[4], learners[course.id][0]),
             Card(headers[5], learners[course.id][1])]
            for course in courses
        ],
    )  # fmt: skip
    notes = [
        _("Tenants whose staff trained counts the complex's tenant firms with a learner on any course on Sangsaeng.")
    ]
    return ComplexSection("courses", _("Courses and learners"), figures, cards=cards, tables=[table], notes=notes)
