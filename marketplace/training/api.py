"""/api/v1/courses: the course catalogue, publishing a course, enrolments (a seat or the waiting list),
cancelling one, recording a session's attendance, changing a course and a completed learner's certificate (PDF).
The same rules as the pages."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from flask import Response, request
from pydantic import field_serializer

from marketplace.api import bp, query
from marketplace.api.conventions import OutputSchema, dump, page_body, parse_body
from marketplace.api.openapi import creates, operation
from marketplace.context import from_request
from marketplace.db import db
from marketplace.exports import download
from marketplace.i18n import current_language
from marketplace.permissions import acting_user, actor, requires
from marketplace.policy import ensure
from marketplace.training import services as training
from marketplace.training.certificates import certificate_filename, certificate_pdf
from marketplace.training.commands import AttendanceIn, CourseChange, CourseIn, LearnerIn, read_course_filters
from marketplace.training.models import Course, Enrolment

LIST_QUERY = (
    query.text("q", "Words of the title or description"),
    query.code("topic", "Topic code, e.g. ai", "training_topics"),
    query.code("complex", "Industrial complex the course serves, e.g. banwol", "industrial_complexes"),
    query.code("audience", "'staff' or 'ceo'", "training_audiences"),
    query.choice("online", "Only online courses (true) or only in person (false)", ("true", "false")),
    query.choice("free", "Only free courses (true) or only paid ones (false)", ("true", "false")),
    query.choice("status", "'open' (default): taking enrolments; 'all': also closed and cancelled", ("open", "all")),
    *query.PAGING,
)


class SessionOut(OutputSchema):
    id: int
    day: date
    starts: time
    ends: time

    @field_serializer("starts", "ends")
    def _clock(self, value: time) -> str:
        return value.strftime("%H:%M")  # Korean time, as the organiser typed it


class CourseOut(OutputSchema):
    id: int
    organisation_id: int
    title: str
    description: str
    topic: str
    level: str
    audience: str
    online: bool
    place: str | None
    industrial_complex: str | None
    capacity: int
    seats_taken: int
    seats_left: int
    fee_krw: int
    status: str
    sessions: list[SessionOut]
    sessions_to_complete: int


class CourseList(OutputSchema):
    items: list[CourseOut]
    total: int
    page: int
    per_page: int


class EnrolmentOut(OutputSchema):
    id: int
    course_id: int
    organisation_id: int
    learner_name: str
    learner_role: str
    learner_email: str | None
    status: str
    sessions_attended: int
    completed_on: date | None
    certificate_number: str | None


class EnrolmentList(OutputSchema):
    items: list[EnrolmentOut]


class AttendanceOut(OutputSchema):
    session_id: int
    present: list[int]
    completed: list[EnrolmentOut]


def course_body(course: Course) -> dict[str, Any]:
    return dump(CourseOut, course)


def enrolment_body(enrolment: Enrolment) -> dict[str, Any]:
    number = enrolment.certificate_number if enrolment.status == "completed" else None
    return dump(EnrolmentOut, enrolment) | {"certificate_number": number}


@bp.get("/courses")
@operation(
    "List training courses (open ones by default); no token needed",
    "courses",
    response=CourseList,
    errors=(400,),
    query=LIST_QUERY,
    public=True,
)
def list_courses() -> dict[str, Any]:
    filters = read_course_filters(request.args, strict=True)
    return page_body(training.search_courses(db.session, acting_user(), filters), course_body)


@bp.post("/courses")
@creates("Publish a course (sponsors, complex operators, suppliers)", "courses", CourseIn, CourseOut)
@requires()
def create_course() -> tuple[dict[str, Any], int]:
    course = training.publish_course(db.session, from_request(actor()), parse_body(CourseIn))
    return course_body(course), 201


@bp.get("/courses/<int:course_id>")
@operation("One course; no token needed", "courses", response=CourseOut, errors=(404,), public=True)
def get_course(course_id: int) -> dict[str, Any]:
    return course_body(training.get_course(db.session, acting_user(), course_id))


@bp.patch("/courses/<int:course_id>")
@operation(
    "Change a course (its organiser): the fields given; seats not below those taken, attended sessions kept",
    "courses",
    body=CourseChange,
    response=CourseOut,
    errors=(400, 401, 403, 404, 409),
)
@requires()
def change_course(course_id: int) -> dict[str, Any]:
    course = training.get_course(db.session, actor(), course_id)
    course = training.edit_course(db.session, from_request(actor()), course, parse_body(CourseChange))
    return course_body(course)


@bp.get("/courses/<int:course_id>/enrolments")
@operation(
    "A course's enrolments: all of them for its organiser, your own learners for an SME",
    "courses",
    response=EnrolmentList,
    errors=(401, 404),
)
@requires()
def list_enrolments(course_id: int) -> dict[str, Any]:
    course = training.get_course(db.session, actor(), course_id)
    return {"items": [enrolment_body(e) for e in training.course_enrolments(db.session, actor(), course)]}


@bp.post("/courses/<int:course_id>/enrolments")
@creates("Enrol one of your staff: a seat if one is free, else the waiting list", "courses", LearnerIn, EnrolmentOut)
@requires()
def create_enrolment(course_id: int) -> tuple[dict[str, Any], int]:
    course = training.get_course(db.session, actor(), course_id)
    enrolment = training.enrol_learner(db.session, from_request(actor()), course, parse_body(LearnerIn))
    return enrolment_body(enrolment), 201


@bp.post("/courses/<int:course_id>/enrolments/<int:enrolment_id>/cancel")
@operation(
    "Cancel an enrolment (the SME or the organiser); a freed seat goes to the first learner waiting",
    "courses",
    response=EnrolmentOut,
    errors=(401, 403, 404, 409),
)
@requires()
def cancel_enrolment(course_id: int, enrolment_id: int) -> dict[str, Any]:
    enrolment = training.get_enrolment(db.session, actor(), enrolment_id, course_id)
    training.cancel_enrolment(db.session, from_request(actor()), enrolment)
    return enrolment_body(enrolment)


@bp.get("/courses/<int:course_id>/enrolments/<int:enrolment_id>/certificate")
@operation(
    "A completed learner's certificate (PDF), for the learner's SME and the course's organiser",
    "courses",
    errors=(401, 404, 409),
)
@requires()
def certificate(course_id: int, enrolment_id: int) -> Response:
    enrolment = training.get_enrolment(db.session, actor(), enrolment_id, course_id)
    training.ensure_certificate(actor(), enrolment)
    pdf = certificate_pdf(enrolment, current_language())
    return download(pdf, certificate_filename(enrolment))


@bp.put("/courses/<int:course_id>/sessions/<int:session_id>/attendance")
@operation(
    "Record who was at a session (the organiser); learners reaching the completion rule complete",
    "courses",
    body=AttendanceIn,
    response=AttendanceOut,
    errors=(400, 401, 403, 404, 409),
)
@requires()
def record_attendance(course_id: int, session_id: int) -> dict[str, Any]:
    course = training.get_course(db.session, actor(), course_id)
    ensure(actor(), "manage", course)
    course_session = training.get_session(course, session_id)
    command = parse_body(AttendanceIn)
    completed = training.record_attendance(db.session, from_request(actor()), course, course_session, command)
    return {
        "session_id": course_session.id,
        "present": sorted(set(command.present)),
        "completed": [enrolment_body(e) for e in completed],
    }


@bp.get("/courses/enrolments/mine")
@operation("Your SME's learners on every course, newest first", "courses", response=EnrolmentList, errors=(401,))
@requires()
def my_enrolments() -> dict[str, Any]:
    return {"items": [enrolment_body(e) for e in training.my_enrolments(db.session, actor())]}
