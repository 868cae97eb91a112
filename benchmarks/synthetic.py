"""Synthetic listings for the matching benchmarks: Korean and English texts built from the glossary.

Each text strings together domain terms and common words, so the lexical fields see realistic term
frequencies and the model sees realistic lengths (20–60 words).
"""

from __future__ import annotations

import random

from matching.glossary import default_glossary

KOREAN_GLUE = ("도입", "개선", "필요", "라인", "공장", "관리", "자동화", "시스템", "현장", "데이터", "설비", "구축")
ENGLISH_GLUE = ("deploy", "improve", "line", "plant", "system", "data", "for", "with", "and", "the", "quality")


def synthetic_texts(count: int, seed: int = 7, korean_share: float = 0.7) -> list[str]:
    rng = random.Random(seed)
    concepts = list(default_glossary().concepts.values())
    texts = []
    for _ in range(count):
        korean = rng.random() < korean_share
        words = []
        for _ in range(rng.randint(20, 60)):
            if rng.random() < 0.4:
                concept = rng.choice(concepts)
                forms = concept.ko if korean and concept.ko else concept.en
                words.append(rng.choice(forms))
            else:
                words.append(rng.choice(KOREAN_GLUE if korean else ENGLISH_GLUE))
        texts.append(" ".join(words))
    return texts
