"""What /metrics says about the journeys: request latency by endpoint, read from the served app at the end.

The browser session saves the raw scrape and a table of the slowest endpoints (p95, estimated from the
histogram's buckets the way Prometheus's histogram_quantile does) to test-artifacts/browser/.
"""

from __future__ import annotations

import re
import urllib.request
from collections import defaultdict
from pathlib import Path

SAMPLE = re.compile(r"^sangsaeng_request_duration_seconds_bucket\{(?P<labels>[^}]*)\} (?P<count>\S+)$")
LABEL = re.compile(r'(\w+)="([^"]*)"')


def scrape(base_url: str) -> str:
    with urllib.request.urlopen(f"{base_url}/metrics", timeout=30) as response:  # noqa: S310 (our own test server)
        return response.read().decode()


def buckets_by_endpoint(text: str) -> dict[str, dict[float, float]]:
    """Cumulative bucket counts per `METHOD endpoint`, summed over status codes."""
    buckets: dict[str, dict[float, float]] = defaultdict(lambda: defaultdict(float))
    for line in text.splitlines():
        match = SAMPLE.match(line)
        if match is None:
            continue
        labels = dict(LABEL.findall(match["labels"]))
        bound = float("inf") if labels["le"] == "+Inf" else float(labels["le"])
        buckets[f"{labels['method']} {labels['endpoint']}"][bound] += float(match["count"])
    return buckets


def quantile(q: float, cumulative: dict[float, float]) -> float:
    """The q-quantile, interpolated linearly inside its bucket (the +Inf bucket answers its lower bound)."""
    bounds = sorted(cumulative)
    rank = q * cumulative[bounds[-1]]
    lower, below = 0.0, 0.0
    for bound in bounds:
        if cumulative[bound] >= rank:
            if bound == float("inf"):
                return lower
            inside = cumulative[bound] - below
            return lower + (bound - lower) * ((rank - below) / inside if inside else 0.0)
        lower, below = bound, cumulative[bound]
    return lower


def slowest(text: str, top: int = 5) -> list[tuple[str, int, float, float]]:
    """(endpoint, requests, p50, p95) of the `top` endpoints by p95."""
    rows = [
        (endpoint, int(cumulative[float("inf")]), quantile(0.5, cumulative), quantile(0.95, cumulative))
        for endpoint, cumulative in buckets_by_endpoint(text).items()
    ]
    return sorted(rows, key=lambda row: (-row[3], -row[1]))[:top]


def save(base_url: str, folder: Path) -> str:
    """Scrape the app, save the raw text and the table; the table is returned for the terminal."""
    text = scrape(base_url)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "metrics.txt").write_text(text)
    requests = sum(int(c[float("inf")]) for c in buckets_by_endpoint(text).values())
    lines = [f"{requests} requests; slowest endpoints by p95 (seconds, from the histogram's buckets):"]
    lines += [f"{p95:7.3f} p95 {p50:7.3f} p50 {n:5d} requests  {name}" for name, n, p50, p95 in slowest(text)]
    table = "\n".join(lines)
    (folder / "latency.txt").write_text(table + "\n")
    return table
