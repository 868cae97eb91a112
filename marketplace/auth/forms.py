"""Account forms."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from marketplace.auth.consents import ITEMS, field_name
from marketplace.auth.models import ORGANISATION_ROLES, SELF_SERVICE_ROLES, Role
from marketplace.auth.passwords import MIN_PASSWORD_LENGTH
from marketplace.forms import select_choices
from marketplace.organisations.forms import OrganisationForm, valid_business_number

ROLE_LABELS = {
    Role.SME: _l("SME (manufacturer)"),
    Role.SPONSOR: _l("Sponsor firm"),
    Role.SUPPLIER: _l("Solution supplier"),
    Role.MENTOR: _l("Mentor (retired engineer)"),
    Role.OFFICER: _l("Programme officer"),
    Role.ADMIN: _l("Administrator"),
}

_password = [DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=128)]
# Fields an organisation must give at registration; the form shows them only for organisation roles.
ORGANISATION_REQUIRED = ("name", "business_number", "ksic_division", "region")


class ConsentFields(FlaskForm):
    """The privacy consents of a new account: required items (필수) and optional ones (선택) apart."""

    consent_terms = BooleanField(_l("I agree to the terms of use (required)"))
    consent_privacy = BooleanField(_l("I agree to the collection and use of my personal information (required)"))
    consent_marketing_email = BooleanField(_l("Email me news and programme announcements (optional)"))

    def given_consents(self) -> frozenset[str]:
        return frozenset(key for key in ITEMS if getattr(self, field_name(key)).data)


class RegisterForm(OrganisationForm, ConsentFields):
    email = StringField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    display_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(_l("Password"), validators=_password)
    confirm = PasswordField(
        _l("Repeat password"), validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))]
    )
    role = SelectField(_l("I am"), choices=select_choices([(r.value, ROLE_LABELS[r]) for r in SELF_SERVICE_ROLES]))
    business_number = StringField(
        _l("Business registration number"), validators=[Optional(), valid_business_number], description="123-45-67890"
    )

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if not self.role.errors and Role(self.role.data) in ORGANISATION_ROLES:  # an unknown role is an error already
            for name in ORGANISATION_REQUIRED:
                field = getattr(self, name)
                if not field.data and not field.errors:
                    field.errors = [*field.errors, str(_l("Required for an organisation."))]
                    valid = False
        return valid


class LoginForm(FlaskForm):
    email = StringField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=128)])
    remember = BooleanField(_l("Keep me logged in on this computer"))


class ForgotPasswordForm(FlaskForm):
    email = StringField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])


class ResetPasswordForm(FlaskForm):
    new_password = PasswordField(_l("New password"), validators=_password)
    confirm = PasswordField(
        _l("Repeat new password"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The passwords differ."))],
    )


class ChangePasswordForm(ResetPasswordForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])


class CloseAccountForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[DataRequired(), Length(max=128)])
    understood = BooleanField(
        _l("I understand that my account cannot be opened again."),
        validators=[DataRequired(message=_l("Tick this box to close your account."))],
    )


class ApiTokenForm(FlaskForm):
    name = StringField(_l("Token name"), validators=[DataRequired(), Length(max=80)])


class AcceptInvitationForm(ConsentFields):
    display_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(_l("Password"), validators=_password)
    confirm = PasswordField(
        _l("Repeat password"), validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))]
    )
