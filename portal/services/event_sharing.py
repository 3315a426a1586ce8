"""What a shared event link shows before anyone signs in: the event's name, summary, date and
cover for link previews (Open Graph), and the event as a calendar file. Only published (or
cancelled, so people learn of it) events; anything else is "not found", with nothing of it said.
Nothing personal: no registrations, no join link (that is for registered people)."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar
from icalendar import Event as CalendarEvent
from pydantic import BaseModel
from sqlmodel import Session, col, select

from portal import links
from portal.domain.enums import EventStatus
from portal.domain.errors import NotFound
from portal.domain.models import Event, Organizer

PUBLIC_STATUSES = (EventStatus.PUBLISHED.value, EventStatus.CANCELLED.value)


class SharedEvent(BaseModel):
    id: int
    name: str
    summary: str
    organizer: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    venue_address: str
    city: str
    has_cover: bool
    cancelled: bool

    @property
    def path(self) -> str:
        """The event page's canonical address (its words follow the current name)."""
        return links.event(self.id, self.name)


def shared_event(session: Session, *, event_id: int) -> SharedEvent:
    row = session.exec(select(Event, Organizer.legal_name)
                       .join(Organizer, col(Organizer.id) == col(Event.organizer_id))
                       .where(col(Event.id) == event_id)).first()
    if row is None or row[0].status not in PUBLIC_STATUSES:
        raise NotFound("No such event.")
    event, organizer = row
    return SharedEvent(
        id=event.id, name=event.name, summary=event.summary, organizer=organizer,
        starts_at=event.starts_at, ends_at=event.ends_at, time_zone=event.time_zone,
        venue_address=event.venue_address, city=event.city, has_cover=bool(event.cover_key),
        cancelled=event.status == EventStatus.CANCELLED.value)


def event_ics(event: SharedEvent, *, base_url: str, host: str,
              stamp: datetime | None = None) -> bytes:
    """One VEVENT with a UID stable per event, so downloading again updates the same entry."""
    calendar = Calendar()
    for name, value in (("prodid", f"-//{host}//Event Portal events//EN"), ("version", "2.0"),
                        ("calscale", "GREGORIAN"), ("method", "PUBLISH")):
        calendar.add(name, value)
    url = base_url.rstrip("/") + event.path
    entry = CalendarEvent.new(
        uid=f"event-{event.id}@{host}", stamp=(stamp or datetime.now(UTC)).astimezone(UTC),
        start=event.starts_at, end=event.ends_at, summary=event.name, url=url,
        location=event.venue_address or event.city or None,
        description="\n\n".join(part for part in (event.summary.strip(), url) if part))
    if event.cancelled:
        entry.add("status", "CANCELLED")
    calendar.add_component(entry)
    return calendar.to_ical()
