"""The bilingual domain glossary (glossary.tsv): Korean and English surface forms of one concept.

A concept found in a text becomes a search token shared by both languages, so 협동로봇, 코봇 and
"collaborative robot" meet; and its English term is added to Korean text before the English
embedding model reads it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

GLOSSARY_PATH = Path(__file__).with_name("glossary.tsv")
HEADER = ("concept", "ko", "en")
HEADER_LINE = "\t".join(HEADER)


@dataclass(frozen=True)
class Concept:
    id: str
    ko: tuple[str, ...]
    en: tuple[str, ...]

    @property
    def english(self) -> str:
        """The canonical English term (the first English form)."""
        return self.en[0]

    @property
    def korean(self) -> str:
        return self.ko[0] if self.ko else self.en[0]


class Glossary:
    """Finds concepts in text: Korean forms anywhere in the space-free text, English ones on word bounds."""

    def __init__(self, concepts: list[Concept]) -> None:
        self.concepts = {concept.id: concept for concept in concepts}
        self._by_ko = _index(concepts, "ko")
        self._by_en = _index(concepts, "en")
        # A lookahead at every position finds overlapping forms: 협동로봇 yields cobot and robot.
        self._ko_pattern = _alternation(self._by_ko, prefix="", suffix="")
        # ASCII word bounds, not \b: Hangul counts as a word character, and "MES를" must find MES.
        self._en_pattern = _alternation(self._by_en, prefix=r"(?<![a-z0-9])", suffix=r"(?:e?s)?(?![a-z0-9])")

    def __len__(self) -> int:
        return len(self.concepts)

    def find(self, text: str) -> list[Concept]:
        """Concepts in the order they first appear in `text`, each once."""
        lowered = text.lower()
        hits: list[tuple[int, str]] = []
        if self._ko_pattern is not None:
            compact = re.sub(r"\s+", "", lowered)
            hits += [(m.start(), m.group(1)) for m in self._ko_pattern.finditer(compact)]
        if self._en_pattern is not None:
            hits += [(m.start(), m.group(1)) for m in self._en_pattern.finditer(lowered)]
        found: dict[str, Concept] = {}
        for _position, form in sorted(hits):
            for concept_id in self._by_ko.get(form, ()) or self._by_en.get(form, ()):
                found.setdefault(concept_id, self.concepts[concept_id])
        return list(found.values())

    def augment(self, text: str) -> str:
        """`text` followed by the English terms of its concepts, for an English embedding model."""
        terms = [concept.english for concept in self.find(text)]
        return f"{text} ({', '.join(terms)})" if terms else text


def _index(concepts: list[Concept], column: str) -> dict[str, tuple[str, ...]]:
    forms: dict[str, list[str]] = {}
    for concept in concepts:
        for form in getattr(concept, column):
            forms.setdefault(form, []).append(concept.id)
    return {form: tuple(ids) for form, ids in forms.items()}


def _alternation(forms: dict[str, tuple[str, ...]], prefix: str, suffix: str) -> re.Pattern[str] | None:
    if not forms:
        return None
    # Longest first, so at each position the most specific form wins (사출성형 before 사출).
    options = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    return re.compile(f"{prefix}(?=({options}){suffix})")


def parse_glossary(text: str) -> list[Concept]:
    """Concepts from the TSV text; raises ValueError naming the line of any malformed entry."""
    concepts: list[Concept] = []
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not lines or tuple(lines[0].split("\t")) != HEADER:
        raise ValueError(f"glossary must start with the header {HEADER_LINE!r}")
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != 3 or not fields[0] or not fields[2]:
            raise ValueError(f"glossary entry {number} needs concept, ko and en: {line!r}")
        concept_id, ko, en = fields
        concepts.append(Concept(concept_id, _forms(ko, str.strip), _forms(en, str.lower)))
    return concepts


def _forms(column: str, clean: Callable[[str], str]) -> tuple[str, ...]:
    return tuple(form for form in (clean(part.strip()) for part in column.split("|")) if form)


@cache
def default_glossary() -> Glossary:
    """The glossary shipped with the engine, parsed once per process."""
    return Glossary(parse_glossary(GLOSSARY_PATH.read_text(encoding="utf-8")))
