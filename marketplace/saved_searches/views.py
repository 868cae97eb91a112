"""The saved-searches page (open, rename, alerts on or off, delete) and "Save this search" from a browse page."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from marketplace import reference
from marketplace.db import db
from marketplace.errors import DomainError
from marketplace.forms import apply_domain_error
from marketplace.i18n import current_language
from marketplace.permissions import actor, requires
from marketplace.saved_searches import bp
from marketplace.saved_searches import services as saved
from marketplace.saved_searches.areas import AREAS
from marketplace.saved_searches.commands import SavedSearchFields, SavedSearchIn
from marketplace.saved_searches.forms import EditSearchForm, SaveSearchForm
from marketplace.saved_searches.models import SavedSearch
from marketplace.templating import format_krw, status_label

# Filters named by a code of a reference table on some page (the others are shown as they were typed).
CODED = {
    "category": "solution_categories",
    "specialty": "solution_categories",
    "region": "regions",
    "complex": "industrial_complexes",
    "tier": "funding_tiers",
    "industry": "ksic_divisions",
}


def browse_url(search: SavedSearch) -> str:
    return url_for(AREAS[search.area].endpoint, **search.filters)


def filter_words(search: SavedSearch) -> list[str]:
    """What a saved search keeps, as the reader says it: words typed, labels of codes, statuses, amounts."""
    words = []
    for name, value in search.filters.items():
        if name == "sort":
            continue
        if name in CODED:
            words.append(reference.label(CODED[name], value, current_language()))
        elif name == "status":
            words.append(status_label(value))
        elif name in ("budget_min", "budget_max") and value.isdigit():
            words.append(("≥ " if name == "budget_min" else "≤ ") + format_krw(int(value)))
        else:
            words.append(value)
    return words


bp.add_app_template_global(browse_url)
bp.add_app_template_global(filter_words)


@bp.get("/")
@requires()
def index(failed: EditSearchForm | None = None, failed_id: int | None = None) -> str:
    searches = saved.list_searches(db.session, actor())
    forms = {s.id: EditSearchForm(obj=s, prefix=f"s{s.id}") for s in searches}
    if failed is not None and failed_id in forms:
        forms[failed_id] = failed
    return render_template("saved_searches/index.html", searches=searches, forms=forms, areas=AREAS)


@bp.post("/")
@requires()
def create() -> str | Response:
    form = SaveSearchForm()
    if form.validate_on_submit():
        try:
            search = saved.save_search(db.session, actor(), form.command(SavedSearchIn))
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.flush()
            flash(_("Your search “%(name)s” is saved.", name=search.name), "success")
            return redirect(url_for("saved_searches.index"))
    return render_template("saved_searches/new.html", form=form, area=AREAS.get(form.area.data or ""))


@bp.get("/<int:search_id>")
@requires()
def open_search(search_id: int) -> Response:
    return redirect(browse_url(saved.get_search(db.session, actor(), search_id)))


@bp.post("/<int:search_id>/edit")
@requires()
def edit(search_id: int) -> str | Response:
    search = saved.get_search(db.session, actor(), search_id)
    form = EditSearchForm(prefix=f"s{search.id}")
    if form.validate_on_submit():
        try:
            saved.update_search(db.session, actor(), search, form.command(SavedSearchFields))
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.flush()
            flash(_("Your saved search is changed."), "success")
            return redirect(url_for("saved_searches.index"))
    return index(failed=form, failed_id=search.id)


@bp.post("/<int:search_id>/delete")
@requires()
def delete(search_id: int) -> Response:
    search = saved.get_search(db.session, actor(), search_id)
    name = search.name
    saved.delete_search(db.session, actor(), search)
    flash(_("The saved search “%(name)s” is deleted.", name=name), "success")
    return redirect(url_for("saved_searches.index"))
