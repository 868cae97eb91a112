"""The demo world's analysed terms and vectors, published beside it (`matching.json.gz`) so that
`seed-demo` stores them with the listings: right after `make run` the job worker has nothing to analyse
or encode (it would otherwise load kiwipiepy and the model and take the cores for seconds beside the
first visitor), and the first need page ranks with every listing's meaning.

Each entry is keyed by the hash of the exact text it was computed from, and the file by the analyser's
version and the model (name and package version): anything changed since is simply not taken, and the
worker computes it as it would have. `flask demo-matching` writes the file again from a database
whose terms and vectors the worker brought up to date (tests/core/test_demo.py fails while it is stale).
"""

from __future__ import annotations

import base64
import gzip
import json
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace.matches.models import MatchTerms, MatchVector
from marketplace.matches.snapshots import matchable_listings
from marketplace.matches.sources import SOURCES
from marketplace.matches.store import save_terms, save_vectors
from matching.analysis import Terms, analyser_version
from matching.encoder import text_hash
from matching.engine import embedding_text
from matching.glossary import default_glossary
from matching.kinds import Kind

STORE = Path(__file__).with_name("matching.json.gz")


def model_version(model: str) -> str:
    """The model's name and, for a packaged model, its package's version (the weights ship inside)."""
    try:
        return f"{model}=={metadata.version(model)}"
    except metadata.PackageNotFoundError:
        return model


def _texts(session: Session) -> dict[Kind, dict[int, tuple[str, str]]]:
    """Each matchable listing's (terms text hash, embedding text hash), by kind and id."""
    glossary = default_glossary()
    return {
        kind: {
            listing.id: (text_hash(listing.text), text_hash(embedding_text(listing.text, glossary)))
            for _, listing in matchable_listings(session, source)
        }
        for kind, source in SOURCES.items()
    }


def store_demo_matching(session: Session, model: str, path: Path = STORE) -> tuple[int, int]:
    """Store the published terms and vectors of the listings that have none stored yet and whose text
    is the one they were computed from; returns (terms, vectors) stored. The caller commits."""
    if not path.exists():
        return 0, 0
    published = json.loads(gzip.decompress(path.read_bytes()))
    take_terms = published["analyser"] == analyser_version()
    take_vectors = published["model"] == model_version(model)
    if not (take_terms or take_vectors):
        return 0, 0
    counted = [0, 0]
    for kind, listings in _texts(session).items():
        have_terms = set(session.scalars(select(MatchTerms.listing_id).where(MatchTerms.kind == kind)))
        have_vectors = set(
            session.scalars(select(MatchVector.listing_id).where(MatchVector.kind == kind, MatchVector.model == model))
        )
        terms_of, vectors_of = published["terms"].get(kind.value, {}), published["vectors"].get(kind.value, {})
        terms: dict[int, tuple[str, Terms]] = {}
        vectors: dict[int, tuple[str, np.ndarray]] = {}
        for listing_id, (terms_hash, vector_hash) in listings.items():
            if take_terms and listing_id not in have_terms and terms_hash in terms_of:
                terms[listing_id] = (terms_hash, Terms.decoded(terms_of[terms_hash]))
            if take_vectors and listing_id not in have_vectors and vector_hash in vectors_of:
                vector = np.frombuffer(base64.b64decode(vectors_of[vector_hash]), dtype="<f4")
                vectors[listing_id] = (vector_hash, vector)
        save_terms(session, kind, terms)
        save_vectors(session, kind, model, vectors)
        counted[0], counted[1] = counted[0] + len(terms), counted[1] + len(vectors)
    return counted[0], counted[1]


def write_demo_matching(session: Session, model: str, path: Path = STORE) -> tuple[int, int]:
    """Write the file from the stored terms and vectors that are current for the listings' texts;
    returns (terms, vectors) written."""
    published: dict[str, Any] = {
        "analyser": analyser_version(),
        "model": model_version(model),
        "terms": {},
        "vectors": {},
    }
    for kind, listings in _texts(session).items():
        terms_hashes = {terms_hash for terms_hash, _ in listings.values()}
        vector_hashes = {vector_hash for _, vector_hash in listings.values()}
        stored_terms = session.execute(
            select(MatchTerms.text_hash, MatchTerms.terms).where(
                MatchTerms.kind == kind, MatchTerms.analyser == published["analyser"]
            )
        )
        published["terms"][kind.value] = dict(sorted((h, t) for h, t in stored_terms if h in terms_hashes))
        stored_vectors = session.execute(
            select(MatchVector.text_hash, MatchVector.vector).where(
                MatchVector.kind == kind, MatchVector.model == model
            )
        )
        published["vectors"][kind.value] = dict(
            sorted((h, base64.b64encode(v).decode()) for h, v in stored_vectors if h in vector_hashes)
        )
    text = json.dumps(published, ensure_ascii=False, sort_keys=True, indent=0)
    path.write_bytes(gzip.compress(text.encode(), mtime=0))
    return sum(map(len, published["terms"].values())), sum(map(len, published["vectors"].values()))
