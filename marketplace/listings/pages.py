"""The pages every kind of listing shares: browse, show, new, edit, change status.

A kind's views.py describes what differs (its form, its flash texts, extra show-page variables) in a
`ListingPages` and calls `add_pages`; the routes and their endpoint names (`needs.browse`, ...) are
the same for every kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from marketplace.auth.models import Role
from marketplace.context import from_request
from marketplace.db import db
from marketplace.filters import read_filters
from marketplace.forms import save_form
from marketplace.listings.kind import ListingKind
from marketplace.listings.services import get_listing, move_listing, post_listing, search_listings, update_listing
from marketplace.page_sections import listing_sections
from marketplace.permissions import acting_user, actor, requires
from marketplace.policy import NOT_YOURS, can, ensure
from marketplace.templating import status_label
from matching.kinds import Kind


def no_extras(listing: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class ListingPages:
    """What a kind's pages say and use beyond the shared steps."""

    kind: ListingKind
    form: type[FlaskForm]  # has `command()`, the form's values as the kind's create or edit command
    saved: Any  # the flash after saving (lazy)
    status_now: Any  # "The need's status is now: %(status)s." (lazy, formatted with status=)
    show_extras: Callable[[Any], dict[str, Any]] = field(default=no_extras)
    # The flash after creating, given the submitted form (a need says whether it is a draft); default `saved`.
    created: Callable[[FlaskForm], Any] | None = None

    def template(self, page: str) -> str:
        return f"{self.kind.plural}/{page}.html"

    def show_url(self, listing: Any) -> str:
        return url_for(f"{self.kind.plural}.show", **{f"{self.kind.name}_id": listing.id})


def add_pages(bp: Blueprint, pages: ListingPages) -> None:
    """Register the five shared pages of a kind of listing on its blueprint (`/needs/<int:need_id>` ...)."""
    kind, id_name = pages.kind, f"{pages.kind.name}_id"
    item, writers = f"/<int:{id_name}>", (kind.author_role, Role.ADMIN)
    show = lambda **ids: _show(pages, ids[id_name])  # noqa: E731
    edit = requires(*writers)(lambda **ids: _edit(pages, ids[id_name]))
    move = requires(*writers)(lambda **ids: _transition(pages, ids[id_name]))
    bp.add_url_rule("/", "browse", lambda: _browse(pages), methods=["GET"])
    bp.add_url_rule(item, "show", show, methods=["GET"])
    bp.add_url_rule("/new", "new", requires(kind.author_role)(lambda: _new(pages)), methods=["GET", "POST"])
    bp.add_url_rule(f"{item}/edit", "edit", edit, methods=["GET", "POST"])
    bp.add_url_rule(f"{item}/transitions", "transition", move, methods=["POST"])


def _browse(pages: ListingPages) -> str:
    kind = pages.kind
    filters = read_filters(kind.filters, request.args, strict=False)
    page = search_listings(db.session, kind, acting_user(), filters)
    return render_template(pages.template("browse"), page=page, filters=filters, sorts=kind.sorts)


def _show(pages: ListingPages, listing_id: int) -> str:
    viewer = acting_user()
    listing = get_listing(db.session, pages.kind, viewer, listing_id)
    is_owner = can(viewer, "edit", listing)
    return render_template(
        pages.template("show"),
        **{pages.kind.name: listing},
        is_owner=is_owner,
        actions=pages.kind.moves.available(listing.status) if is_owner else [],
        **pages.show_extras(listing),
        **listing_sections(viewer, Kind(pages.kind.name), listing),
    )


def _new(pages: ListingPages) -> str | Response:
    form = pages.form()
    saved = save_form(
        form,
        lambda: post_listing(db.session, pages.kind, from_request(actor()), form.command(pages.kind.create)),
        str(pages.created(form) if pages.created else pages.saved),
        pages.show_url,
    )
    return saved or render_template(pages.template("form"), form=form, **{pages.kind.name: None})


def _edit(pages: ListingPages, listing_id: int) -> str | Response:
    listing = get_listing(db.session, pages.kind, actor(), listing_id)
    ensure(actor(), "edit", listing, NOT_YOURS)
    form = pages.form(obj=listing)
    saved = save_form(
        form,
        lambda: update_listing(db.session, pages.kind, from_request(actor()), listing, form.command(pages.kind.fields)),
        str(pages.saved),
        pages.show_url,
    )
    return saved or render_template(pages.template("form"), form=form, **{pages.kind.name: listing})


def _transition(pages: ListingPages, listing_id: int) -> Response:
    listing = get_listing(db.session, pages.kind, actor(), listing_id)
    move_listing(db.session, pages.kind, from_request(actor()), listing, request.form.get("action", ""))
    db.session.flush()
    flash(str(pages.status_now) % {"status": status_label(listing.status)}, "success")
    return redirect(pages.show_url(listing))
