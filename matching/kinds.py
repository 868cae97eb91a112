"""The kinds of listing the engine matches: a need on one side, three kinds of offer on the other."""

from __future__ import annotations

import enum
from typing import Literal


class Kind(enum.StrEnum):
    NEED = "need"
    SOLUTION = "solution"
    PROGRAMME = "programme"
    MENTOR = "mentor"


OFFER_KINDS = (Kind.SOLUTION, Kind.PROGRAMME, Kind.MENTOR)
# What a text is to the dense model: e5 reads "query: …" and "passage: …" differently.
Role = Literal["query", "passage"]

# How the dense model reads each kind (e5's prefixes): a need asks, an offer answers. The cosine of a
# need and an offer is the same whichever of them ranks the other, so each listing needs only its
# one stored vector (the web never encodes).
ROLES: dict[Kind, Role] = {
    Kind.NEED: "query",
    Kind.SOLUTION: "passage",
    Kind.PROGRAMME: "passage",
    Kind.MENTOR: "passage",
}


def querying(kind: Kind) -> Kind:
    """The kind of listing that ranks listings of `kind`: a need ranks offers, an offer needs."""
    return Kind.SOLUTION if kind == Kind.NEED else Kind.NEED
