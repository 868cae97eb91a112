"""Lexical analysis: the search terms of a text, in four fields.

- words: Korean morphemes with their tag class (kiwipiepy), English word stems;
- grams: character bigrams of the Korean lemmas, which survive compounds and spacing;
- chars: Hangul syllables, which still overlap where wording differs (여자 / 여성);
- concepts: glossary concept ids, the only field Korean and English texts share.

The fields and tags were chosen on measurements (benchmarks/README.md): keeping particles' hosts
and verb stems beat a noun-only analysis on paraphrases (KorSTS recall@1 0.69 → 0.75).
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import astuple, dataclass
from functools import cache
from importlib import metadata
from typing import Any

from matching.glossary import GLOSSARY_PATH, Glossary, default_glossary
from matching.language import detect_language

# Morpheme tag classes kept: nouns, predicates, roots and affixes, foreign words, Hanja, adverbs.
KEPT_TAG_CLASSES = ("N", "V", "X")
KEPT_TAGS = frozenset({"SL", "SH", "MAG"})
# Tag classes whose forms make up a lemma string for bigrams (no adverbs or foreign words).
LEMMA_TAG_CLASSES = ("N", "V", "X")
ENGLISH_STOP = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "per",
        "so",
        "such",
        "that",
        "the",
        "their",
        "this",
        "to",
        "up",
        "via",
        "we",
        "with",
        "without",
        "our",
        "your",
        "you",
    }
)
WORD = re.compile(r"[a-z0-9]+(?:[-/.][a-z0-9]+)*")
HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")


# Bump when the analysis changes in a way the glossary's and kiwipiepy's versions do not show:
# stored terms of another version are analysed again by the worker.
ANALYSIS_REVISION = 1
# Separators of the stored form of Terms: ASCII unit and record separators, which no term holds.
_TERM_SEPARATOR, _FIELD_SEPARATOR = "\x1f", "\x1e"


@dataclass(frozen=True)
class Terms:
    words: tuple[str, ...]
    grams: tuple[str, ...]
    chars: tuple[str, ...]
    concepts: tuple[str, ...]

    def encoded(self) -> str:
        """A compact text form (every term, in order, repeats kept: term frequencies count them)."""
        return _FIELD_SEPARATOR.join(_TERM_SEPARATOR.join(field) for field in astuple(self))

    @classmethod
    def decoded(cls, text: str) -> Terms:
        fields = text.split(_FIELD_SEPARATOR)
        return cls(*(tuple(field.split(_TERM_SEPARATOR)) if field else () for field in fields))


@cache
def analyser_version() -> str:
    """What stored terms depend on: this module's revision, kiwipiepy's version and the glossary."""
    glossary = hashlib.sha256(GLOSSARY_PATH.read_bytes()).hexdigest()[:12]
    return f"r{ANALYSIS_REVISION}-kiwi{metadata.version('kiwipiepy')}-g{glossary}"


class Analyzer:
    """Turns text into Terms; the Korean morphological model loads on first use, once per process."""

    def __init__(self, glossary: Glossary | None = None) -> None:
        self.glossary = glossary if glossary is not None else default_glossary()

    def terms(self, text: str) -> Terms:
        return self.terms_many([text])[0]

    def terms_many(self, texts: list[str]) -> list[Terms]:
        """Terms of many texts; the Korean ones are analysed in one batch on every core."""
        korean = [i for i, text in enumerate(texts) if detect_language(text) == "ko"]
        morphemes = dict(zip(korean, tokenize_many([texts[i] for i in korean]), strict=True))
        return [self._terms(text, morphemes.get(i)) for i, text in enumerate(texts)]

    def quick_terms(self, text: str) -> Terms:
        """Terms without the Korean morphological model, for a listing the worker has not analysed yet
        (no web process loads that model): English words, Hangul syllables and glossary concepts, the
        channels that weigh most; Korean words and bigrams are left out."""
        lowered = text.lower()
        concepts = tuple(concept.id for concept in self.glossary.find(text))
        chars = tuple(char for char in lowered if "\uac00" <= char <= "\ud7a3")
        return Terms(tuple(english_words(lowered)), (), chars, concepts)

    def _terms(self, text: str, morphemes: list[tuple[str, str]] | None) -> Terms:
        lowered = text.lower()
        concepts = tuple(concept.id for concept in self.glossary.find(text))
        if morphemes is None:  # English
            return Terms(tuple(english_words(lowered)), (), (), concepts)
        words, lemmas = [], []
        for form, tag in morphemes:
            if tag == "SL":
                words.extend(english_words(form.lower()))
            elif tag.startswith(KEPT_TAG_CLASSES) or tag in KEPT_TAGS:
                words.append(f"{form}/{tag[0]}")
            if tag.startswith(LEMMA_TAG_CLASSES):
                lemmas.append(form)
        chars = tuple(char for char in lowered if "\uac00" <= char <= "\ud7a3")
        return Terms(tuple(words), tuple(hangul_bigrams("".join(lemmas))), chars, concepts)


_kiwi: Any = None
_kiwi_lock = threading.Lock()
# Kiwi analyses a batch of texts on this many threads (one per core of the machines we run on).
KIWI_WORKERS = 2


def tokenize_many(texts: list[str]) -> list[list[tuple[str, str]]]:
    """(form, tag) morphemes of each Korean text. Kiwi loads an 80 MB model (about 2.5 s) once per
    process, on first use; it is not documented as thread-safe, so calls share one lock."""
    global _kiwi
    if not texts:
        return []
    with _kiwi_lock:
        if _kiwi is None:
            from kiwipiepy import Kiwi

            _kiwi = Kiwi(num_workers=KIWI_WORKERS)
        if len(texts) == 1:
            return [[(token.form, token.tag) for token in _kiwi.tokenize(texts[0])]]
        return [[(token.form, token.tag) for token in tokens] for tokens in _kiwi.tokenize(texts)]


def english_words(lowered: str) -> list[str]:
    return [stem(word) for word in WORD.findall(lowered) if word not in ENGLISH_STOP]


def stem(word: str) -> str:
    """A light English stemmer: plurals and the commonest verb endings, enough for short listings."""
    for suffix, replacement, shortest in (("ies", "y", 5), ("sses", "ss", 5), ("ing", "", 6), ("ed", "", 5)):
        if word.endswith(suffix) and len(word) >= shortest:
            return word[: -len(suffix)] + replacement
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) >= 4:
        return word[:-1]
    return word


def hangul_bigrams(text: str) -> list[str]:
    grams: list[str] = []
    for run in HANGUL_RUN.findall(text):
        grams.extend(run[i : i + 2] for i in range(len(run) - 1))
    return grams
