"""Which language a text is written in, judged by its share of Hangul letters."""

from __future__ import annotations

from typing import Literal

Language = Literal["ko", "en"]
LANGUAGES: tuple[Language, ...] = ("ko", "en")

# A text with at least this share of Hangul among its letters is Korean. Korean needs often carry
# Latin acronyms (MES, PLC, AGV), so the bar sits well below one half.
KOREAN_SHARE = 0.3


def is_hangul(char: str) -> bool:
    """A precomposed syllable or a compatibility jamo (ㄱ, ㅏ …)."""
    return "\uac00" <= char <= "\ud7a3" or "\u3131" <= char <= "\u318e"


def hangul_share(text: str) -> float:
    """Hangul letters among all letters (0.0 for a text without letters)."""
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return 0.0
    return sum(is_hangul(char) for char in letters) / len(letters)


def detect_language(text: str) -> Language:
    return "ko" if hangul_share(text) >= KOREAN_SHARE else "en"
