"""Solution pages: browse, detail, list, edit, archive and reactivate (marketplace.listings.pages)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from marketplace.listings.pages import ListingPages, add_pages
from marketplace.solutions import bp
from marketplace.solutions.forms import SolutionForm
from marketplace.solutions.services import SOLUTIONS

PAGES = ListingPages(
    kind=SOLUTIONS,
    form=SolutionForm,
    saved=_l("Your solution is saved."),
    status_now=_l("The solution's status is now: %(status)s."),
)
add_pages(bp, PAGES)
