"""Service offer pages: a programme's voucher offers and grants, the vouchers list, one voucher and its moves,
a solution's tenant discounts."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from funds.benefits import discounts, vouchers
from funds.benefits.forms import DiscountForm, GrantForm, PlacesForm, ReportForm, VoucherOfferForm
from funds.benefits.policies import OffersOf
from funds.benefits.presenting import voucher_status_label
from funds.benefits.schemas import TenantDiscountIn, VoucherGrantIn, VoucherOfferChange, VoucherOfferIn
from funds.models import ConsultingVoucher, VoucherOffer
from marketplace.auth.models import Role
from marketplace.context import from_request
from marketplace.db import db
from marketplace.errors import DomainError
from marketplace.forms import apply_domain_error, save_form
from marketplace.permissions import requires
from marketplace.policy import can, ensure
from marketplace.programmes.models import SponsorProgramme
from marketplace.programmes.services import get_programme
from marketplace.solutions.services import get_solution

bp = Blueprint("benefits", __name__)


def _programme_page(
    programme: SponsorProgramme,
    offer_form: VoucherOfferForm | None = None,
    failed: tuple[int, GrantForm | PlacesForm] | None = None,
) -> str:
    offers = vouchers.offers_of(db.session, programme)
    runs = can(current_user, "add", OffersOf(programme))
    grant_forms: dict[int, GrantForm] = {}
    places_forms: dict[int, PlacesForm] = {}
    if runs:
        for offer in offers:
            grant_forms[offer.id] = GrantForm(vouchers.eligible_smes(db.session, offer), prefix=f"offer{offer.id}")
            places_forms[offer.id] = PlacesForm(prefix=f"places{offer.id}", data={"places": offer.places})
        if failed is not None and isinstance(failed[1], GrantForm):
            grant_forms[failed[0]] = failed[1]
        elif failed is not None and isinstance(failed[1], PlacesForm):
            places_forms[failed[0]] = failed[1]
    return render_template(
        "benefits/programme.html",
        programme=programme,
        offers=[(offer, vouchers.places_left(db.session, offer)) for offer in offers],
        runs=runs,
        offer_form=offer_form or (VoucherOfferForm(db.session) if runs else None),
        grant_forms=grant_forms,
        places_forms=places_forms,
    )


@bp.get("/programmes/<int:programme_id>/vouchers")
@requires()
def programme_vouchers(programme_id: int) -> str:
    return _programme_page(get_programme(db.session, current_user, programme_id))


@bp.post("/programmes/<int:programme_id>/vouchers/offers")
@requires(Role.SPONSOR)
def add_offer(programme_id: int) -> str | Response:
    programme = get_programme(db.session, current_user, programme_id)
    ensure(current_user, "add", OffersOf(programme))
    form = VoucherOfferForm(db.session)
    saved = save_form(
        form,
        lambda: vouchers.add_offer(db.session, from_request(current_user), programme, form.command(VoucherOfferIn)),
        _("The vouchers are offered."),
        lambda offer: url_for("benefits.programme_vouchers", programme_id=programme.id),
    )
    return saved or _programme_page(programme, offer_form=form)


@bp.post("/voucher-offers/<int:offer_id>/grants")
@requires(Role.SPONSOR)
def grant(offer_id: int) -> str | Response:
    offer: VoucherOffer = vouchers.get_offer(db.session, current_user, offer_id)
    ensure(current_user, "grant", offer)
    form = GrantForm(vouchers.eligible_smes(db.session, offer), prefix=f"offer{offer.id}")
    saved = save_form(
        form,
        lambda: vouchers.grant_voucher(
            db.session, from_request(current_user), form.command(VoucherGrantIn, offer_id=offer.id)
        ),
        _("The voucher is granted."),
        _voucher_url,
    )
    return saved or _programme_page(offer.programme, failed=(offer.id, form))


@bp.post("/voucher-offers/<int:offer_id>/places")
@requires(Role.SPONSOR)
def change_places(offer_id: int) -> str | Response:
    offer: VoucherOffer = vouchers.get_offer(db.session, current_user, offer_id)
    ensure(current_user, "manage", offer)
    form = PlacesForm(prefix=f"places{offer.id}")
    saved = save_form(
        form,
        lambda: vouchers.change_offer(db.session, from_request(current_user), offer, form.command(VoucherOfferChange)),
        _("The places are changed."),
        lambda changed: url_for("benefits.programme_vouchers", programme_id=changed.programme_id),
    )
    return saved or _programme_page(offer.programme, failed=(offer.id, form))


@bp.post("/voucher-offers/<int:offer_id>/close")
@requires(Role.SPONSOR)
def close_offer(offer_id: int) -> Response:
    offer: VoucherOffer = vouchers.get_offer(db.session, current_user, offer_id)
    vouchers.close_offer(db.session, from_request(current_user), offer)
    flash(_("The offer is closed: no new vouchers; those granted go on."), "success")
    return redirect(url_for("benefits.programme_vouchers", programme_id=offer.programme_id))


def _voucher_url(voucher: ConsultingVoucher) -> str:
    return url_for("benefits.voucher", voucher_id=voucher.id)


@bp.get("/vouchers")
@requires()
def browse() -> str:
    return render_template("benefits/vouchers.html", vouchers=vouchers.list_vouchers(db.session, current_user))


def _voucher_page(
    voucher: ConsultingVoucher, report_form: ReportForm | None = None, status: int = 200
) -> tuple[str, int]:
    page = render_template(
        "benefits/voucher.html",
        voucher=voucher,
        actions=vouchers.available_actions(current_user, voucher),
        report_form=report_form or ReportForm(),
    )
    return page, status


@bp.get("/vouchers/<int:voucher_id>")
@requires()
def voucher(voucher_id: int) -> tuple[str, int]:
    return _voucher_page(vouchers.get_voucher(db.session, current_user, voucher_id))


@bp.post("/vouchers/<int:voucher_id>/transitions")
@requires()
def transition(voucher_id: int) -> Response | tuple[str, int]:
    item = vouchers.get_voucher(db.session, current_user, voucher_id, for_update=True)
    action = request.form.get("action", "")
    form = ReportForm()
    text = form.report.data if action == "report" else request.form.get("reason")
    try:
        vouchers.transition_voucher(db.session, from_request(current_user), item, action, text)
    except DomainError as error:
        if action != "report":
            raise
        apply_domain_error(form, error)
        return _voucher_page(vouchers.get_voucher(db.session, current_user, voucher_id), form, error.status)
    db.session.flush()
    flash(_("The voucher's status is now: %(status)s.", status=voucher_status_label(item.status)), "success")
    return redirect(_voucher_url(item))


@bp.post("/solutions/<int:solution_id>/tenant-discounts")
@requires(Role.SUPPLIER, Role.SPONSOR)
def set_discount(solution_id: int) -> Response:
    solution = get_solution(db.session, current_user, solution_id)
    form = DiscountForm()
    back = url_for("solutions.show", solution_id=solution.id) + "#tenant-discounts"
    if not form.validate_on_submit():
        flash(_("Enter the discount again."), "danger")
        return redirect(back)
    try:
        discounts.set_discount(db.session, from_request(current_user), solution, form.command(TenantDiscountIn))
    except DomainError as error:
        db.session.rollback()
        messages = [str(m) for field in error.fields.values() for m in field] or [str(error.message)]
        flash(" ".join(messages), "danger")
        return redirect(back)
    db.session.flush()
    flash(_("The tenant discount is set."), "success")
    return redirect(back)


@bp.post("/solutions/<int:solution_id>/tenant-discounts/<int:discount_id>/removal")
@requires(Role.SUPPLIER, Role.SPONSOR)
def remove_discount(solution_id: int, discount_id: int) -> Response:
    solution = get_solution(db.session, current_user, solution_id)
    discounts.remove_discount(db.session, from_request(current_user), solution, discount_id)
    db.session.flush()
    flash(_("The tenant discount is removed."), "success")
    return redirect(url_for("solutions.show", solution_id=solution.id) + "#tenant-discounts")
