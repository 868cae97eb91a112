"""Need pages under load (issue 15: p95 ≤ 300 ms with 20 concurrent users, gunicorn with 2 workers).

    .venv/bin/python benchmarks/need_page_load.py [--ref HEAD] [--users 20] [--seconds 30]

A fresh clone of `--ref` with the demo world, served as `make serve` serves it (gunicorn.conf.py with
2 workers, the job worker and the fake Stripe beside it) on a free 127.0.0.1 port. Demo accounts log
in once (an SME, a second SME, the officer and the admin); every (account, need) pair whose page
answers 200 is a page to ask for: needs in every status (draft, open, in progress, closed, withdrawn,
as each account may see them), and in either matching state (the worker still reading the listing,
or its vector stored), as the page itself says. `--users` threads then ask for random pages for
`--seconds` seconds. Printed: p50 and p95 of every page and per need status and matching state, and
as the baseline in the same run the same users asking /healthz for 5 s, and the web processes' CPU per
need page (less sensitive than latency to what else the machine runs). Fails (exit 1) on any 5xx or
if a web process maps a model library. Bounded: at most 120 s of load, 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.served import (  # noqa: E402
    Browser,
    demo_needs,
    environment,
    free_port,
    fresh_clone,
    model_libraries,
    run,
    served,
    wait_for,
    web_processes,
)

ACCOUNTS = ("sme@sangsaeng-demo.kr", "sme2@sangsaeng-demo.kr", "officer@sangsaeng-demo.kr", "admin@sangsaeng-demo.kr")
WAITING = 'data-waiting="1"'
LIMIT_SECONDS = 120.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def load(users: int, seconds: float, ask) -> list[tuple]:
    """`users` threads calling `ask(rng)` until the time is up; every result (latency first)."""
    results: list[tuple] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + min(seconds, LIMIT_SECONDS)

    def user(number: int) -> None:
        rng = random.Random(number)
        while time.perf_counter() < deadline:
            result = ask(rng)
            with lock:
                results.append(result)

    threads = [threading.Thread(target=user, args=(number,)) for number in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def cpu_seconds(pid: int) -> float:
    """User and system CPU a process has used so far (Linux /proc; 0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def served_durations(log: Path, start_line: int) -> list[float]:
    """Seconds the server itself spent on each need page (gunicorn's access log, from `start_line`)."""
    durations = []
    for text in log.read_text(errors="replace").splitlines()[start_line:]:
        if '"logger": "access"' not in text:
            continue
        try:
            entry = json.loads(text)
        except ValueError:
            continue
        if entry.get("path", "").startswith("/needs/") and entry.get("method") == "GET":
            durations.append(int(entry["duration_ms"]) / 1000)
    return durations


def line(name: str, latencies: list[float]) -> str:
    return (
        f"  {name:34s} n {len(latencies):5d}  p50 {statistics.median(latencies) * 1000:7.1f} ms  "
        f"p95 {percentile(latencies, 0.95) * 1000:7.1f} ms  max {max(latencies) * 1000:7.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="HEAD")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    with fresh_clone(args.ref) as clone:
        port = free_port()
        env = environment(port) | {"WEB_CONCURRENCY": "2", "GUNICORN_BIND": f"127.0.0.1:{port}"}
        flask = [str(clone / ".venv/bin/flask"), "--app", "wsgi"]
        run([*flask, "db", "upgrade"], clone, env)
        run([*flask, "seed-demo"], clone, env)
        needs = dict(demo_needs(clone))
        gunicorn = [str(clone / ".venv/bin/gunicorn"), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
        with served(clone, port, [*gunicorn, "--workers", "2", "wsgi:app"], clone / "server.log") as launcher:
            wait_for(port)
            base = f"http://127.0.0.1:{port}"
            browsers = {email: Browser.logged_in(base, email) for email in ACCOUNTS}
            pages = [
                (email, need_id)
                for email, browser in browsers.items()
                for need_id in needs
                if browser.get(f"/needs/{need_id}")[0] == 200
            ]
            print(f"{len(pages)} (account, need) pages answer 200 over {len(needs)} needs", flush=True)

            def ask_page(rng: random.Random) -> tuple:
                email, need_id = rng.choice(pages)
                start = time.perf_counter()
                status, page = browsers[email].get(f"/needs/{need_id}")
                state = "still reading" if WAITING in page else "vector stored"
                return time.perf_counter() - start, status, needs[need_id], state

            def ask_health(rng: random.Random) -> tuple:
                start = time.perf_counter()
                status, _ = browsers[ACCOUNTS[0]].get("/healthz")
                return time.perf_counter() - start, status

            health = load(args.users, 5.0, ask_health)
            web = web_processes(launcher.pid, "gunicorn")
            cpu_before = sum(cpu_seconds(pid) for pid in web)
            log_start = len((clone / "server.log").read_text(errors="replace").splitlines())
            results = load(args.users, args.seconds, ask_page)
            served_only = served_durations(clone / "server.log", log_start)
            web_cpu = sum(cpu_seconds(pid) for pid in web) - cpu_before
            loaded = {pid: model_libraries(pid) for pid in web_processes(launcher.pid, "gunicorn")}
    errors = [r for r in results if r[1] >= 500]
    latencies = [r[0] for r in results]
    print(f"{args.users} users, {args.seconds:.0f} s, gunicorn 2 workers: {len(results)} need pages")
    print(line("every need page", latencies))
    by: dict[str, list[float]] = defaultdict(list)
    for latency, _, status, state in results:
        by[f"status {status}"].append(latency)
        by[state].append(latency)
    for name in sorted(by):
        print(line(name, by[name]))
    print(line("/healthz (baseline)", [r[0] for r in health]))
    if served_only:  # the rest of a page's latency is waiting: for a worker's thread, or in the client
        print(line("need page inside the server", served_only))
    ratio = percentile(latencies, 0.95) / max(percentile([r[0] for r in health], 0.95), 1e-9)
    print(f"  need page p95 / healthz p95: ×{ratio:.1f}; web processes {sorted(loaded)}")
    print(f"  CPU of the web processes per need page: {web_cpu / max(len(results), 1) * 1000:.1f} ms")
    if errors or not loaded or any(loaded.values()):
        print(f"FAIL: {len(errors)} server errors; model libraries mapped: {loaded}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
