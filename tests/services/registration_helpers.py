"""Published events and people ready to register, for the registration tests."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import update

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import ReviewDecision
from portal.domain.models import Event
from portal.services import event_drafts, event_form, event_review
from portal.services.registration_form import RegistrationForm
from portal.services.registrations import register
from portal.services.users import create_user
from portal.wiring import file_store
from tests.services.helpers import STRONG, actor_for, sign_in

START = (utcnow() + timedelta(days=30)).replace(microsecond=0)


def _local(delta_days: float, hour: int = 9) -> str:
    return (START + timedelta(days=delta_days)).strftime("%Y-%m-%dT") + f"{hour:02d}:00"


def publish(team, *, capacity: int = 10, fees=None, questions=None, **overrides) -> int:
    """An event published by the team's organizer, open for registration now."""
    data = dict(name="Harbour Walk", summary="A walk.", description="Walk.",
                category="other", starts_at=_local(0, 9), ends_at=_local(0, 17),
                time_zone="Asia/Shanghai", format="in_person", venue_address="1 Pier Road",
                city="Shanghai", capacity=str(capacity), registration_opens_at=_local(-30, 0),
                registration_closes_at=_local(-1, 18), safety_risks="Slippery piers",
                safety_measures="Stewards", emergency_contact="+86 21 5555 0101",
                emergency_plan="Assembly point at the gate.")
    data.update(overrides)
    with session_scope() as session:
        event_id = event_drafts.save_draft(
            session, team["olga"], organizer_id=team["organizer_id"], event_id=None,
            draft=event_form.EventDraft(**data), fees=fees or [], questions=questions)
    with session_scope() as session:
        event_drafts.submit_event(session, team["olga"], event_id=event_id)
    with session_scope() as session:
        event_review.decide_event(session, team["rita"], event_id=event_id,
                                  decision=ReviewDecision.APPROVE)
    return event_id


def set_event(event_id: int, **values) -> None:
    with session_scope() as session:
        session.execute(update(Event).where(Event.id == event_id).values(**values))


def person(name: str, *, birth: date = date(1990, 5, 1), verified: bool = True,
           phone: str | None = "+86 138 0000 0002", accepted: bool = True):
    email = f"{name.lower()}@example.org"
    with session_scope() as session:
        create_user(session, name=name, email=email, password=STRONG, verified=verified,
                    phone=phone, date_of_birth=birth, accepted_rules=accepted)
    return actor_for(sign_in(email))


def sign_up_for(actor, event_id: int, **form):
    form.setdefault("safety_ack", True)
    with session_scope() as session:
        return register(session, actor, event_id=event_id, form=RegistrationForm(**form),
                        store=file_store())
