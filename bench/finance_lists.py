"""Finance list figures: time and SQL queries for the first page of offline payments to
confirm, a search by reference over every payment, and a registration's payment history, with
100 and with 10,000 payments (a third of them offline and pending); prints the ratio.

    python bench/finance_lists.py [--repeat 20]

Prints figures; asserts nothing. Builds throw-away SQLite databases.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from sqlmodel import Session  # noqa: E402

from bench.common import approved_organizer, count_queries, fresh_database  # noqa: E402
from portal.domain.clock import utcnow  # noqa: E402
from portal.domain.enums import Role  # noqa: E402
from portal.domain.models import (  # noqa: E402
    Event,
    LedgerEntry,
    Payment,
    Registration,
    User,
)
from portal.domain.policies import Actor  # noqa: E402
from portal.services import finance_queries  # noqa: E402
from portal.services.paging import PageRequest  # noqa: E402

METHODS = ("bank_transfer", "cash", "card")
FINANCE = Actor(user_id=1, roles=frozenset({Role.STAFF_FINANCE}), verified=True)


def build(count: int):  # noqa: ANN201
    engine = fresh_database(f"finance-{count}")
    rng = random.Random(count)
    now = utcnow()
    with Session(engine) as session:
        session.add(User(name="Finance", email="finance@bench.example"))
        organizer = approved_organizer(9998)
        session.add(organizer)
        session.flush()
        events = []
        for number in range(20):
            start = now + timedelta(days=30 + number)
            event = Event(organizer_id=organizer.id, status="published",
                          name=f"Bench event {number}", summary="x", category="training",
                          starts_at=start, ends_at=start + timedelta(hours=6),
                          time_zone="Asia/Shanghai", format="in_person", venue_address="Hall",
                          city="Shanghai", capacity=count, registration_opens_at=now,
                          registration_closes_at=start, total_fee_minor=9900, currency="CNY")
            session.add(event)
            events.append(event)
        session.flush()
        for number in range(count):
            user = User(name=f"Person {number}", email=f"p{number}@bench.example")
            session.add(user)
            session.flush()
            method = METHODS[number % 3]
            pending = method != "card" and rng.random() < 0.5
            registration = Registration(
                event_id=events[number % 20].id, user_id=user.id, active_user_id=user.id,
                status="pending_payment" if pending else "confirmed", total_minor=9900)
            session.add(registration)
            session.flush()
            payment = Payment(registration_id=registration.id,
                              open_registration_id=registration.id if pending else None,
                              method=method, status="pending" if pending else "succeeded",
                              amount_minor=9900, currency="CNY",
                              provider="offline" if method != "card" else "stripe",
                              reference=f"EP-B{number:07d}",
                              due_at=now + timedelta(days=rng.randint(-2, 5)))
            session.add(payment)
            if not pending:
                session.flush()
                session.add(LedgerEntry(registration_id=registration.id, payment_id=payment.id,
                                        kind="charge", amount_minor=9900, currency="CNY",
                                        provider=payment.provider,
                                        entry_key=f"charge:bench:{number}"))
        session.commit()
    return engine


def measure(engine, repeat: int, count: int) -> tuple[float, ...]:  # noqa: ANN001
    queries = count_queries(engine)
    first_page = PageRequest(page=1, page_size=25)
    by_reference = PageRequest(page=1, page_size=25, search=f"EP-B{count // 2:07d}")

    def to_confirm() -> None:
        with Session(engine) as session:
            finance_queries.offline_to_confirm(session, FINANCE, request=first_page)

    def search() -> None:
        with Session(engine) as session:
            finance_queries.search_payments(session, FINANCE, request=by_reference)

    def history() -> None:
        with Session(engine) as session:
            finance_queries.payment_history(session, FINANCE, count // 2)

    figures: list[float] = []
    for run in (to_confirm, search, history):
        run()
        queries.clear()
        started = time.perf_counter()
        for _ in range(repeat):
            run()
        figures += [(time.perf_counter() - started) / repeat * 1000, len(queries) / repeat]
    return tuple(figures)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    results = {}
    for count in (100, 10_000):
        results[count] = measure(build(count), args.repeat, count)
        confirm_ms, confirm_q, search_ms, search_q, history_ms, history_q = results[count]
        print(f"{count:>6} payments: to confirm {confirm_ms:6.2f} ms ({confirm_q:.0f} queries); "
              f"search by reference {search_ms:6.2f} ms ({search_q:.0f}); "
              f"history {history_ms:5.2f} ms ({history_q:.0f})")
    small, large = results[100], results[10_000]
    for index, name in enumerate(("to confirm", "search by reference", "history")):
        print(f"ratio 10,000/100 {name:<20} time x{large[2 * index] / small[2 * index]:.2f}, "
              f"queries x{large[2 * index + 1] / small[2 * index + 1]:.2f}")


if __name__ == "__main__":
    main()
