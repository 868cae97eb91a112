"""The engine: catalogues of listings per kind, ranked against a query with explanations."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from matching.analysis import Analyzer, Terms
from matching.catalogue import GONE, Catalogue, Entry, FactsLoader, Scores
from matching.compact import rescored_text
from matching.encoder import Encoder
from matching.fusion import (
    CHANNEL_GROUPS,
    FIT_WEIGHT,
    LanguageWeights,
    best_live,
    centred,
    language_weights,
    needed_channels,
    normalise,
    text_scores,
    top_rows,
)
from matching.glossary import Glossary
from matching.kinds import ROLES, Kind, querying
from matching.language import detect_language
from matching.snapshot import Snapshot
from matching.structured import Fit, FitFunction, Reason
from matching.terms import Term, shared_terms

# Channels are computed for every row; fuzzy matching and structured fit only for a shortlist.
SHORTLIST = 100
# The shortlist is scored in slices of this many rows, so that scoring can stop early.
SLICE = 16


@dataclass(frozen=True)
class Listing:
    """What the web side hands the engine about one listing."""

    id: int
    title: str
    text: str
    facts: Any = None


@dataclass
class Match:
    kind: Kind
    id: int
    title: str
    score: float
    channels: dict[str, float]
    terms: list[Term] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    # False for a listing a hard filter dropped, shown only so that the owner learns why.
    allowed: bool = True


def embedding_text(text: str, glossary: Glossary) -> str:
    """What the dense model reads: Korean text gains its glossary terms in English. An English model
    needs them; multilingual e5 reads Korean, but still matched better with them (docs/matching.md:
    colloquial Korean needs, recall@1 of the model alone 0.50 → 0.70, Korean to English 0.25 → 0.60)."""
    return glossary.augment(text) if detect_language(text) == "ko" else text


class Engine:
    """Holds one catalogue per kind. Writers call `put`/`remove`; readers call `rank`."""

    def __init__(self, analyzer: Analyzer | None = None, encoder: Encoder | None = None) -> None:
        self.analyzer = analyzer or Analyzer()
        self.encoder = encoder
        self.catalogues: dict[Kind, Catalogue] = {kind: Catalogue() for kind in Kind}

    def use_snapshot(self, snapshot: Snapshot) -> None:
        """Rank over the snapshot's frozen catalogues (each with an empty delta) from now on."""
        self.catalogues = {kind: Catalogue(base=snapshot.kinds.get(kind)) for kind in Kind}

    @property
    def glossary(self) -> Glossary:
        return self.analyzer.glossary

    def embedding_text(self, listing: Listing) -> str:
        return embedding_text(listing.text, self.glossary)

    def encode(
        self, kind: Kind, listings: Sequence[Listing], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """The vectors of listings of one kind, as they are stored (each kind has its model role)."""
        if self.encoder is None:
            raise RuntimeError("this engine has no encoder")
        texts = [self.embedding_text(listing) for listing in listings]
        return self.encoder.encode(texts, progress=progress, role=ROLES[kind])

    def put(self, kind: Kind, listing: Listing, vector: np.ndarray | None = None) -> None:
        self.put_many(kind, [listing], None if vector is None else [vector])

    def put_many(
        self,
        kind: Kind,
        listings: list[Listing],
        vectors: Sequence[np.ndarray | None] | np.ndarray | None = None,
        terms: Sequence[Terms] | None = None,
    ) -> None:
        """Add or replace listings (analysed in one batch, unless their stored `terms` are given); a
        vector may be None until it is encoded."""
        all_terms = terms if terms is not None else self.analyzer.terms_many([listing.text for listing in listings])
        entries = [
            Entry(listing.id, listing.title, listing.text, detect_language(listing.text), terms, listing.facts)
            for listing, terms in zip(listings, all_terms, strict=True)
        ]
        self.catalogues[kind].put_many(entries, vectors)

    def remove(self, kind: Kind, listing_id: int) -> None:
        self.catalogues[kind].remove(listing_id)

    def query_vector(self, kind: Kind, query: Listing) -> np.ndarray | None:
        """The vector of a query ranking listings of `kind`, or None while the model is still
        loading (no request waits for it)."""
        if self.encoder is None or not self.encoder.ready:
            return None
        return self.encode(querying(kind), [query])[0]

    def rank(
        self,
        kind: Kind,
        query: Listing,
        limit: int = 10,
        vector: np.ndarray | None = None,
        fit: FitFunction | None = None,
        exclude: frozenset[int] = frozenset(),
        terms: Terms | None = None,
        held_back: int = 0,
        facts: FactsLoader | None = None,
    ) -> list[Match]:
        """The best `limit` listings of `kind` for `query`, best first, each explained. A listing
        already in a catalogue passes its stored vector and terms, so nothing is analysed again;
        `facts` reads the shortlist's facts for the fit (else the catalogue's entries carry them).
        Then up to `held_back` listings a hard filter dropped that would have ranked among them
        (`allowed` False, the filter's reason first): an owner who expects one learns why it is not there."""
        ranking = self._ranking(kind, query, vector, fit, exclude, terms)
        ranking.facts = facts
        ranked = ranking.ranked(limit)
        shown = [ranking.explain(candidate) for candidate in ranked]
        return shown + [ranking.explain(candidate) for candidate in ranking.dropped(ranked, limit)[:held_back]]

    def ranked_ids(self, kind: Kind, query: Listing, vector: np.ndarray | None = None) -> list[int]:
        """Every listing of `kind`, best first, scored exactly as `rank` scores them (unexplained, so
        a whole catalogue can be ranked quickly: matching.evaluate does)."""
        ranking = self._ranking(kind, query, vector, None, frozenset(), None)
        return [ranking.catalogue.listing_id(c.row) for c in ranking.ranked(len(self.catalogues[kind]))]

    def _ranking(
        self,
        kind: Kind,
        query: Listing,
        vector: np.ndarray | None,
        fit: FitFunction | None,
        exclude: frozenset[int],
        terms: Terms | None,
        channels: Collection[str] | None = None,
    ) -> _Ranking:
        """Scores every row of the catalogue by text. `channels` (default: those that weigh for the
        query's language) are computed; benchmarks/tune_fusion.py asks for all of them."""
        catalogue = self.catalogues[kind]
        if terms is None:
            terms = self.analyzer.terms(query.text)
        if vector is None:
            vector = self.query_vector(kind, query)
        language = detect_language(query.text)
        scores = catalogue.scores(terms, vector, needed_channels(language) if channels is None else channels)
        live = scores.live  # a copy, ours to change
        for listing_id in exclude:
            if listing_id in catalogue:
                live[catalogue.row(listing_id)] = False
        candidates = int(np.count_nonzero(live))
        mask = None if candidates == len(live) else live
        raw = _raw_channels(scores, mask)
        scales = {name: best_live(channel, mask) for name, channel in raw.items()}
        weights = language_weights(language, {*raw, "fuzzy"})
        if scores.rescore is not None and scores.dense is not None:  # a large base: dense in two steps
            text = rescored_text(scores.rescore, scores.dense, raw, scales, weights, scores.korean, live, mask)
        else:
            text = text_scores(raw, scales, weights, scores.korean, live)
        return _Ranking(
            kind, catalogue, query, terms, raw, scales, live, weights, scores.korean, fit, self.glossary, text,
            candidates,
        )  # fmt: skip


def _raw_channels(scores: Scores, live: np.ndarray | None) -> dict[str, np.ndarray]:
    """The computed channels, in the order their weighted scores are summed (fusion.py)."""
    channels = dict(scores.fields)
    if scores.dense is not None:
        channels["dense"] = centred(scores.dense, live)
    return channels


@dataclass
class _Ranking:
    """One query's ranking: shortlist by text score, then fuzzy, fit and hard filters per candidate."""

    kind: Kind
    catalogue: Catalogue
    query: Listing
    terms: Terms
    raw: dict[str, np.ndarray]  # each computed channel's raw scores (normalised when read)
    scales: dict[str, float]  # what normalises each channel: its best live score
    live: np.ndarray  # rows that may be ranked
    weights: LanguageWeights
    korean: np.ndarray  # each row's language: Korean or English
    fit: FitFunction | None
    glossary: Glossary
    text_score: np.ndarray  # -1 for rows that may not be ranked
    candidates: int  # how many rows may be
    filtered: list[_Candidate] = field(default_factory=list)  # scored, then dropped by a hard filter
    facts: FactsLoader | None = None

    def ranked(self, limit: int) -> list[_Candidate]:
        """Scored candidates, best first: `limit` of them where that many pass the hard filters."""
        found: list[_Candidate] = []
        size, seen = max(SHORTLIST, 4 * limit), 0
        # Hard filters may drop candidates: widen the shortlist until `limit` survive or none are left.
        while len(found) < limit and seen < self.candidates:
            size = min(size, self.candidates)
            rows = _top(self.text_score, size)[seen:]
            # Best text first, a slice at a time: once a row's text plus the most fuzzy and fit can
            # add falls short of the limit-th score found, no later row can enter (same result, and
            # fewer listings' titles and facts read: reading them is most of a query's cost).
            for start in range(0, len(rows), SLICE):
                if self._out_of_reach(float(self.text_score[rows[start]]), found, limit):
                    break
                found.extend(self._score(rows[start : start + SLICE]))
            seen, size = size, size * 4
        found.sort(key=lambda candidate: (-candidate.score, self.catalogue.listing_id(candidate.row)))
        return found[:limit]

    def _out_of_reach(self, text: float, found: list[_Candidate], limit: int) -> bool:
        if len(found) < limit:
            return False
        best = text + max(self.weights[language].get("fuzzy", 0.0) for language in self.weights)
        if self.fit is not None:
            best = (1 - FIT_WEIGHT) * best + FIT_WEIGHT  # a fit scores at most 1
        return best < heapq.nlargest(limit, (candidate.score for candidate in found))[-1]

    def _score(self, rows: np.ndarray) -> list[_Candidate]:
        rows_list = rows.tolist()
        all_facts = self.catalogue.facts(rows_list, self.facts) if self.fit else [None] * len(rows_list)
        kept = [number for number, facts in enumerate(all_facts) if facts is not GONE]
        rows, rows_list = rows[kept], [rows_list[number] for number in kept]
        if not rows_list:
            return []
        fits = [self.fit(self.query.facts, all_facts[number]) if self.fit else None for number in kept]
        # One vectorised call for the shortlist's titles (rapidfuzz in C), as Python floats: their
        # arithmetic is float64's, as in the fused score.
        titles = self.catalogue.titles(rows_list)
        fuzzy = (cdist([self.query.title], titles, scorer=fuzz.token_set_ratio)[0] / 100).tolist()
        texts = self.text_score[rows].tolist()
        scored: list[_Candidate] = []
        for row, fit, fuzzy_score, text_score in zip(rows_list, fits, fuzzy, texts, strict=True):
            text = text_score + self.weight("fuzzy", row) * fuzzy_score
            score = text if fit is None else (1 - FIT_WEIGHT) * text + FIT_WEIGHT * fit.score
            candidate = _Candidate(row, score, fuzzy_score, fit)
            (scored if fit is None or fit.allowed else self.filtered).append(candidate)
        return scored

    def dropped(self, ranked: list[_Candidate], limit: int) -> list[_Candidate]:
        """Filtered-out candidates that score above the last of `ranked` (or any, if fewer than
        `limit` were found), best first."""
        floor = ranked[-1].score if len(ranked) >= limit else -1.0
        return sorted((c for c in self.filtered if c.score > floor), key=lambda candidate: -candidate.score)

    def channel(self, name: str, row: int) -> float:
        """A channel's normalised score for one live row (in float32, as `normalise` gives it)."""
        return float(np.float32(max(self.raw[name][row], 0)) / np.float32(self.scales[name]))

    def normalised(self, name: str) -> np.ndarray:
        """A channel's normalised scores for every row (benchmarks/tune_fusion.py reads them)."""
        return normalise(self.raw[name], self.live)

    def weight(self, channel: str, row: int) -> float:
        """A channel's weight for one row."""
        return self.weights["ko" if self.korean[row] else "en"][channel]

    def explain(self, candidate: _Candidate) -> Match:
        row, fit = candidate.row, candidate.fit
        entry = self.catalogue.entry(row)
        contributions = {name: self.weight(name, row) * self.channel(name, row) for name in self.raw}
        contributions["fuzzy"] = self.weight("fuzzy", row) * candidate.fuzzy
        text_share = 1.0 if fit is None else 1.0 - FIT_WEIGHT
        shown: dict[str, float] = {}
        for name, value in contributions.items():
            group = CHANNEL_GROUPS[name]
            shown[group] = shown.get(group, 0.0) + text_share * value
        if fit is not None:
            shown["fit"] = FIT_WEIGHT * fit.score
        return Match(
            self.kind, entry.id, entry.title, round(candidate.score, 4), {k: round(v, 4) for k, v in shown.items()},
            shared_terms(self.terms, entry.terms, self.glossary, self.query.text), fit.reasons if fit else [],
            fit is None or fit.allowed,
        )  # fmt: skip


@dataclass(frozen=True)
class _Candidate:
    row: int
    score: float
    fuzzy: float
    fit: Fit | None


def _top(scores: np.ndarray, size: int) -> np.ndarray:
    """Rows of the `size` highest scores, best first (ties by row, so rankings are stable)."""
    if size >= len(scores):
        return np.argsort(-scores, kind="stable")
    part = top_rows(scores, size)
    return part[np.lexsort((part, -scores[part]))]
