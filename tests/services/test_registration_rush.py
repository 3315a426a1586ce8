"""Seats never oversell: hundreds of people at once for the last seats, through the same
use-case runner the pages use, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from threading import Barrier

from sqlalchemy import func
from sqlmodel import Session, col, select

from portal.db import session_scope
from portal.domain.models import Event, Registration
from portal.services import accounts, registrations, sessions
from portal.services.registration_form import RegistrationForm
from portal.services.runner import run_use_case
from portal.services.users import create_user
from portal.wiring import file_store
from tests.services.helpers import STRONG
from tests.services.registration_helpers import publish

PEOPLE = 200
SEATS = 10
THREADS = 40


def _crowd(count: int, prefix: str) -> list[str]:
    """`count` people ready to register, each with a session cookie."""
    with session_scope() as session:
        for i in range(count):
            create_user(session, name=f"{prefix} {i}", email=f"{prefix}{i}@example.org",
                        password=STRONG, verified=True, phone="+86 138 0000 0003",
                        date_of_birth=date(1990, 1, 1),
                        accepted_rules=True)
    cookies = []
    for i in range(count):
        with session_scope() as session:
            ticket = accounts.sign_in(session, email=f"{prefix}{i}@example.org",
                                      password=STRONG, ip=f"10.1.{i // 250}.{i % 250}")
        with session_scope() as session:
            cookies.append(sessions.start_session(session, ticket=ticket, ip="10.1.0.1"))
    return cookies


def _rush(cookies: list[str], call) -> Counter:
    barrier = Barrier(min(THREADS, len(cookies)))

    def one(cookie: str) -> str:
        try:
            barrier.wait(timeout=30)
        except Exception:  # noqa: BLE001  (fewer than THREADS left at the end)
            pass
        try:
            outcome = call(cookie)
        except Exception as error:  # noqa: BLE001  (an error is what the test counts)
            return f"error: {type(error).__name__}: {error}"
        if outcome.error is None:
            return outcome.value.status
        return "full" if isinstance(outcome.error, registrations.EventFull) else \
            f"refused: {outcome.error.message}"

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return Counter(pool.map(one, cookies))


def _register(event_id: int, **form):
    def call(cookie: str):
        return run_use_case(registrations.register, session_token=cookie, write=True,
                            event_id=event_id, form=RegistrationForm(safety_ack=True, **form),
                            store=file_store())
    return call


def _held(db: Session, event_id: int) -> tuple[int, int]:
    db.rollback()
    db.expire_all()
    counted = db.exec(select(func.count()).select_from(Registration).where(
        col(Registration.event_id) == event_id,
        col(Registration.status).in_(["confirmed", "pending_review", "pending_payment",
                                      "offered"]))).one()
    return db.get(Event, event_id).seats_taken, counted


def test_two_hundred_people_for_ten_seats(team, db):
    event_id = publish(team, capacity=SEATS + 5)
    early = _crowd(5, "early")
    assert _rush(early, _register(event_id)) == Counter(confirmed=5)  # the last 10 remain
    results = _rush(_crowd(PEOPLE, "rush"), _register(event_id))
    assert results == Counter(confirmed=SEATS, full=PEOPLE - SEATS), results
    assert _held(db, event_id) == (SEATS + 5, SEATS + 5)


def test_waiting_list_offers_racing_cancellations(team, db):
    """Seats freed by cancellations while more people join the waiting list: every freed seat
    is offered exactly once, never more offers than seats."""
    event_id = publish(team, capacity=SEATS)
    holders = _crowd(SEATS, "holder")
    assert _rush(holders, _register(event_id)) == Counter(confirmed=SEATS)
    waiters = _crowd(30, "waiter")
    assert _rush(waiters, _register(event_id, join_waitlist=True)) == Counter(waitlisted=30)
    mine = {}
    with session_scope() as session:
        for cookie in holders:
            actor = sessions.resolve_actor(session, cookie)
            mine[cookie] = session.exec(select(Registration.id).where(
                Registration.user_id == actor.user_id)).one()

    def cancel(cookie: str):
        return run_use_case(registrations.cancel_registration, session_token=cookie,
                            write=True, registration_id=mine[cookie])

    late = _crowd(20, "late")
    results = _rush(holders[:6] + late,
                    lambda c: cancel(c) if c in mine else _register(event_id,
                                                                    join_waitlist=True)(c))
    assert results == Counter(cancelled=6, waitlisted=20), results
    db.rollback()
    statuses = Counter(db.exec(select(Registration.status).where(
        Registration.event_id == event_id)).all())
    assert statuses["offered"] == 6 and statuses["confirmed"] == SEATS - 6
    assert _held(db, event_id) == (SEATS, SEATS)
    offered = db.exec(select(Registration.id).where(Registration.event_id == event_id,
                                                    Registration.status == "offered")).all()
    waiting = db.exec(select(Registration.id).where(Registration.event_id == event_id,
                                                    Registration.status == "waitlisted")).all()
    assert max(offered) < min(waiting)  # first come, first offered
