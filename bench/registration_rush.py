"""A registration rush over the real websocket: N people register at once for K seats.

    python bench/registration_rush.py [--clients 200] [--seats 100] [--db sqlite|postgresql]
                                      [--workers 1]

Starts `reflex run --env prod --single-port` (as `make run` does) on a throw-away database
(SQLite file, or a new database on the PostgreSQL server of PORTAL_TEST_POSTGRES_URL /
postgresql+psycopg://postgres@127.0.0.1:5432/test) with the demo data, a free event with K seats,
and N signed-in attendees. Each opens its own Socket.IO tab on `/_event` with its session cookie,
loads the registration form and reviews it, and then all of them press "Confirm" together,
through the same handlers the browser uses. Per tab, the time to answer is measured up to a
marker event sent after the submit (a tab's events run in order).

With `--workers N` (N > 1) the backend runs N worker processes with the states in Redis
(REFLEX_REDIS_URL, default redis://127.0.0.1:6379/0), as production runs several; the kernel
spreads the tabs' websockets over the workers.

Prints: accepted registrations per second (accepted / time from the first submit to the last
answer), p50/p95 time to answer, the server's CPU seconds per accepted registration (psutil on
the server's process tree; the losers' confirms included), the CPU the bench's own clients and
the PostgreSQL backends spent meanwhile (all on the same cores), and the check that exactly K
won, nobody else holds a seat, and no tab failed. Asserts nothing; the exit code is 1 when the
seat check fails.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import tempfile
import time
import uuid
from os import cpu_count
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TMP = Path(tempfile.mkdtemp(prefix="portal-bench-rush-"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PORTAL_ENVIRONMENT", "development")
os.environ["REFLEX_TELEMETRY_ENABLED"] = "false"
os.environ["REFLEX_CHECK_LATEST_VERSION"] = "false"

PG_SERVER = os.environ.get("PORTAL_TEST_POSTGRES_URL",
                           "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS = "redis://127.0.0.1:6379/0"
REGISTER_STATE = "portal___ui___public___register_state____register_state"


def choose_database(kind: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{TMP / 'rush.db'}"
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"portal_rush_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(PG_SERVER).set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    if not url.startswith("postgresql"):
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" '
                                "WITH (FORCE)"))
    admin.dispose()


def prepare(clients: int, seats: int) -> dict:
    """Demo data, the event, and one signed-in attendee per client (through the services)."""
    from datetime import date

    from sqlmodel import select

    from portal.db import session_scope
    from portal.domain.models import Organizer, User
    from portal.domain.policies import Actor
    from portal.migrations import upgrade
    from portal.services import accounts, sessions
    from portal.services.demo import seed_demo
    from portal.services.demo_events import DemoEvent, publish_demo_event, reviewer_for
    from portal.services.users import create_user
    from portal.settings import get_settings
    from portal.wiring import file_store

    upgrade(get_settings().database_url)
    with session_scope() as session:
        seed_demo(session, store=file_store())
        owner = session.exec(select(User).where(User.email == "organizer@demo.example")).one()
        staff = session.exec(select(User).where(User.email == "staff@demo.example")).one()
        organizer_id = session.exec(select(Organizer.id)).first()
        member = Actor(user_id=owner.id, verified=True,
                       organizer_ids=frozenset({organizer_id}))
        event_id = publish_demo_event(session, member, reviewer_for(staff.id), organizer_id,
                                      DemoEvent("Rush Hour Concert", "Free seats, first come.",
                                                "performance", 20, 0, "Shanghai", [],
                                                capacity=seats))
        for i in range(clients):
            create_user(session, name=f"Rusher {i}", email=f"rusher{i}@bench.example",
                        password="a long bench passphrase", phone="+86 138 0000 0000",
                        date_of_birth=date(1990, 1, 1), verified=True, accepted_rules=True)
    cookies = []
    for i in range(clients):
        with session_scope() as session:
            ticket = accounts.sign_in(session, email=f"rusher{i}@bench.example",
                                      password="a long bench passphrase",
                                      ip=f"10.9.{i // 200}.{i % 200}")
        with session_scope() as session:
            cookies.append(sessions.start_session(session, ticket=ticket))
    return {"event_id": event_id, "cookies": cookies}


def seat_check(event_id: int, seats: int) -> tuple[dict, int]:
    from collections import Counter

    from sqlmodel import select

    from portal.db import session_scope
    from portal.domain.models import Event, Registration

    with session_scope() as session:
        statuses = Counter(session.exec(select(Registration.status).where(
            Registration.event_id == event_id)).all())
        taken = session.get(Event, event_id).seats_taken
    return dict(statuses), taken


async def rush(port: int, setup: dict, path: str, pid: int, url: str
               ) -> tuple[list[float], float, int, dict[str, float]]:
    from bench.handlers import SESSION, Tab

    state = f"{SESSION}.{REGISTER_STATE}"
    query = {"id": str(setup["event_id"])}
    tabs = [Tab(port, cookie) for cookie in setup["cookies"]]
    seen: list[dict] = []  # what the first tab was told, to explain a failed rush

    def record(update: dict) -> None:
        seen.append(update)
        tabs[0].updates.put_nowait(update)

    tabs[0].client.on("event", record, namespace="/_event")
    await asyncio.gather(*(t.open() for t in tabs))
    await asyncio.gather(*(t.timed(f"{state}.load", {}, path, query) for t in tabs))
    form = {"safety_ack": "on"}  # the form as the browser sends it: the safety notes read
    await asyncio.gather(*(t.timed(f"{state}.review", {"form": form}, path, query)
                           for t in tabs))
    backends = database_backends(url)
    cpu_before = {"server": cpu_seconds(pid), "bench": time.process_time(),
                  "database": cpu_seconds(*backends)}
    started = time.perf_counter()  # everyone presses "Confirm" at once
    results = await asyncio.gather(*(t.timed(f"{state}.confirm", {}, path, query)
                                     for t in tabs), return_exceptions=True)
    elapsed = time.perf_counter() - started
    backends |= database_backends(url)  # the pool may have opened more meanwhile
    spent = {"server": cpu_seconds(pid) - cpu_before["server"],
             "bench": time.process_time() - cpu_before["bench"],
             "database": cpu_seconds(*backends) - cpu_before["database"]}
    failed = sum(isinstance(r, BaseException) for r in results)
    await asyncio.gather(*(t.client.disconnect() for t in tabs), return_exceptions=True)
    if os.environ.get("RUSH_DEBUG"):
        for update in seen:
            print({k: v for k, v in (update.get("delta") or {}).items() if "register" in k})
    return [r for r in results if isinstance(r, float)], elapsed, failed, spent


def cpu_seconds(*pids: int) -> float:
    """CPU seconds of these processes and their children (gone ones count nothing)."""
    import psutil

    total = 0.0
    for pid in pids:
        try:
            root = psutil.Process(pid)
            family = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
        for process in family:
            try:
                times = process.cpu_times()
                total += times.user + times.system
            except psutil.NoSuchProcess:
                continue
    return total


def database_backends(url: str) -> set[int]:
    """The PostgreSQL server processes serving the bench's database (none on SQLite: there
    the database works inside the server's process)."""
    if not url.startswith("postgresql"):
        return set()
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(PG_SERVER)
    try:
        with admin.connect() as connection:
            return set(connection.execute(
                text("SELECT pid FROM pg_stat_activity WHERE datname = :name "
                     "AND pid <> pg_backend_pid()"),
                {"name": make_url(url).database}).scalars())
    finally:
        admin.dispose()


def main() -> int:
    from sqlalchemy.engine import make_url

    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seats", type=int, default=100)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--workers", type=int, default=1,
                        help="backend worker processes; more than 1 keeps the states in Redis "
                             f"(REFLEX_REDIS_URL, default {REDIS})")
    args = parser.parse_args()
    if args.workers > 1:  # as production runs several: Reflex's supported way, state in Redis
        os.environ.setdefault("REFLEX_REDIS_URL", REDIS)
        os.environ["GRANIAN_WORKERS"] = str(args.workers)
    else:
        os.environ.pop("REFLEX_REDIS_URL", None)
    # bench.handlers points PORTAL_DATABASE_URL at a SQLite file of its own when imported:
    # import it first, then choose the database (else --db postgresql ran on SQLite).
    from bench.handlers import free_port, start_backend, summary

    url = choose_database(args.db)
    os.environ["PORTAL_DATABASE_URL"] = url
    try:
        setup = prepare(args.clients, args.seats)
        port = free_port()
        process = start_backend(port)
        try:
            answers, elapsed, failed, spent = asyncio.run(
                rush(port, setup, "/register", process.pid, url))
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)
        statuses, taken = seat_check(setup["event_id"], args.seats)
    finally:
        drop_database(url)
    accepted = statuses.get("confirmed", 0)
    print(f"{args.db}: {args.clients} clients, {args.seats} seats, {args.workers} worker(s)"
          f"   (server database: {make_url(url).get_backend_name()}"
          f"{', states in Redis' if args.workers > 1 else ''})")
    summary("time to answer", answers)
    print(f"accepted registrations per second   {accepted / elapsed:8.1f}"
          f"   ({accepted} in {elapsed:.2f} s)")
    per = 1000 / max(accepted, 1)
    print(f"server CPU per accepted registration {spent['server'] * per:7.1f} ms"
          f"   ({spent['server']:.2f} s for all {args.clients} confirms, the losers' included)")
    print(f"  and on the same cores: bench clients {spent['bench'] * per:.1f} ms, PostgreSQL "
          f"{spent['database'] * per:.1f} ms per accepted registration ({cpu_count()} cores; "
          f"all three {sum(spent.values()) / elapsed:.2f} cores busy on average)")
    exact = accepted == args.seats == taken and sum(statuses.values()) == accepted
    print(f"seat check: {statuses}, seats taken {taken}, tabs failed {failed} -> "
          f"{'exactly K won' if exact and not failed else 'WRONG'}")
    return 0 if exact and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
