"""Engagement pages: propose from a mentor's profile, the engagement itself, its moves, logs and ratings."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from marketplace import clock
from marketplace.auth.models import Role
from marketplace.context import from_request
from marketplace.db import db
from marketplace.forms import save_form
from marketplace.permissions import requires
from mentors import bp, engagements, log_dates, logs
from mentors import services as mentors
from mentors.forms import LogForm, ProposalForm, RatingForm
from mentors.labels import engagement_status_label
from mentors.models import Engagement
from mentors.next_steps import next_step
from mentors.schemas import EngagementIn, LogIn
from mentors.views import render_mentor


@bp.post("/<int:mentor_id>/proposals")
@requires(Role.SME, Role.SPONSOR)
def propose(mentor_id: int) -> str | Response:
    profile = mentors.get_profile(db.session, current_user, mentor_id)
    form = ProposalForm()
    saved = save_form(
        form,
        lambda: engagements.propose_engagement(
            db.session, from_request(current_user), form.command(EngagementIn, mentor_id=profile.id)
        ),
        _("Your proposal is sent to the mentor."),
        _engagement_url,
    )
    return saved or render_mentor(profile, form)


def _engagement_url(engagement: Engagement) -> str:
    return url_for("mentors.engagement", engagement_id=engagement.id)


@bp.get("/engagements/<int:engagement_id>")
@requires()
def engagement(engagement_id: int) -> str:
    return render_engagement(engagements.get_engagement(db.session, current_user, engagement_id))


def render_engagement(item: Engagement, log_form: LogForm | None = None, rating_form: RatingForm | None = None) -> str:
    sides = engagements.parties(current_user, item)
    if log_form is None:
        log_form = LogForm(log_date=clock.today())  # most logs are written on the day of the visit
    return render_template(
        "mentors/engagement.html",
        engagement=item,
        sides={side.value for side in sides},
        actions=engagements.available_actions(current_user, item),
        next_step=next_step(item, sides),
        overdue=log_dates.log_overdue(item),
        log_form=log_form,
        rating_form=rating_form or RatingForm(),
    )


@bp.post("/engagements/<int:engagement_id>/transitions")
@requires()
def transition(engagement_id: int) -> Response:
    item = engagements.get_engagement(db.session, current_user, engagement_id, for_update=True)
    engagements.transition_engagement(
        db.session, from_request(current_user), item, request.form.get("action", ""), request.form.get("reason")
    )
    db.session.flush()
    flash(_("The engagement's status is now: %(status)s.", status=engagement_status_label(item.status)), "success")
    return redirect(_engagement_url(item))


@bp.post("/engagements/<int:engagement_id>/logs")
@requires(Role.MENTOR)
def add_log(engagement_id: int) -> str | Response:
    item = engagements.get_engagement(db.session, current_user, engagement_id)
    form = LogForm()
    saved = save_form(
        form,
        lambda: logs.add_log(db.session, from_request(current_user), item, form.command(LogIn)) and item,
        _("Your log is saved."),
        _engagement_url,
    )
    return saved or render_engagement(item, log_form=form)


@bp.post("/engagements/<int:engagement_id>/logs/<int:log_id>/confirmation")
@requires(Role.SME)
def confirm_log(engagement_id: int, log_id: int) -> Response:
    item = engagements.get_engagement(db.session, current_user, engagement_id)
    logs.confirm_log(db.session, current_user, item, log_id)
    db.session.flush()
    flash(_("The log is confirmed."), "success")
    return redirect(_engagement_url(item))


@bp.post("/engagements/<int:engagement_id>/ratings")
@requires(Role.SME, Role.MENTOR)
def rate(engagement_id: int) -> str | Response:
    item = engagements.get_engagement(db.session, current_user, engagement_id)
    form = RatingForm()
    saved = save_form(
        form,
        lambda: logs.rate_engagement(db.session, current_user, item, form.score.data, form.comment.data) and item,
        _("Thank you for your rating."),
        _engagement_url,
    )
    return saved or render_engagement(item, rating_form=form)
