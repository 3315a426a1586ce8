"""The "review and confirm" step of registering online, and what registering led to.

The preview runs every check `register` runs (the event is open, the person may come, the form
is right) and shows what the server would record: the fee items with their total, the answers,
and where the registration would go. It changes nothing and takes no seat; `register` checks
everything again, so a preview proves nothing to the server.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlmodel import Session

from portal.db import contended
from portal.domain.clock import utcnow
from portal.domain.enums import QuestionKind, RegistrationStatus
from portal.domain.models import Event
from portal.domain.policies import Actor
from portal.services.event_questions import active_questions
from portal.services.files import FileStore
from portal.services.registration_flow import settled_status
from portal.services.registration_form import RegistrationForm, Upload
from portal.services.registration_views import waitlist_position
from portal.services.registrations import (
    check_enrolment,
    online_enrolment,
    own_registration,
    register,
)
from portal.services.seats import seats_left


class PreviewLine(BaseModel):
    kind: str
    label: str
    amount_minor: int
    mandatory: bool


class PreviewAnswer(BaseModel):
    question_id: int
    label: str
    kind: QuestionKind
    value: str  # a file question: the checked file name; several choices: one per line


class RegistrationPreview(BaseModel):
    event_id: int
    currency: str
    lines: list[PreviewLine]
    total_minor: int
    answers: list[PreviewAnswer]
    qualification: str
    outcome: RegistrationStatus  # where the registration goes if a seat is free
    seat_free: bool  # none free now: registering is refused unless joining the waiting list


def preview_registration(session: Session, actor: Actor, *, event_id: int,
                         form: RegistrationForm, uploads: dict[int, Upload] | None = None
                         ) -> RegistrationPreview:
    """What registering with this form would record, checked as `register` checks it."""
    event, who = online_enrolment(session, actor, event_id)
    checked = check_enrolment(session, event, who, form, uploads or {}, now=utcnow())
    asked = {q.id: q for q in active_questions(session, event_id)}
    return RegistrationPreview(
        event_id=event_id, currency=event.currency,
        lines=[PreviewLine(kind=item.kind, label=item.label, amount_minor=item.amount_minor,
                           mandatory=item.mandatory) for item in checked.items],
        total_minor=checked.total_minor,
        answers=[PreviewAnswer(question_id=a.question_id, label=asked[a.question_id].label,
                               kind=QuestionKind(asked[a.question_id].kind), value=a.value)
                 for a in checked.answers],
        qualification=form.qualification if event.required_qualification else "",
        outcome=settled_status(event, checked.total_minor),
        seat_free=seats_left(event) > 0)


class RegistrationResult(BaseModel):
    """Where the person's new registration stands, for the page that follows registering."""

    registration_id: int
    event_id: int
    status: RegistrationStatus
    ticket_code: str  # once confirmed
    hold_expires_at: datetime | None
    waitlist_position: int | None
    time_zone: str


def registration_result(session: Session, actor: Actor, *, registration_id: int
                        ) -> RegistrationResult:
    registration = own_registration(session, actor, registration_id)
    event = session.get(Event, registration.event_id)
    assert event is not None  # a registration's event is never deleted
    status = RegistrationStatus(registration.status)
    return RegistrationResult(
        registration_id=registration_id, event_id=registration.event_id, status=status,
        ticket_code=registration.ticket_code if status is RegistrationStatus.CONFIRMED else "",
        hold_expires_at=registration.hold_expires_at,
        waitlist_position=(waitlist_position(session, registration)
                           if status is RegistrationStatus.WAITLISTED else None),
        time_zone=event.time_zone)


@contended
def register_and_show(session: Session, actor: Actor, *, event_id: int,
                      form: RegistrationForm, uploads: dict[int, Upload] | None = None,
                      store: FileStore, ip: str = "") -> RegistrationResult:
    """Register online (`register`, every check included) and say where the registration
    stands, in the same transaction: the page's "Confirm" costs one round of the runner."""
    registration = register(session, actor, event_id=event_id, form=form, uploads=uploads,
                            store=store, ip=ip)
    return registration_result(session, actor, registration_id=registration.id or 0)
