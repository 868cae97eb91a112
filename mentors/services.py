"""Mentor profiles: sign up, change, verify, find; what the matching engine reads (slots, availability)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace.account_data import on_account_closing
from marketplace.auth.models import Role, User
from marketplace.db import code_set_contains, utcnow
from marketplace.errors import Conflict
from marketplace.listings import holds_code
from marketplace.policy import ensure, found, oversees, visible
from marketplace.saved_searches.areas import SearchArea
from marketplace.search import Page, paginate
from marketplace.validation import (
    LONG_TEXT_CHARS,
    NAME_CHARS,
    NOTE_CHARS,
    check_codes,
    check_date,
    check_order,
    check_text,
    fail,
)
from mentors.models import LANGUAGES, MentorProfile

PROFILE_FIELDS = (
    "headline",
    "bio",
    "former_employer",
    "years_experience",
    "specialties",
    "expertise",
    "industries",
    "regions",
    "languages",
    "available_from",
    "available_until",
    "capacity",
    "fee_terms",
)
SORTS: dict[str, Callable[[], list[Any]]] = {
    "newest": lambda: [MentorProfile.created_at.desc()],
    "experience": lambda: [MentorProfile.years_experience.desc()],
    "open_slots": lambda: [(MentorProfile.capacity - MentorProfile.engaged).desc()],
}


def check_profile(values: dict[str, Any]) -> None:
    """Every rule on a profile's fields (absent fields are not checked)."""
    check_text(values, "headline", NAME_CHARS)
    check_text(values, "bio", LONG_TEXT_CHARS)
    check_text(values, "former_employer", NAME_CHARS)
    _check_whole(values, "years_experience", 0, 70, _l("Enter the years of experience, 0 to 70."))
    check_codes(values, "specialties", "solution_categories", required=True)
    check_text(values, "expertise", LONG_TEXT_CHARS, required=False)
    check_codes(values, "industries", "ksic_divisions")
    check_codes(values, "regions", "regions")
    _check_languages(values)
    check_date(values, "available_from", required=True)
    check_date(values, "available_until")
    check_order(values, "available_from", "available_until", _l("Availability cannot end before it starts."))
    _check_whole(values, "capacity", 1, 10, _l("Take 1 to 10 engagements at once."))
    check_text(values, "fee_terms", NOTE_CHARS, required=False)


def _check_whole(values: dict[str, Any], field: str, low: int, high: int, message: Any) -> None:
    if field not in values:
        return
    value = values[field]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise fail(field, message)


def _check_languages(values: dict[str, Any]) -> None:
    codes = values.get("languages")
    if "languages" in values and (not codes or any(code not in {t.code for t in LANGUAGES} for code in codes)):
        raise fail("languages", _l("Choose at least one language from the list."))


def profile_of(session: Session, user: User) -> MentorProfile | None:
    return session.scalar(select(MentorProfile).where(MentorProfile.user_id == user.id))


def save_profile(session: Session, actor: User, values: dict[str, Any]) -> MentorProfile:
    """Create the acting mentor's profile, or change it; verification stays as it was."""
    ensure(actor, "keep_profile", MentorProfile, _l("Only mentors have a mentor profile."))
    values = {field: values.get(field) for field in PROFILE_FIELDS}
    values["capacity"] = values["capacity"] if values["capacity"] is not None else 2
    values["expertise"] = values["expertise"] or ""
    values["fee_terms"] = (values["fee_terms"] or "").strip() or None
    check_profile(values)
    profile = profile_of(session, actor)
    if profile is not None and values["capacity"] < profile.engaged:
        raise fail("capacity", _l("You have %(n)d engagements running; capacity cannot be lower.", n=profile.engaged))
    if profile is None:
        profile = MentorProfile(user=actor, engaged=0)
        session.add(profile)
    for field, value in values.items():
        setattr(profile, field, value)
    session.flush()
    return profile


def create_profile(session: Session, actor: User, values: dict[str, Any]) -> MentorProfile:
    """The API's sign-up: a second profile is a conflict, not an edit."""
    if actor.role == Role.MENTOR and profile_of(session, actor) is not None:
        raise Conflict(_l("You already have a mentor profile."))
    return save_profile(session, actor, values)


def verify_mentor(session: Session, actor: User, profile: MentorProfile, verified: bool = True) -> MentorProfile:
    """An officer vouches for a mentor (or withdraws it); only verified mentors receive proposals."""
    ensure(actor, "verify", profile, _l("Only programme officers verify mentors."))
    profile.verified_at = utcnow() if verified else None
    profile.verified_by_id = actor.id if verified else None
    session.flush()
    return profile


def get_profile(session: Session, viewer: User | None, profile_id: int) -> MentorProfile:
    return found(viewer, session.get(MentorProfile, profile_id), _l("No such mentor."))


@dataclass(frozen=True)
class MentorFilters:
    q: str = ""
    specialty: str = ""
    industry: str = ""
    region: str = ""
    language: str = ""
    verified: str = ""  # "yes" / "no", for officers
    sort: str = ""
    page: int = 1
    per_page: int = 20


def search_mentors(session: Session, viewer: User | None, filters: MentorFilters) -> Page[MentorProfile]:
    """Mentor profiles the viewer may see that match every filter (a region filter keeps 'anywhere')."""
    order = SORTS[filters.sort]() if filters.sort in SORTS else None
    conditions = mentor_conditions(filters, viewer)
    return paginate(session, MentorProfile, conditions, filters.q, order, filters.page, filters.per_page)


def mentor_conditions(filters: MentorFilters, viewer: User | None) -> list[Any]:
    """SQL: the profiles the viewer may see that pass the filters (the browse page's and a saved search's)."""
    conditions: list[Any] = [visible(viewer, MentorProfile)]
    if oversees(viewer) and filters.verified in ("yes", "no"):
        is_verified = MentorProfile.verified_at.is_not(None)
        conditions.append(is_verified if filters.verified == "yes" else ~is_verified)
    if filters.specialty:
        conditions.append(holds_code(MentorProfile.specialties, "solution_categories", filters.specialty))
    if filters.industry:
        conditions.append(holds_code(MentorProfile.industries, "ksic_divisions", filters.industry))
    if filters.region:
        conditions.append(holds_code(MentorProfile.regions, "regions", filters.region, empty_means_any=True))
    if filters.language:
        known = filters.language in {t.code for t in LANGUAGES}
        conditions.append(code_set_contains(MentorProfile.languages, filters.language if known else "-"))
    return conditions


@on_account_closing
def hide_profile_of_closed_account(session: Session, user: User) -> None:
    """A closing mentor's profile leaves the market (unverified profiles are shown to nobody else) and loses
    its personal texts; engagements and their logs stay for the SMEs they concern."""
    profile = session.scalar(select(MentorProfile).where(MentorProfile.user_id == user.id))
    if profile is not None:
        profile.verified_at = None
        profile.bio = profile.expertise = profile.former_employer = ""
        profile.fee_terms = None


# Mentors' browse page in saved searches (the app factory registers it: marketplace.saved_searches.areas).
MENTOR_SEARCH = SearchArea(
    "mentors",
    _l("Mentors"),
    MentorProfile,
    MentorFilters,
    mentor_conditions,
    title=lambda profile: profile.headline,
    owned_by=lambda profile, user: profile.user_id == user.id,
)
