"""Mentor pages: browse and search, a mentor's profile, your own profile, verification, the programme view."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from marketplace.auth.models import Role
from marketplace.db import db
from marketplace.exports import download
from marketplace.filters import read_filters
from marketplace.forms import save_form, select_choices
from marketplace.page_sections import listing_sections
from marketplace.permissions import allowed, requires
from matching.kinds import Kind
from mentors import bp, report
from mentors import services as mentors
from mentors.engagements import proposable_needs
from mentors.forms import MentorProfileForm, ProposalForm, TargetForm
from mentors.labels import TEMPLATE_GLOBALS
from mentors.models import MentorProfile
from mentors.record import mentor_record, mentor_records

for _name, _helper in TEMPLATE_GLOBALS.items():
    bp.add_app_template_global(_helper, _name)


@bp.get("/")
@requires()
def browse() -> str:
    filters = read_filters(mentors.MentorFilters, request.args, strict=False)
    page = mentors.search_mentors(db.session, current_user, filters)
    records = mentor_records(db.session, [profile.id for profile in page.items])
    return render_template("mentors/browse.html", page=page, filters=filters, records=records)


@bp.get("/<int:mentor_id>")
@requires()
def show(mentor_id: int) -> str:
    return render_mentor(mentors.get_profile(db.session, current_user, mentor_id), ProposalForm())


def render_mentor(profile: MentorProfile, form: ProposalForm) -> str:
    """The profile page; SMEs and linked sponsors see the proposal form with the needs they may propose for."""
    needs = proposable_needs(db.session, current_user) if profile.is_verified else []
    form.need_id.choices = select_choices([(need.id, need.title) for need in needs])
    matches = listing_sections(current_user, Kind.MENTOR, profile)
    return render_template(
        "mentors/show.html",
        profile=profile,
        form=form if needs else None,
        record=mentor_record(db.session, profile.id),
        **matches,
    )


@bp.route("/profile", methods=["GET", "POST"])
@requires(Role.MENTOR)
def edit_profile() -> str | Response:
    profile = mentors.profile_of(db.session, current_user)
    form = MentorProfileForm(obj=profile)
    saved = save_form(
        form,
        lambda: mentors.save_profile(db.session, current_user, form.values()),
        _("Your mentor profile is saved."),
        lambda saved_profile: url_for("mentors.show", mentor_id=saved_profile.id),
    )
    return saved or render_template("mentors/profile_form.html", form=form, profile=profile)


@bp.post("/<int:mentor_id>/verification")
@allowed("verify", MentorProfile)
def verify(mentor_id: int) -> Response:
    profile = mentors.get_profile(db.session, current_user, mentor_id)
    verified = request.form.get("verified") != "no"
    mentors.verify_mentor(db.session, current_user, profile, verified)
    db.session.flush()
    flash(_("The mentor is verified.") if verified else _("The mentor's verification is withdrawn."), "success")
    return redirect(url_for("mentors.show", mentor_id=profile.id))


@bp.route("/programme", methods=["GET", "POST"])
@allowed("run_programme", MentorProfile)
def programme() -> str | Response:
    form = TargetForm()
    saved = save_form(
        form,
        lambda: report.set_dispatch_target(db.session, current_user, form.target.data),
        _("The dispatch target is saved."),
        lambda _target: url_for("mentors.programme"),
    )
    if saved:
        return saved
    figures = report.programme_figures(db.session, current_user)
    if not form.is_submitted():
        form.target.data = figures.target
    rows = report.mentor_rows(db.session, current_user)
    return render_template("mentors/programme.html", figures=figures, rows=rows, form=form)


@bp.get("/programme.csv")
@allowed("run_programme", MentorProfile)
def programme_csv() -> Response:
    body = report.mentor_rows_csv(report.mentor_rows(db.session, current_user))
    return download(body.encode("utf-8"), "mentoring-programme.csv")
