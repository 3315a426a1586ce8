"""Specs for ratings: rating an event (only the registration's holder), the organizer's ratings
(only its members and complaints staff), hiding and showing comments (only complaints staff and
admins). The refusals a right caller meets for the wrong state (not attended, twice, before the
end) are in test_rating_refusals.py."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update
from sqlmodel import select

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.models import Event, EventRating, Registration
from portal.domain.policies import Actor
from portal.services import rating_views, ratings
from portal.services.paging import PageRequest
from tests.security import targets as t
from tests.security.cases import Spec, Target, table_has_rows

ANY_SIGNED_OUT = ("anonymous", "suspended")
UI = "portal.ui."
RATE = UI + "attendee.rate_event.RateEventState."
OWN = UI + "organizer.ratings.OrganizerRatingsState."
STAFF = UI + "staff.ratings.StaffRatingsState."
NOT_THE_HOLDER = (*ANY_SIGNED_OUT, "member", "other_member", "reviews", "admin")
# complaints staff (the demo staff member, finance+complaints staff) and admins; nobody else
NOT_COMPLAINTS = (*ANY_SIGNED_OUT, "attendee", "member", "other_member", "reviews_only")
NOT_OF_ORGANIZER_A = (*ANY_SIGNED_OUT, "attendee", "other_member", "applicant", "reviews_only")


def end_event(event_id: int) -> None:
    ends = utcnow() - timedelta(days=1)
    with session_scope() as session:
        session.execute(update(Event).where(Event.id == event_id).values(
            starts_at=ends - timedelta(hours=6), ends_at=ends))


def ended_registration() -> int:
    """The demo attendee's confirmed registration for an event of organizer A that ended."""
    event_id = t.open_event()
    registration_id = t.sign_up(t.ATTENDEE_EMAIL, event_id)
    end_event(event_id)
    return registration_id


def rated(comment: str = "Rude words", *, hidden: bool = False) -> int:
    """A rating the demo attendee gave an ended event of organizer A: its id."""
    registration_id = ended_registration()
    with session_scope() as session:
        registration = session.get(Registration, registration_id)
        rating = ratings.rate_event(session, Actor(user_id=registration.user_id, verified=True),
                                    registration_id=registration_id, stars=2, comment=comment)
        if hidden:
            rating.hidden, rating.hidden_reason = True, "Abuse"
            session.add(rating)
        session.flush()
        return rating.id or 0


def rating_of(registration_id: int) -> EventRating | None:
    with session_scope() as session:
        return session.exec(select(EventRating).where(
            EventRating.registration_id == registration_id)).first()


def _start(world) -> Target:
    return Target(args=(str(ended_registration()),))


def _submit(world) -> Target:
    registration_id = ended_registration()
    return Target(forged={"target": str(registration_id), "stars": "4", "comment": "Fine"},
                  args=(), done=lambda: rating_of(registration_id) is not None)


def _hide(world) -> Target:
    rating_id = rated()
    return Target(forged={"_selected": rating_id, "action": "hide", "reason": "Abuse"},
                  args=(), done=lambda: t.row(EventRating, rating_id).hidden is True)


def _show(world) -> Target:
    rating_id = rated(hidden=True)
    return Target(forged={"_selected": rating_id, "action": "show", "reason": ""},
                  args=(), done=lambda: t.row(EventRating, rating_id).hidden is False)


def _listed(world) -> Target:
    rated("Listed")
    return Target(args=())


def _of_organizer_a(world) -> Target:
    rated("Read me")
    return Target(kwargs={"organizer_id": world.organizer_a, "request": PageRequest()})


RATING_SPECS = [
    Spec(RATE + "start", _start, "attendee", NOT_THE_HOLDER,
         shown=lambda s, _: s.dialog_open, write=False),
    Spec(RATE + "submit", _submit, "attendee", NOT_THE_HOLDER),
    Spec(STAFF + "confirm", _hide, "other_area", NOT_COMPLAINTS),
    Spec(STAFF + "confirm", _show, "reviews", NOT_COMPLAINTS),
    Spec(STAFF + "load_table", _listed, "admin", NOT_COMPLAINTS, shown=table_has_rows,
         write=False),
    Spec(OWN + "load_table", _listed, "member", NOT_OF_ORGANIZER_A,
         shown=table_has_rows, write=False),
    # another organizer asking for organizer A's ratings by id
    Spec("service:rating_views.organizer_ratings", _of_organizer_a, "member",
         (*ANY_SIGNED_OUT, "attendee", "other_member", "reviews_only"),
         service=rating_views.organizer_ratings, write=False),
    Spec("service:ratings.hide_comment",
         lambda w: Target(kwargs={"rating_id": rated(), "reason": "Abuse"}), "admin",
         NOT_COMPLAINTS, service=ratings.hide_comment),
]
