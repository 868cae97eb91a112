"""An organisation's public profile (description, website, certifications, products, reference projects):
changing it, and how complete it is, with the one next step the dashboard suggests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from marketplace.audit import record_admin_edit
from marketplace.auth.models import User
from marketplace.organisations.commands import OrganisationProfile
from marketplace.organisations.models import Organisation, OrganisationKind
from marketplace.policy import ensure

ONLY_MANAGERS = _l("Only a manager of this organisation can change its public profile.")


def update_profile(session: Session, actor: User, organisation: Organisation, command: OrganisationProfile) -> None:
    """Change the public profile of the actor's own organisation (its managers, or an admin)."""
    ensure(actor, "edit_profile", organisation, ONLY_MANAGERS)
    values = command.values()
    command.check(values)  # also puts each value in its stored shape (a normalised address, plain rows)
    for name in ("certifications", "products", "reference_projects"):
        if name in values and values[name] is None:
            values[name] = []
    record_admin_edit(session, actor, organisation, "edit_profile", values)
    for field, value in values.items():
        setattr(organisation, field, value)
    session.flush()


@dataclass(frozen=True)
class ProfileHint:
    """The one next step towards a complete profile, in plain words, and how far along it is."""

    text: str
    done: int
    total: int
    endpoint: str  # where the step is taken
    anchor: str = ""


Step = tuple[str, Callable[[Organisation], bool], object, str]  # (anchor, done?, text, endpoint)


def _details(organisation: Organisation) -> bool:
    return organisation.profile_complete


PROFILE = "organisations.edit_profile"
DETAILS = "organisations.edit"
STEPS: dict[OrganisationKind, tuple[Step, ...]] = {
    OrganisationKind.SUPPLIER: (
        ("description", lambda o: bool(o.description), _l("Add a description so SMEs know what you make"), PROFILE),
        ("products", lambda o: bool(o.products), _l("List your products so SMEs find what they need"), PROFILE),
        (
            "certifications",
            lambda o: bool(o.certifications),
            _l("Add your certifications (ISO 9001, IATF 16949 …) so buyers can trust your quality"),
            PROFILE,
        ),
        (
            "reference_projects",
            lambda o: bool(o.reference_projects),
            _l("Add a reference project: a customer and what you built for them"),
            PROFILE,
        ),
        ("website", lambda o: bool(o.website), _l("Add your website so people can read more"), PROFILE),
    ),
    OrganisationKind.SME: (
        ("details", _details, _l("Add employees, annual revenue and a contact phone"), DETAILS),
        ("description", lambda o: bool(o.description), _l("Add a description so sponsors know what you make"), PROFILE),
        ("products", lambda o: bool(o.products), _l("List what you make so mentors and suppliers understand"), PROFILE),
        (
            "certifications",
            lambda o: bool(o.certifications),
            _l("Add your certifications (ISO 9001, KS …) so sponsors see your quality work"),
            PROFILE,
        ),
        ("website", lambda o: bool(o.website), _l("Add your website so people can read more"), PROFILE),
    ),
    OrganisationKind.SPONSOR: (
        ("details", _details, _l("Add employees, annual revenue and a contact phone"), DETAILS),
        (
            "description",
            lambda o: bool(o.description),
            _l("Add a description so SMEs know what your firm backs"),
            PROFILE,
        ),
        (
            "reference_projects",
            lambda o: bool(o.reference_projects),
            _l("Add a past win-win project so SMEs see what you have backed"),
            PROFILE,
        ),
        ("website", lambda o: bool(o.website), _l("Add your website so people can read more"), PROFILE),
    ),
}


def profile_hint(organisation: Organisation) -> ProfileHint | None:
    """The first step not yet taken, with how many are done; None when the profile is complete."""
    steps = STEPS[organisation.kind]
    done = sum(1 for _anchor, is_done, _text, _endpoint in steps if is_done(organisation))
    for anchor, is_done, text, endpoint in steps:
        if not is_done(organisation):
            return ProfileHint(str(text), done, len(steps), endpoint, anchor)
    return None
