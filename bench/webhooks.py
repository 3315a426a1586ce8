"""Card payment figures through the real Stripe SDK and the local Stripe stand-in.

    python bench/webhooks.py [--db sqlite|postgresql] [--registrations 200] [--copies 5]
                             [--threads 4] [--pairs 60]

1. Webhooks per second into the ledger: R registrations each paid on the stand-in; each
   `checkout.session.completed` event is delivered C times (Stripe redelivers), shuffled, and
   handled by `payment_webhooks.receive` (signature check, de-duplication, re-fetch from the
   stand-in over HTTP, settle) on 1 and on T threads. Prints deliveries per second, charges
   entered per second, and checks exactly one charge per registration.
2. What a paid registration costs over a free one, per registration, server side only:
   register (free) vs register + open the card payment + create the Checkout Session (HTTP) +
   store it + the webhook that settles it (HTTP re-fetch). The attendee's time on Stripe's page
   is not counted. Prints both means and the ratio.

Uses a throw-away database: a SQLite file, or a new database on the PostgreSQL server of
PORTAL_TEST_POSTGRES_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test), dropped
at the end. Prints figures; asserts nothing (the exit code is 1 if a ledger check fails).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TMP = Path(tempfile.mkdtemp(prefix="portal-bench-hooks-"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PORTAL_ENVIRONMENT", "development")
os.environ.setdefault("PORTAL_UPLOAD_DIR", str(TMP / "uploads"))
PG_SERVER = os.environ.get("PORTAL_TEST_POSTGRES_URL",
                           "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SECRET = "whsec_bench"


def choose_database(kind: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{TMP / 'hooks.db'}"
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"portal_hooks_{uuid.uuid4().hex[:8]}"
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

    import portal.db

    portal.db.get_engine().dispose()
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" '
                                "WITH (FORCE)"))
    admin.dispose()


class Bench:
    """The demo organizer's paid and free events, and attendees made on demand."""

    def __init__(self, seats: int) -> None:
        from sqlmodel import select

        from portal.db import session_scope
        from portal.domain.models import Organizer, User
        from portal.domain.policies import Actor
        from portal.services import passwords
        from portal.services.demo import seed_demo
        from portal.services.demo_events import DemoEvent, publish_demo_event, reviewer_for
        from portal.wiring import file_store

        # Attendees are made by the hundred: hashing their passwords is not what is measured.
        passwords.use_parameters(passwords.HashParameters(time_cost=1, memory_cost=8,
                                                          parallelism=1))
        with session_scope() as session:
            seed_demo(session, store=file_store())
            owner = session.exec(select(User).where(User.email == "organizer@demo.example")
                                 ).one()
            staff = session.exec(select(User).where(User.email == "staff@demo.example")).one()
            organizer_id = session.exec(select(Organizer.id)).first()
            member = Actor(user_id=owner.id, verified=True,
                           organizer_ids=frozenset({organizer_id}))
            reviewer = reviewer_for(staff.id or 0)
            self.paid_event = publish_demo_event(session, member, reviewer, organizer_id, DemoEvent(
                "Paid Bench Day", "A paid day.", "training", 20, 0, "Shanghai",
                [("registration", "120")], capacity=seats))
            self.free_event = publish_demo_event(session, member, reviewer, organizer_id, DemoEvent(
                "Free Bench Day", "A free day.", "training", 20, 0, "Shanghai", [],
                capacity=seats))
        self.count = 0

    def attendee(self):
        from portal.db import session_scope
        from portal.domain.policies import Actor
        from portal.services.users import create_user

        self.count += 1
        with session_scope() as session:
            user = create_user(session, name=f"Payer {self.count}",
                               email=f"payer{self.count}@bench.example",
                               password="a long bench passphrase", phone="+86 138 0000 0000",
                               date_of_birth=date(1990, 1, 1), verified=True,
                               accepted_rules=True)
            return Actor(user_id=user.id, verified=True, accepted_rules=True)


def register(actor, event_id: int) -> int:
    from portal.db import session_scope
    from portal.services.registration_form import RegistrationForm
    from portal.services.registrations import register as register_online
    from portal.wiring import file_store

    with session_scope() as session:
        return register_online(session, actor, event_id=event_id,
                               form=RegistrationForm(safety_ack=True), store=file_store()).id


def open_checkout(gateway, actor, reg_id: int) -> str:
    from portal.db import session_scope
    from portal.services.payment_start import attach_checkout, prepare_card

    with session_scope() as session:
        attempt = prepare_card(session, actor, registration_id=reg_id, provider="stripe")
    state = gateway.create_checkout(attempt.request)
    with session_scope() as session:
        attach_checkout(session, payment_id=attempt.payment_id, state=state)
    return state.id


def charges() -> tuple[int, int]:
    from sqlalchemy import func
    from sqlmodel import select

    from portal.db import session_scope
    from portal.domain.models import LedgerEntry

    with session_scope() as session:
        count, total = session.exec(select(func.count(), func.coalesce(
            func.sum(LedgerEntry.amount_minor), 0)).where(LedgerEntry.kind == "charge")).one()
        return int(count), int(total)


def webhook_rate(bench: Bench, standin, gateway, *, registrations: int, copies: int,
                 threads: int) -> bool:
    from portal.services.payment_webhooks import receive

    deliveries = []
    for _ in range(registrations):
        actor = bench.attendee()
        session_id = open_checkout(gateway, actor, register(actor, bench.paid_event))
        event = standin.event("checkout.session.completed", standin.complete(session_id))
        deliveries += [event] * copies
    random.Random(7).shuffle(deliveries)
    # Signed now (Stripe signs each delivery afresh); signing is Stripe's work, not timed.
    signed = [standin.signed(event, SECRET) for event in deliveries]
    before, _ = charges()

    def one(delivery: tuple[bytes, str]) -> int:
        status = receive(delivery[0], delivery[1], gateway)
        while status == 503:  # Stripe would retry later; here at once
            status = receive(delivery[0], delivery[1], gateway)
        return status

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        statuses = list(pool.map(one, signed))
    elapsed = time.perf_counter() - started
    after, _ = charges()
    entered = after - before
    ok = entered == registrations and statuses.count(200) == len(signed)
    print(f"  {threads:2d} thread(s): {len(signed):5d} deliveries ({registrations} events x "
          f"{copies}) in {elapsed:6.2f} s = {len(signed) / elapsed:7.1f} deliveries/s, "
          f"{entered / elapsed:6.1f} charges/s entered; charges entered {entered} "
          f"(expected {registrations}) {'OK' if ok else 'WRONG'}")
    return ok


def paid_over_free(bench: Bench, standin, gateway, *, pairs: int) -> None:
    from portal.services.payment_webhooks import receive

    free_times, paid_times = [], []
    for _ in range(pairs):
        actor = bench.attendee()
        started = time.perf_counter()
        register(actor, bench.free_event)
        free_times.append(time.perf_counter() - started)

        actor = bench.attendee()
        started = time.perf_counter()
        reg_id = register(actor, bench.paid_event)
        session_id = open_checkout(gateway, actor, reg_id)
        ours = time.perf_counter() - started
        # the attendee pays on Stripe's page; Stripe signs and sends the event (not timed)
        payload, header = standin.signed_event("checkout.session.completed",
                                               standin.complete(session_id), SECRET)
        started = time.perf_counter()
        status = receive(payload, header, gateway)
        paid_times.append(ours + time.perf_counter() - started)
        if status != 200:
            print(f"  webhook answered {status}")
    free_times.sort()
    paid_times.sort()
    free = sum(free_times) / pairs
    paid = sum(paid_times) / pairs
    print(f"  free registration       mean {free * 1000:7.2f} ms   "
          f"p50 {free_times[pairs // 2] * 1000:7.2f} ms")
    print(f"  paid registration       mean {paid * 1000:7.2f} ms   "
          f"p50 {paid_times[pairs // 2] * 1000:7.2f} ms   (register + checkout + webhook)")
    print(f"  paid / free             x{paid / free:.2f}   (+{(paid - free) * 1000:.2f} ms "
          f"per paid registration)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--registrations", type=int, default=200)
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--pairs", type=int, default=60)
    args = parser.parse_args()
    url = choose_database(args.db)
    os.environ["PORTAL_DATABASE_URL"] = url

    from portal.integrations.payments_stripe import StripeGateway
    from portal.migrations import upgrade
    from tests.stripe_standin import StripeStandIn

    upgrade(url)
    standin = StripeStandIn().start()
    ok = True
    try:
        bench = Bench(seats=2 * args.registrations + 2 * args.pairs + 10)
        gateway = StripeGateway(secret_key="sk_test_bench", webhook_secret=SECRET,
                                api_base=standin.url, timeout_seconds=10,
                                max_network_retries=0)
        print(f"database: {args.db}; Stripe: the SDK against the local stand-in")
        print("webhooks into the ledger (duplicates included):")
        for threads in sorted({1, args.threads}):
            ok &= webhook_rate(bench, standin, gateway, registrations=args.registrations,
                               copies=args.copies, threads=threads)
        print(f"a paid registration over a free one ({args.pairs} of each):")
        paid_over_free(bench, standin, gateway, pairs=args.pairs)
        count, total = charges()
        expected = (2 * args.registrations + args.pairs) if args.threads > 1 else (
            args.registrations + args.pairs)
        print(f"ledger: {count} charges, {total} minor units "
              f"({'OK' if count == expected and total == 12000 * count else 'WRONG'})")
        ok &= count == expected
    finally:
        standin.stop()
        drop_database(url)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
