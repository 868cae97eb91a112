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
# English forms and texts are compared word by word, words being ASCII letters and digits.
WORD = re.compile(r"[a-z0-9]+")


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
        # English forms are kept as their words joined by one space: "non-woven" is "non woven".
        self._by_en = {" ".join(WORD.findall(form)): ids for form, ids in _index(concepts, "en").items()}
        # Candidates by their first two characters (Korean) or first word (English), longest first,
        # so a scan costs a dictionary lookup per position, not a try of every form.
        self._ko_starts = _buckets(self._by_ko, lambda form: form[:2])
        self._en_starts = _buckets({tuple(form.split()): ids for form, ids in self._by_en.items()}, _first)

    def __len__(self) -> int:
        return len(self.concepts)

    def find(self, text: str) -> list[Concept]:
        """Concepts in the order they first appear in `text` (Korean forms, then English), each once."""
        lowered = text.lower()
        found: dict[str, Concept] = {}
        for ids in (*self._korean_hits(lowered), *self._english_hits(lowered)):
            for concept_id in ids:
                found.setdefault(concept_id, self.concepts[concept_id])
        return list(found.values())

    def _korean_hits(self, lowered: str) -> list[tuple[str, ...]]:
        """The longest Korean form starting at each position of the space-free text: overlapping
        forms all count, so 협동로봇 yields cobot and (from 로봇) robot."""
        compact = re.sub(r"\s+", "", lowered)
        hits = []
        for position in range(len(compact) - 1):
            for form in self._ko_starts.get(compact[position : position + 2], ()):
                if compact.startswith(form, position):
                    hits.append(self._by_ko[form])
                    break
        return hits

    def _candidates(self, word: str) -> list[tuple[str, ...]]:
        """English forms that may start at this word, the word perhaps a plural of their first."""
        return [form for stem in _stems(word) for form in self._en_starts.get(stem, ())]

    def _english_hits(self, lowered: str) -> list[tuple[str, ...]]:
        """English forms on ASCII word bounds (Hangul is no bound: "MES를" finds MES), the last word
        optionally plural; again the longest at each word."""
        words = WORD.findall(lowered)
        hits = []
        for position, word in enumerate(words):
            for form in self._candidates(word):
                if _words_match(words, position, form):
                    hits.append(self._by_en[" ".join(form)])
                    break
        return hits

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


def _buckets(forms: dict, key: Callable) -> dict:
    buckets: dict = {}
    for form in sorted(forms, key=len, reverse=True):
        buckets.setdefault(key(form), []).append(form)
    return buckets


def _first(form: tuple[str, ...]) -> str:
    return form[0] if form else ""


def _stems(word: str) -> tuple[str, ...]:
    """The word and what it may be the plural of (barcodes → barcode, boxes → box)."""
    if word.endswith("es"):
        return (word, word[:-1], word[:-2])
    return (word, word[:-1]) if word.endswith("s") else (word,)


def _words_match(words: list[str], position: int, form: tuple[str, ...]) -> bool:
    end = position + len(form)
    if end > len(words) or tuple(words[position : end - 1]) != form[:-1]:
        return False
    last = words[end - 1]
    return last in (form[-1], form[-1] + "s", form[-1] + "es")


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
