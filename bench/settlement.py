"""Settlement statement figures: time and SQL queries to build an ended event's statement from
its ledger entries (gross by method, refunds, processing fees, the platform fee per paid
registration) and to approve it (one platform fee entry per registration), with 1,000 and with
100,000 ledger entries; prints the ratio. The number of queries must not grow with the entries.

    python bench/settlement.py

Prints figures; asserts nothing. Builds throw-away SQLite databases.
"""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from sqlalchemy import insert  # noqa: E402
from sqlmodel import Session  # noqa: E402

from bench.common import approved_organizer, count_queries, fresh_database  # noqa: E402
from portal.domain.clock import utcnow  # noqa: E402
from portal.domain.enums import Role  # noqa: E402
from portal.domain.models import (  # noqa: E402
    Event,
    LedgerEntry,
    Payment,
    PlatformFeeRate,
    Registration,
    User,
)
from portal.domain.policies import Actor  # noqa: E402
from portal.services.settlement_build import generate_statement  # noqa: E402
from portal.services.settlements import approve_statement  # noqa: E402

FINANCE = Actor(user_id=1, roles=frozenset({Role.STAFF_FINANCE}), verified=True)


def build(entries: int):  # noqa: ANN201
    """An ended event whose registrations hold `entries` ledger entries: each paid once; every
    other one by card with Stripe's fee; one in ten partly refunded."""
    engine = fresh_database(f"settle-{entries}")
    now = utcnow()
    people = entries * 20 // 31  # 1 charge + 1/2 fee + 1/10 refund per registration
    with Session(engine) as session:
        session.add(User(name="Finance", email="finance@bench.example"))
        organizer = approved_organizer(9997)
        session.add(organizer)
        session.flush()
        session.add(PlatformFeeRate(percent_bp=500, fixed_minor=0, currency="CNY",
                                    effective_from=date(2020, 1, 1)))
        start = now - timedelta(days=2)
        event = Event(organizer_id=organizer.id, status="published", name="Bench event",
                      summary="x", category="training", starts_at=start,
                      ends_at=start + timedelta(hours=6), time_zone="Asia/Shanghai",
                      format="in_person", venue_address="Hall", city="Shanghai",
                      capacity=people + 1, registration_opens_at=start - timedelta(days=30),
                      registration_closes_at=start, total_fee_minor=9900, currency="CNY")
        session.add(event)
        session.flush()
        session.execute(insert(User), [{"id": 10 + n, "name": f"P{n}",
                                        "email": f"p{n}@bench.example"} for n in range(people)])
        session.execute(insert(Registration), [
            {"id": 10 + n, "event_id": event.id, "user_id": 10 + n, "status": "confirmed",
             "total_minor": 9900, "ticket_code": f"B{n:09d}"} for n in range(people)])
        session.execute(insert(Payment), [
            {"id": 10 + n, "registration_id": 10 + n, "method": "card" if n % 2 else "cash",
             "status": "succeeded", "amount_minor": 9900, "currency": "CNY",
             "provider": "stripe" if n % 2 else "offline", "reference": f"EP-S{n:08d}"}
            for n in range(people)])
        rows = []
        for n in range(people):
            base = {"registration_id": 10 + n, "payment_id": 10 + n, "currency": "CNY"}
            rows.append({**base, "kind": "charge", "amount_minor": 9900, "provider": "x",
                         "entry_key": f"charge:{n}"})
            if n % 2:
                rows.append({**base, "kind": "fee", "amount_minor": 317, "provider": "stripe",
                             "entry_key": f"stripe-fee:{n}"})
            if n % 10 == 0:
                rows.append({**base, "kind": "refund", "amount_minor": 2000,
                             "provider": "offline", "entry_key": f"refund:{n}"})
        session.execute(insert(LedgerEntry), rows[:entries])
        session.commit()
        return engine, event.id, min(entries, len(rows))


def measure(engine, event_id: int) -> tuple[float, float, float, float]:  # noqa: ANN001
    queries = count_queries(engine)
    started = time.perf_counter()
    with Session(engine) as session:
        statement = generate_statement(session, event_id, now=utcnow())
        assert statement is not None
        session.commit()
        statement_id = statement.id or 0
    build_ms, build_q = (time.perf_counter() - started) * 1000, len(queries)
    queries.clear()
    started = time.perf_counter()
    with Session(engine) as session:
        approve_statement(session, FINANCE, statement_id=statement_id)
        session.commit()
    return build_ms, build_q, (time.perf_counter() - started) * 1000, len(queries)


def main() -> None:
    results = {}
    for count in (1_000, 100_000):
        engine, event_id, made = build(count)
        results[count] = measure(engine, event_id)
        build_ms, build_q, approve_ms, approve_q = results[count]
        print(f"{made:>7} ledger entries: statement built in {build_ms:8.1f} ms "
              f"({build_q:.0f} queries); approved in {approve_ms:8.1f} ms ({approve_q:.0f} "
              f"queries)")
    small, large = results[1_000], results[100_000]
    print(f"ratio 100,000/1,000: build time x{large[0] / small[0]:.1f}, "
          f"queries x{large[1] / small[1]:.2f}; approve time x{large[2] / small[2]:.1f}, "
          f"queries x{large[3] / small[3]:.2f}")


if __name__ == "__main__":
    main()
