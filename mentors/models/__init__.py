"""The mentor aggregates: a mentor's profile, and the engagements (with logs, events and ratings)."""

from mentors.models.engagement import (
    ENGAGEMENT_ACTORS,
    ENGAGEMENT_MOVES,
    HOLDS_A_SLOT,
    LIVE_STATES,
    Engagement,
    EngagementEvent,
    EngagementLog,
    EngagementRating,
    EngagementStatus,
    Party,
    RatingSide,
)
from mentors.models.profile import LANGUAGES, MentorProfile, MentorProgrammeSettings

__all__ = [
    "ENGAGEMENT_ACTORS",
    "ENGAGEMENT_MOVES",
    "HOLDS_A_SLOT",
    "LANGUAGES",
    "LIVE_STATES",
    "Engagement",
    "EngagementEvent",
    "EngagementLog",
    "EngagementRating",
    "EngagementStatus",
    "MentorProfile",
    "MentorProgrammeSettings",
    "Party",
    "RatingSide",
]
