"""Funds forms. Fields only parse what is typed; the rules live in the services, one message each."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional, Regexp, ValidationError

from funds.models import ANY_TIER
from funds.payments.data import Card
from funds.projects.reads import ApplicationChoices
from marketplace.forms import CommandForm, select_choices, set_reference_choices
from marketplace.validation import whole_number

CARD_DIGITS = _l("A card number has 16 digits.")


def optional_id(value: Any) -> int | None:
    """A select's value as an id; empty (or not a number) is None, so the service names the field."""
    if value is None or value == "":
        return None
    return whole_number(str(value))


def _id_choices(blank: str, pairs: list[tuple[int, str]]) -> list[Any]:
    return select_choices([("", blank), *((str(key), label) for key, label in pairs)])


def _solution_choices(blank: str, choices: ApplicationChoices) -> Any:
    """The solutions that fit the chosen need in a group of their own, first; the others after."""
    if not choices.matched:
        return _id_choices(blank, choices.solutions)
    pairs = [(str(key), label) for key, label in choices.solutions]
    return {
        str(_l("Fit your need")): select_choices([("", blank), *pairs[: choices.matched]]),
        str(_l("Other solutions")): select_choices(pairs[choices.matched :]),
    }


class ApplicationForm(CommandForm):
    need_id = SelectField(_l("Need"), coerce=optional_id, validate_choice=False)
    solution_id = SelectField(
        _l("Solution"), coerce=optional_id, validate_choice=False, description=_l("The supplier's price range")
    )
    programme_id = SelectField(_l("Sponsor programme"), coerce=optional_id, validate_choice=False)
    government_programme_id = SelectField(_l("Government programme"), coerce=optional_id, validate_choice=False)
    tier = SelectField(_l("Funding tier"), validate_choice=False)
    cost_krw = IntegerField(
        _l("Cost (KRW)"), validators=[Optional()], description=_l("The supplier's quoted cost in whole won")
    )
    apply = SubmitField(_l("Apply for co-investment"))

    def fill(self, choices: ApplicationChoices) -> None:
        blank, government_only = str(_l("Choose…")), str(_l("None: government-only track"))
        self.need_id.choices = _id_choices(blank, choices.needs)
        self.solution_id.choices = _solution_choices(blank, choices)
        self.programme_id.choices = _id_choices(government_only, choices.programmes)
        self.government_programme_id.choices = _id_choices(blank, choices.government_programmes)
        set_reference_choices(self.tier, "funding_tiers", blank=_l("Choose…"))

    def prefill(self, choices: ApplicationChoices) -> None:
        """A new form for a chosen need: the best-fitting solution, the need's tier and budget as the cost."""
        if choices.need is None:
            return
        self.need_id.data = choices.need.id
        self.solution_id.data = choices.best.id if choices.best else None
        self.tier.data = choices.need.funding_tier
        self.cost_krw.data = choices.quoted_cost()


def _percent(label: Any) -> IntegerField:
    return IntegerField(label, validators=[Optional()], description=_l("0 to 100"))


def _cap(label: Any) -> IntegerField:
    return IntegerField(label, validators=[Optional()], description=_l("Whole won; empty for no cap"))


class RuleForm(CommandForm):
    """One tier's cost-share rule; `tier` is asked only when a rule is added."""

    tier = SelectField(_l("Funding tier"), validate_choice=False)
    government_percent = _percent(_l("Government %"))
    government_cap_krw = _cap(_l("Government cap (KRW)"))
    sponsor_min_percent = _percent(_l("Sponsor minimum %"))
    sponsor_cap_krw = _cap(_l("Sponsor cap (KRW)"))
    sme_max_percent = _percent(_l("SME maximum %"))
    total_cap_krw = _cap(_l("Largest project cost (KRW)"))
    save = SubmitField(_l("Save rule"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_reference_choices(self.tier, "funding_tiers", blank=_l("Choose…"))
        self.tier.choices = [*self.tier.choices, *select_choices([(ANY_TIER, str(_l("Any tier")))])]


class ProgrammeForm(RuleForm):
    """A new government programme with the rule of its first tier (more tiers are added after)."""

    name = StringField(_l("Name (Korean)"))
    name_en = StringField(_l("Name (English)"))
    year = IntegerField(_l("Year"), validators=[Optional()])
    budget_krw = IntegerField(_l("Budget (KRW)"), validators=[Optional()], description=_l("Whole won"))
    requires_sponsor = BooleanField(
        _l("Needs a sponsor programme"), default=True, description=_l("Leave unticked for a government-only track")
    )
    save = SubmitField(_l("Create programme"))


class BudgetForm(FlaskForm):
    budget_krw = IntegerField(_l("Budget (KRW)"), validators=[Optional()], description=_l("Whole won"))
    save = SubmitField(_l("Save budget"))


class PaymentForm(FlaskForm):
    """An amount and a card. The card goes to Stripe and is never stored here (only its brand and last 4)."""

    amount_krw = IntegerField(_l("Amount (KRW)"), validators=[InputRequired(_l("Enter the amount in whole won."))])
    card_number = StringField(
        _l("Card number"),
        validators=[InputRequired(_l("Enter the card number.")), Regexp(r"^[\d ]{16,19}$", message=CARD_DIGITS)],
        render_kw={"autocomplete": "cc-number", "inputmode": "numeric"},
    )
    exp_month = IntegerField(
        _l("Expiry month"), validators=[InputRequired(_l("Enter the month.")), NumberRange(1, 12, _l("1 to 12."))]
    )
    exp_year = IntegerField(
        _l("Expiry year"),
        validators=[InputRequired(_l("Enter the year.")), NumberRange(2020, 2099, _l("Four digits, e.g. 2029."))],
    )
    cvc = StringField(
        _l("CVC"),
        validators=[InputRequired(_l("Enter the 3 digits on the back.")), Regexp(r"^\d{3}$", message=_l("3 digits."))],
        render_kw={"autocomplete": "cc-csc", "inputmode": "numeric"},
    )
    # A payment is a money action: the payer ticks this before the card is charged (a second, deliberate step).
    confirm = BooleanField(
        _l("Charge the amount above to this card now"),
        validators=[DataRequired(_l("Tick the box to confirm the payment."))],
        description=_l("A card payment cannot be undone here; only an officer can refund it."),
    )
    pay = SubmitField(_l("Pay"))

    def validate_card_number(self, field: StringField) -> None:
        if len((field.data or "").replace(" ", "")) != 16:
            raise ValidationError(str(CARD_DIGITS))

    def card(self) -> Card:
        number = (self.card_number.data or "").replace(" ", "")
        return Card(number, int(self.exp_month.data or 0), int(self.exp_year.data or 0), self.cvc.data or "")


class RefundForm(FlaskForm):
    amount_krw = IntegerField(
        _l("Amount to refund (KRW)"), validators=[InputRequired(_l("Enter the amount in whole won."))]
    )
    reason = StringField(_l("Reason"), validators=[InputRequired(_l("Say why the payment is refunded."))])
    confirm = BooleanField(
        _l("Send this refund to the payer's card now"),
        validators=[DataRequired(_l("Tick the box to confirm the refund."))],
        description=_l("A refund cannot be taken back."),
    )
    refund = SubmitField(_l("Refund"))
