"""Our localstripe launcher: 127.0.0.1 only, a free port each, state of its own (never /tmp/localstripe.pickle)."""

from __future__ import annotations

import json
import socket
import urllib.request
from pathlib import Path

from funds.fake_stripe import FakeStripe

KEY = {"Authorization": "Bearer sk_test_x"}


def create_customer(fake: FakeStripe) -> str:
    request = urllib.request.Request(f"{fake.api_base}/v1/customers", data=b"email=a@b.kr", headers=KEY, method="POST")  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (the local fake)
        return json.loads(response.read())["id"]


def customers(fake: FakeStripe) -> list[str]:
    request = urllib.request.Request(f"{fake.api_base}/v1/customers", headers=KEY)  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return [customer["id"] for customer in json.loads(response.read())["data"]]


def test_two_fakes_never_share_state_and_listen_on_loopback_only(fake_stripe):
    shared = Path("/tmp/localstripe.pickle")  # noqa: S108 (the path localstripe's own CLI would use)
    before = shared.stat().st_mtime if shared.exists() else None
    with FakeStripe() as other:
        assert other.port != fake_stripe.port
        made = create_customer(other)
        assert made in customers(other)
        assert made not in customers(fake_stripe)
        outside = [addr for *_, (addr, *_) in socket.getaddrinfo(socket.gethostname(), None) if addr != "127.0.0.1"]
        for address in outside[:1]:
            with socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET) as probe:
                probe.settimeout(1)
                assert probe.connect_ex((address, other.port)) != 0  # not reachable from another interface
        state_dir = Path(other._state.name)
        assert (state_dir / "localstripe.pickle").exists()
    assert not state_dir.exists()  # removed when the fake stops
    assert (shared.stat().st_mtime if shared.exists() else None) == before
