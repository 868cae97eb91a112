"""The course pages: browse, a course, publish one, enrol a learner, the organiser's enrolments and attendance,
"my courses", and a completion certificate."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as WerkzeugResponse

from marketplace import clock
from marketplace.auth.models import User
from marketplace.context import from_request
from marketplace.db import db
from marketplace.errors import DomainError, NotFound
from marketplace.exports import download
from marketplace.forms import apply_domain_error, save_form
from marketplace.i18n import current_language
from marketplace.permissions import acting_user, actor, allowed, requires
from marketplace.policy import can, ensure
from marketplace.training import bp
from marketplace.training import services as training
from marketplace.training.certificates import certificate_filename, certificate_pdf
from marketplace.training.commands import AttendanceIn, CourseChange, CourseIn, LearnerIn, read_course_filters
from marketplace.training.fit import courses_for_need
from marketplace.training.forms import AttendanceForm, CourseForm, LearnerForm, edit_course_form
from marketplace.training.models import COURSE_MOVES, Course
from matching.kinds import Kind


def need_courses(viewer: User | None, kind: Kind, listing: object) -> dict[str, object]:
    """The need page's section: courses that fit the need, with why (page_sections registry)."""
    if kind != Kind.NEED:
        return {}
    fits = courses_for_need(db.session, listing, clock.today(), current_language())
    return {"course_fits": fits} if fits else {}


@bp.get("/")
def browse() -> str:
    filters = read_course_filters(request.args, strict=False)
    page = training.search_courses(db.session, acting_user(), filters)
    return render_template("training/browse.html", page=page, filters=filters)


@bp.route("/new", methods=["GET", "POST"])
@allowed("create", Course)
def new() -> str | WerkzeugResponse:
    form = CourseForm()
    saved = save_form(
        form,
        lambda: training.publish_course(db.session, from_request(actor()), form.command(CourseIn)),
        _("Your course is published and open for enrolment."),
        lambda course: url_for("training.show", course_id=course.id),
    )
    return saved or render_template("training/form.html", form=form)


@bp.route("/<int:course_id>/edit", methods=["GET", "POST"])
@requires()
def edit(course_id: int) -> str | WerkzeugResponse:
    course = training.get_course(db.session, actor(), course_id)
    ensure(actor(), "manage", course)
    form = edit_course_form(course)
    saved = save_form(
        form,
        lambda: training.edit_course(db.session, from_request(actor()), course, form.command(CourseChange)),
        _("The course is changed."),
        lambda changed: url_for("training.show", course_id=changed.id),
    )
    return saved or render_template("training/form.html", form=form, course=course)


@bp.get("/<int:course_id>")
def show(course_id: int, form: LearnerForm | None = None) -> str:
    viewer = acting_user()
    course = training.get_course(db.session, viewer, course_id)
    mine = training.course_enrolments(db.session, viewer, course) if viewer is not None else []
    return render_template(
        "training/show.html",
        course=course,
        form=form or LearnerForm(),
        enrolments=mine,
        actions=COURSE_MOVES.available(course.status) if can(viewer, "manage", course) else [],
    )


@bp.post("/<int:course_id>/enrol")
@requires()
def enrol(course_id: int) -> str | WerkzeugResponse:
    course = training.get_course(db.session, actor(), course_id)
    form = LearnerForm()
    if form.validate_on_submit():
        try:
            enrolment = training.enrol_learner(db.session, from_request(actor()), course, form.command(LearnerIn))
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            if enrolment.status == "waiting":
                flash(_("The course is full: %(name)s is on the waiting list.", name=enrolment.learner_name), "info")
            else:
                flash(_("%(name)s is enrolled.", name=enrolment.learner_name), "success")
            return redirect(url_for("training.show", course_id=course.id))
    return show(course_id, form=form)


@bp.post("/<int:course_id>/transitions")
@requires()
def transition(course_id: int) -> WerkzeugResponse:
    course = training.get_course(db.session, actor(), course_id)
    training.move_course(db.session, from_request(actor()), course, request.form.get("action", ""))
    flash(_("The course is changed."), "success")
    return redirect(url_for("training.show", course_id=course.id))


@bp.get("/<int:course_id>/enrolments")
@requires()
def enrolments(course_id: int) -> str:
    course = training.get_course(db.session, actor(), course_id)
    ensure(actor(), "see_enrolments", course)
    return render_template(
        "training/enrolments.html",
        course=course,
        enrolments=training.course_enrolments(db.session, actor(), course),
        marks=training.attendance_grid(db.session, course),
        form=AttendanceForm(),
    )


@bp.post("/<int:course_id>/sessions/<int:session_id>/attendance")
@requires()
def attendance(course_id: int, session_id: int) -> WerkzeugResponse:
    course = training.get_course(db.session, actor(), course_id)
    course_session = training.get_session(course, session_id)
    form = AttendanceForm()
    if not form.validate_on_submit():
        flash(_("The attendance could not be read; please try again."), "danger")
        return redirect(url_for("training.enrolments", course_id=course.id))
    completed = training.record_attendance(
        db.session, from_request(actor()), course, course_session, form.command(AttendanceIn)
    )
    flash(_("Attendance recorded for %(day)s.", day=course_session.day.isoformat()), "success")
    for enrolment in completed:
        flash(_("%(name)s has completed the course.", name=enrolment.learner_name), "success")
    return redirect(url_for("training.enrolments", course_id=course.id))


@bp.post("/enrolments/<int:enrolment_id>/cancel")
@requires()
def cancel(enrolment_id: int) -> WerkzeugResponse:
    enrolment = training.get_enrolment(db.session, actor(), enrolment_id)
    promoted = training.cancel_enrolment(db.session, from_request(actor()), enrolment)
    flash(_("The enrolment of %(name)s is cancelled.", name=enrolment.learner_name), "success")
    if promoted is not None:
        flash(_("%(name)s moved up from the waiting list.", name=promoted.learner_name), "info")
    if request.form.get("back") == "mine":
        return redirect(url_for("training.mine"))
    return redirect(url_for("training.show", course_id=enrolment.course_id))


@bp.get("/enrolments/<int:enrolment_id>/certificate.pdf")
@requires()
def certificate(enrolment_id: int) -> Response:
    enrolment = training.get_enrolment(db.session, actor(), enrolment_id)
    if not can(actor(), "download_certificate", enrolment):
        raise NotFound(training.MISSING_ENROLMENT)
    pdf = certificate_pdf(enrolment, current_language())
    return download(pdf, certificate_filename(enrolment))


@bp.get("/mine")
@requires()
def mine() -> str:
    user = actor()
    return render_template(
        "training/mine.html",
        enrolments=training.my_enrolments(db.session, user),
        courses=training.organised_courses(db.session, user),
    )
