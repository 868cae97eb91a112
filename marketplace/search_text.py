"""The compact form of a text that listing search compares: one rule, for the stored text, the query and the index."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def compact(text: str) -> str:
    """Lower-case, Unicode-normalised (NFKC), without any whitespace."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text or "").lower())
