"""What the attendee's overview puts first, and the worker's sweep of lapsed holds."""

from __future__ import annotations

from datetime import timedelta

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.models import Event, Registration
from portal.services import registrations
from portal.services.event_form import FeeInput
from tests.services.registration_helpers import person, publish, sign_up_for


def _status(db, registration_id: int) -> str:
    db.rollback()
    return db.get(Registration, registration_id).status


def _seats(db, event_id: int) -> int:
    db.rollback()
    db.expire_all()
    return db.get(Event, event_id).seats_taken



def test_attendee_home_puts_offers_first(team, db):
    from portal.services.registration_views import attendee_home
    small = publish(team, capacity=1)
    other = publish(team, name="Second walk")
    ann, bo = person("Ann"), person("Bo")
    first = sign_up_for(ann, small)
    sign_up_for(bo, small, join_waitlist=True)
    sign_up_for(bo, other)
    with session_scope() as session:
        registrations.cancel_registration(session, ann, registration_id=first.id)
    with session_scope() as session:
        home = attendee_home(session, bo)
    assert [r.event_id for r in home.needs_action] == [small]
    assert [r.status for r in home.needs_action] == ["offered"]
    assert [r.event_id for r in home.upcoming] == [other]
    with session_scope() as session:
        assert attendee_home(session, ann).upcoming == []  # a cancelled one is not "next"


def test_the_worker_sweep_releases_what_lapsed_and_is_idle_otherwise(team, db):
    from sqlalchemy import update

    from portal.worker import sweep_once
    event_id = publish(team, capacity=1, fees=[FeeInput(kind="registration", amount="10")])
    held = sign_up_for(person("Ann"), event_id)
    assert sweep_once() == 0 and _status(db, held.id) == "pending_payment"
    with session_scope() as session:
        session.execute(update(Registration).where(Registration.id == held.id)
                        .values(hold_expires_at=utcnow() - timedelta(seconds=1)))
    assert sweep_once() == 1
    assert _status(db, held.id) == "expired" and _seats(db, event_id) == 0
