import pytest
from sqlalchemy.orm import Session, sessionmaker

from marketplace.matches.index import MatchIndex
from marketplace.matches.refresh import encoder_for, fill_vectors
from matching.encoder import DEFAULT_MODEL, Encoder


@pytest.fixture(scope="session")
def model() -> Encoder:
    """The real embedding model, loaded once per test session (shared with every app's index)."""
    encoder = encoder_for(DEFAULT_MODEL)
    encoder.load()
    return encoder


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
