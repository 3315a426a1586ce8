"""Registering for an event (rules §2.4): online by the person, or for them by organizer members
and staff (registration_desk.py), claiming a waiting-list offer, changing answers, cancelling.

A registration that wins a seat goes to the organizer's review when the event asks for it, to
payment when it costs something (a held seat, payments issue), or straight to confirmed. One
that finds the event full is refused with "full", or, when the person asked for it, joins the
waiting list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from portal.db import contended
from portal.domain.clock import utcnow
from portal.domain.enums import RegistrationChannel, RegistrationStatus
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import (
    Event,
    Registration,
    RegistrationAnswer,
    RegistrationItem,
    User,
)
from portal.domain.models.registration import ACTIVE
from portal.domain.policies import Actor
from portal.domain.tickets import new_ticket_code
from portal.i18n import N_
from portal.services import audit, platform_settings
from portal.services.files import FileStore, delete_after_commit, delete_on_rollback
from portal.services.registration_flow import move, settled_status
from portal.services.registration_form import (
    Checked,
    RegistrationForm,
    Upload,
    check_form,
    has_safety_notes,
)
from portal.services.registration_notices import announce
from portal.services.registration_rules import (
    check_event_open,
    check_person,
    why_answers_locked,
)
from portal.services.seats import take_seat, touch


class EventFull(Conflict):
    """No seat is free: the person may join the waiting list instead."""


FULL = N_("This event is full. Join the waiting list and you will be offered a seat if one "
          "frees up.")
ALREADY_YOU = N_("You are already registered for this event.")
ALREADY_THEM = N_("This person is already registered for this event.")


@dataclass(frozen=True)
class Enrolment:
    """Who registers whom, how, and on what grounds (an eligibility override needs a reason)."""

    user: User
    channel: RegistrationChannel = RegistrationChannel.ONLINE
    entered_by_id: int | None = None
    override: str = ""


def _active(session: Session, event_id: int, user_id: int) -> Registration | None:
    return session.exec(select(Registration).where(
        col(Registration.event_id) == event_id,
        col(Registration.active_user_id) == user_id)).first()


def _event(session: Session, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound("No such event.")
    return event


@contended
def register(session: Session, actor: Actor, *, event_id: int, form: RegistrationForm,
             uploads: dict[int, Upload] | None = None, store: FileStore,
             ip: str = "") -> Registration:
    """The signed-in person registers for an event online."""
    event, who = online_enrolment(session, actor, event_id)
    return enrol(session, event, who, form, uploads or {}, store=store,
                 actor_id=actor.user_id, ip=ip)


def online_enrolment(session: Session, actor: Actor, event_id: int) -> tuple[Event, Enrolment]:
    """The event and the signed-in person registering for it online."""
    if not actor.is_authenticated:
        raise Forbidden("Sign in to register.")
    user = session.get(User, actor.user_id)
    if user is None:
        raise Forbidden("Sign in to register.")
    return _event(session, event_id), Enrolment(user=user)


def enrol(session: Session, event: Event, who: Enrolment, form: RegistrationForm,
          uploads: dict[int, Upload], *, store: FileStore, actor_id: int | None,
          ip: str = "") -> Registration:
    """Check everything, take a seat (or a place in the queue) and record the registration
    with its items and answers, in the caller's transaction."""
    now = utcnow()
    checked = check_enrolment(session, event, who, form, uploads, now=now)
    if take_seat(session, event.id or 0):
        status = settled_status(event, checked.total_minor)
    elif form.join_waitlist:
        status = RegistrationStatus.WAITLISTED
    else:
        raise EventFull(FULL)
    registration = _record(session, event, who, form, checked, status, now=now)
    _store_answers(session, registration, checked, store, existing={})  # a new one has none
    audit.record(session, actor_id=actor_id, action="registration.created",
                 object_type="registration", object_id=registration.id,
                 after={"status": status.value, "channel": who.channel.value,
                        "total_minor": checked.total_minor, "event_id": event.id},
                 note=who.override, ip=ip)
    if status is RegistrationStatus.WAITLISTED:
        touch(session, event.id or 0)
    announce(session, registration, event, who.user)
    return registration


def check_enrolment(session: Session, event: Event, who: Enrolment, form: RegistrationForm,
                    uploads: dict[int, Upload], *, now: datetime) -> Checked:
    """Every check a registration passes before it takes a seat, changing nothing: the event
    is open, the person may come and is not registered yet, and the form is right."""
    check_event_open(session, event, now=now)
    if not who.override:
        check_person(who.user, event, channel=who.channel, qualification=form.qualification)
    if _active(session, event.id or 0, who.user.id or 0) is not None:
        raise Conflict(ALREADY_YOU if who.channel is RegistrationChannel.ONLINE
                       else ALREADY_THEM)
    return check_form(session, event, form, uploads)


def _record(session: Session, event: Event, who: Enrolment, form: RegistrationForm,
            checked: Checked, status: RegistrationStatus, *, now: datetime) -> Registration:
    from portal.services.registration_flow import status_values

    values = status_values(session, status, now=now)
    registration = Registration(
        event_id=event.id or 0, user_id=who.user.id or 0, active_user_id=who.user.id,
        status=status.value, ticket_code=new_ticket_code(), channel=who.channel.value,
        entered_by_id=who.entered_by_id, total_minor=checked.total_minor,
        currency=event.currency, qualification=form.qualification,
        eligibility_override=who.override,
        safety_ack_at=now if has_safety_notes(event) and form.safety_ack else None,
        hold_expires_at=values["hold_expires_at"], confirmed_at=values.get("confirmed_at"),
        review_due_at=_review_due(session, now)
        if status is RegistrationStatus.PENDING_REVIEW else None)
    try:
        with session.begin_nested():
            session.add(registration)
            session.flush()
    except IntegrityError:
        # Two tabs, a double click or a replayed request: the unique active registration per
        # person and event lets one of them in.
        raise Conflict(ALREADY_YOU) from None
    for item in checked.items:
        session.add(RegistrationItem(registration_id=registration.id or 0, fee_item_id=item.id,
                                     label=item.label, amount_minor=item.amount_minor))
    return registration


def _review_due(session: Session, now: datetime) -> datetime:
    return platform_settings.deadline(session, now, "registration_review_working_days")


def _store_answers(session: Session, registration: Registration, checked: Checked,
                   store: FileStore, *, existing: dict[int, RegistrationAnswer] | None = None
                   ) -> None:
    if existing is None:
        existing = {a.question_id: a for a in session.exec(select(RegistrationAnswer).where(
            col(RegistrationAnswer.registration_id) == registration.id))}
    for answer in checked.answers:
        row = existing.get(answer.question_id) or RegistrationAnswer(
            registration_id=registration.id or 0, question_id=answer.question_id)
        if answer.file is not None:
            key = store.save(answer.content)
            delete_on_rollback(session, store, key)
            if row.file_key:
                delete_after_commit(session, store, row.file_key)
            row.file_key, row.file_type = key, answer.file.content_type
        row.value = answer.value
        session.add(row)
    given = {a.question_id for a in checked.answers}
    for question_id, row in existing.items():
        if question_id not in given and not row.file_key:
            session.delete(row)  # an optional answer cleared


def own_registration(session: Session, actor: Actor, registration_id: int) -> Registration:
    """The actor's own registration; anyone else's is "not found" (its existence is private)."""
    if not actor.is_authenticated:
        raise Forbidden("Sign in first.")
    registration = session.get(Registration, registration_id)
    if registration is None or registration.user_id != actor.user_id:
        raise NotFound("No such registration.")
    return registration


@contended
def claim_offer(session: Session, actor: Actor, *, registration_id: int,
                ip: str = "") -> Registration:
    """Take the seat a waiting-list offer holds: it becomes a normal registration."""
    registration = own_registration(session, actor, registration_id)
    if registration.status != RegistrationStatus.OFFERED.value:
        raise Conflict("There is no open offer on this registration.")
    now = utcnow()
    if registration.offer_expires_at is not None and registration.offer_expires_at <= now:
        raise Conflict("This offer has lapsed.")
    event = _event(session, registration.event_id)
    check_event_open(session, event, now=now, window=False)
    target = settled_status(event, registration.total_minor)
    extra = {"review_due_at": _review_due(session, now)} if (
        target is RegistrationStatus.PENDING_REVIEW) else {}
    move(session, registration, target, now=now, **extra)
    audit.record(session, actor_id=actor.user_id, action="registration.claimed",
                 object_type="registration", object_id=registration.id,
                 before={"status": RegistrationStatus.OFFERED.value},
                 after={"status": target.value}, ip=ip)
    user = session.get(User, registration.user_id)
    assert user is not None
    announce(session, registration, event, user)
    return registration


@contended
def cancel_registration(session: Session, actor: Actor, *, registration_id: int,
                        reason: str = "", ip: str = "") -> Registration:
    """The person cancels before the event starts; a held seat goes to the waiting list."""
    registration = own_registration(session, actor, registration_id)
    if RegistrationStatus(registration.status) not in ACTIVE:
        raise Conflict("This registration is no longer active.")
    event = _event(session, registration.event_id)
    now = utcnow()
    if now >= event.starts_at:
        raise Conflict("The event has started; a registration can no longer be cancelled.")
    if len(reason) > 1000:
        raise Invalid("Use at most {n} characters.", field="reason", n=1000)
    before = registration.status
    if before == RegistrationStatus.CONFIRMED.value and registration.total_minor > 0:
        # Paid: the policy's refund today is taken with the cancellation, the same way as
        # "Request a refund" within the policy.
        from portal.services.refund_requests import cancel_paid

        cancel_paid(session, actor, registration, event, reason=reason.strip(), now=now, ip=ip)
        return registration
    move(session, registration, RegistrationStatus.CANCELLED, now=now,
         end_reason=reason.strip())
    audit.record(session, actor_id=actor.user_id, action="registration.cancelled",
                 object_type="registration", object_id=registration.id,
                 before={"status": before},
                 after={"status": RegistrationStatus.CANCELLED.value},
                 note=reason.strip(), ip=ip)
    user = session.get(User, registration.user_id)
    assert user is not None
    announce(session, registration, event, user)
    return registration


def update_answers(session: Session, actor: Actor, *, registration_id: int,
                   form: RegistrationForm, uploads: dict[int, Upload] | None = None,
                   store: FileStore, ip: str = "") -> Registration:
    """Change one's answers while registration is open; fee items stay as registered."""
    registration = own_registration(session, actor, registration_id)
    event = _event(session, registration.event_id)
    if locked := why_answers_locked(registration, event):
        raise Conflict(locked)
    previous = {a.question_id: a.value for a in session.exec(select(RegistrationAnswer).where(
        col(RegistrationAnswer.registration_id) == registration.id))}
    checked = check_form(session, event,
                         form.model_copy(update={"fee_item_ids": [], "safety_ack": True}),
                         uploads or {}, previous=previous)
    _store_answers(session, registration, checked, store)
    if event.required_qualification and form.qualification:
        registration.qualification = form.qualification
    touch(session, event.id or 0)
    audit.record(session, actor_id=actor.user_id, action="registration.answers_changed",
                 object_type="registration", object_id=registration.id, ip=ip)
    return registration
