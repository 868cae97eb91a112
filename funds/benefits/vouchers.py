"""Consulting vouchers: a programme's offers, granting one to an eligible SME, and its one way through its states.

granted → delivered (the provider reports) → confirmed (the SME): a confirmed voucher counts at its value
in the sponsor's contribution (funds.benefits.reads). The SME may decline and the sponsor cancel while it is
granted. One voucher per SME and programme: a declined or cancelled one keeps its place (docs/benefits.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from funds.benefits.notices import notify_voucher
from funds.benefits.policies import OffersOf, parties
from funds.benefits.schemas import VoucherGrantIn, VoucherOfferChange, VoucherOfferIn
from funds.models import VOUCHER_MOVES, ConsultingVoucher, VoucherOffer, VoucherStatus
from funds.models.benefits import HOLDS_A_PLACE
from marketplace import reference
from marketplace.auth.models import User
from marketplace.context import ServiceContext
from marketplace.db import utcnow
from marketplace.errors import Conflict, NotFound
from marketplace.needs.models import Need
from marketplace.organisations.models import Organisation, OrganisationKind
from marketplace.policy import ensure, found, visible
from marketplace.programmes.models import ProgrammeStatus, SponsorProgramme
from marketplace.validation import LONG_TEXT_CHARS, MESSAGE_CHARS, check_text, fail
from mentors.models import MentorProfile


class NotEligible(Conflict):
    code = "not_eligible"


@dataclass(frozen=True)
class Eligibility:
    """Whether an SME can get an offer's voucher, and if not, why, in plain words."""

    refusals: list[Any]

    @property
    def eligible(self) -> bool:
        return not self.refusals


def get_offer(session: Session, viewer: User | None, offer_id: int, for_update: bool = False) -> VoucherOffer:
    offer = session.get(VoucherOffer, offer_id, with_for_update=for_update, populate_existing=for_update)
    return found(viewer, offer, _l("No such voucher offer."))


def get_voucher(session: Session, viewer: User | None, voucher_id: int, for_update: bool = False) -> ConsultingVoucher:
    """A voucher its sides and the overseers see; to anyone else it does not exist."""
    voucher = session.get(ConsultingVoucher, voucher_id, with_for_update=for_update, populate_existing=for_update)
    return found(viewer, voucher, _l("No such voucher."))


def offers_of(session: Session, programme: SponsorProgramme) -> list[VoucherOffer]:
    return list(
        session.scalars(select(VoucherOffer).where(VoucherOffer.programme_id == programme.id).order_by(VoucherOffer.id))
    )


def places_taken(session: Session, offer: VoucherOffer) -> int:
    statement = select(func.count(ConsultingVoucher.id)).where(
        ConsultingVoucher.offer_id == offer.id, ConsultingVoucher.status.in_(HOLDS_A_PLACE)
    )
    return int(session.scalar(statement) or 0)


def places_left(session: Session, offer: VoucherOffer) -> int:
    return max(offer.places - places_taken(session, offer), 0)


def _check_provider(session: Session, values: dict[str, Any]) -> None:
    org_id, mentor_id = values.get("provider_organisation_id"), values.get("provider_mentor_id")
    if org_id is not None:
        org = session.get(Organisation, org_id)
        if org is None or org.kind != OrganisationKind.SUPPLIER:
            raise fail("provider_organisation_id", _l("Choose a supplier firm on the platform."))
    if mentor_id is not None:
        mentor = session.get(MentorProfile, mentor_id)
        if mentor is None or not mentor.is_verified:
            raise fail("provider_mentor_id", _l("Choose a verified mentor."))


def add_offer(
    session: Session, ctx: ServiceContext, programme: SponsorProgramme, command: VoucherOfferIn
) -> VoucherOffer:
    """The programme's sponsor offers consulting vouchers: value, provider, scope, hours and places."""
    ensure(ctx.actor, "add", OffersOf(programme), _l("Only the programme's sponsor offers vouchers in it."))
    values = command.every_value()
    VoucherOfferIn.check(values)
    _check_provider(session, values)
    offer = VoucherOffer(
        programme_id=programme.id,
        scope=values["scope"],
        value_krw=values["value_krw"],
        hours=values["hours"],
        places=values["places"],
        provider_organisation_id=values.get("provider_organisation_id"),
        provider_mentor_id=values.get("provider_mentor_id"),
        complexes=sorted(set(values.get("complexes") or [])),
        note=(values.get("note") or "").strip(),
        created_by_id=ctx.actor.id,
    )
    session.add(offer)
    session.flush()
    return offer


def _lock_offer(session: Session, offer: VoucherOffer) -> VoucherOffer:
    """The offer's row, locked until the transaction ends: a grant locks it too (PostgreSQL; SQLite writes one at
    a time), so the places granted cannot change under a change of places or a closing."""
    locked = session.get(VoucherOffer, offer.id, with_for_update=True, populate_existing=True)
    return locked or offer


def change_offer(
    session: Session, ctx: ServiceContext, offer: VoucherOffer, command: VoucherOfferChange
) -> VoucherOffer:
    """The sponsor changes how many SMEs can get the offer's voucher: never fewer than the vouchers granted."""
    ensure(ctx.actor, "manage", offer, _l("Only the programme's sponsor changes its offers."))
    values = command.every_value()
    VoucherOfferChange.check(values)
    locked = _lock_offer(session, offer)
    if locked.closed:
        raise Conflict(_l("This offer is closed."))
    taken = places_taken(session, locked)
    if values["places"] < taken:
        raise fail(
            "places",
            _l("%(n)d vouchers are granted: the offer cannot have fewer places than that.", n=taken),
        )
    locked.places = values["places"]
    session.flush()
    return locked


def close_offer(session: Session, ctx: ServiceContext, offer: VoucherOffer) -> VoucherOffer:
    """The sponsor closes the offer: no new grants; the vouchers granted go on to delivery and confirmation."""
    ensure(ctx.actor, "manage", offer, _l("Only the programme's sponsor closes its offers."))
    locked = _lock_offer(session, offer)
    if locked.closed:
        raise Conflict(_l("This offer is closed already."))
    locked.closed_at = utcnow()
    session.flush()
    return locked


def eligibility(session: Session, offer: VoucherOffer, sme: Organisation) -> Eligibility:
    """The programme's focus (region, industry) and the offer's complexes, each refusal said in plain words."""
    return eligibilities(session, [offer], sme)[0]


def eligibilities(session: Session, offers: list[VoucherOffer], sme: Organisation) -> list[Eligibility]:
    """`eligibility` of each offer for one SME, in two queries for them all (the SME's vouchers by programme,
    and the places each offer has granted)."""
    if not offers:
        return []
    held = set(
        session.scalars(
            select(ConsultingVoucher.programme_id).where(
                ConsultingVoucher.programme_id.in_({offer.programme_id for offer in offers}),
                ConsultingVoucher.sme_organisation_id == sme.id,
            )
        )
    )
    taken_statement = (
        select(ConsultingVoucher.offer_id, func.count(ConsultingVoucher.id))
        .where(
            ConsultingVoucher.offer_id.in_({offer.id for offer in offers}),
            ConsultingVoucher.status.in_(HOLDS_A_PLACE),
        )
        .group_by(ConsultingVoucher.offer_id)
    )
    taken: dict[int, int] = {offer_id: int(count) for offer_id, count in session.execute(taken_statement)}
    return [_eligibility(offer, sme, offer.programme_id in held, taken.get(offer.id, 0)) for offer in offers]


def _eligibility(offer: VoucherOffer, sme: Organisation, holds_one: bool, taken: int) -> Eligibility:
    programme, refusals = offer.programme, []
    if sme.kind != OrganisationKind.SME:
        refusals.append(_l("Vouchers are granted to SMEs."))
    if programme.status != ProgrammeStatus.OPEN:
        refusals.append(_l("The programme is not open."))
    if offer.closed:
        refusals.append(_l("The sponsor closed this offer: no new vouchers are granted."))
    if programme.focus_regions and sme.region not in programme.focus_regions:
        refusals.append(_l("The programme supports firms in other regions."))
    if programme.focus_industries and sme.ksic_division not in programme.focus_industries:
        refusals.append(_l("The programme supports other industries."))
    if offer.complexes and sme.industrial_complex not in offer.complexes:
        names = ", ".join(reference.label("industrial_complexes", code, "ko") for code in offer.complexes)
        refusals.append(_l("This offer is for tenants of %(complexes)s.", complexes=names))
    if holds_one:
        refusals.append(_l("The SME already has a voucher of this programme (one per SME)."))
    if max(offer.places - taken, 0) <= 0:
        refusals.append(_l("Every voucher of this offer is granted."))
    return Eligibility(refusals)


def _grant_need(session: Session, need_id: Any, sme: Organisation) -> int | None:
    if need_id is None:
        return None
    need = session.get(Need, need_id)
    if need is None or need.organisation_id != sme.id:
        raise fail("need_id", _l("Choose a need of this SME, or none."))
    return need.id


def grant_voucher(session: Session, ctx: ServiceContext, command: VoucherGrantIn) -> ConsultingVoucher:
    """The sponsor grants one of an offer's vouchers to an eligible SME (one per SME and programme)."""
    values = command.every_value()
    offer_id = values.get("offer_id")
    offer = (
        session.get(VoucherOffer, offer_id, with_for_update=True, populate_existing=True)
        if isinstance(offer_id, int)
        else None
    )
    if offer is None:
        raise NotFound(_l("No such voucher offer."), fields={"offer_id": [str(_l("No such voucher offer."))]})
    ensure(ctx.actor, "grant", offer, _l("Only the programme's sponsor grants its vouchers."))
    sme_id = values.get("sme_organisation_id")
    sme = session.get(Organisation, sme_id) if isinstance(sme_id, int) else None
    if sme is None:
        raise fail("sme_organisation_id", _l("Choose an SME on the platform."))
    need_id = _grant_need(session, values.get("need_id"), sme)
    verdict = eligibility(session, offer, sme)
    if not verdict.eligible:
        raise NotEligible(verdict.refusals[0])
    voucher = ConsultingVoucher(
        offer_id=offer.id,
        programme_id=offer.programme_id,
        sponsor_organisation_id=offer.programme.organisation_id,
        sme_organisation_id=sme.id,
        need_id=need_id,
        scope=offer.scope,
        value_krw=offer.value_krw,
        hours=offer.hours,
        status=VoucherStatus.GRANTED,
        granted_by_id=ctx.actor.id,
    )
    try:
        with session.begin_nested():
            session.add(voucher)
    except IntegrityError as error:  # granted by a concurrent request a moment ago
        raise NotEligible(_l("The SME already has a voucher of this programme (one per SME).")) from error
    notify_voucher(session, voucher, ctx, "grant")
    return voucher


def transition_voucher(
    session: Session, ctx: ServiceContext, voucher: ConsultingVoucher, action: str, text: str | None = None
) -> ConsultingVoucher:
    """The one way a voucher's status changes: the right side acts, from the right state.

    `text` is the provider's report (required to report) or the reason to decline or cancel (optional).
    """
    refusal = _l("You are not the side who can do this to the voucher.")
    target = VOUCHER_MOVES.target_for(voucher.status, action, parties(ctx.actor, voucher), refusal)
    text = (text or "").strip() or None
    now = utcnow()
    if action == "report":
        check_text({"report": text}, "report", LONG_TEXT_CHARS, required=True)
        voucher.report, voucher.reported_by_id, voucher.reported_at = text, ctx.actor.id, now
    elif action == "confirm":
        voucher.confirmed_by_id, voucher.confirmed_on = ctx.actor.id, ctx.today
    else:
        check_text({"reason": text}, "reason", MESSAGE_CHARS, required=False)
        voucher.end_reason = text
    voucher.status = target
    session.flush()
    notify_voucher(session, voucher, ctx, action)
    return voucher


def available_actions(user: User, voucher: ConsultingVoucher) -> list[str]:
    """The moves this user can make now (the buttons on the voucher's page)."""
    return VOUCHER_MOVES.available_to(voucher.status, parties(user, voucher))


def list_vouchers(session: Session, viewer: User) -> list[ConsultingVoucher]:
    """The vouchers the viewer is a side of (every one for the overseers), newest first."""
    statement = select(ConsultingVoucher).where(visible(viewer, ConsultingVoucher))
    return list(
        session.scalars(statement.order_by(ConsultingVoucher.granted_at.desc(), ConsultingVoucher.id.desc()).limit(200))
    )


def eligible_smes(session: Session, offer: VoucherOffer, limit: int = 200) -> list[Organisation]:
    """SMEs the sponsor can grant this offer's voucher to now (the grant form's choices), by name: the same
    rules as `eligibility`, in one query."""
    programme = offer.programme
    if programme.status != ProgrammeStatus.OPEN or offer.closed or places_left(session, offer) <= 0:
        return []
    holders = select(ConsultingVoucher.sme_organisation_id).where(ConsultingVoucher.programme_id == programme.id)
    statement = select(Organisation).where(Organisation.kind == OrganisationKind.SME, Organisation.id.not_in(holders))
    if programme.focus_regions:
        statement = statement.where(Organisation.region.in_(programme.focus_regions))
    if programme.focus_industries:
        statement = statement.where(Organisation.ksic_division.in_(programme.focus_industries))
    if offer.complexes:
        statement = statement.where(Organisation.industrial_complex.in_(offer.complexes))
    return list(session.scalars(statement.order_by(Organisation.name, Organisation.id).limit(limit)))
