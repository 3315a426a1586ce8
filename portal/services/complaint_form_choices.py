"""What the online complaint form offers to choose from: the person's registrations and their
events (complaint_subjects), the event they came from when it is public, and the organizers a
complaint may be about (public names, as on their certificate pages)."""

from __future__ import annotations

from pydantic import BaseModel
from sqlmodel import Session, col, select

from portal.domain.models import Event, Organizer
from portal.domain.policies import Actor
from portal.services.complaint_views import SubjectOption
from portal.services.complaints_filing import KNOWN_ORGANIZER, PUBLIC_EVENT, complaint_subjects

MAX_ORGANIZERS = 500  # a chooser, not a directory


class ComplaintFormChoices(BaseModel):
    registrations: list[SubjectOption]
    events: list[SubjectOption]
    organizers: list[SubjectOption]


def complaint_form_choices(session: Session, actor: Actor, *, event_id: int | None = None
                      ) -> ComplaintFormChoices:
    """The form's choosers for the signed-in person (others are refused by
    complaint_subjects); `event_id`: the public event page they came from, listed first."""
    mine = complaint_subjects(session, actor)
    events = list(mine.events)
    if event_id and all(option.id != event_id for option in events):
        event = session.get(Event, event_id)
        if event is not None and event.status in PUBLIC_EVENT:
            events.insert(0, SubjectOption(id=event.id or 0, label=event.name))
    organizers = [SubjectOption(id=organizer_id or 0, label=name) for organizer_id, name in
                  session.exec(select(Organizer.id, Organizer.legal_name)
                               .where(col(Organizer.status).in_(KNOWN_ORGANIZER))
                               .order_by(col(Organizer.legal_name)).limit(MAX_ORGANIZERS))]
    return ComplaintFormChoices(registrations=mine.registrations, events=events,
                            organizers=organizers)
