"""Conversation pages: the inbox, a thread with its messages and a form, and the button that opens the
thread of an interest, a project or an engagement."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from marketplace.auth.models import User
from marketplace.conversations import bp
from marketplace.conversations import services as conversations
from marketplace.conversations.commands import MessageIn, OpenConversation
from marketplace.conversations.forms import MessageForm, OpenForm
from marketplace.conversations.models import Conversation
from marketplace.conversations.policies import subject_of
from marketplace.conversations.subjects import SUBJECTS, kind_of
from marketplace.db import db
from marketplace.errors import DomainError
from marketplace.extensions import message_limit
from marketplace.forms import apply_domain_error
from marketplace.permissions import requires
from marketplace.search import MAX_PAGE
from marketplace.unit_of_work import after_request_ends, own_transaction, roll_back
from marketplace.validation import whole_number

log = logging.getLogger(__name__)
READ_LOCK_WAIT_MS = 500


@bp.get("/")
@requires()
def inbox() -> str:
    page_number = whole_number(request.args.get("page", "1"), MAX_PAGE) or 1
    page = conversations.list_conversations(db.session, current_user, page_number)
    return render_template("conversations/inbox.html", page=page)


@bp.post("/open")
@requires()
def open_one() -> Response:
    """The button on an interest's, a project's or an engagement's page: its thread, opened if need be."""
    form = OpenForm()
    command = form.command(OpenConversation)
    conversation, _created = conversations.open_conversation(db.session, current_user, command)
    db.session.flush()
    return redirect(url_for("conversations.show", conversation_id=conversation.id))


@bp.get("/<int:conversation_id>")
@requires()
def show(conversation_id: int) -> str:
    conversation = conversations.get_conversation(db.session, current_user, conversation_id)
    return _thread_page(conversation, MessageForm())


@bp.post("/<int:conversation_id>")
@message_limit
@requires()
def write(conversation_id: int) -> Response | str:
    conversation = conversations.get_conversation(db.session, current_user, conversation_id)
    form = MessageForm()
    if form.validate_on_submit():
        try:
            conversations.post_message(db.session, current_user, conversation, form.command(MessageIn))
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.flush()
            flash(_("Your message has been sent."), "success")
            return redirect(url_for("conversations.show", conversation_id=conversation.id, _anchor="latest"))
    return _thread_page(conversation, form)


def _thread_page(conversation: Conversation, form: MessageForm) -> str:
    requested = request.args.get("page")
    page = conversations.list_messages(
        db.session, conversation, whole_number(requested, MAX_PAGE) if requested else None
    )
    unread = conversations.unread_in(db.session, current_user, conversation)
    shown = page.items[-1].id if page.items else 0
    if unread and page.page == page.pages:
        # Reading the page marks it read: bookkeeping of its own once the request's transaction has ended
        # (a GET commits nothing); the top bar of this very page already counts it read.
        after_request_ends(partial(_remember_reading, current_user.id, conversation.id, shown))
        counts = unread_messages()
        g.unread_messages = max(0, counts - unread)
    subject = subject_of(conversation)
    kind = SUBJECTS[conversation.subject_type]
    return render_template(
        "conversations/show.html",
        conversation=conversation,
        page=page,
        form=form,
        kind=kind,
        subject_path=kind.path(subject) if subject is not None else None,
        first_unread=_first_unread(page.items, unread),
    )


def _first_unread(messages: list[Any], unread: int) -> int | None:
    others = [message.id for message in messages if message.author_id != current_user.id]
    return others[-unread] if unread and len(others) >= unread else None


def _remember_reading(user_id: int, conversation_id: int, up_to: int) -> None:
    roll_back(db.session)  # the page's reading ends here (a GET keeps nothing), so the bookkeeping stands alone
    try:
        with own_transaction(READ_LOCK_WAIT_MS) as own:
            user = own.get(User, user_id)
            conversation = own.get(Conversation, conversation_id)
            if user is not None and conversation is not None:
                conversations.mark_read(own, user, conversation, up_to)
    except Exception as error:  # a busy database: the thread stays unread until the next visit
        log.warning("could not mark conversation %s read: %s", conversation_id, type(error).__name__)


@bp.post("/<int:conversation_id>/read")
@requires()
def mark_read(conversation_id: int) -> Response:
    conversation = conversations.get_conversation(db.session, current_user, conversation_id)
    conversations.mark_read(db.session, current_user, conversation)
    db.session.flush()
    return redirect(url_for("conversations.inbox"))


@bp.app_template_global()
def unread_messages() -> int:
    """The top bar's count of unread messages (counted once per request)."""
    if not current_user.is_authenticated:
        return 0
    if "unread_messages" not in g:
        kept = current_app.extensions.setdefault("conversations.unread_totals", {})
        g.unread_messages = conversations.kept_unread_total(db.session, current_user, kept)
    return int(g.unread_messages)


@bp.app_template_global()
def conversation_panel(subject: Any) -> dict[str, Any] | None:
    """What a subject's page shows of its conversation: a link to the thread, the button that opens it, or
    nothing (the user is no party, or the thread cannot open yet)."""
    kind = kind_of(subject)
    user = current_user if current_user.is_authenticated else None
    if kind is None or user is None or not kind.is_party(user, subject):
        return None
    existing = conversations.conversation_of(db.session, kind.name, subject.id)
    if existing is None and not kind.may_open(subject):
        return None
    return {
        "conversation": existing,
        "unread": conversations.unread_in(db.session, user, existing) if existing else 0,
        "form": OpenForm(subject_type=kind.name, subject_id=subject.id) if existing is None else None,
    }
