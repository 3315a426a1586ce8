"""Rating an event one attended (rules §3.3.2), and staff hiding an abusive comment.

Who may rate: the registration's holder, once, after the event ended, if they attended. An
event "used check-in" when anyone at all was checked in at its door: then only those checked in
attended. An event nobody was checked in at (online, or the organizer did not scan tickets)
counts everyone whose registration was confirmed. A cancelled event was not held: nobody rates
it.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.enums import EventStatus, RegistrationStatus, Role
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import Event, EventRating, Registration
from portal.domain.models.rating import COMMENT_LIMIT, HIDDEN_REASON_LIMIT
from portal.domain.policies import Actor, can_act_in_area
from portal.i18n import N_
from portal.services import audit
from portal.services.registrations import own_registration

ALREADY_RATED = N_("You have already rated this event; a rating is given once.")
NOT_ENDED = N_("You can rate this event once it has ended.")
NOT_ATTENDED = N_("Only people who attended the event can rate it.")
NOT_HELD = N_("This event was cancelled; there is nothing to rate.")
STAFF_ONLY = N_("Only complaints staff can hide or show rating comments.")


class MyRating(BaseModel):
    """What My registrations shows about rating one registration's event."""

    registration_id: int
    event_name: str
    can_rate: bool  # eligible and not rated yet
    stars: int | None = None  # the rating given
    comment: str = ""
    hidden: bool = False  # staff hid the comment: the person is told so


def used_check_in(session: Session, event_id: int) -> bool:
    """Whether anyone was checked in at the event's door."""
    return session.exec(select(Registration.id).where(
        col(Registration.event_id) == event_id,
        col(Registration.checked_in_at).is_not(None)).limit(1)).first() is not None


def refusal(session: Session, registration: Registration, event: Event, *,
            now: datetime) -> str | None:
    """Why this registration may not rate its event now (a msgid), or None when it may."""
    if event.status == EventStatus.CANCELLED.value:
        return NOT_HELD
    if now < event.ends_at:
        return NOT_ENDED
    if registration.status != RegistrationStatus.CONFIRMED.value:
        return NOT_ATTENDED
    if registration.checked_in_at is None and used_check_in(session, event.id or 0):
        return NOT_ATTENDED
    return None


def _rating_of(session: Session, registration_id: int) -> EventRating | None:
    return session.exec(select(EventRating).where(
        col(EventRating.registration_id) == registration_id)).first()


def _mine(session: Session, registration: Registration, event: Event, *,
          now: datetime) -> MyRating:
    given = _rating_of(session, registration.id or 0)
    if given is not None:
        return MyRating(registration_id=registration.id or 0, event_name=event.name,
                        can_rate=False, stars=given.stars, comment=given.comment,
                        hidden=given.hidden)
    return MyRating(registration_id=registration.id or 0, event_name=event.name,
                    can_rate=refusal(session, registration, event, now=now) is None)


def my_rating(session: Session, actor: Actor, *, registration_id: int) -> MyRating:
    """One's own registration: the rating given, or whether one may rate now."""
    registration = own_registration(session, actor, registration_id)
    event = session.get(Event, registration.event_id)
    if event is None:
        raise NotFound("No such registration.")
    return _mine(session, registration, event, now=utcnow())


def my_ratings(session: Session, actor: Actor, *,
               registration_ids: list[int]) -> dict[int, MyRating]:
    """The same for the registrations a page of My registrations shows (the caller's own only;
    others' ids are skipped)."""
    if not actor.is_authenticated:
        raise Forbidden("Sign in first.")
    wanted = [i for i in registration_ids if isinstance(i, int)][:100]
    if not wanted:
        return {}
    rows = session.exec(select(Registration, Event)
                        .join(Event, col(Event.id) == Registration.event_id)
                        .where(col(Registration.id).in_(wanted),
                               col(Registration.user_id) == actor.user_id)).all()
    now = utcnow()
    return {registration.id or 0: _mine(session, registration, event, now=now)
            for registration, event in rows}


def _clean(text: str | None, *, limit: int, field: str) -> str:
    cleaned = (text or "").strip()
    if len(cleaned) > limit:
        raise Invalid("Use at most {n} characters.", field=field, n=limit)
    return cleaned


def _stars(stars: int | str | None) -> int:
    try:
        value = int(str(stars).strip())
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5:
        raise Invalid("Choose from 1 to 5 stars.", field="stars")
    return value


def rate_event(session: Session, actor: Actor, *, registration_id: int, stars: int | str,
               comment: str = "", ip: str = "") -> EventRating:
    """Rate the event of one's own registration, once."""
    registration = own_registration(session, actor, registration_id)
    value = _stars(stars)
    text = _clean(comment, limit=COMMENT_LIMIT, field="comment")
    event = session.get(Event, registration.event_id)
    if event is None:
        raise NotFound("No such registration.")
    if _rating_of(session, registration.id or 0) is not None:
        raise Conflict(ALREADY_RATED)
    why = refusal(session, registration, event, now=utcnow())
    if why is not None:
        raise Conflict(why)
    rating = EventRating(event_id=event.id or 0, organizer_id=event.organizer_id,
                         registration_id=registration.id or 0, user_id=registration.user_id,
                         stars=value, comment=text)
    try:
        with session.begin_nested():  # a concurrent second submit loses cleanly here
            session.add(rating)
            session.flush()
    except IntegrityError:
        raise Conflict(ALREADY_RATED) from None
    audit.record(session, actor_id=actor.user_id, action="rating.given",
                 object_type="registration", object_id=registration.id,
                 after={"stars": value, "comment": text[:200]}, ip=ip)
    return rating


def _staff_rating(session: Session, actor: Actor, rating_id: int) -> EventRating:
    if not can_act_in_area(actor, Role.STAFF_COMPLAINTS):
        raise Forbidden(STAFF_ONLY)
    rating = session.get(EventRating, rating_id)
    if rating is None:
        raise NotFound("No such rating.")
    return rating


def hide_comment(session: Session, actor: Actor, *, rating_id: int, reason: str,
                 ip: str = "") -> EventRating:
    """Withhold an abusive comment from the organizer and the public, with the reason why. The
    stars still count."""
    rating = _staff_rating(session, actor, rating_id)
    text = _clean(reason, limit=HIDDEN_REASON_LIMIT, field="reason")
    if not text:
        raise Invalid("Say why the comment is hidden.", field="reason")
    if rating.hidden:
        raise Conflict("This comment is already hidden.")
    if not rating.comment:
        raise Conflict("This rating has no comment to hide.")
    rating.hidden, rating.hidden_reason = True, text
    rating.hidden_by_id, rating.hidden_at = actor.user_id, utcnow()
    session.add(rating)
    audit.record(session, actor_id=actor.user_id, action="rating.hidden",
                 object_type="registration", object_id=rating.registration_id,
                 before={"hidden": False}, after={"hidden": True}, note=text, ip=ip)
    return rating


def unhide_comment(session: Session, actor: Actor, *, rating_id: int, reason: str = "",
                   ip: str = "") -> EventRating:
    """Show a hidden comment again (hidden by mistake); the reason is kept in the log."""
    rating = _staff_rating(session, actor, rating_id)
    text = _clean(reason, limit=HIDDEN_REASON_LIMIT, field="reason")
    if not rating.hidden:
        raise Conflict("This comment is not hidden.")
    previous = rating.hidden_reason
    rating.hidden, rating.hidden_reason, rating.hidden_by_id, rating.hidden_at = (
        False, "", None, None)
    session.add(rating)
    audit.record(session, actor_id=actor.user_id, action="rating.shown",
                 object_type="registration", object_id=rating.registration_id,
                 before={"hidden": True, "reason": previous}, after={"hidden": False},
                 note=text, ip=ip)
    return rating
