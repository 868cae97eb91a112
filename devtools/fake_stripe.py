"""A local fake Stripe (the PyPI package `localstripe`) for development and tests, run our way.

localstripe's own CLI listens on every interface and keeps its state in /tmp/localstripe.pickle, so two
copies would share (and clobber) one state. This launcher runs it on 127.0.0.1, on a free port, with its
state in a folder of its own, and can register our webhook with it:

    python -m devtools.fake_stripe serve --state-dir DIR        # prints "listening on PORT", serves
    python -m devtools.fake_stripe run --app-port 5000 -- CMD   # a fake beside CMD, webhook registered
    python -m devtools.fake_stripe run --app-port 5000 --welcome -- CMD   # and, once CMD answers, where to
                                                             # open it and the demo logins (`make run`)
    python -m devtools.fake_stripe run --app-port 5000 --worker -- CMD    # and the job worker beside CMD,
                                                             # with the same settings, stopped with it

`FakeStripe` does the same from Python (the test suite starts one and stops it at the end).
"""

from __future__ import annotations

import argparse
import os
import pickle
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

WEBHOOK_PATH = "/webhooks/stripe"
READY_TIMEOUT_SECONDS = 30
APP_READY_TIMEOUT_SECONDS = 120  # the first `make run` compiles and seeds before the server listens
# The worker runs at a lower CPU priority than the app beside it: loading the model and encoding a fresh
# catalogue take the cores for seconds after `make run`, while the first visitor's pages are waiting.
WORKER_COMMAND = [sys.executable, "-m", "flask", "--app", "wsgi", "jobs", "worker", "--nice", "10"]
WORKER_STOP_SECONDS = 20


def serve(state_dir: Path) -> None:
    """Serve localstripe on 127.0.0.1 (a free port, printed first) with its state under `state_dir`."""
    from aiohttp import web
    from localstripe import resources, server

    state_file = state_dir / "localstripe.pickle"

    def dump_to_disk(store: Any) -> None:
        with state_file.open("wb") as file:
            pickle.dump(dict(store), file, protocol=pickle.HIGHEST_PROTOCOL)

    resources.Store.dump_to_disk = dump_to_disk
    resources.Store.try_load_from_disk = lambda store: None
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)  # connections made as soon as the port is printed wait in the backlog, not refused
    print(f"listening on {sock.getsockname()[1]}", flush=True)
    web.run_app(server.app, sock=sock, print=None, access_log=None)


class FakeStripe:
    """A localstripe process of our own: started on enter, stopped (and its state removed) on exit."""

    def __init__(self) -> None:
        self._state = tempfile.TemporaryDirectory(prefix="localstripe-")
        self._process: subprocess.Popen[str] | None = None
        self.port = 0

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FakeStripe:
        command = [sys.executable, "-m", "devtools.fake_stripe", "serve", "--state-dir", self._state.name]
        self._process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)  # noqa: S603 (our own module)
        first_line = self._process.stdout.readline() if self._process.stdout is not None else ""
        if not first_line.startswith("listening on "):
            self.stop()
            raise RuntimeError(f"the fake Stripe did not start: {first_line!r}")
        self.port = int(first_line.split()[-1])
        return self

    def register_webhook(self, url: str, secret: str, name: str = "sangsaeng") -> None:
        """Ask the fake to deliver every event to `url`, signed with `secret`."""
        body = f"url={url}&secret={secret}".encode()
        request = urllib.request.Request(f"{self.api_base}/_config/webhooks/{name}", data=body, method="POST")  # noqa: S310
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (our own local fake)
            response.read()

    def stop(self) -> None:
        if self._process is not None:
            stop_process(self._process, 10)
        if self._process is not None and self._process.stdout is not None:
            self._process.stdout.close()
        self._state.cleanup()

    def __enter__(self) -> FakeStripe:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


def when_listening(port: int, app: subprocess.Popen[bytes], then: Callable[[], None]) -> None:
    """Call `then` once something accepts connections on 127.0.0.1:`port` (not if `app` ends first)."""
    deadline = time.monotonic() + APP_READY_TIMEOUT_SECONDS
    while app.poll() is None and time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            time.sleep(0.2)
            continue
        then()
        return


def run_beside(
    app_port: int, command: list[str], on_ready: Callable[[], None] | None = None, beside: Sequence[list[str]] = ()
) -> int:
    """Run `command` (the app) with a fake Stripe beside it, our webhook registered; stop the fake after.

    `on_ready` runs once the app answers on its port (the launcher prints where to open it then, below the
    server's own start-up lines, instead of leaving a person to guess when and where it is up). Each of
    `beside` (the job worker) runs with the app's settings and is stopped when the app ends."""
    secret = "whsec_" + secrets.token_hex(16)
    with FakeStripe() as fake:
        fake.register_webhook(f"http://127.0.0.1:{app_port}{WEBHOOK_PATH}", secret)
        print(f"fake Stripe on {fake.api_base}; webhooks to port {app_port}", flush=True)
        environment = os.environ | {"STRIPE_API_BASE": fake.api_base, "STRIPE_WEBHOOK_SECRET": secret}
        helpers = [subprocess.Popen(helper, env=environment) for helper in beside]  # noqa: S603 (our commands)
        app = subprocess.Popen(command, env=environment)  # noqa: S603 (the Makefile's own command)
        if on_ready is not None:
            threading.Thread(target=when_listening, args=(app_port, app, on_ready), daemon=True).start()
        try:
            return app.wait()
        except KeyboardInterrupt:
            app.wait()
            return 130
        finally:
            for helper in helpers:
                stop_process(helper, WORKER_STOP_SECONDS)


def stop_process(process: subprocess.Popen[Any], seconds: float) -> None:
    """SIGTERM, then SIGKILL if it has not ended within `seconds`."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _print_welcome(app_port: int) -> None:
    # The demo world's logins belong to the shell (marketplace.demo.people); only `make run` asks for them.
    from marketplace.demo.people import welcome

    print(welcome(f"http://127.0.0.1:{app_port}"), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.fake_stripe", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser("serve", help="serve on 127.0.0.1, a free port")
    serve_parser.add_argument("--state-dir", type=Path, required=True)
    run_parser = commands.add_parser("run", help="run a command with a fake Stripe beside it")
    run_parser.add_argument("--app-port", type=int, required=True)
    run_parser.add_argument("--welcome", action="store_true", help="once the app answers: its address, demo logins")
    run_parser.add_argument("--worker", action="store_true", help="run the job worker beside the app")
    run_parser.add_argument("app_command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    if args.command == "serve":
        serve(args.state_dir)
        return 0
    command = [part for part in args.app_command if part != "--"]
    welcome = (lambda: _print_welcome(args.app_port)) if args.welcome else None
    return run_beside(args.app_port, command, welcome, [WORKER_COMMAND] if args.worker else [])


if __name__ == "__main__":
    sys.exit(main())
