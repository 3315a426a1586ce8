"""Changing or cancelling a published event (rules §2.3.2): the organizer asks with a reason,
staff decide, and every registrant is told what changed. Raising a fee is refused outright
(§3.2.4); a cancellation flags every registration for refund so none is forgotten."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import delete, func, select, update
from sqlmodel import Session

from portal import links
from portal.domain.clock import utcnow
from portal.domain.enums import (
    DECISION_OUTCOMES,
    ChangeRequestKind,
    ChangeRequestStatus,
    EventStatus,
    RegistrationStatus,
    ReviewDecision,
    Role,
)
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import Event, EventChangeRequest, FeeItem, Registration, User
from portal.domain.models.registration import ACTIVE
from portal.domain.policies import Actor, can_act_in_area
from portal.i18n import N_, normalize_locale
from portal.services import audit, platform_settings
from portal.services.event_access import (
    may_publish,
    organizer_members,
    own_event,
    review_decision,
    reviewers,
    writable_organizer,
)
from portal.services.event_form import (
    EventDraft,
    FeeInput,
    QuestionInput,
    QuestionSpec,
    clean_draft,
    clean_questions,
    fee_field,
    fee_items,
)
from portal.services.event_questions import check_question_ids, sync_questions
from portal.services.event_snapshots import (
    MOMENTS,
    FieldChange,
    describe_changes,
    fee_entry,
    question_entry,
    snapshot,
)
from portal.services.notifications import notify
from portal.services.paging import Page, PageRequest, paginate
from portal.services.registration_flow import offer_free_seats

FEE_RAISE_REFUSED = N_("Fees of a published event cannot be raised (rules §3.2.4).")


class ChangeRequestView(BaseModel):
    id: int
    event_id: int
    event_name: str
    kind: ChangeRequestKind
    reason: str
    status: ChangeRequestStatus
    created_at: datetime
    review_due_at: datetime
    decision_note: str
    changes: list[FieldChange]


def _reason(text: str) -> str:
    reason = (text or "").strip()
    if not reason:
        raise Invalid("Give the reason for the change; staff and registrants read it.",
                      field="reason")
    if len(reason) > 1000:
        raise Invalid("Use at most {n} characters.", field="reason", n=1000)
    return reason


def _due(session: Session) -> datetime:
    return platform_settings.deadline(session, utcnow(), "review_working_days")


def _published_event(session: Session, actor: Actor, event_id: int) -> Event:
    event = own_event(session, actor, event_id)
    writable_organizer(session, actor, event.organizer_id)
    if event.status != EventStatus.PUBLISHED.value:
        raise Conflict("Only a published event can be changed or cancelled this way.")
    pending = session.exec(select(func.count()).select_from(EventChangeRequest).where(
        EventChangeRequest.event_id == event.id,
        EventChangeRequest.status == ChangeRequestStatus.PENDING.value)).one()[0]
    if pending:
        raise Conflict("A change request for this event is already waiting for review.")
    return event


def _check_fees_not_raised(session: Session, event: Event, items: list[FeeItem]) -> None:
    """No item may cost more than the same item did, and nothing new may cost anything."""
    current: dict[tuple[str, str], list[int]] = {}
    for (fee,) in session.exec(select(FeeItem).where(FeeItem.event_id == event.id)
                               .order_by(FeeItem.position, FeeItem.id)):
        current.setdefault((fee.kind, fee.label), []).append(fee.amount_minor)
    for position, item in enumerate(items):
        before = current.get((item.kind, item.label))
        allowed = before.pop(0) if before else 0
        if item.amount_minor > allowed:
            raise Invalid(FEE_RAISE_REFUSED, field=fee_field(position, "amount"))
    if sum(i.amount_minor for i in items if i.mandatory) > event.total_fee_minor:
        raise Invalid(FEE_RAISE_REFUSED, field="fees")


def _serial(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in values.items()}


def request_update(session: Session, actor: Actor, *, event_id: int, draft: EventDraft,
                   fees: list[FeeInput], reason: str,
                   questions: list[QuestionInput] | None = None) -> int:
    """Ask to change a published event. `questions` is the whole registration form as it
    should be (None leaves it as it is); edited questions keep their identity."""
    event = _published_event(session, actor, event_id)
    reason = _reason(reason)
    values = clean_draft(draft)
    if values.get("capacity", event.capacity) < event.seats_taken:
        raise Invalid("{n} seats are already taken; the capacity cannot be lower.",
                      field="capacity", n=event.seats_taken)
    items = fee_items(fees, event.currency)
    _check_fees_not_raised(session, event, items)
    proposed: dict[str, Any] = {
        "values": _serial(values),
        "fees": [{"kind": i.kind, "label": i.label, "amount_minor": i.amount_minor,
                  "mandatory": i.mandatory} for i in items]}
    if questions is not None:
        specs = clean_questions(questions)
        check_question_ids(session, event.id, specs)
        proposed["questions"] = [spec.model_dump(mode="json") for spec in specs]
    return _file(session, actor, event, ChangeRequestKind.UPDATE, reason, proposed)


def request_cancel(session: Session, actor: Actor, *, event_id: int, reason: str) -> int:
    event = _published_event(session, actor, event_id)
    return _file(session, actor, event, ChangeRequestKind.CANCEL, _reason(reason), None)


def _file(session: Session, actor: Actor, event: Event, kind: ChangeRequestKind, reason: str,
          proposed: dict | None) -> int:
    change = EventChangeRequest(event_id=event.id, kind=kind.value, reason=reason,
                                proposed=proposed,
                                requested_by_id=actor.user_id, review_due_at=_due(session))
    session.add(change)
    session.flush()
    audit.record(session, actor_id=actor.user_id, action=f"event.{kind.value}_requested",
                 object_type="event", object_id=event.id, note=reason)
    notify(session, recipients=reviewers(session), template="event_change_submitted",
           context={"event": event.name, "kind": kind.value, "reason": reason},
           about=("event", event.id), link=links.with_id(links.STAFF_CHANGE, change.id))
    return change.id


def _proposed_snapshot(session: Session, event: Event, proposed: dict) -> dict[str, Any]:
    """The event as it would be after the change, in snapshot form, without saving it."""
    after = snapshot(session, event)
    for key, value in proposed["values"].items():
        if key in after:
            after[key] = value if isinstance(value, (str, int, list)) or value is None \
                else str(value)
    after["fees"] = [fee_entry(**fee) for fee in proposed["fees"]]
    if "questions" in proposed:
        after["questions"] = [question_entry(**question) for question in proposed["questions"]]
    return after


def _view(session: Session, change: EventChangeRequest, event: Event,
          locale: str) -> ChangeRequestView:
    changes: list[FieldChange] = []
    if change.kind == ChangeRequestKind.UPDATE and change.proposed \
            and change.status == ChangeRequestStatus.PENDING:
        changes = describe_changes(snapshot(session, event),
                                   _proposed_snapshot(session, event, change.proposed),
                                   time_zone=event.time_zone, currency=event.currency,
                                   locale=locale)
    return ChangeRequestView(id=change.id, event_id=event.id, event_name=event.name,
                             kind=ChangeRequestKind(change.kind), reason=change.reason,
                             status=ChangeRequestStatus(change.status),
                             created_at=change.created_at, review_due_at=change.review_due_at,
                             decision_note=change.decision_note, changes=changes)


def _require_reviewer(actor: Actor) -> None:
    if not can_act_in_area(actor, Role.STAFF_REVIEWS):
        raise Forbidden("Only reviewing staff can decide on event changes.")


def get_change(session: Session, actor: Actor, *, change_id: int,
               locale: str = "en") -> ChangeRequestView:
    """One request; what it would change is described in `locale`."""
    _require_reviewer(actor)
    change = session.get(EventChangeRequest, change_id)
    if change is None:
        raise NotFound("No such change request.")
    return _view(session, change, session.get(Event, change.event_id), locale)


def list_changes(session: Session, actor: Actor, *, request: PageRequest,
                 locale: str = "en") -> Page[ChangeRequestView]:
    _require_reviewer(actor)
    rows, total = paginate(
        session, select(EventChangeRequest, Event)
        .join(Event, Event.id == EventChangeRequest.event_id), request,
        sortable={"review_due_at": EventChangeRequest.review_due_at,
                  "created_at": EventChangeRequest.created_at},
        default_sort="review_due_at", searchable=(Event.name, EventChangeRequest.reason),
        filters={"status": lambda v: EventChangeRequest.status == v,
                 "kind": lambda v: EventChangeRequest.kind == v},
        tiebreaker=EventChangeRequest.id)
    return Page[ChangeRequestView](items=[_view(session, c, e, locale) for c, e in rows],
                                   total=total, page=request.page, page_size=request.page_size)


def _registrants(session: Session, event_id: int) -> list[User]:
    """Everyone with an active registration: confirmed, pending, waiting or offered a seat."""
    rows = session.exec(select(User).join(Registration, Registration.user_id == User.id)
                        .where(Registration.event_id == event_id,
                               Registration.status.in_([s.value for s in ACTIVE])))
    return [row[0] for row in rows]


def _end_registrations(session: Session, event: Event) -> None:
    """A cancelled event ends every active registration; paid ones are owed a refund."""
    now = utcnow()
    active = (Registration.event_id == event.id) & Registration.status.in_(
        [s.value for s in ACTIVE])
    session.execute(update(Registration).where(
        active, Registration.status == RegistrationStatus.CONFIRMED.value,
        Registration.total_minor > 0).values(refund_due=True))
    session.execute(update(Registration).where(active).values(
        status=RegistrationStatus.CANCELLED.value, active_user_id=None, ended_at=now,
        end_reason="event cancelled", hold_expires_at=None, offer_expires_at=None,
        updated_at=now))
    session.execute(update(Event).where(Event.id == event.id)
                    .values(seats_taken=0, activity=Event.activity + 1))


def cancel_event(session: Session, event: Event, *, reason: str) -> None:
    """The one way a published event is cancelled (an approved request, or a sanction):
    registrations end, paid ones are flagged so the cancellation-refund job pays each back in
    full, and every registrant is told why."""
    event.status = EventStatus.CANCELLED.value
    recipients = _registrants(session, event.id)
    _end_registrations(session, event)
    notify(session, recipients=recipients, template="event_cancelled",
           context={"event": event.name, "reason": reason},
           about=("event", event.id), link=links.event(event.id, event.name))


def _apply_update(session: Session, event: Event, proposed: dict) -> dict[str, Any]:
    """Apply an approved change; returns the event as it was before."""
    before = snapshot(session, event)
    for key, value in proposed["values"].items():
        if key in MOMENTS:
            value = datetime.fromisoformat(value)
        setattr(event, key, value)
    session.execute(delete(FeeItem).where(FeeItem.event_id == event.id))
    for position, fee in enumerate(proposed["fees"]):
        session.add(FeeItem(event_id=event.id, position=position, **fee))
    event.total_fee_minor = sum(f["amount_minor"] for f in proposed["fees"] if f["mandatory"])
    if "questions" in proposed:
        sync_questions(session, event.id,
                       [QuestionSpec.model_validate(q) for q in proposed["questions"]],
                       now=utcnow())
    session.flush()
    event.reviewed_snapshot = snapshot(session, event)
    return before


def _tell_registrants(session: Session, event: Event, reason: str,
                      before: dict[str, Any]) -> None:
    """Each registrant reads what changed in their own language."""
    by_locale: dict[str, list[User]] = {}
    for user in _registrants(session, event.id):
        by_locale.setdefault(normalize_locale(user.locale), []).append(user)
    for locale, people in by_locale.items():
        lines = [change.line for change in describe_changes(
            before, event.reviewed_snapshot, time_zone=event.time_zone,
            currency=event.currency, locale=locale)]
        notify(session, recipients=people, template="event_changed",
               context={"event": event.name, "reason": reason, "changes": lines},
               about=("event", event.id), link=links.event(event.id, event.name))


def decide_change(session: Session, actor: Actor, *, change_id: int,
                  decision: ReviewDecision | str,
                  note: str = "", ip: str = "") -> None:
    _require_reviewer(actor)
    decision = review_decision(decision)
    note = (note or "").strip()[:1000]
    if decision is ReviewDecision.REJECT and not note:
        raise Invalid("Give the reasons; the organizer will read them.", field="note")
    outcome = DECISION_OUTCOMES[decision]
    claimed = session.execute(update(EventChangeRequest).where(
        EventChangeRequest.id == change_id,
        EventChangeRequest.status == ChangeRequestStatus.PENDING.value).values(
        status=outcome.value, decided_by_id=actor.user_id, decision_note=note))
    if claimed.rowcount != 1:
        raise Conflict("This request was already decided.")
    change = session.get(EventChangeRequest, change_id)
    kind = ChangeRequestKind(change.kind)
    event = session.get(Event, change.event_id)
    if decision is ReviewDecision.APPROVE and event.status != EventStatus.PUBLISHED.value:
        raise Conflict("The event is no longer published.")
    if decision is ReviewDecision.APPROVE and kind is ChangeRequestKind.UPDATE \
            and not may_publish(session, event.organizer_id):
        raise Conflict("The organizer may not publish now (suspended or qualification revoked); "
                       "turn the change down instead.")
    audit.record(session, actor_id=actor.user_id, action=f"event.{kind.value}_{outcome.value}",
                 object_type="event", object_id=event.id, note=note or change.reason, ip=ip)
    notify(session, recipients=organizer_members(session, event.organizer_id),
           template=f"event_change_{decision.value}",
           context={"event": event.name, "kind": kind.value, "note": note},
           about=("event", event.id), link=links.with_id(links.ORGANIZER_EVENT, event.id))
    if decision is ReviewDecision.REJECT:
        return
    if kind is ChangeRequestKind.CANCEL:
        cancel_event(session, event, reason=change.reason)
        return
    before = _apply_update(session, event, change.proposed)
    _tell_registrants(session, event, change.reason, before)
    session.flush()
    offer_free_seats(session, event.id, now=utcnow())  # capacity raised: the queue moves
