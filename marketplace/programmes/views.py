"""Programme pages: browse and search (public), detail, create, edit, open and close (marketplace.listings.pages)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from marketplace import clock
from marketplace.listings.pages import ListingPages, add_pages
from marketplace.programmes import bp
from marketplace.programmes.forms import ProgrammeForm
from marketplace.programmes.models import SponsorProgramme
from marketplace.programmes.services import PROGRAMMES, application_window


def _window(programme: SponsorProgramme) -> dict[str, Any]:
    return {"window": application_window(programme, clock.today())}


PAGES = ListingPages(
    kind=PROGRAMMES,
    form=ProgrammeForm,
    saved=_l("Your programme is saved."),
    status_now=_l("The programme's status is now: %(status)s."),
    show_extras=_window,
)
add_pages(bp, PAGES)
