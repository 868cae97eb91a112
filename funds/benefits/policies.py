"""Who may see or do what with service offers: voucher offers, consulting vouchers, tenant discounts.

A voucher offer is read by every member (it is what a programme gives); the programme's sponsor firm adds
them and grants vouchers. A voucher is seen by its sides (the sponsor, the provider, the SME) and the
overseers; to anyone else it does not exist (404). A tenant discount is set by the firm that sells the
solution. Registered with the core `can` (marketplace/policy.py) in register_policies().
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, false, or_, select, true

from funds.models import ConsultingVoucher, VoucherOffer, VoucherParty
from marketplace.auth.models import Role, User
from marketplace.policy import Policy, member_of, oversees, registers
from marketplace.programmes.models import SponsorProgramme
from marketplace.solutions.models import Solution
from mentors.models import MentorProfile


def runs(user: User | None, programme: SponsorProgramme) -> bool:
    """The programme's own sponsor firm (its members manage the programme's offers)."""
    return user is not None and user.role == Role.SPONSOR and member_of(user, programme.organisation_id)


def provides(user: User | None, offer: VoucherOffer) -> bool:
    """The offer's provider: a member of the supplier firm, or the mentor."""
    if user is None:
        return False
    if offer.provider_organisation_id is not None:
        return member_of(user, offer.provider_organisation_id)
    mentor = offer.provider_mentor
    return user.role == Role.MENTOR and mentor is not None and mentor.user_id == user.id


def parties(user: User | None, voucher: ConsultingVoucher) -> set[VoucherParty]:
    """The sides of the voucher the user acts for."""
    if user is None:
        return set()
    sides = set()
    if user.role == Role.SPONSOR and member_of(user, voucher.sponsor_organisation_id):
        sides.add(VoucherParty.SPONSOR)
    if provides(user, voucher.offer):
        sides.add(VoucherParty.PROVIDER)
    if user.role == Role.SME and member_of(user, voucher.sme_organisation_id):
        sides.add(VoucherParty.SME)
    return sides


@dataclass(frozen=True)
class OffersOf:
    """A programme's voucher offers as a whole (what its sponsor adds to)."""

    programme: SponsorProgramme


@dataclass(frozen=True)
class DiscountsOf:
    """A solution's tenant discounts as a whole (what its seller sets)."""

    solution: Solution


@registers(OffersOf, "programme_offers")
class ProgrammeOffersPolicy(Policy):
    actions = ("view", "add")

    def view(self, user: User | None, _offers: Any) -> bool:
        return user is not None

    def add(self, user: User | None, offers: OffersOf) -> bool:
        return runs(user, offers.programme)


@registers(VoucherOffer, "voucher_offer")
class VoucherOfferPolicy(Policy):
    actions = ("view", "grant", "manage")

    def view(self, user: User | None, _offer: Any) -> bool:
        return user is not None

    def grant(self, user: User | None, offer: VoucherOffer) -> bool:
        return runs(user, offer.programme)

    def manage(self, user: User | None, offer: VoucherOffer) -> bool:
        """Change its places, close it: the programme's sponsor firm."""
        return runs(user, offer.programme)

    def visible(self, user: User | None) -> Any:
        return true() if user is not None else false()


@registers(ConsultingVoucher, "voucher")
class VoucherPolicy(Policy):
    actions = ("view", "browse", "report", "confirm")

    def browse(self, user: User | None, _resource: Any) -> bool:
        """Whose menu lists vouchers: every side one can have, and the overseers."""
        return oversees(user) or (
            user is not None and user.role in (Role.SME, Role.SPONSOR, Role.SUPPLIER, Role.MENTOR)
        )

    def view(self, user: User | None, voucher: ConsultingVoucher) -> bool:
        return bool(parties(user, voucher)) or oversees(user)

    def report(self, user: User | None, voucher: ConsultingVoucher) -> bool:
        return VoucherParty.PROVIDER in parties(user, voucher)

    def confirm(self, user: User | None, voucher: ConsultingVoucher) -> bool:
        return VoucherParty.SME in parties(user, voucher)

    def visible(self, user: User | None) -> Any:
        if user is None:
            return false()
        if oversees(user):
            return true()
        sides: list[ColumnElement[bool]] = []
        if user.role == Role.MENTOR:
            own = select(MentorProfile.id).where(MentorProfile.user_id == user.id)
            sides.append(
                ConsultingVoucher.offer_id.in_(select(VoucherOffer.id).where(VoucherOffer.provider_mentor_id.in_(own)))
            )
        if user.organisation_id is not None:
            org = user.organisation_id
            provided = select(VoucherOffer.id).where(VoucherOffer.provider_organisation_id == org)
            sides.append(ConsultingVoucher.offer_id.in_(provided))
            if user.role == Role.SPONSOR:
                sides.append(ConsultingVoucher.sponsor_organisation_id == org)
            if user.role == Role.SME:
                sides.append(ConsultingVoucher.sme_organisation_id == org)
        return or_(*sides) if sides else false()


@registers(DiscountsOf, "tenant_discounts")
class TenantDiscountsPolicy(Policy):
    """The firm that sells the solution sets its discounts (a supplier, or a sponsor selling solutions);
    who sees a tenant price is the price's business (funds.benefits.discounts)."""

    actions = ("view", "set")

    def view(self, user: User | None, _discounts: Any) -> bool:
        return True

    def set(self, user: User | None, discounts: DiscountsOf) -> bool:
        return (
            user is not None
            and user.role in (Role.SUPPLIER, Role.SPONSOR)
            and member_of(user, discounts.solution.organisation_id)
        )
