"""The terms a need and an offer share, as an owner reads them: domain concepts and real words.

Only glossary concepts (in both languages) and nouns are shown: the lexical channels also match
verb and adjective stems (거르 of 거르다, 위하 of 위하다) and English stems (inspect, manag), which
help ranking but are not words. Nouns that say nothing about the work (기반, 관련) are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from matching.analysis import WORD, Terms, stem
from matching.glossary import Glossary

MAX_TERMS = 8
# Nouns any listing may use whatever its subject: shared, they say nothing about the work.
GENERIC_WORDS = (
    "기반 관련 위해 경우 정도 이상 이하 때문 통해 대한 사용 활용 도입 가능 필요 지원 업체 회사 문제 방법 내용 부분"
)
GENERIC_NOUNS = frozenset(f"{GENERIC_WORDS} 저희 우리 여기 거기 이번 다음 현재 최근".split())


@dataclass(frozen=True)
class Term:
    """A term both texts share, in Korean and English where the glossary knows both."""

    ko: str | None
    en: str | None


def shared_terms(query: Terms, offer: Terms, glossary: Glossary, query_text: str = "") -> list[Term]:
    """Glossary concepts both texts hold (in both languages), then other nouns they share."""
    offer_concepts = set(offer.concepts)
    concepts = [glossary.concepts[c] for c in dict.fromkeys(query.concepts) if c in offer_concepts]
    terms = [Term(concept.korean if concept.ko else None, concept.english) for concept in concepts]
    covered = {form for concept in concepts for form in (*concept.ko, *concept.en)}
    offer_words = set(offer.words)
    english = _english_forms(query_text)
    for word in dict.fromkeys(query.words):
        if word not in offer_words:
            continue
        form, _, tag = word.partition("/")
        if tag:  # Korean: nouns only
            if tag == "N" and len(form) > 1 and form not in covered and form not in GENERIC_NOUNS:
                terms.append(Term(form, None))
        elif (shown := english.get(form)) and shown not in covered:
            terms.append(Term(None, shown))
    return terms[:MAX_TERMS]


@lru_cache(maxsize=64)
def _english_forms(text: str) -> dict[str, str]:
    """Each English stem of the text → the first word as written that has it (manag → managed).
    Kept for the last few texts: a page explains ten offers against the same need (read, never changed)."""
    forms: dict[str, str] = {}
    for word in WORD.findall(text.lower()):
        forms.setdefault(stem(word), word)
    return forms
