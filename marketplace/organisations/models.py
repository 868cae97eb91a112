"""Organisations: the SMEs, sponsor firms and suppliers that users act for."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.db import Base, CodeSet, enum_type, utcnow


class OrganisationKind(enum.StrEnum):
    SME = "sme"
    SPONSOR = "sponsor"
    SUPPLIER = "supplier"


class Organisation(Base):
    __tablename__ = "organisations"
    __table_args__ = (
        CheckConstraint("employees >= 0", name="employees_not_negative"),
        CheckConstraint("annual_revenue_krw >= 0", name="revenue_not_negative"),
        CheckConstraint("length(business_number) = 10", name="business_number_ten_digits"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[OrganisationKind] = mapped_column(enum_type(OrganisationKind, "organisation_kind"))
    name: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str | None] = mapped_column(String(120))
    # Ten digits without hyphens, check digit verified (organisations.brn).
    business_number: Mapped[str] = mapped_column(String(10), unique=True)
    ksic_division: Mapped[str] = mapped_column(String(2))
    region: Mapped[str] = mapped_column(String(20))
    industrial_complex: Mapped[str | None] = mapped_column(String(30))
    employees: Mapped[int] = mapped_column(default=0)
    annual_revenue_krw: Mapped[int] = mapped_column(BigInteger, default=0)
    smart_factory_level: Mapped[str] = mapped_column(String(20), default="none")
    contact_phone: Mapped[str | None] = mapped_column(String(30))
    # The public profile people choose by (organisations/profile.py): what the firm makes and has done.
    description: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(String(300))
    # [{"code": "iso9001", "number": "…" | None, "expires_on": "YYYY-MM-DD" | None}], codes from reference
    certifications: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    products: Mapped[list[str]] = mapped_column(JSON, default=list)
    # [{"title", "customer", "year", "summary"}], newest first as the firm lists them
    reference_projects: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # The industrial complexes this organisation operates (e.g. 한국산업단지공단: 반월, 시화): a "complex operator"
    # is a sponsor-kind organisation with at least one. Set by an administrator in the database (no page edits it
    # yet) or by the demo, never by the firm itself (docs/training.md).
    operated_complexes: Mapped[list[str]] = mapped_column(CodeSet, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    @property
    def owner_organisation_id(self) -> int:
        return self.id

    @property
    def is_complex_operator(self) -> bool:
        return bool(self.operated_complexes)

    @property
    def profile_complete(self) -> bool:
        """Registration asks only the essentials; sponsors and the matching read the rest (size, revenue, phone)."""
        return bool(self.employees and self.annual_revenue_krw and self.contact_phone)

    def name_in(self, language: str) -> str:
        """The name to show in the interface's language: the English name in English when it has one."""
        return self.name_en if language == "en" and self.name_en else self.name

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.kind} {self.name!r}>"


class Invitation(Base):
    """A manager asked someone to join the organisation by email; only a hash of the link's secret is stored."""

    __tablename__ = "organisation_invitations"
    __table_args__ = (CheckConstraint("member_role IN ('manager', 'member')", name="known_member_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    member_role: Mapped[str] = mapped_column(String(7))  # auth.models.MemberRole's values
    invited_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    accepted_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    revoked_at: Mapped[datetime | None]

    organisation: Mapped[Organisation] = relationship()

    @property
    def owner_organisation_id(self) -> int:
        return self.organisation_id

    def is_pending(self, now: datetime) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > now
