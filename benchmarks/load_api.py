"""Load test: concurrent API clients against the app served by gunicorn on 127.0.0.1, counting server errors.

    python -m benchmarks.load_api --database sqlite --clients 50 --seconds 60
    python -m benchmarks.load_api --database postgresql --clients 50 --seconds 60

Each run makes a fresh database (a file in a temporary folder, or a new PostgreSQL database on
127.0.0.1 that is dropped after), migrates it, seeds SMEs and suppliers with API tokens and needs, and
serves it with `gunicorn -c gunicorn.conf.py` (2 workers x 4 threads by default). Every client is a thread
with a keep-alive connection and a token of its own or shared (tokens are fewer than clients, so the
token's last-use bookkeeping is contended as in real use); it reads lists and needs and writes needs
(about one request in six writes) until the time is up. The figure that must hold is 0 server errors
(5xx) and 0 broken connections. Throughput is quoted against a baseline in the same run: the same
clients asking `/healthz` (no database, no work), the served app's floor on this machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REQUEST_TIMEOUT = 30.0  # seconds; a request slower than this counts as a broken connection
NEED_BODY = {
    "title": "사출 라인 MES 구축",
    "description": "사출기 12대의 가동률과 불량률을 실시간으로 보고 싶습니다.",
    "category": "mes",
    "funding_tier": "basic",
    "budget_krw": 80_000_000,
}


@dataclass(frozen=True)
class Account:
    token: str
    need_ids: tuple[int, ...]


@dataclass
class LoadReport:
    seconds: float
    statuses: Counter[int] = field(default_factory=Counter)
    broken: int = 0
    latencies: list[float] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    @property
    def server_errors(self) -> int:
        return sum(count for status, count in self.statuses.items() if status >= 500)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0

    def summary(self) -> str:
        statuses = ", ".join(f"{status}: {count}" for status, count in sorted(self.statuses.items()))
        return (
            f"{self.requests} requests in {self.seconds:.1f} s = {self.per_second:.1f}/s; "
            f"p50 {self.percentile(0.5) * 1000:.0f} ms, p95 {self.percentile(0.95) * 1000:.0f} ms; "
            f"5xx: {self.server_errors}; broken connections: {self.broken}; statuses {{{statuses}}}"
        )


# The database ------------------------------------------------------------------------------------------


@contextmanager
def fresh_database(kind: str, server_url: str) -> Iterator[str]:
    """A new, migrated database of `kind` (sqlite or postgresql), removed afterwards (the test suite's own)."""
    from tests.conftest import fresh_database as fresh_beside

    if kind == "postgresql":
        with fresh_beside(server_url) as url:
            yield url
        return
    with (
        tempfile.TemporaryDirectory(prefix="sangsaeng-load-") as folder,
        fresh_beside(f"sqlite:///{folder}/x.db") as url,
    ):
        yield url


def seed_accounts(database_url: str, count: int, needs_each: int = 3) -> list[Account]:
    """`count` SMEs and suppliers (alternately), each with a token; each SME posts `needs_each` needs."""
    from marketplace import clock
    from marketplace.app import create_app
    from marketplace.auth.consents import REQUIRED
    from marketplace.auth.models import Role
    from marketplace.auth.services import Registration, create_api_token, register_account
    from marketplace.context import ServiceContext
    from marketplace.db import db
    from marketplace.listings.services import post_listing
    from marketplace.needs.commands import NeedIn
    from marketplace.needs.services import NEEDS
    from marketplace.organisations.brn import complete_brn
    from marketplace.organisations.services import OrganisationDetails
    from marketplace.unit_of_work import transaction

    app = create_app({"ENV_NAME": "testing", "DATABASE_URL": database_url, "PASSWORD_HASHER": "fast"})
    accounts = []
    with app.app_context(), transaction() as session:
        for n in range(count):
            role = Role.SME if n % 2 == 0 else Role.SUPPLIER
            details = OrganisationDetails(
                name=f"부하시험 {n}", business_number=complete_brn(f"{200 + n:03d}81{n:04d}"), ksic_division="25",
                region="gyeonggi", industrial_complex="sihwa",
            )  # fmt: skip
            registration = Registration(
                f"load{n}@example.kr", "load-test-password", f"부하 {n}", role, details, consents=frozenset(REQUIRED)
            )
            user = register_account(session, registration)
            post = NeedIn.model_validate(NEED_BODY)
            needs = [
                post_listing(session, NEEDS, ServiceContext(user, clock.today(), "ko", ""), post)
                for _ in range(needs_each if role == Role.SME else 0)
            ]
            session.flush()
            accounts.append(Account(create_api_token(session, user, "load")[1], tuple(need.id for need in needs)))
    db.state(app).engine.dispose()
    return accounts


# The served app ----------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ratelimit_storage() -> str:
    """Redis on 127.0.0.1 when it runs (shared by the workers, as deployed), else each worker's memory."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return "memory://"
    return "redis://127.0.0.1:6379/15"


def served_environment(database_url: str, log_folder: str) -> dict[str, str]:
    """As deployed, except: a job queue of its own (no worker: no matching in this load) and an API limit the load
    cannot hit."""
    return os.environ | {
        "RATELIMIT_STORAGE_URI": ratelimit_storage(),
        "SANGSAENG_ENV": "production",
        "SECRET_KEY": uuid.uuid4().hex * 2,
        "DATABASE_URL": database_url,
        "API_RATE_LIMIT": "1000000 per minute",
        "JOBS_URL": f"sqlite:///{Path(log_folder) / 'jobs.sqlite3'}",
        "PROMETHEUS_MULTIPROC_DIR": str(Path(log_folder) / "metrics"),
        "GUNICORN_ACCESS_LOG": str(Path(log_folder) / "access.log"),
    }


@contextmanager
def gunicorn(database_url: str, workers: int = 2, threads: int = 4) -> Iterator[tuple[str, Path]]:
    """The app served by gunicorn with our config on a free 127.0.0.1 port.

    Yields its address and its log folder: server.log (gunicorn's and the app's log) and access.log.
    """
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="sangsaeng-gunicorn-") as folder:
        log_path = Path(folder) / "server.log"
        command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")]
        command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads), "wsgi:app"]
        with log_path.open("w") as log:
            process = subprocess.Popen(
                command, cwd=ROOT, env=served_environment(database_url, folder), stdout=log, stderr=log
            )
            try:
                wait_until_ready(port, process, log_path)
                yield f"127.0.0.1:{port}", Path(folder)
            finally:
                process.send_signal(signal.SIGTERM)  # graceful: workers finish what they serve
                try:
                    process.wait(timeout=40)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def wait_until_ready(port: int, process: subprocess.Popen[bytes], log_path: Path, limit: float = 90) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {log_path.read_text()[-3000:]}")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
        finally:
            connection.close()
    raise RuntimeError("gunicorn did not answer in time")


# The clients -------------------------------------------------------------------------------------------

Request = tuple[str, str, dict | None]


def api_mix(account: Account, rng: random.Random) -> Request:
    """One request as an API client would send it: mostly reads, one in six a write."""
    roll = rng.random()
    if roll < 0.35:
        return "GET", f"/api/v1/needs?page={rng.randint(1, 3)}&per_page=20", None
    if roll < 0.55 and account.need_ids:
        return "GET", f"/api/v1/needs/{rng.choice(account.need_ids)}", None
    if roll < 0.70:
        return "GET", "/api/v1/me", None
    if roll < 0.83:
        return "GET", "/api/v1/solutions?per_page=10", None
    if account.need_ids and roll < 0.90:
        title = f"사출 라인 MES 구축 {rng.randint(1, 10**6)}"
        return "PATCH", f"/api/v1/needs/{rng.choice(account.need_ids)}", {"title": title}
    if account.need_ids:
        return "POST", "/api/v1/needs", dict(NEED_BODY, status=rng.choice(["open", "draft"]))
    return "GET", "/api/v1/needs?q=MES", None


def health_only(_account: Account, _rng: random.Random) -> Request:
    return "GET", "/healthz", None


def run_load(
    address: str,
    accounts: list[Account],
    clients: int,
    seconds: float,
    mix: Callable[[Account, random.Random], Request] = api_mix,
) -> LoadReport:
    """`clients` threads sending `mix` requests until `seconds` have passed; every answer counted."""
    report = LoadReport(seconds=seconds)
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    host, port = address.split(":")

    def client(number: int) -> None:
        rng = random.Random(number)
        account = accounts[number % len(accounts)]
        headers = {"Authorization": f"Bearer {account.token}", "Content-Type": "application/json"}
        connection = http.client.HTTPConnection(host, int(port), timeout=REQUEST_TIMEOUT)
        statuses: Counter[int] = Counter()
        latencies, broken = [], 0
        start.wait()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            method, path, body = mix(account, rng)
            began = time.perf_counter()
            try:
                connection.request(method, path, body=json.dumps(body) if body else None, headers=headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                broken += 1
                connection.close()
                connection = http.client.HTTPConnection(host, int(port), timeout=REQUEST_TIMEOUT)
                continue
            latencies.append(time.perf_counter() - began)
            statuses[response.status] += 1
        connection.close()
        with lock:
            report.statuses.update(statuses)
            report.latencies.extend(latencies)
            report.broken += broken

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.monotonic()
    for thread in threads:
        thread.join(timeout=seconds + REQUEST_TIMEOUT + 30)
    report.seconds = time.monotonic() - began
    return report


def log_findings(log_path: Path) -> dict[str, int]:
    """What the server's log says about trouble (tracebacks, locked databases, dropped bookkeeping)."""
    text = log_path.read_text(errors="replace")
    return {
        "tracebacks": text.count("Traceback"),
        "database is locked": text.count("database is locked"),
        "token use not recorded": text.count("could not record the last use"),
        "worker timeouts": text.count("WORKER TIMEOUT"),
    }


def first_traceback(log_path: Path) -> str:
    text = log_path.read_text(errors="replace")
    start = text.find("Traceback")
    return text[max(0, start - 600) : start + 6000] if start >= 0 else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--accounts", type=int, default=20, help="API tokens shared by the clients")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args(argv)
    with fresh_database(args.database, args.postgres) as url:
        accounts = seed_accounts(url, args.accounts)
        with gunicorn(url, args.workers, args.threads) as (address, logs):
            log_path = logs / "server.log"
            print(
                f"{args.database}: {args.clients} clients, {args.seconds:.0f} s, gunicorn {args.workers}x{args.threads}"
            )
            baseline = run_load(address, accounts, args.clients, min(args.seconds, 15), mix=health_only)
            print(f"  baseline /healthz: {baseline.summary()}")
            report = run_load(address, accounts, args.clients, args.seconds)
            print(f"  API mix:           {report.summary()}")
            ratio = report.per_second / baseline.per_second if baseline.per_second else 0.0
            print(f"  API throughput = {ratio:.2f}x the /healthz floor; server log: {log_findings(log_path)}")
            if report.server_errors:
                print(first_traceback(log_path))
    return 0 if report.server_errors == 0 and report.broken == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
