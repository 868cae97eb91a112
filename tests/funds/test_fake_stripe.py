"""Our localstripe launcher: 127.0.0.1 only, a free port each, state of its own (never /tmp/localstripe.pickle)."""

from __future__ import annotations

import ipaddress
import json
import urllib.request
from pathlib import Path

from devtools.fake_stripe import FakeStripe

KEY = {"Authorization": "Bearer sk_test_x"}


def create_customer(fake: FakeStripe) -> str:
    request = urllib.request.Request(f"{fake.api_base}/v1/customers", data=b"email=a@b.kr", headers=KEY, method="POST")  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (the local fake)
        return json.loads(response.read())["id"]


def customers(fake: FakeStripe) -> list[str]:
    request = urllib.request.Request(f"{fake.api_base}/v1/customers", headers=KEY)  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return [customer["id"] for customer in json.loads(response.read())["data"]]


def listening_addresses(port: int) -> set[str]:
    """The local addresses of the sockets listening on `port`, read from the kernel's socket tables (Linux)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(str(ipaddress.ip_address(bytes.fromhex(address)[::-1])) if len(address) == 8 else address)
    return found


def test_two_fakes_never_share_state_and_listen_on_loopback_only(fake_stripe):
    shared = Path("/tmp/localstripe.pickle")  # noqa: S108 (the path localstripe's own CLI would use)
    before = shared.stat().st_mtime if shared.exists() else None
    with FakeStripe() as other:
        assert other.port != fake_stripe.port
        made = create_customer(other)
        assert made in customers(other)
        assert made not in customers(fake_stripe)
        assert listening_addresses(other.port) == {"127.0.0.1"}  # loopback only, not every interface
        state_dir = Path(other._state.name)
        assert (state_dir / "localstripe.pickle").exists()
    assert not state_dir.exists()  # removed when the fake stops
    assert (shared.stat().st_mtime if shared.exists() else None) == before
