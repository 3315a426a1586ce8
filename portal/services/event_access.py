"""Who may touch an event, and who hears about it: the checks and recipient lists that the event
services share."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from portal.domain.enums import EventStatus, OrganizerStatus, ReviewDecision, Role
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import Event, Organizer, OrganizerMember, User
from portal.domain.policies import Actor, is_member_of
from portal.i18n import N_
from portal.services.organizer_standing import publishing_blocked
from portal.services.organizers import staff_in_area

SUSPENDED = N_("Publishing is suspended for this organizer: no new events or changes can be "
               "submitted until the suspension ends or staff lift it.")

EDITABLE = frozenset({EventStatus.DRAFT.value, EventStatus.REJECTED.value})


def writable_organizer(session: Session, actor: Actor, organizer_id: int) -> Organizer:
    """The organizer, when the actor is its member and it may publish now."""
    if not is_member_of(actor, organizer_id):
        raise Forbidden("Only the organizer's members can manage its events.")
    organizer = session.get(Organizer, organizer_id)
    if organizer is None or organizer.status != OrganizerStatus.APPROVED.value:
        raise Forbidden("The organizer's qualification is not in force.")
    if publishing_blocked(session, organizer):
        raise Forbidden(SUSPENDED)
    return organizer


def may_publish(session: Session, organizer_id: int) -> bool:
    """Qualified and not suspended: reviewers may publish its events and changes."""
    organizer = session.get(Organizer, organizer_id)
    return organizer is not None and organizer.status == OrganizerStatus.APPROVED.value \
        and not publishing_blocked(session, organizer)


def own_event(session: Session, actor: Actor, event_id: int) -> Event:
    """An event of one of the actor's organizers; others' events do not exist for them."""
    event = session.get(Event, event_id)
    if event is None or not is_member_of(actor, event.organizer_id):
        raise NotFound("No such event.")
    return event


def require_editable(event: Event) -> None:
    if event.status not in EDITABLE:
        raise Conflict("Only a draft or a rejected event can be edited here.")


def reviewers(session: Session) -> list[User]:
    return staff_in_area(session, Role.STAFF_REVIEWS)


def organizer_members(session: Session, organizer_id: int) -> list[User]:
    rows = session.exec(select(User).join(OrganizerMember, OrganizerMember.user_id == User.id)
                        .where(OrganizerMember.organizer_id == organizer_id))
    return [row[0] for row in rows]


def review_decision(value: ReviewDecision | str) -> ReviewDecision:
    """The decision a reviewer sent (clients send anything)."""
    try:
        return ReviewDecision(value)
    except ValueError:
        raise Invalid("Unknown decision.") from None


NOTE_LIMIT = 1000


def decision_note(decision: ReviewDecision, note: str | None, *, reason_needed: str) -> str:
    """A decision's note, stripped: a rejection needs one (`reason_needed` says who reads it),
    and none may be longer than the limit."""
    text = (note or "").strip()
    if decision is ReviewDecision.REJECT and not text:
        raise Invalid(reason_needed, field="note")
    if len(text) > NOTE_LIMIT:
        raise Invalid("Use at most {n} characters.", field="note", n=NOTE_LIMIT)
    return text

