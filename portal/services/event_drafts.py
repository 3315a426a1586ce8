"""Event drafts: members of a qualified organizer write them, fees and registration form
included, and submit them for review (rules §2.3.1)."""

from __future__ import annotations

from sqlalchemy import delete
from sqlmodel import Session

from portal import links
from portal.domain.clock import utcnow
from portal.domain.enums import EVENT_TRANSITIONS, EventStatus, can_transition
from portal.domain.errors import Conflict, Invalid, NotFound
from portal.domain.models import Event, EventAutosave, FeeItem, RegistrationQuestion
from portal.domain.policies import Actor
from portal.services import audit, platform_settings, platform_texts
from portal.services.event_access import (
    own_event,
    require_editable,
    reviewers,
    writable_organizer,
)
from portal.services.event_checklist import missing_for_submission
from portal.services.event_form import (
    EventDraft,
    FeeInput,
    QuestionInput,
    clean_draft,
    clean_questions,
    fee_items,
)
from portal.services.event_questions import sync_questions
from portal.services.event_snapshots import snapshot
from portal.services.files import FileStore, delete_after_commit
from portal.services.notifications import notify
from portal.settings import get_settings


def save_draft(session: Session, actor: Actor, *, organizer_id: int, event_id: int | None,
               draft: EventDraft, fees: list[FeeInput],
               questions: list[QuestionInput] | None = None) -> int:
    """Create or update a draft (or a rejected event being fixed), fees and form included."""
    organizer = writable_organizer(session, actor, organizer_id)
    values = clean_draft(draft)
    currency = get_settings().currency
    items = fee_items(fees, currency)
    asked = clean_questions(questions or [])
    if event_id is None:
        event = Event(organizer_id=organizer.id, currency=currency, **values)
        session.add(event)
    else:
        event = own_event(session, actor, event_id)
        if event.organizer_id != organizer.id:
            raise NotFound("No such event.")
        require_editable(event)
        for name, value in values.items():
            setattr(event, name, value)
    event.total_fee_minor = sum(i.amount_minor for i in items if i.mandatory)
    session.flush()
    session.execute(delete(FeeItem).where(FeeItem.event_id == event.id))
    for item in items:
        item.event_id = event.id
        session.add(item)
    sync_questions(session, event.id, asked, now=utcnow())
    audit.record(session, actor_id=actor.user_id, action="event.saved", object_type="event",
                 object_id=event.id, after={"name": event.name, "status": event.status})
    session.execute(delete(EventAutosave).where(EventAutosave.user_id == actor.user_id,
                                                EventAutosave.event_key.in_([0, event.id])))
    return event.id


def submit_event(session: Session, actor: Actor, *, event_id: int) -> None:
    event = own_event(session, actor, event_id)
    writable_organizer(session, actor, event.organizer_id)
    current = EventStatus(event.status)
    if not can_transition(EVENT_TRANSITIONS, current, EventStatus.SUBMITTED):
        raise Conflict("This event cannot be submitted now.")
    platform_texts.require_safety_guide(session, actor)  # rules §4.3
    missing = missing_for_submission(event, now=utcnow())
    if missing:
        raise Invalid(missing[0].message, field=missing[0].field, **missing[0].params)
    now = utcnow()
    event.status, event.submitted_at = EventStatus.SUBMITTED.value, now
    event.previous_submitted_snapshot = event.submitted_snapshot
    event.submitted_snapshot = snapshot(session, event)
    event.review_due_at = platform_settings.deadline(session, now, "review_working_days")
    audit.record(session, actor_id=actor.user_id, action="event.submitted", object_type="event",
                 object_id=event.id, before={"status": current.value},
                 after={"status": "submitted"})
    notify(session, recipients=reviewers(session), template="event_submitted",
           context={"event": event.name}, about=("event", event.id),
           link=links.with_id(links.STAFF_EVENT, event.id))


def delete_draft(session: Session, actor: Actor, *, event_id: int, store: FileStore) -> None:
    """Throw a draft away, with its fees, questions, kept typing and cover. Only a draft: an
    event that was ever submitted has a history reviewers read."""
    event = own_event(session, actor, event_id)
    if event.status != EventStatus.DRAFT.value:
        raise Conflict("Only a draft can be deleted.")
    cover, name = event.cover_key, event.name
    session.execute(delete(FeeItem).where(FeeItem.event_id == event.id))
    session.execute(delete(RegistrationQuestion).where(RegistrationQuestion.event_id == event.id))
    session.execute(delete(EventAutosave).where(EventAutosave.event_key == event.id))
    session.delete(event)
    session.flush()
    audit.record(session, actor_id=actor.user_id, action="event.deleted", object_type="event",
                 object_id=event_id, before={"name": name, "status": EventStatus.DRAFT.value})
    if cover:
        delete_after_commit(session, store, cover)
