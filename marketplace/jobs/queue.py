"""An app's Huey queue: built from JOBS_URL, its messages stamped with the time they were written."""

from __future__ import annotations

import logging
import struct
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from huey import Huey, RedisHuey, SqliteHuey
from huey.api import TaskWrapper
from huey.serializer import Serializer

from marketplace.ops.logs import current_request_id

log = logging.getLogger(__name__)

EXTENSION_KEY = "sangsaeng.jobs"
QUEUE_NAME = "sangsaeng"
STAMP = struct.Struct("<d")


class StampedSerializer(Serializer):
    """Every message starts with the time it was written, so the queue can tell its oldest job's age
    (Huey's own messages carry no enqueue time)."""

    def serialize(self, data: Any) -> bytes:
        return STAMP.pack(time.time()) + bytes(super().serialize(data))

    def deserialize(self, data: bytes) -> Any:
        return super().deserialize(bytes(data)[STAMP.size :])


def written_at(message: bytes) -> float:
    return float(STAMP.unpack_from(bytes(message))[0])


@dataclass
class Jobs:
    """An app's queue and its registered tasks, by name."""

    huey: Huey
    tasks: dict[str, TaskWrapper] = field(default_factory=dict)

    def enqueue(self, name: str) -> None:
        """Queue a task; it logs under the id of the request (or job) that queued it."""
        self.tasks[name](request_id=current_request_id())


def queue_for_url(url: str) -> Huey:
    """A Huey queue on the storage `url` names: sqlite:///path or redis://host:port/db."""
    serializer = StampedSerializer()
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey(QUEUE_NAME, url=url, serializer=serializer, results=False)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        return SqliteHuey(QUEUE_NAME, filename=str(path), serializer=serializer, results=False, timeout=10)
    raise ValueError(f"JOBS_URL must be sqlite:///<file> or redis://<host>, not {url!r}")


def jobs_of(app: Flask | None = None) -> Jobs:
    return (app or current_app).extensions[EXTENSION_KEY]
