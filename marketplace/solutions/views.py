"""Solution pages: browse and search (public), detail, list, edit, archive and reactivate (marketplace.listings.pages)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.listings.pages import ListingPages, add_pages
from marketplace.solutions import bp
from marketplace.solutions.forms import SolutionForm
from marketplace.solutions.services import SOLUTIONS
from matching.kinds import Kind

PAGES = ListingPages(
    kind=SOLUTIONS,
    form=SolutionForm,
    match_kind=Kind.SOLUTION,
    created=lambda form: _("Your solution is saved."),
    saved=_l("Your solution is saved."),
    status_now=_l("The solution's status is now: %(status)s."),
)
add_pages(bp, PAGES)
