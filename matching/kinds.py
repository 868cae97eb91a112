"""The kinds of listing the engine matches: a need on one side, three kinds of offer on the other."""

from __future__ import annotations

import enum


class Kind(enum.StrEnum):
    NEED = "need"
    SOLUTION = "solution"
    PROGRAMME = "programme"
    MENTOR = "mentor"


OFFER_KINDS = (Kind.SOLUTION, Kind.PROGRAMME, Kind.MENTOR)
