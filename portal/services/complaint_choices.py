"""What staff pick from on the complaint screens: the events and organizers a complaint can be
about (also the queue's filters), the registrations of the person calling, and who can be
given a complaint. Staff of the complaints area only."""

from __future__ import annotations

from pydantic import BaseModel
from sqlmodel import Session, col, func, select

from portal.domain.enums import EventStatus, OrganizerStatus
from portal.domain.models import Event, Organizer, Registration, User
from portal.domain.policies import Actor
from portal.services.complaint_timeline import require_staff
from portal.services.complaint_views import PersonOption, SubjectOption
from portal.services.complaints_process import complaint_handlers

MAX_EVENTS = 300  # the newest; older events are rarely complained about by phone
MAX_REGISTRATIONS = 50


class ComplaintChoices(BaseModel):
    events: list[SubjectOption]
    organizers: list[SubjectOption]
    handlers: list[PersonOption]


def complaint_choices(session: Session, actor: Actor) -> ComplaintChoices:
    """Events that were public (published or cancelled), organizers that were approved (also
    those since revoked), and the people a complaint can be assigned to."""
    require_staff(actor)
    events = session.exec(
        select(Event.id, Event.name, Event.starts_at)
        .where(col(Event.status).in_([EventStatus.PUBLISHED.value,
                                      EventStatus.CANCELLED.value]))
        .order_by(col(Event.starts_at).desc()).limit(MAX_EVENTS))
    organizers = session.exec(
        select(Organizer.id, Organizer.legal_name)
        .where(col(Organizer.status).in_([OrganizerStatus.APPROVED.value,
                                          OrganizerStatus.REVOKED.value]))
        .order_by(col(Organizer.legal_name)))
    return ComplaintChoices(
        events=[SubjectOption(id=i or 0, label=f"{name} ({starts:%Y-%m-%d})")
                for i, name, starts in events],
        organizers=[SubjectOption(id=i or 0, label=name) for i, name in organizers],
        handlers=complaint_handlers(session, actor))


def caller_registrations(session: Session, actor: Actor, *, email: str
                         ) -> list[SubjectOption]:
    """The registrations of the account with this email address (the person on the phone),
    newest first; none when no account has it."""
    require_staff(actor)
    address = str(email).strip().lower()[:254]
    if "@" not in address:
        return []
    rows = session.exec(
        select(Registration.id, Event.name)
        .join(Event, col(Event.id) == Registration.event_id)
        .join(User, col(User.id) == Registration.user_id)
        .where(func.lower(User.email) == address)
        .order_by(col(Registration.id).desc()).limit(MAX_REGISTRATIONS))
    return [SubjectOption(id=i or 0, label=f"#{i} · {name}") for i, name in rows]
