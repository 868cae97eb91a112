"""Need pages: browse and search (public), detail, post, edit, change status (marketplace.listings.pages)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from marketplace.listings.pages import ListingPages, add_pages
from marketplace.needs import bp
from marketplace.needs.forms import NeedForm
from marketplace.needs.services import NEEDS


def _created(form: FlaskForm) -> str:
    if form.save_draft.data:
        return _("Your need is saved as a draft. Only your organisation sees it: publish it to get matches.")
    return _("Your need is published. Below: the solutions, sponsor programmes and mentors that fit it.")


PAGES = ListingPages(
    kind=NEEDS,
    form=NeedForm,
    created=_created,
    saved=_l("Your need is saved."),
    status_now=_l("The need's status is now: %(status)s."),
)
add_pages(bp, PAGES)
