"""A mentor's profile: who they were, what they know, where and when they can coach, how many at once."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ColumnElement, ForeignKey, String, Text, select
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace import reference
from marketplace.auth.models import User
from marketplace.db import Base, CodeSet, utcnow
from marketplace.reference import Term
from marketplace.search import keep_search_text

# The languages a mentor can coach in (codes stored in MentorProfile.languages).
LANGUAGES = (
    Term("ko", "한국어", "Korean"),
    Term("en", "영어", "English"),
    Term("ja", "일본어", "Japanese"),
    Term("zh", "중국어", "Chinese"),
    Term("de", "독일어", "German"),
    Term("vi", "베트남어", "Vietnamese"),
)
TITLE_SEPARATOR = " — "
DEFAULT_CAPACITY = 2  # SPEC: at most two engagements at once, by default


class MentorProfile(Base):
    __tablename__ = "mentor_profiles"
    __table_args__ = (
        CheckConstraint("capacity BETWEEN 1 AND 10", name="capacity_in_range"),
        # `engaged` counts the accepted and active engagements; the database itself refuses a third of two.
        CheckConstraint("engaged >= 0 AND engaged <= capacity", name="engaged_within_capacity"),
        CheckConstraint("years_experience BETWEEN 0 AND 70", name="years_in_range"),
        CheckConstraint("available_until IS NULL OR available_from <= available_until", name="window_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    headline: Mapped[str] = mapped_column(String(120))
    bio: Mapped[str] = mapped_column(Text)
    former_employer: Mapped[str] = mapped_column(String(120))
    years_experience: Mapped[int]
    specialties: Mapped[list[str]] = mapped_column(CodeSet)  # solution-category codes
    expertise: Mapped[str] = mapped_column(Text, default="")  # processes, defects, equipment, in words
    industries: Mapped[list[str]] = mapped_column(CodeSet)  # KSIC divisions
    regions: Mapped[list[str]] = mapped_column(CodeSet)  # where they will travel; empty: anywhere
    languages: Mapped[list[str]] = mapped_column(CodeSet)
    available_from: Mapped[date]
    available_until: Mapped[date | None]  # None: open-ended
    capacity: Mapped[int] = mapped_column(default=DEFAULT_CAPACITY)
    # Kept by the engagement transition function only, with a conditional UPDATE (mentors/capacity.py).
    engaged: Mapped[int] = mapped_column(default=0)
    fee_terms: Mapped[str | None] = mapped_column(String(500))
    verified_at: Mapped[datetime | None]
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Indexed: every sync of the match index reads the rows changed since its last one.
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")
    verified_by: Mapped[User | None] = relationship(foreign_keys=[verified_by_id])

    @property
    def owner_user_id(self) -> int:
        return self.user_id

    @property
    def display_name(self) -> str:
        return self.user.display_name

    @hybrid_property
    def title(self) -> str:
        """The mentor as one line: name and headline (what match lists show)."""
        return f"{self.user.display_name}{TITLE_SEPARATOR}{self.headline}"

    @title.inplace.expression
    @classmethod
    def _title_sql(cls) -> ColumnElement[str]:
        # The same in SQL, so search.py ranks and fuzzy-matches mentors by title as it does listings.
        name = select(User.display_name).where(User.id == cls.user_id).scalar_subquery()
        return name + TITLE_SEPARATOR + cls.headline

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def open_slots(self) -> int:
        return self.capacity - self.engaged

    def available_on(self, day: date) -> bool:
        """Whether `day` lies in the mentor's availability window."""
        return self.available_from <= day and (self.available_until is None or day <= self.available_until)


def _searchable(profile: MentorProfile) -> list[str | None]:
    # Labels in both languages, so "용접" or "welding", "울산" or "Ulsan" find the mentor.
    return [
        profile.user.display_name if profile.user is not None else "",
        profile.former_employer,
        profile.headline,
        profile.bio,
        profile.expertise,
        *reference.bilingual_labels("solution_categories", profile.specialties or []),
        *reference.bilingual_labels("ksic_divisions", profile.industries or []),
        *reference.bilingual_labels("regions", profile.regions or []),
    ]


keep_search_text(MentorProfile, _searchable)


class MentorProgrammeSettings(Base):
    """The officer's settings of the mentoring programme (one row; absent means the defaults)."""

    __tablename__ = "mentor_programme_settings"
    __table_args__ = (CheckConstraint("dispatch_target > 0", name="target_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Mentors to dispatch; the 2019 programme dispatched 100 experts.
    dispatch_target: Mapped[int] = mapped_column(default=100)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
