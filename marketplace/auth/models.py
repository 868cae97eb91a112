"""Accounts and personal API tokens."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship

from marketplace.db import Base, enum_type, utcnow
from marketplace.organisations.models import Organisation, OrganisationKind


class Role(enum.StrEnum):
    SME = "sme"
    SPONSOR = "sponsor"
    SUPPLIER = "supplier"
    MENTOR = "mentor"
    OFFICER = "officer"
    ADMIN = "admin"

    @property
    def organisation_kind(self) -> OrganisationKind | None:
        """The kind of organisation a user of this role belongs to (None: an individual)."""
        return ORGANISATION_ROLES.get(self)


ORGANISATION_ROLES = {
    Role.SME: OrganisationKind.SME,
    Role.SPONSOR: OrganisationKind.SPONSOR,
    Role.SUPPLIER: OrganisationKind.SUPPLIER,
}
SELF_SERVICE_ROLES = (Role.SME, Role.SPONSOR, Role.SUPPLIER, Role.MENTOR)


class MemberRole(enum.StrEnum):
    """A user's place in their organisation: managers invite colleagues, members work on its listings."""

    MANAGER = "manager"
    MEMBER = "member"


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class User(UserMixin, Base):
    __tablename__ = "users"
    __table_args__ = (
        # Users of SMEs, sponsors and suppliers belong to one organisation; the others to none.
        CheckConstraint(
            "(role IN ('sme', 'sponsor', 'supplier')) = (organisation_id IS NOT NULL)",
            name="organisation_matches_role",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[Role] = mapped_column(enum_type(Role, "role"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    locale: Mapped[str | None] = mapped_column(String(5))
    # Part of the login id in every session and remember cookie; replacing it ends them all.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    active: Mapped[bool] = mapped_column(default=True)
    # None until the user follows the link we emailed (registration, or a password reset, proves the address).
    email_verified_at: Mapped[datetime | None]
    # Set in organisations only; the one who registered the organisation is its first manager.
    member_role: Mapped[MemberRole | None] = mapped_column(enum_type(MemberRole, "member_role"))
    # A closed account keeps its row (the ledger and other parties' records point at it), anonymised.
    closed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    organisation: Mapped[Organisation | None] = relationship()
    api_tokens: Mapped[list[ApiToken]] = relationship(back_populates="user", order_by="ApiToken.id")

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_manager(self) -> bool:
        return self.member_role == MemberRole.MANAGER

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role} {self.email}>"


class ApiToken(Base):
    """A personal API token; only its SHA-256 is stored, the token itself is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="api_tokens")

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


def members_of(organisation: Organisation) -> list[User]:
    """The users acting for an organisation, oldest account first. (Users point at their organisation and
    not back, so organisations need not know accounts.)"""
    session = object_session(organisation)
    if session is None:
        raise ValueError("members_of needs an organisation that belongs to a session")
    return list(session.scalars(select(User).where(User.organisation_id == organisation.id).order_by(User.id)))


class TokenPurpose(enum.StrEnum):
    VERIFY_EMAIL = "verify_email"
    RESET_PASSWORD = "reset_password"  # noqa: S105  (a purpose, not a secret)


class AccountToken(Base):
    """A link we emailed (verify the address, reset the password): only a hash of its secret is stored.

    It works once (`used_at`), until `expires_at`, and only for the address it was sent to.
    """

    __tablename__ = "account_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[TokenPurpose] = mapped_column(enum_type(TokenPurpose, "token_purpose"))
    secret_hash: Mapped[str] = mapped_column(String(64))
    email: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()


class Consent(Base):
    """One item a user agreed to, with the version of the text they were shown; withdrawing keeps the row."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    item: Mapped[str] = mapped_column(String(40))
    version: Mapped[str] = mapped_column(String(20))
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None]
