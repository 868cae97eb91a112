"""Courses: publish, find, close or cancel; enrol learners (a seat or the waiting list), cancel, record attendance.

Services flush and never commit (the request does). Seats are counted in seats.py, under the course's row lock.
"""

from __future__ import annotations

from datetime import time

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from marketplace.audit import record_admin_edit
from marketplace.auth.models import User
from marketplace.context import ServiceContext
from marketplace.db import utcnow
from marketplace.errors import Conflict, NotFound, ValidationFailed
from marketplace.notifications.services import notify
from marketplace.permissions import require_verified_email
from marketplace.policy import NOT_YOURS, can, ensure, found, visible
from marketplace.search import Page, paginate
from marketplace.training import seats
from marketplace.training.commands import (
    AttendanceIn,
    CourseChange,
    CourseFilters,
    CourseIn,
    LearnerIn,
    place_or_online,
    session_times,
)
from marketplace.training.models import (
    COURSE_MOVES,
    ENROLMENT_MOVES,
    HOLDS_A_SEAT,
    Attendance,
    Course,
    CourseSession,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
    Side,
    sessions_to_complete,
)
from marketplace.training.policies import can_hold_certificate, sides_of
from marketplace.validation import fail

MISSING_COURSE = _l("No such course.")
MISSING_ENROLMENT = _l("No such enrolment.")
MISSING_SESSION = _l("No such session of this course.")
NOT_COMPLETED = _l("This learner has not completed the course yet: the certificate comes with completion.")


def publish_course(session: Session, ctx: ServiceContext, command: CourseIn) -> Course:
    """A course with its sessions, open for enrolment at once."""
    ensure(ctx.actor, "create", Course, _l("Only sponsors, complex operators and suppliers publish courses."))
    values = command.every_value()
    CourseIn.check(values)
    course = Course(
        organisation_id=ctx.actor.organisation_id,
        author_id=ctx.actor.id,
        title=values["title"].strip(),
        description=values["description"].strip(),
        topic=values["topic"],
        level=values["level"],
        audience=values["audience"],
        online=bool(values["online"]),
        place=(values["place"] or "").strip() or None,
        industrial_complex=values["industrial_complex"] or None,
        capacity=values["capacity"],
        seats_taken=0,
        fee_krw=values["fee_krw"] or 0,
        status=CourseStatus.OPEN,
    )
    for item in values["sessions"]:
        day, starts, ends = session_times(item) or _unreadable()
        course.sessions.append(CourseSession(day=day, starts=starts, ends=ends))
    session.add(course)
    session.flush()
    return course


def edit_course(session: Session, ctx: ServiceContext, course: Course, command: CourseChange) -> Course:
    """Change the fields given. The seats may grow (learners waiting move up into the new seats) but not fall below
    the seats taken; the sessions given replace the course's, except that a session with attendance recorded must
    stay as it was. Learners who completed stay completed."""
    ensure(ctx.actor, "manage", course, NOT_YOURS)
    if course.status == CourseStatus.CANCELLED:
        raise Conflict(_l("This course was cancelled."))
    changes = command.values()
    CourseChange.check(changes)
    locked = seats.lock_course(session, course.id) or course
    current = {"online": locked.online, "place": locked.place}
    place_or_online(current | {k: v for k, v in changes.items() if k in current})
    capacity = changes.get("capacity")
    if capacity is not None and capacity < locked.seats_taken:
        raise fail(
            "capacity",
            _l(
                "%(taken)d seats are taken: the course cannot have fewer seats than that.",
                taken=locked.seats_taken,
            ),
        )
    for name in ("title", "description"):
        if name in changes:
            changes[name] = changes[name].strip()
    if "place" in changes:
        changes["place"] = (changes["place"] or "").strip() or None
    if "fee_krw" in changes:
        changes["fee_krw"] = changes["fee_krw"] or 0
    plain = {name: value for name, value in changes.items() if name != "sessions"}
    record_admin_edit(session, ctx.actor, locked, "edit", plain)  # an admin's change to another's course
    for name in ("title", "description", "topic", "level", "audience", "online", "place", "fee_krw"):
        if name in changes:
            setattr(locked, name, changes[name])
    if "industrial_complex" in changes:
        locked.industrial_complex = changes["industrial_complex"] or None
    if changes.get("sessions") is not None:
        _replace_sessions(session, locked, changes["sessions"])
    session.flush()
    if capacity is not None and capacity != locked.capacity:
        locked.capacity = capacity
        session.flush()
        _fill_new_seats(session, ctx, locked)
    return locked


def _replace_sessions(session: Session, course: Course, items: list[object]) -> None:
    """The course's sessions become the given ones; a session with attendance recorded is kept as it was (and must
    be among the given ones), the others are removed or added."""
    wanted = [session_times(item) or _unreadable() for item in items]
    attended = set(
        session.scalars(select(Attendance.session_id).join(CourseSession).where(CourseSession.course_id == course.id))
    )
    kept: list[CourseSession] = []
    for existing in list(course.sessions):
        times = (existing.day, existing.starts, existing.ends)
        if times in wanted:
            wanted.remove(times)
            kept.append(existing)
        elif existing.id in attended:
            raise fail(
                "sessions",
                _l(
                    "Attendance is recorded for the session of %(day)s: it cannot be changed or removed.",
                    day=existing.day.isoformat(),
                ),
            )
    course.sessions[:] = kept + [CourseSession(day=day, starts=starts, ends=ends) for day, starts, ends in wanted]
    course.sessions.sort(key=lambda s: (s.day, s.starts))


def _fill_new_seats(session: Session, ctx: ServiceContext, course: Course) -> None:
    """Seats added to an open course go to the learners waiting, first come first served, who are told."""
    if course.status != CourseStatus.OPEN:
        return
    waiting = _enrolments(session, course, (EnrolmentStatus.WAITING,))
    for enrolment in waiting:
        if not seats.claim_seat(session, course):
            break
        enrolment.status = ENROLMENT_MOVES.target_for(enrolment.status, "promote", [Side.RULES], NOT_YOURS)
        session.flush()
        _tell_seat_offered(session, ctx, enrolment, course)


def _tell_seat_offered(session: Session, ctx: ServiceContext, enrolment: Enrolment, course: Course) -> None:
    """The SME of a learner who moved up from the waiting list is told."""
    notify(
        session,
        [enrolment.enrolled_by],
        "course_seat_offered",
        "/courses/mine",
        site_url=ctx.site_url,
        actor=ctx.actor,
        learner=enrolment.learner_name,
        title=course.title,
    )


def _unreadable() -> tuple[object, time, time]:
    raise fail("sessions", _l("Give at least one session."))  # Sessions() has refused it already


def get_course(session: Session, viewer: User | None, course_id: int) -> Course:
    return found(viewer, session.get(Course, course_id), MISSING_COURSE)


def search_courses(session: Session, viewer: User | None, filters: CourseFilters) -> Page[Course]:
    """Courses that fit the filters, the soonest first session first."""
    conditions: list[ColumnElement[bool]] = [visible(viewer, Course)]
    if filters.status != "all":
        conditions.append(Course.status == CourseStatus.OPEN)
    if filters.topic:
        conditions.append(Course.topic == filters.topic)
    if filters.complex:
        conditions.append(Course.industrial_complex == filters.complex)
    if filters.audience:
        conditions.append(Course.audience == filters.audience)
    if filters.online is not None:
        conditions.append(Course.online.is_(filters.online))
    if filters.free is not None:
        conditions.append((Course.fee_krw == 0) if filters.free else (Course.fee_krw > 0))
    if filters.q:
        words = filters.q.strip()[:100]
        conditions.append(
            Course.title.contains(words, autoescape=True) | Course.description.contains(words, autoescape=True)
        )
    first_day = select(func.min(CourseSession.day)).where(CourseSession.course_id == Course.id).scalar_subquery()
    return paginate(session, Course, conditions, "", [first_day.asc()], filters.page, filters.per_page)


def organised_courses(session: Session, actor: User) -> list[Course]:
    """The courses of the actor's organisation, newest first."""
    if actor.organisation_id is None:
        return []
    statement = select(Course).where(Course.organisation_id == actor.organisation_id).order_by(Course.id.desc())
    return list(session.scalars(statement))


def move_course(session: Session, ctx: ServiceContext, course: Course, action: str) -> Course:
    """Close enrolment, reopen it, or cancel the course (its live enrolments are cancelled and told)."""
    ensure(ctx.actor, "manage", course, NOT_YOURS)
    locked = seats.lock_course(session, course.id) or course
    locked.status = COURSE_MOVES.target(locked.status, action)
    if locked.status == CourseStatus.CANCELLED:
        live = _enrolments(session, course, (EnrolmentStatus.WAITING, EnrolmentStatus.ENROLLED))
        for enrolment in live:
            enrolment.status, enrolment.cancelled_at = EnrolmentStatus.CANCELLED, utcnow()
        locked.seats_taken = sum(1 for e in _enrolments(session, course, HOLDS_A_SEAT))
        notify(
            session,
            {e.enrolled_by.id: e.enrolled_by for e in live}.values(),
            "course_cancelled",
            f"/courses/{course.id}",
            site_url=ctx.site_url,
            actor=ctx.actor,
            title=course.title,
        )
    session.flush()
    return locked


def enrol_learner(session: Session, ctx: ServiceContext, course: Course, command: LearnerIn) -> Enrolment:
    """Enrol one of the SME's staff: a seat if one is free, else the waiting list (in order of enrolment)."""
    ensure(ctx.actor, "enrol", course, _l("Only SMEs enrol learners, and only while the course is open."))
    require_verified_email(ctx.actor)
    values = command.every_value()
    LearnerIn.check(values)
    name = values["learner_name"].strip()
    email = (values["learner_email"] or "").strip() or None
    locked = seats.lock_course(session, course.id)
    if locked is None or locked.status != CourseStatus.OPEN:
        raise Conflict(_l("This course no longer takes enrolments."))
    twice = session.scalar(
        select(func.count())
        .select_from(Enrolment)
        .where(
            Enrolment.course_id == course.id,
            Enrolment.organisation_id == ctx.actor.organisation_id,
            Enrolment.learner_name == name,
            Enrolment.status != EnrolmentStatus.CANCELLED,
        )
    )
    if twice:
        raise ValidationFailed(
            _l("%(name)s is already enrolled on this course.", name=name),
            fields={"learner_name": [str(_l("%(name)s is already enrolled on this course.", name=name))]},
        )
    seated = seats.claim_seat(session, locked)
    enrolment = Enrolment(
        course_id=course.id,
        organisation_id=ctx.actor.organisation_id,
        enrolled_by_id=ctx.actor.id,
        learner_name=name,
        learner_role=(values["learner_role"] or "").strip(),
        learner_email=email,
        status=EnrolmentStatus.ENROLLED if seated else EnrolmentStatus.WAITING,
    )
    session.add(enrolment)
    session.flush()
    return enrolment


def get_enrolment(session: Session, viewer: User | None, enrolment_id: int, course_id: int | None = None) -> Enrolment:
    enrolment = session.get(Enrolment, enrolment_id)
    if enrolment is not None and course_id is not None and enrolment.course_id != course_id:
        enrolment = None
    return found(viewer, enrolment, MISSING_ENROLMENT)


def ensure_certificate(viewer: User, enrolment: Enrolment) -> None:
    """The learner's SME and the course's organiser may download a completed learner's certificate: before the
    learner completes they are told so (Conflict); to anyone else the certificate does not exist (NotFound)."""
    if can(viewer, "download_certificate", enrolment):
        return
    if enrolment.status != EnrolmentStatus.COMPLETED and can_hold_certificate(viewer, enrolment):
        raise Conflict(NOT_COMPLETED)
    raise NotFound(MISSING_ENROLMENT)


def cancel_enrolment(session: Session, ctx: ServiceContext, enrolment: Enrolment) -> Enrolment | None:
    """Cancel a seat or a place on the waiting list; a freed seat goes to the first waiting learner, whose SME is
    told. Returns the promoted enrolment, if any."""
    locked = seats.lock_course(session, enrolment.course_id)
    session.refresh(enrolment, ["status"])
    ENROLMENT_MOVES.target_for(enrolment.status, "cancel", sides_of(ctx.actor, enrolment), NOT_YOURS)
    held_seat = enrolment.status == EnrolmentStatus.ENROLLED
    enrolment.status, enrolment.cancelled_at = EnrolmentStatus.CANCELLED, utcnow()
    session.flush()
    if not held_seat or locked is None:
        return None
    promoted = seats.pass_seat_on(session, locked)
    if promoted is not None:
        _tell_seat_offered(session, ctx, promoted, locked)
    return promoted


def course_enrolments(session: Session, viewer: User, course: Course) -> list[Enrolment]:
    """The enrolments the viewer may see on this course: all of them for its organiser, the SME's own for an SME."""
    statement = (
        select(Enrolment).where(Enrolment.course_id == course.id, visible(viewer, Enrolment)).order_by(Enrolment.id)
    )
    return sorted(session.scalars(statement), key=lambda e: (e.status == EnrolmentStatus.WAITING, e.id))


def my_enrolments(session: Session, actor: User) -> list[Enrolment]:
    """The learners the actor's SME enrolled, newest first."""
    if actor.organisation_id is None:
        return []
    statement = (
        select(Enrolment).where(Enrolment.organisation_id == actor.organisation_id).order_by(Enrolment.id.desc())
    )
    return list(session.scalars(statement))


def get_session(course: Course, session_id: int) -> CourseSession:
    for course_session in course.sessions:
        if course_session.id == session_id:
            return course_session
    raise NotFound(MISSING_SESSION)


def record_attendance(
    session: Session, ctx: ServiceContext, course: Course, course_session: CourseSession, command: AttendanceIn
) -> list[Enrolment]:
    """Mark who was at a session (every seated learner not named was absent), then apply the completion rule:
    a learner who attended COMPLETION_PERCENT of the sessions or more has completed (and a correction below it
    undoes that). Returns the learners who completed with this record."""
    ensure(ctx.actor, "manage", course, NOT_YOURS)
    if course.status == CourseStatus.CANCELLED:
        raise Conflict(_l("This course was cancelled."))
    seated = {e.id: e for e in _enrolments(session, course, HOLDS_A_SEAT)}
    present = set(command.present)
    unknown = present - set(seated)
    if unknown:
        raise fail("present", _l("Only learners with a seat on this course can be marked present."))
    marks = {
        mark.enrolment_id: mark
        for mark in session.scalars(select(Attendance).where(Attendance.session_id == course_session.id))
    }
    for enrolment_id in seated:
        mark = marks.get(enrolment_id)
        if mark is None:
            mark = Attendance(enrolment_id=enrolment_id, session_id=course_session.id, recorded_by_id=ctx.actor.id)
            session.add(mark)
        mark.present, mark.recorded_by_id = enrolment_id in present, ctx.actor.id
    session.flush()
    needed = sessions_to_complete(len(course.sessions))
    completed = []
    for enrolment in seated.values():
        session.refresh(enrolment, ["attendance"])
        enough = enrolment.sessions_attended >= needed
        if enough and enrolment.status == EnrolmentStatus.ENROLLED:
            enrolment.status = ENROLMENT_MOVES.target_for(enrolment.status, "complete", [Side.RULES], NOT_YOURS)
            enrolment.completed_on = ctx.today
            completed.append(enrolment)
        elif not enough and enrolment.status == EnrolmentStatus.COMPLETED:
            enrolment.status = ENROLMENT_MOVES.target_for(enrolment.status, "reopen", [Side.RULES], NOT_YOURS)
            enrolment.completed_on = None
    session.flush()
    return completed


def attendance_grid(session: Session, course: Course) -> dict[tuple[int, int], bool]:
    """(enrolment id, session id) → present, for the organiser's table."""
    statement = select(Attendance).join(CourseSession).where(CourseSession.course_id == course.id)
    return {(mark.enrolment_id, mark.session_id): mark.present for mark in session.scalars(statement)}


def _enrolments(session: Session, course: Course, states: tuple[EnrolmentStatus, ...]) -> list[Enrolment]:
    statement = select(Enrolment).where(Enrolment.course_id == course.id, Enrolment.status.in_(states))
    return list(session.scalars(statement.order_by(Enrolment.id)))
