"""Inviting attendees to rate an event once it has ended: one email (and inbox message) per
person who may rate it, sent once per event by the background sweep (`portal worker` and the
app's lifespan task). The unique `RatingInvitation.event_id` decides when two sweeps meet."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from portal import links
from portal.domain.enums import EmailTemplate, EventStatus, RegistrationStatus
from portal.domain.models import Event, EventRating, RatingInvitation, Registration, User
from portal.services.notifications import notify
from portal.services.ratings import used_check_in

# Events that ended longer ago than this are not invited any more: a first deployment (or a
# worker that was down for weeks) must not mail people about events from long ago.
INVITE_WITHIN = timedelta(days=14)


def _due(now: datetime):  # noqa: ANN202
    invited = select(RatingInvitation.event_id)
    return select(Event).where(col(Event.status) == EventStatus.PUBLISHED.value,
                               col(Event.ends_at) <= now,
                               col(Event.ends_at) > now - INVITE_WITHIN,
                               col(Event.id).not_in(invited))


def any_due(session: Session, *, now: datetime) -> bool:
    return session.exec(_due(now).limit(1)).first() is not None


def _attendees(session: Session, event: Event) -> list[User]:
    """Who may rate the event and has not: confirmed, and checked in when the door was used."""
    rated = select(EventRating.registration_id)
    query = (select(User).join(Registration, col(Registration.user_id) == User.id)
             .where(col(Registration.event_id) == event.id,
                    col(Registration.status) == RegistrationStatus.CONFIRMED.value,
                    col(Registration.id).not_in(rated))
             .order_by(col(Registration.id)))
    if used_check_in(session, event.id or 0):
        query = query.where(col(Registration.checked_in_at).is_not(None))
    return [user for user in session.exec(query).all() if user.email]


def invite_due(session: Session, *, now: datetime, limit: int = 20) -> int:
    """Invite the attendees of events that ended (at most `limit` events a round); returns how
    many people were invited."""
    invited = 0
    for event in session.exec(_due(now).order_by(col(Event.ends_at)).limit(limit)).all():
        people = _attendees(session, event)
        try:
            with session.begin_nested():
                session.add(RatingInvitation(event_id=event.id or 0, invited=len(people)))
                session.flush()
        except IntegrityError:
            continue  # another sweep invited this event's attendees
        if people:
            notify(session, recipients=people, template=EmailTemplate.RATING_INVITATION.value,
                   context={"event": event.name}, about=("event", event.id),
                   link=links.ATTENDEE_REGISTRATIONS + "?when=past")
        invited += len(people)
    return invited
