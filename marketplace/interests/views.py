"""Interest pages: express interest from a listing, the inbox and outbox, accept or decline."""

from __future__ import annotations

from typing import Any

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from marketplace.context import from_request
from marketplace.db import db
from marketplace.errors import DomainError
from marketplace.extensions import message_limit
from marketplace.interests import bp
from marketplace.interests import services as interests
from marketplace.interests.forms import InterestForm
from marketplace.interests.models import INTEREST_MOVES, TargetType
from marketplace.notifications.services import unread_count as notification_unread_count
from marketplace.permissions import requires
from marketplace.policy import can
from marketplace.search import MAX_PAGE
from marketplace.validation import whole_number


@bp.post("/")
@message_limit
@requires()
def express() -> Response:
    form = InterestForm()
    target_page = _listing_path(form.target_type.data, form.target_id.data)
    if not form.validate_on_submit():
        for field_errors in form.errors.values():
            flash(" ".join(str(e) for e in field_errors), "danger")
        return redirect(target_page)
    try:
        interests.express_interest(
            db.session, from_request(current_user), form.target_type.data, form.target_id.data, form.message.data
        )
    except DomainError as error:
        db.session.rollback()  # nothing of the refused action is kept
        flash(str(error.message), "danger")
        return redirect(target_page)
    db.session.flush()
    flash(_("Your interest has been sent. You will be notified of the answer."), "success")
    return redirect(target_page)


def _listing_path(target_type: str, target_id: int | None) -> str:
    try:
        rule = interests.TARGETS.get(TargetType(target_type))
    except ValueError:  # not a kind of listing
        rule = None
    return f"{rule.path}{target_id}" if rule and target_id else url_for("main.dashboard")


@bp.app_template_global()
def interest_panel(target_type: str, target: Any) -> dict[str, Any]:
    """What a listing page shows about interest: the form, the user's earlier interest, or nothing."""
    kind = TargetType(target_type)
    user = current_user if current_user.is_authenticated else None
    existing = interests.existing_interest(db.session, user, kind, target.id) if user else None
    show_form = existing is None and interests.can_express(user, kind, target)
    form = InterestForm(target_type=target_type, target_id=target.id) if show_form else None
    return {"existing": existing, "form": form, "anonymous": user is None}


@bp.app_template_global()
def unread_counts() -> dict[str, int]:
    """The badges in the navigation bar (counted once per request, however often a page asks)."""
    if not current_user.is_authenticated:
        return {"interests": 0, "notifications": 0}
    if "unread_counts" not in g:
        g.unread_counts = {
            "interests": interests.unread_count(db.session, current_user),
            "notifications": notification_unread_count(db.session, current_user),
        }
    return g.unread_counts


@bp.get("/")
@requires()
def inbox() -> str:
    box = request.args.get("box", "in") if request.args.get("box") in ("in", "out") else "in"
    page_number = whole_number(request.args.get("page", "1"), MAX_PAGE) or 1
    page = interests.list_interests(db.session, current_user, box, page_number)
    return render_template("interests/inbox.html", page=page, box=box)


@bp.get("/<int:interest_id>")
@requires()
def show(interest_id: int) -> str:
    interest = interests.get_interest(db.session, current_user, interest_id)
    return render_template(
        "interests/show.html",
        interest=interest,
        contact=interests.contact_details(db.session, interest),
        actions=INTEREST_MOVES.available(interest.status) if can(current_user, "answer", interest) else [],
        target_path=interests.TARGETS[interest.target_type].path,
    )


@bp.post("/<int:interest_id>/read")
@requires()
def mark_read(interest_id: int) -> Response:
    interests.mark_interest_read(
        db.session, current_user, interests.get_interest(db.session, current_user, interest_id)
    )
    db.session.flush()
    return redirect(url_for("interests.inbox"))


@bp.post("/<int:interest_id>/open")
@requires()
def open_one(interest_id: int) -> Response:
    """Follow an interest from the inbox: marked read (the badge falls), then its page."""
    interest = interests.get_interest(db.session, current_user, interest_id)
    interests.mark_interest_read(db.session, current_user, interest)
    db.session.flush()
    return redirect(url_for("interests.show", interest_id=interest.id))


@bp.post("/<int:interest_id>/decision")
@requires()
def decide(interest_id: int) -> Response:
    interest = interests.get_interest(db.session, current_user, interest_id)
    interests.decide_interest(db.session, from_request(current_user), interest, request.form.get("action", ""))
    db.session.flush()
    flash(_("Your answer has been sent."), "success")
    return redirect(url_for("interests.show", interest_id=interest.id))
