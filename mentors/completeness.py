"""How complete a mentor's profile is, with the one next step the dashboard suggests (as organisations do,
marketplace/organisations/profile.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from marketplace.organisations.profile import ProfileHint
from mentors.models import MentorProfile

EDIT = "mentors.edit_profile"
STEPS = (
    (
        "expertise",
        lambda p: bool(p.expertise),
        _l("Describe your expertise: the processes, defects and machines you know"),
    ),
    ("industries", lambda p: bool(p.industries), _l("Choose the industries you know, so the matching finds you")),
    ("fee_terms", lambda p: bool(p.fee_terms), _l("Say your fee or stipend terms, so SMEs can plan")),
)
TOTAL = len(STEPS) + 1  # writing the profile is the first step


def mentor_profile_hint(profile: MentorProfile | None) -> ProfileHint | None:
    """The first step not yet taken, with how many are done; None when the profile is complete."""
    if profile is None:
        return ProfileHint(str(_l("Write your mentor profile so SMEs can find you")), 0, TOTAL, EDIT)
    done = 1 + sum(1 for _anchor, is_done, _text in STEPS if is_done(profile))
    for anchor, is_done, text in STEPS:
        if not is_done(profile):
            return ProfileHint(str(text), done, TOTAL, EDIT, anchor)
    return None
