import pytest
from sqlalchemy import select

from portal.domain.enums import Role
from portal.domain.models import User, UserRole
from portal.services.demo import DEMO_ACCOUNTS, NEWCOMER, seed_demo
from portal.services.demo_registrations import GUESTS
from portal.wiring import file_store


def test_demo_data_loads_once_with_one_account_per_role(db):
    assert seed_demo(db, store=file_store()) is True
    db.commit()
    assert seed_demo(db, store=file_store()) is False
    db.commit()
    emails = {e for (e,) in db.exec(select(User.email)).all()}
    assert {a.email for a in DEMO_ACCOUNTS} <= emails  # and the demo registrants
    assert len(emails) == len(DEMO_ACCOUNTS) + len(GUESTS) + 1  # and one newcomer
    newcomer = db.exec(select(User).where(User.email == NEWCOMER)).one()[0]
    assert newcomer.email_verified_at is None  # the admin's "mark as verified" has work
    roles = {Role(r) for (r,) in db.exec(select(UserRole.role)).all()}
    assert Role.ADMIN in roles and Role.STAFF_REVIEWS in roles


def test_demo_events_fill_the_catalogue_and_the_review_queue(db):
    from portal.domain.models import Event

    seed_demo(db, store=file_store())
    db.commit()
    statuses = sorted(s for (s,) in db.exec(select(Event.status)).all())
    # two of them ended (ratings), three more ended with settlement statements, four more
    # ended with their money (finance reports)
    assert statuses == ["published"] * 14 + ["submitted"]


def test_demo_settlements_fill_every_settlement_screen(db):
    from portal.domain.models import SettlementStatement
    from portal.services.ledger_check import check_ledger

    seed_demo(db, store=file_store())
    db.commit()
    found = sorted((s.status, s.net_minor) for (s,) in db.exec(select(SettlementStatement)))
    net = 3 * (18000 - 900)  # three transfers of 180.00, less the 5 % platform fee
    ours = [status for status, amount in found if amount == net]
    assert ours == ["approved", "due", "paid"]
    # the finance reports' ended events have their statements too, waiting for finance staff
    assert len(found) > 3 and {status for status, _net in found} == {"approved", "due", "paid"}
    assert check_ledger(db) == []


def test_demo_ratings_fill_every_rating_screen(db):
    """Two ended events with ratings (one comment hidden); the demo attendee may rate one."""
    from portal.domain.models import EventRating, Registration, User
    from portal.domain.policies import Actor
    from portal.services import rating_views, ratings

    seed_demo(db, store=file_store())
    db.commit()
    given = db.exec(select(EventRating)).all()
    assert len(given) == 7 and [r[0].hidden for r in given].count(True) == 1
    score = rating_views.organizer_score(db, 1)
    assert score.count == 7 and score.score == pytest.approx((15 + 27) / 12)
    alex = db.exec(select(User).where(User.email == "attendee@demo.example")).one()[0]
    mine = [r[0].id for r in db.exec(select(Registration).where(
        Registration.user_id == alex.id)).all()]
    states = ratings.my_ratings(db, Actor(user_id=alex.id, verified=True),
                                registration_ids=mine)
    assert [s.event_name for s in states.values() if s.can_rate] == [
        "Lantern Festival Night Walk"]


def test_demo_registrations_fill_every_registration_screen(db):
    """Confirmed and checked-in people, a full event with a waiting list, and a registration
    waiting for the organizer's approval — made through the services, so seats add up."""
    from collections import Counter

    from portal.domain.models import Event, Registration

    seed_demo(db, store=file_store())
    db.commit()
    by_event = {}
    for name, status, checked_in in db.exec(
            select(Event.name, Registration.status, Registration.checked_in_at)
            .join(Registration, Registration.event_id == Event.id)).all():
        by_event.setdefault(name, Counter())[status] += 1
        by_event[name]["checked_in"] += checked_in is not None
    assert by_event["Open Chess Rapid"] == Counter(confirmed=8, checked_in=3)
    assert by_event["Tea Tasting Workshop"] == Counter(confirmed=4, waitlisted=3)
    assert by_event["Night Kayak Tour"] == Counter(pending_review=1, confirmed=1)
    seats = dict(db.exec(select(Event.name, Event.seats_taken)).all())
    assert seats["Tea Tasting Workshop"] == 4 and seats["Night Kayak Tour"] == 2
