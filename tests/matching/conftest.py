import pytest

from marketplace.matches.index import encoder_for
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
