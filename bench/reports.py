"""Finance report figures: time and SQL queries to build the report (all organizers, and one
organizer) over a 60-day period, with 1,000 and with 100,000 ledger entries (charges, fees,
refunds, platform fees, payouts across 5 organizers and 20 events); prints the ratio.

    python bench/reports.py [--repeat 5]

Prints figures; asserts nothing. Builds throw-away SQLite databases (PostgreSQL with
`--url postgresql+psycopg://...` on an empty database).
"""

from __future__ import annotations

import argparse
import random
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
from portal.domain.models import Event, LedgerEntry, Registration, User  # noqa: E402
from portal.domain.policies import Actor  # noqa: E402
from portal.services import finance_reports  # noqa: E402
from portal.services.finance_payments import today  # noqa: E402

FINANCE = Actor(user_id=1, roles=frozenset({Role.STAFF_FINANCE}), verified=True)
DAYS = 60
# per registration: a charge and its fee; some refunds, platform fees and payouts
KINDS = (("charge", 1.0), ("fee", 1.0), ("refund", 0.1), ("platform_fee", 0.3),
         ("payout", 0.1))
PER_REGISTRATION = sum(share for _, share in KINDS)


def build(entries: int, url: str | None = None):  # noqa: ANN201
    engine = fresh_database(f"reports-{entries}", url)
    rng = random.Random(entries)
    now = utcnow()
    with Session(engine) as session:
        session.add(User(name="Finance", email="finance@bench.example"))
        events = []
        for org_number in range(5):
            organizer = approved_organizer(org_number)
            session.add(organizer)
            session.flush()
            for number in range(4):
                start = now - timedelta(days=rng.randint(-10, DAYS))
                event = Event(organizer_id=organizer.id, status="published",
                              name=f"Bench event {org_number}-{number}", summary="x",
                              category="training", starts_at=start,
                              ends_at=start + timedelta(hours=6), time_zone="Asia/Shanghai",
                              format="in_person", venue_address="Hall", city="Shanghai",
                              capacity=entries, registration_opens_at=start - timedelta(days=30),
                              registration_closes_at=start, total_fee_minor=9900,
                              currency="CNY")
                session.add(event)
                events.append(event)
        session.flush()
        people = int(entries / PER_REGISTRATION) + 1
        session.execute(insert(User), [{"name": f"Person {n}", "email": f"p{n}@bench.example",
                                         "created_at": now, "updated_at": now}
                                        for n in range(people)])
        first_user = 2
        session.execute(insert(Registration), [{
            "event_id": events[n % len(events)].id, "user_id": first_user + n,
            "active_user_id": first_user + n, "status": "confirmed", "total_minor": 9900,
            "created_at": now, "updated_at": now} for n in range(people)])
        rows = []
        for n in range(people):
            at = now - timedelta(seconds=rng.randint(0, DAYS * 86400))
            for kind, share in KINDS:
                if len(rows) < entries and (share >= 1 or rng.random() < share):
                    rows.append({"registration_id": n + 1, "kind": kind,
                                 "amount_minor": {"charge": 9900, "fee": 537, "refund": 9900,
                                                  "platform_fee": 495, "payout": 8000}[kind],
                                 "currency": "CNY", "provider": "stripe",
                                 "entry_key": f"bench:{kind}:{n}", "created_at": at,
                                 "updated_at": at, "provider_ref": "", "note": ""})
        for chunk in range(0, len(rows), 10_000):
            session.execute(insert(LedgerEntry), rows[chunk:chunk + 10_000])
        session.commit()
    return engine, len(rows)


def measure(engine, repeat: int) -> tuple[float, float, float, float]:  # noqa: ANN001
    queries = count_queries(engine)
    end: date = today()
    everyone = finance_reports.ReportQuery(start=end - timedelta(days=DAYS), end=end,
                                           bucket=finance_reports.Bucket.WEEK)
    one = everyone.model_copy(update={"organizer_id": 3})
    figures: list[float] = []
    for query in (everyone, one):
        with Session(engine) as session:
            finance_reports.build_report(session, FINANCE, query=query)
        queries.clear()
        started = time.perf_counter()
        for _ in range(repeat):
            with Session(engine) as session:
                finance_reports.build_report(session, FINANCE, query=query)
        figures += [(time.perf_counter() - started) / repeat * 1000, len(queries) / repeat]
    return figures[0], figures[1], figures[2], figures[3]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    results = {}
    for count in (1_000, 100_000):
        started = time.perf_counter()
        engine, made = build(count)
        built = time.perf_counter() - started
        results[count] = measure(engine, args.repeat)
        all_ms, all_q, one_ms, one_q = results[count]
        print(f"{made:>7} ledger entries (built in {built:.1f} s): report, all organizers "
              f"{all_ms:7.1f} ms ({all_q:.0f} queries); one organizer {one_ms:7.1f} ms "
              f"({one_q:.0f} queries)")
    small, large = results[1_000], results[100_000]
    print(f"ratio 100,000/1,000: all organizers time x{large[0] / small[0]:.1f}, queries "
          f"x{large[1] / small[1]:.2f}; one organizer time x{large[2] / small[2]:.1f}, "
          f"queries x{large[3] / small[3]:.2f}")


if __name__ == "__main__":
    main()
