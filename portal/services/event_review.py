"""Staff review of a submitted event: approve (published) or reject with reasons
(rules §2.3.3)."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session

from portal import links
from portal.domain.clock import utcnow
from portal.domain.enums import EventStatus, ReviewDecision, Role
from portal.domain.errors import Conflict, Forbidden, NotFound
from portal.domain.models import Event
from portal.domain.policies import Actor, can_act_in_area
from portal.i18n import N_
from portal.services import audit
from portal.services.event_access import (
    decision_note,
    may_publish,
    organizer_members,
    review_decision,
)
from portal.services.event_snapshots import snapshot
from portal.services.notifications import notify


def decide_event(session: Session, actor: Actor, *, event_id: int,
                 decision: ReviewDecision | str,
                 note: str = "", ip: str = "") -> None:
    if not can_act_in_area(actor, Role.STAFF_REVIEWS):
        raise Forbidden("Only reviewing staff can review events.")
    decision = review_decision(decision)
    note = decision_note(decision, note,
                         reason_needed=N_("Give the reasons; the organizer will read them."))
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound("No such event.")
    target = EventStatus.PUBLISHED if decision is ReviewDecision.APPROVE else EventStatus.REJECTED
    if target is EventStatus.PUBLISHED and not may_publish(session, event.organizer_id):
        raise Conflict("The organizer may not publish now (suspended or qualification revoked); "
                       "send the event back instead.")
    current = EventStatus.SUBMITTED  # the only status EVENT_TRANSITIONS lets reviewers leave
    # Claim the decision in the database, not from what this session read earlier: of two
    # reviewers deciding at once, exactly one changes the row (and notifies); the other waits
    # for its commit (PostgreSQL row lock) and then finds nothing to claim.
    claimed = session.execute(
        update(Event).where(Event.id == event.id, Event.status == current.value)
        .values(status=target.value, decision_note=note, updated_at=utcnow())
        .execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        session.refresh(event)
        raise Conflict("This event is {status}; it cannot be reviewed now.",
                       status=event.status)
    session.refresh(event)
    if target is EventStatus.PUBLISHED:
        event.published_at = utcnow()
        event.reviewed_snapshot = snapshot(session, event)
    audit.record(session, actor_id=actor.user_id, action=f"event.{decision.value}",
                 object_type="event", object_id=event.id, before={"status": current.value},
                 after={"status": target.value}, note=note, ip=ip)
    notify(session, recipients=organizer_members(session, event.organizer_id),
           template=f"event_{decision.value}", context={"event": event.name, "note": note},
           about=("event", event.id), link=links.with_id(links.ORGANIZER_EVENT, event.id))
