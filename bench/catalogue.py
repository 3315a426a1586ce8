"""Catalogue figures: time and number of SQL queries for one catalogue page and one event page,
with 100 and with 10,000 published events; prints the ratio (1.0 means it does not grow).

    python bench/catalogue.py [--repeat 20]

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
from portal.domain.models import Event, FeeItem  # noqa: E402
from portal.services import event_views  # noqa: E402
from portal.services.paging import PageRequest  # noqa: E402

CATEGORIES = ("conference", "exhibition", "training", "competition", "performance")
CITIES = ("Shanghai", "Beijing", "Shenzhen", "Hangzhou", "Chengdu")


def build(count: int):  # noqa: ANN201
    engine = fresh_database(f"catalogue-{count}")
    rng = random.Random(count)
    now = utcnow()
    with Session(engine) as session:
        organizer = approved_organizer(9999)
        session.add(organizer)
        session.flush()
        for number in range(count):
            start = now + timedelta(days=rng.randint(1, 365), hours=rng.randint(0, 12))
            event = Event(organizer_id=organizer.id, status="published",
                          name=f"Event {number} {rng.choice(CATEGORIES)}",
                          summary="A benchmark event", category=rng.choice(CATEGORIES),
                          starts_at=start, ends_at=start + timedelta(hours=6),
                          time_zone="Asia/Shanghai", format="in_person",
                          venue_address="Hall", city=rng.choice(CITIES), capacity=100,
                          registration_opens_at=now, registration_closes_at=start,
                          total_fee_minor=rng.choice((0, 9900, 19900)), currency="CNY")
            session.add(event)
            if number % 500 == 0:
                session.flush()
        session.flush()
        session.add(FeeItem(event_id=1, kind="registration", label="registration",
                            amount_minor=9900))
        session.commit()
    return engine


def measure(engine, repeat: int) -> tuple[float, ...]:  # noqa: ANN001
    queries = count_queries(engine)
    browse = PageRequest(page=3, page_size=10)
    search = PageRequest(page=3, page_size=10, search="event",
                         filters={"city": "shanghai", "price": "paid"})

    def catalogue_page() -> None:
        with Session(engine) as session:
            event_views.catalogue(session, request=browse, time_zone="Asia/Shanghai")

    def searched_page() -> None:
        with Session(engine) as session:
            event_views.catalogue(session, request=search, time_zone="Asia/Shanghai")

    def event_page() -> None:
        with Session(engine) as session:
            event_views.public_event(session, event_id=1)

    figures = []
    for run in (catalogue_page, searched_page, event_page):
        run()
        queries.clear()
        started = time.perf_counter()
        for _ in range(repeat):
            run()
        figures += [(time.perf_counter() - started) / repeat * 1000, len(queries) / repeat]
    return tuple(figures)  # type: ignore[return-value]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    results = {}
    for count in (100, 10_000):
        results[count] = measure(build(count), args.repeat)
        browse_ms, browse_q, search_ms, search_q, event_ms, event_q = results[count]
        print(f"{count:>6} events: catalogue page {browse_ms:6.2f} ms ({browse_q:.0f} queries); "
              f"searched+filtered {search_ms:6.2f} ms ({search_q:.0f}); "
              f"event page {event_ms:5.2f} ms ({event_q:.0f})")
    small, large = results[100], results[10_000]
    names = ("catalogue page", "searched+filtered page", "event page")
    for index, name in enumerate(names):
        print(f"ratio 10,000/100 {name:<23} time x{large[2 * index] / small[2 * index]:.2f}, "
              f"queries x{large[2 * index + 1] / small[2 * index + 1]:.2f}")


if __name__ == "__main__":
    main()
