"""Demo ratings: two events of the demo organizer that have ended, with people who attended
(one checked in at the door, one without check-in) and their ratings, one comment hidden by
staff; the demo attendee attended one and has not rated it yet, so "Rate this event" shows."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.enums import Role
from portal.domain.models import Event, EventRating, User
from portal.domain.policies import Actor
from portal.services import check_in, ratings
from portal.services.demo_events import DemoEvent, publish_demo_event
from portal.services.files import FileStore
from portal.services.registration_form import RegistrationForm
from portal.services.registrations import register

LANTERNS = DemoEvent("Lantern Festival Night Walk", "Lanterns, stories and street food by the "
                     "old canal.", "other", 2, 0, "Suzhou", [])
JAZZ = DemoEvent("Jazz on the Lawn", "An afternoon of live jazz in the park.", "performance",
                 3, 0, "Shanghai", [])
# (guest index, stars, comment) for each event; the demo attendee is left to rate the walk.
LANTERN_RATINGS = ((0, 5, "Beautiful evening, the guides knew every story."),
                   (1, 4, "Lovely, but the food stalls ran out early."),
                   (2, 5, ""),
                   (3, 1, "Worst organisers ever, total idiots, never again!!!"))
JAZZ_RATINGS = ((4, 4, "Great band, not enough shade."), (5, 3, "Sound was too quiet."),
                (6, 5, "Perfect Sunday."))
HIDDEN = "Insults the organizer's staff; breaks the platform rules on respectful language."


def _actor(user: User) -> Actor:
    return Actor(user_id=user.id, verified=True, accepted_rules=True)


def _held(session: Session, event_id: int, days_ago: int) -> None:
    """Move a demo event into the past: it was held `days_ago` days ago."""
    ends = (utcnow() - timedelta(days=days_ago)).replace(minute=0, second=0, microsecond=0)
    session.execute(update(Event).where(col(Event.id) == event_id).values(
        starts_at=ends - timedelta(hours=4), ends_at=ends,
        registration_opens_at=ends - timedelta(days=20),
        registration_closes_at=ends - timedelta(days=1)))


def _rate_all(session: Session, event_id: int, guests: list[User],
              given: tuple[tuple[int, int, str], ...], registrations: dict[int, int]
              ) -> list[EventRating]:
    done = []
    for number, (guest, stars, comment) in enumerate(given):
        rating = ratings.rate_event(session, _actor(guests[guest]),
                                    registration_id=registrations[guest], stars=stars,
                                    comment=comment)
        rating.created_at = utcnow() - timedelta(hours=40 - 5 * number)  # spread over days
        session.add(rating)
        done.append(rating)
    return done


def seed_demo_ratings(session: Session, *, member: Actor, reviewer: Actor, organizer_id: int,
                      attendee: User, staff_user_id: int, store: FileStore) -> None:
    guests = list(session.exec(select(User).where(col(User.email).like("%@guest.example"))
                               .order_by(col(User.id))).all())
    form = RegistrationForm(safety_ack=True)
    lanterns = publish_demo_event(session, member, reviewer, organizer_id, LANTERNS)
    jazz = publish_demo_event(session, member, reviewer, organizer_id, JAZZ)
    walk = {i: register(session, _actor(g), event_id=lanterns, form=form, store=store).id or 0
            for i, g in enumerate(guests[:4])}
    mine = register(session, _actor(attendee), event_id=lanterns, form=form, store=store).id
    for registration_id in [*walk.values(), mine]:  # the walk used check-in at the start point
        check_in.check_in(session, member, event_id=lanterns, registration_id=registration_id)
    concert = {i: register(session, _actor(g), event_id=jazz, form=form, store=store).id or 0
               for i, g in enumerate(guests[:7]) if i >= 4}
    _held(session, lanterns, 5)
    _held(session, jazz, 12)
    session.flush()
    abusive = _rate_all(session, lanterns, guests, LANTERN_RATINGS, walk)[-1]
    _rate_all(session, jazz, guests, JAZZ_RATINGS, concert)
    staff = Actor(user_id=staff_user_id, roles=frozenset({Role.STAFF_COMPLAINTS}), verified=True)
    ratings.hide_comment(session, staff, rating_id=abusive.id or 0, reason=HIDDEN)
