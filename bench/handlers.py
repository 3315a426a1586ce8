"""Handler latency over the real websocket protocol, against the production backend.

    python bench/handlers.py [--clients 100] [--rounds 10] [--burst 20]

Starts `reflex run --env prod --single-port` (as `make run` does) on a throw-away SQLite
database with the demo data, opens N Socket.IO clients on `/_event` (each its own tab token;
staff tabs carry a real session cookie in the handshake, as a browser does), and times, per
client and round, one handler followed by a marker event (the language switch, which always
answers with a delta): events of one tab run in order, so the marker's answer means the
handler is done.

Prints p50/p95 of (a) a no-op handler (the marker alone), (b) the catalogue page load, (c) the
staff event-review page load, (d) a sign-in; each p95 as a ratio to the no-op's; the no-op's
p95 while a burst of sign-ins runs; and the database transactions each handler opens,
counted in-process on the same code (read-only / wrote / took the write lock up front).
Asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TMP = Path(tempfile.mkdtemp(prefix="portal-bench-handlers-"))
os.environ["PORTAL_DATABASE_URL"] = f"sqlite:///{TMP / 'bench.db'}"
os.environ.setdefault("PORTAL_ENVIRONMENT", "development")
os.environ["REFLEX_TELEMETRY_ENABLED"] = "false"
os.environ["REFLEX_CHECK_LATEST_VERSION"] = "false"
sys.path.insert(0, str(ROOT))

import socketio  # noqa: E402  (python-socketio, with aiohttp for the websocket client)

from bench.handler_counts import count_transactions, demo_setup  # noqa: E402

NAMESPACE = "/_event"  # Reflex's Socket.IO path and namespace
SESSION = "reflex___state____state.portal___ui___session____session_state"
CATALOGUE = f"{SESSION}.portal___ui___public___catalogue____catalogue_state"
REVIEW = f"{SESSION}.portal___ui___staff___event_review____event_review_state"
SIGN_IN = f"{SESSION}.portal___ui___public___sign_in____sign_in_state"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_backend(port: int) -> subprocess.Popen:
    # The tabs' states go to a folder of this run: Reflex lists and stats every state file of
    # its folder every couple of seconds, so the thousands earlier runs leave would skew it.
    env = {**os.environ, "PORTAL_BASE_URL": f"http://127.0.0.1:{port}", "PORTAL_PORT": str(port),
           "PORTAL_ALLOWED_ORIGINS": f"http://127.0.0.1:{port}",
           "REFLEX_STATES_WORKDIR": str(TMP / "states")}
    reflex = str(Path(sys.executable).parent / "reflex")
    process = subprocess.Popen(
        [reflex, "run", "--env", "prod", "--single-port", "--frontend-port", str(port),
         "--backend-port", str(port), "--loglevel", "warning"], cwd=ROOT, env=env,
        stdout=(TMP / "backend.log").open("w"), stderr=subprocess.STDOUT,
        start_new_session=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the backend exited with {process.returncode}; its log: "
                             f"{TMP / 'backend.log'}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as answer:
                if answer.status == 200:
                    return process
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the backend did not answer in time")


class Tab:
    """One browser tab: a Socket.IO connection with its own token and cookie."""

    def __init__(self, port: int, cookie: str = "") -> None:
        self.url = f"http://127.0.0.1:{port}?token={uuid.uuid4()}"
        self.headers = {"Cookie": f"portal_session={cookie}"} if cookie else {}
        self.client = socketio.AsyncClient(reconnection=False)
        self.updates: asyncio.Queue = asyncio.Queue()
        self.locale = "en"
        self.client.on("event", self.updates.put_nowait, namespace=NAMESPACE)

    async def open(self) -> None:
        await self.client.connect(self.url, headers=self.headers, transports=["websocket"],
                                  socketio_path=NAMESPACE, namespaces=[NAMESPACE],
                                  wait_timeout=30)

    async def send(self, handler: str, payload: dict | None = None, path: str = "/",
                   query: dict | None = None) -> None:
        # Pages read the address from asPath (as the browser sends it), query string included.
        address = f"{path}?{urllib.parse.urlencode(query)}" if query else path
        await self.client.emit("event", {
            "name": handler, "payload": payload or {},
            "router_data": {"pathname": path, "query": query or {}, "asPath": address}},
            namespace=NAMESPACE)

    async def timed(self, handler: str | None, payload: dict | None = None, path: str = "/",
                    query: dict | None = None) -> float:
        """Seconds until `handler` (None: nothing) and the marker after it are answered."""
        started = time.perf_counter()
        if handler:
            await self.send(handler, payload, path, query)
        self.locale = "zh-Hans" if self.locale == "en" else "en"
        await self.send(f"{SESSION}.set_locale", {"value": self.locale}, path, query)
        while True:
            update = await asyncio.wait_for(self.updates.get(), timeout=120)
            mine = (update.get("delta") or {}).get(SESSION, {})
            if mine.get("locale_rx_state_") == self.locale:
                return time.perf_counter() - started


def summary(label: str, seconds: list[float], baseline: float | None = None) -> float:
    ordered = sorted(seconds)
    p50 = statistics.median(ordered) * 1000
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000
    ratio = f"   p95 = {p95 / baseline:4.1f}x no-op" if baseline else ""
    print(f"{label:<34} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms{ratio}")
    return p95


async def rounds(tabs: list[Tab], rounds_each: int, *call) -> list[float]:
    async def one(tab: Tab) -> list[float]:
        return [await tab.timed(*call) for _ in range(rounds_each)]

    results = await asyncio.gather(*(one(tab) for tab in tabs))
    return [s for r in results for s in r]


async def measure(port: int, args: argparse.Namespace, setup: dict) -> None:
    staff_tabs = [Tab(port, setup["staff_cookie"]) for _ in range(args.clients)]
    public_tabs = [Tab(port) for _ in range(args.clients)]
    await asyncio.gather(*(t.open() for t in staff_tabs + public_tabs))
    await rounds(public_tabs + staff_tabs, 1, None)  # warm-up: every tab's state exists
    review = (f"{REVIEW}.load", {}, "/staff/event", {"id": str(setup["event_id"])})
    catalogue = (f"{CATALOGUE}.load_table", {}, "/events")
    print(f"{args.clients} concurrent clients, {args.rounds} rounds each")
    noop = summary("(a) no-op handler", await rounds(public_tabs, args.rounds, None))
    summary("(b) catalogue page load", await rounds(public_tabs, args.rounds, *catalogue), noop)
    summary("(c) staff event-review page load", await rounds(staff_tabs, args.rounds, *review),
            noop)
    sign_in = (f"{SIGN_IN}.submit", {"form": {"email": "attendee@demo.example",
                                              "password": setup["password"]}}, "/sign-in")
    summary(f"(d) sign-in ({args.burst} at once)",
            await rounds(public_tabs[:args.burst], 1, *sign_in), noop)
    idle = summary("no-op, idle", await rounds(public_tabs[args.burst:], 3, None))
    burst_tabs = [Tab(port) for _ in range(args.burst)]
    await asyncio.gather(*(t.open() for t in burst_tabs))
    during, _ = await asyncio.gather(rounds(public_tabs[args.burst:], 3, None),
                                     rounds(burst_tabs, 1, *sign_in))
    summary(f"no-op during {args.burst} sign-ins", during, idle)
    await asyncio.gather(*(t.client.disconnect() for t in staff_tabs + public_tabs + burst_tabs))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--burst", type=int, default=20)
    args = parser.parse_args()
    if not 0 < args.burst < args.clients:
        parser.error("--burst must be at least 1 and fewer than --clients")
    setup = demo_setup()
    print("database transactions per handler (in-process, same code):")
    for label, counts in count_transactions(setup).items():
        print(f"  {label:<32} {counts}")
    port = free_port()
    process = start_backend(port)
    try:
        asyncio.run(measure(port, args, setup))
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


if __name__ == "__main__":
    sys.exit(main())
