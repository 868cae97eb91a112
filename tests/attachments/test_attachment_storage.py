"""The two stores behind one interface: a local folder, and an S3-compatible server (moto's, as a real process)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from marketplace.attachments.storage import LocalStorage, Storage, StoredFileMissing, make_storage


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def s3_server() -> Iterator[str]:
    """moto's S3-compatible server as a process on 127.0.0.1, on a free port; stopped at the end."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("moto's S3 server did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def s3_settings(endpoint: str, bucket: str) -> dict[str, object]:
    return {
        "ATTACHMENT_STORAGE": "s3",
        "ATTACHMENT_S3_BUCKET": bucket,
        "ATTACHMENT_S3_ENDPOINT_URL": endpoint,
        "ATTACHMENT_S3_REGION": "us-east-1",
        "ATTACHMENT_S3_ACCESS_KEY_ID": "testing",
        "ATTACHMENT_S3_SECRET_ACCESS_KEY": "testing",
        "ATTACHMENT_S3_TIMEOUT_SECONDS": 5,
    }


@pytest.fixture(params=["local", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Storage:
    if request.param == "local":
        return make_storage({"ATTACHMENT_STORAGE": "local", "ATTACHMENT_DIR": str(tmp_path)})
    endpoint = request.getfixturevalue("s3_server")
    bucket = f"sangsaeng-{uuid.uuid4().hex[:8]}"
    made = make_storage(s3_settings(endpoint, bucket))
    made.client.create_bucket(Bucket=bucket)  # type: ignore[attr-defined]
    return made


def key() -> str:
    return f"need/7/{uuid.uuid4().hex}"


def test_a_file_is_kept_read_back_and_removed(store: Storage) -> None:
    name = key()
    store.put(name, b"%PDF-1.4 quote", "application/pdf")
    assert store.get(name) == b"%PDF-1.4 quote"
    store.delete(name)
    with pytest.raises(StoredFileMissing):
        store.get(name)
    store.delete(name)  # removing twice is harmless


def test_keys_never_name_a_path(store: Storage) -> None:
    for bad in ("../../etc/passwd", "need/7/../../x", "need/7/견적서.pdf", ""):
        with pytest.raises(ValueError, match="not an attachment key"):
            store.put(bad, b"x", "text/csv")


def test_the_local_store_writes_whole_files_under_its_folder(tmp_path: Path) -> None:
    store = LocalStorage(tmp_path / "files")
    name = key()
    store.put(name, b"a,b\n", "text/csv")
    assert (tmp_path / "files" / name).read_bytes() == b"a,b\n"
    assert not list((tmp_path / "files").rglob(".upload-*"))


def test_an_unknown_store_is_refused() -> None:
    with pytest.raises(ValueError, match="ATTACHMENT_STORAGE"):
        make_storage({"ATTACHMENT_STORAGE": "ftp"})
