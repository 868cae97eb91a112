"""The cycle every index a web process keeps in step with the worker's snapshot follows (the match index,
marketplace/matches/index.py, and each table's search index, marketplace/search_index.py): map the
newest published generation when there is one, then ask the database one cheap question (the probe:
newest updated_at and counts since the watermarks) and read rows only when its answer moved.
"""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy.orm import Session

from matching.snapshot import current_generation


class SnapshotFollower:
    """Subclasses say how to map a generation (`_map`), what to probe and how to apply the changes."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self.generation: str | None = None
        self._seen: tuple | None = None
        self._lock = threading.Lock()

    def sync(self, session: Session) -> None:
        """Map a newer snapshot if one was published, then apply every change since the last sync."""
        with self._lock:
            generation = current_generation(self.directory) if self.directory is not None else None
            if generation is not None and generation != self.generation and self._map(generation):
                self.generation, self._seen = generation, None
            probe = self._probe(session)
            if probe != self._seen:
                self._apply(session, probe)
                self._seen = self._probe(session)

    def _map(self, generation: str) -> bool:
        """Take the published `generation` as the base; False to keep the current one."""
        raise NotImplementedError

    def _probe(self, session: Session) -> tuple:
        raise NotImplementedError

    def _apply(self, session: Session, probe: tuple) -> None:
        raise NotImplementedError
