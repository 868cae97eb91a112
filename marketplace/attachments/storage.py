"""Where attachments' bytes live, behind one interface: a local folder (default) or an S3-compatible store.

`ATTACHMENT_STORAGE` chooses (`local` or `s3`); docs/configuration.md lists the settings. Keys are made by the
service (`need/12/<uuid>`), never from a file's name, so no upload can name a path.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any, Protocol

KEY = re.compile(r"^[a-z_]+/\d+/[0-9a-f]{32}$")


class StoredFileMissing(LookupError):
    """The store has no file under this key."""


class Storage(Protocol):
    def put(self, key: str, data: bytes, content_type: str) -> None: ...

    def get(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None: ...


def checked_key(key: str) -> str:
    if not KEY.match(key):
        raise ValueError(f"not an attachment key: {key!r}")
    return key


class LocalStorage:
    """Files in a folder (by default `instance/attachments`), written whole or not at all."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        return self.root / checked_key(key)

    def put(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError as missing:
            raise StoredFileMissing(key) from missing

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


def storage_for(app: Any) -> Storage:
    """The app's store, made once per app from its settings."""
    store: Storage | None = app.extensions.get("attachment_storage")
    if store is None:
        store = make_storage(app.config)
        app.extensions["attachment_storage"] = store
    return store


def make_storage(config: Any) -> Storage:
    kind = str(config.get("ATTACHMENT_STORAGE") or "local").lower()
    if kind == "local":
        return LocalStorage(config["ATTACHMENT_DIR"])
    if kind == "s3":
        from marketplace.attachments.s3 import S3Storage  # boto3, only when the store is S3

        return S3Storage.from_config(config)
    raise ValueError(f"ATTACHMENT_STORAGE must be 'local' or 's3', not {kind!r}")
