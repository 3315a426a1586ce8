"""Refunds a person asks for (rules §5.3): what the event's policy gives back today, taking it
(the registration is cancelled at once and the seat offered on), or, outside the policy, asking
the organizer, who grants or declines with a reason.

Within the policy the refund is approved at once; the refund runner pays a card back through
the provider, finance staff pay back a transfer or cash. One open refund per registration: a
second request while one is open is refused (the unique `open_registration_id` decides when
two arrive at once).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel
from sqlalchemy import func, update
from sqlmodel import Session, col, select

from portal import links
from portal.db import contended
from portal.domain.clock import utcnow
from portal.domain.enums import (
    OPEN_REFUND,
    PaymentStatus,
    RefundCause,
    RefundStatus,
    RegistrationStatus,
)
from portal.domain.errors import Conflict, Invalid, NotFound
from portal.domain.models import Event, Payment, Refund, Registration, User
from portal.domain.money import Money
from portal.domain.policies import Actor, can_act_in_area, is_member_of
from portal.domain.refund_policy import RefundQuote, RefundTier, quote
from portal.domain.timefmt import format_moment
from portal.i18n import N_, gettext
from portal.services import audit, payments
from portal.services.event_access import organizer_members
from portal.services.notifications import notify
from portal.services.registration_flow import move
from portal.services.registration_notices import announce
from portal.services.registration_views import RefundSummary
from portal.services.registrations import own_registration

REASON_LIMIT = 1000
ALREADY_OPEN = N_("You already asked for a refund of this registration; wait for the answer.")
NOT_PAID = N_("Only a paid, confirmed registration can be refunded.")
STARTED = N_("The event has started; a refund can no longer be requested here.")
REASON_NEEDED = N_("Say why you ask: the policy gives nothing back now, so the organizer "
                   "decides.")


class RefundDecision(StrEnum):
    GRANT = "grant"
    DECLINE = "decline"


class RefundQuoteView(BaseModel):
    registration_id: int
    event_name: str
    tier: RefundTier
    amount_minor: int  # what the policy gives back today
    held_minor: int  # what was paid and not refunded yet
    currency: str
    percent: int
    until: datetime | None
    time_zone: str
    open_refund: RefundStatus | None  # a refund already asked for and not closed

    @property
    def within_policy(self) -> bool:
        return self.amount_minor > 0


def describe_quote(view: RefundQuoteView, locale: str) -> str:
    """The quote in plain words and money, in `locale`."""
    amount = Money(view.currency, view.amount_minor).format(locale)
    held = Money(view.currency, view.held_minor).format(locale)
    until = format_moment(view.until, view.time_zone, locale) if view.until else ""
    if view.tier is RefundTier.FULL:
        text = gettext("Today you get everything back: {amount}. This full refund is "
                       "available until {until}.", locale)
    elif view.tier is RefundTier.PARTIAL:
        text = gettext("Today you get {percent}% of {held} back: {amount}, until {until}.",
                       locale)
    else:
        text = gettext("The refund policy gives nothing back any more. You may still ask "
                       "the organizer: they decide on the {held} you paid.", locale)
    return text.format(amount=amount, held=held, until=until, percent=view.percent)


class RefundRequestView(BaseModel):
    """An open request the organizer decides on."""

    id: int
    registration_id: int
    event_id: int
    event_name: str
    person: str
    amount_minor: int  # what is held: the most that can be granted
    currency: str
    reason: str
    requested_at: datetime
    time_zone: str


def _paid_payment(session: Session, registration_id: int) -> Payment | None:
    return session.exec(select(Payment).where(
        col(Payment.registration_id) == registration_id,
        col(Payment.status) == PaymentStatus.SUCCEEDED.value)
        .order_by(col(Payment.id).desc())).first()


def open_refund(session: Session, registration_id: int) -> Refund | None:
    return session.exec(select(Refund).where(
        col(Refund.registration_id) == registration_id,
        col(Refund.status).in_([s.value for s in OPEN_REFUND]))).first()


def _quote(session: Session, registration: Registration, event: Event, *,
           now: datetime) -> RefundQuote:
    held = payments.balance(session, registration.id or 0).held_minor
    return quote(paid_minor=max(held, 0), starts_at=event.starts_at,
                 full_days=event.refund_full_days, partial_days=event.refund_partial_days,
                 partial_percent=event.refund_partial_percent, now=now)


def _view(registration: Registration, event: Event, found: RefundQuote,
          current: Refund | None) -> RefundQuoteView:
    return RefundQuoteView(
        registration_id=registration.id or 0, event_name=event.name, tier=found.tier,
        amount_minor=found.amount_minor, held_minor=found.paid_minor,
        currency=registration.currency, percent=found.percent, until=found.until,
        time_zone=event.time_zone,
        open_refund=RefundStatus(current.status) if current is not None else None)


def _refundable(session: Session, actor: Actor, registration_id: int,
                ) -> tuple[Registration, Event, Payment]:
    registration = own_registration(session, actor, registration_id)
    event = session.get(Event, registration.event_id)
    payment = _paid_payment(session, registration.id or 0)
    if event is None or payment is None or \
            registration.status != RegistrationStatus.CONFIRMED.value:
        raise Conflict(NOT_PAID)
    return registration, event, payment


def refund_quote(session: Session, actor: Actor, *, registration_id: int) -> RefundQuoteView:
    """What the event's policy gives back for one's own paid registration today."""
    registration, event, _payment = _refundable(session, actor, registration_id)
    found = _quote(session, registration, event, now=utcnow())
    if found.paid_minor <= 0:
        raise Conflict(NOT_PAID)
    return _view(registration, event, found, open_refund(session, registration.id or 0))


def _clean_reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if len(text) > REASON_LIMIT:
        raise Invalid("Use at most {n} characters.", field="reason", n=REASON_LIMIT)
    return text


def _next_key(session: Session, registration_id: int) -> str:
    asked = session.exec(select(func.count()).select_from(Refund).where(
        col(Refund.registration_id) == registration_id,
        col(Refund.cause) == RefundCause.ATTENDEE.value)).one()
    return f"attendee:{registration_id}:{int(asked) + 1}"


@contended
def request_refund(session: Session, actor: Actor, *, registration_id: int,
                   reason: str = "", ip: str = "") -> Refund:
    """Within the policy: cancelled now, refund approved for what the policy gives. Outside:
    the organizer is asked, the registration stays confirmed."""
    registration, event, payment = _refundable(session, actor, registration_id)
    text = _clean_reason(reason)
    now = utcnow()
    if now >= event.starts_at:
        raise Conflict(STARTED)
    if open_refund(session, registration.id or 0) is not None:
        raise Conflict(ALREADY_OPEN)
    found = _quote(session, registration, event, now=now)
    if found.paid_minor <= 0:
        raise Conflict(NOT_PAID)
    if found.within_policy:
        return _refund_now(session, actor, registration, event, payment, found, text,
                           now=now, ip=ip)
    if not text:
        raise Invalid(REASON_NEEDED, field="reason")
    refund = payments.create_refund(
        session, registration, payment, cause=RefundCause.ATTENDEE,
        cause_key=_next_key(session, registration.id or 0), amount_minor=found.paid_minor,
        status=RefundStatus.REQUESTED, now=now, actor_id=actor.user_id, reason=text)
    if refund is None:
        raise Conflict(ALREADY_OPEN)
    person = session.get(User, registration.user_id)
    notify(session, recipients=organizer_members(session, event.organizer_id),
           template="refund_requested",
           context={"event": event.name, "person": person.name if person else "",
                    "reason": text,
                    "amount": Money(refund.currency, refund.amount_minor).format("en")},
           about=("registration", registration.id), link=links.ORGANIZER_REFUNDS)
    return refund


def _refund_now(session: Session, actor: Actor, registration: Registration, event: Event,
                payment: Payment, found: RefundQuote, reason: str, *, now: datetime,
                ip: str) -> Refund:
    refund = payments.create_refund(
        session, registration, payment, cause=RefundCause.ATTENDEE,
        cause_key=_next_key(session, registration.id or 0), amount_minor=found.amount_minor,
        status=RefundStatus.APPROVED, now=now, actor_id=actor.user_id, reason=reason)
    if refund is None:
        raise Conflict(ALREADY_OPEN)
    _cancel(session, registration, event, actor_id=actor.user_id, reason=reason, now=now,
            ip=ip)
    return refund


def _cancel(session: Session, registration: Registration, event: Event, *,
            actor_id: int | None, reason: str, now: datetime, ip: str = "",
            refund_due: bool = True) -> None:
    """End a paid registration (for a refund): its seat goes to the waiting list now."""
    before = registration.status
    move(session, registration, RegistrationStatus.CANCELLED, now=now,
         end_reason=reason or ("refund" if refund_due else ""), refund_due=refund_due)
    audit.record(session, actor_id=actor_id, action="registration.cancelled",
                 object_type="registration", object_id=registration.id,
                 before={"status": before},
                 after={"status": RegistrationStatus.CANCELLED.value,
                        "refund_due": refund_due},
                 note=reason, ip=ip)
    person = session.get(User, registration.user_id)
    if person is not None:
        announce(session, registration, event, person)


def cancel_paid(session: Session, actor: Actor, registration: Registration, event: Event, *,
                reason: str, now: datetime, ip: str = "") -> Refund | None:
    """Cancelling a paid registration (registrations.cancel_registration): the policy's refund
    today is taken, as if asked for; outside the policy the seat is given up with nothing
    back (asking the organizer is "Request a refund")."""
    if open_refund(session, registration.id or 0) is not None:
        raise Conflict(ALREADY_OPEN)
    payment = _paid_payment(session, registration.id or 0)
    found = _quote(session, registration, event, now=now)
    if payment is None or not found.within_policy:
        _cancel(session, registration, event, actor_id=actor.user_id, reason=reason,
                now=now, ip=ip, refund_due=False)
        return None
    return _refund_now(session, actor, registration, event, payment, found, reason, now=now,
                       ip=ip)


# --- the organizer's side -------------------------------------------------------------------

def _decidable(session: Session, actor: Actor, refund_id: int) -> tuple[Refund, Event]:
    """A refund of an event of one of the actor's organizers, or any for finance staff;
    others' requests do not exist for them."""
    refund = session.get(Refund, refund_id)
    registration = session.get(Registration, refund.registration_id) if refund else None
    event = session.get(Event, registration.event_id) if registration else None
    if refund is None or event is None or not (
            is_member_of(actor, event.organizer_id) or _is_finance(actor)):
        raise NotFound("No such refund request.")
    return refund, event


def _is_finance(actor: Actor) -> bool:
    from portal.domain.enums import Role

    return can_act_in_area(actor, Role.STAFF_FINANCE)


def _decision(value: RefundDecision | str) -> RefundDecision:
    try:
        return RefundDecision(value)
    except ValueError:
        raise Invalid("Unknown decision.") from None


def _amount(amount: int | str | None, held: int) -> int:
    if amount is None or amount == "":
        return held
    try:
        value = int(amount)
    except (TypeError, ValueError):
        raise Invalid("Enter an amount in minor units.", field="amount") from None
    if value <= 0 or value > held:
        raise Invalid("The refund must be more than nothing and at most what was paid.",
                      field="amount")
    return value


def decide_refund(session: Session, actor: Actor, *, refund_id: int,
                  decision: RefundDecision | str, amount_minor: int | str | None = None,
                  note: str = "", ip: str = "") -> Refund:
    """Grant (up to what is held; the registration is cancelled, its seat offered on) or
    decline (with a reason) a request outside the policy. The person is told either way."""
    refund, event = _decidable(session, actor, refund_id)
    chosen = _decision(decision)
    text = _clean_reason(note)
    if refund.status != RefundStatus.REQUESTED.value:
        raise Conflict("This request was already decided.")
    registration = session.get(Registration, refund.registration_id)
    assert registration is not None
    held = payments.balance(session, registration.id or 0).held_minor
    now = utcnow()
    if chosen is RefundDecision.DECLINE:
        if not text:
            raise Invalid("Give the reason; the person reads it.", field="note")
        values: dict[str, object] = {"status": RefundStatus.DECLINED.value,
                                     "open_registration_id": None}
    else:
        values = {"status": RefundStatus.APPROVED.value,
                  "amount_minor": _amount(amount_minor, held), "next_attempt_at": now}
    claimed = session.execute(
        update(Refund).where(col(Refund.id) == refund.id,
                             col(Refund.status) == RefundStatus.REQUESTED.value)
        .values(decided_by_id=actor.user_id, decision_note=text, updated_at=now, **values)
        .execution_options(synchronize_session=False))
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict("This request was already decided.")
    session.refresh(refund)
    audit.record(session, actor_id=actor.user_id, action=f"refund.{refund.status}",
                 object_type="registration", object_id=registration.id,
                 after={"amount_minor": refund.amount_minor, "currency": refund.currency,
                        "refund_id": refund.id}, note=text, ip=ip)
    if chosen is RefundDecision.GRANT and \
            registration.status == RegistrationStatus.CONFIRMED.value:
        _cancel(session, registration, event, actor_id=actor.user_id,
                reason=refund.reason, now=now, ip=ip)
    person = session.get(User, registration.user_id)
    if person is not None:
        notify(session, recipients=[person],
               template="refund_granted" if chosen is RefundDecision.GRANT
               else "refund_declined",
               context={"event": event.name, "note": text, "cancelled": False,
                        "amount": Money(refund.currency, refund.amount_minor).format(
                            person.locale)},
               about=("registration", registration.id), link=links.ATTENDEE_REGISTRATIONS)
    return refund


def list_refund_requests(session: Session, actor: Actor) -> list[RefundRequestView]:
    """Open requests for the events of the actor's organizers (finance staff: all), oldest
    first; anyone else has none."""
    query = (select(Refund, Registration, Event, User)
             .join(Registration, col(Registration.id) == Refund.registration_id)
             .join(Event, col(Event.id) == Registration.event_id)
             .join(User, col(User.id) == Registration.user_id)
             .where(col(Refund.status) == RefundStatus.REQUESTED.value)
             .order_by(col(Refund.created_at), col(Refund.id)))
    if not _is_finance(actor):
        from portal.domain.models import OrganizerMember

        query = query.join(OrganizerMember, col(OrganizerMember.organizer_id) == Event.organizer_id
                           ).where(col(OrganizerMember.user_id) == actor.user_id)
    return [RefundRequestView(
        id=refund.id or 0, registration_id=registration.id or 0, event_id=event.id or 0,
        event_name=event.name, person=user.name,
        amount_minor=payments.balance(session, registration.id or 0).held_minor,
        currency=refund.currency, reason=refund.reason, requested_at=refund.created_at,
        time_zone=event.time_zone) for refund, registration, event, user in session.exec(query)]


def refund_summaries(session: Session, registration_ids: list[int]
                     ) -> dict[int, tuple[int, RefundSummary | None]]:
    """For a page of registrations: what each holds and its latest refund (two queries)."""
    from portal.domain.enums import LedgerKind
    from portal.domain.models import LedgerEntry
    found: dict[int, tuple[int, RefundSummary | None]] = dict.fromkeys(registration_ids,
                                                                      (0, None))
    if not registration_ids:
        return found
    held: dict[int, int] = {}
    for registration_id, kind, total in session.exec(
            select(LedgerEntry.registration_id, LedgerEntry.kind,
                   func.sum(LedgerEntry.amount_minor))
            .where(col(LedgerEntry.registration_id).in_(registration_ids))
            .group_by(col(LedgerEntry.registration_id), col(LedgerEntry.kind))):
        sign = 1 if kind == LedgerKind.CHARGE.value else -1
        held[int(registration_id or 0)] = held.get(int(registration_id or 0), 0) + \
            sign * int(total or 0)
    latest: dict[int, Refund] = {}
    for row in session.exec(select(Refund).where(
            col(Refund.registration_id).in_(registration_ids)).order_by(col(Refund.id))):
        latest[row.registration_id] = row
    for registration_id in registration_ids:
        last = latest.get(registration_id)
        found[registration_id] = (held.get(registration_id, 0), RefundSummary(
            status=RefundStatus(last.status), amount_minor=last.amount_minor,
            decision_note=last.decision_note) if last is not None else None)
    return found
