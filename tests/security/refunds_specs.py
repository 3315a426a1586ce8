"""Specs for refunds: asking for one's own refund (only the registration's holder), and
deciding a request outside the policy (only organizer A's members, and finance staff)."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import select

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.models import Event, Payment, Refund, User
from portal.domain.policies import Actor
from portal.services import cancellation_refunds, payments, refund_requests
from portal.services.event_form import FeeInput
from portal.services.payment_start import choose_offline
from tests.security import targets as t
from tests.security.cases import Spec, Target

ANY_SIGNED_OUT = ("anonymous", "suspended")
UI = "portal.ui."
ASK = UI + "attendee.refund_request.RefundRequestState."
DECIDE = UI + "organizer.refunds.OrganizerRefundsState."
NOT_THE_HOLDER = (*ANY_SIGNED_OUT, "member", "other_member", "reviews", "admin")
# organizer A's members decide; finance staff (the demo staff member, admins) too; nobody else
NOT_DECIDING = (*ANY_SIGNED_OUT, "attendee", "other_member", "applicant")


def _attendee() -> Actor:
    with session_scope() as session:
        user = session.exec(select(User).where(User.email == t.ATTENDEE_EMAIL)).one()
        return Actor(user_id=user.id, verified=True, accepted_rules=True)


def paid_registration(*, outside_policy: bool = False) -> int:
    """The demo attendee's confirmed registration, paid in cash, for a fresh event of
    organizer A (outside the refund policy when asked)."""
    event_id = t.open_event(fees=[FeeInput(kind="registration", amount="50.00")])
    registration_id = t.sign_up(t.ATTENDEE_EMAIL, event_id)
    with session_scope() as session:
        payment_id = choose_offline(session, _attendee(), registration_id=registration_id,
                                    method="cash").id
    with session_scope() as session:
        payment = session.get(Payment, payment_id)
        payments.settle_paid(session, payment, amount_minor=payment.amount_minor,
                             provider_ref=f"cash-{payment_id}", now=utcnow())
        if outside_policy:
            session.execute(update(Event).where(Event.id == event_id).values(
                refund_full_days=365, refund_partial_days=300))
    return registration_id


def requested_refund() -> int:
    """A refund the demo attendee asked for outside the policy: waiting for organizer A."""
    registration_id = paid_registration(outside_policy=True)
    with session_scope() as session:
        return refund_requests.request_refund(session, _attendee(),
                                              registration_id=registration_id,
                                              reason="Ill").id


def _refund_of(registration_id: int) -> bool:
    with session_scope() as session:
        return session.exec(select(Refund).where(
            Refund.registration_id == registration_id)).first() is not None


def _start(world) -> Target:
    return Target(args=(str(paid_registration()),))


def _submit(world) -> Target:
    registration_id = paid_registration()
    return Target(forged={"target": str(registration_id), "reason": "Cannot come"}, args=(),
                  done=lambda: _refund_of(registration_id))


def _decide(world) -> Target:
    refund_id = requested_refund()
    return Target(forged={"selected": {"id": str(refund_id), "currency": "CNY"},
                          "decision": "decline", "note": "Too late, sorry."}, args=(),
                  done=lambda: t.row(Refund, refund_id).status == "declined")


def _grant(world) -> Target:
    refund_id = requested_refund()
    return Target(forged={"selected": {"id": str(refund_id), "currency": "CNY"},
                          "decision": "grant", "amount": "20.00", "note": ""}, args=(),
                  done=lambda: t.row(Refund, refund_id).status == "approved")


def _listed(world) -> Target:
    requested_refund()
    return Target(args=())


REFUND_SPECS = [
    Spec(ASK + "start", _start, "attendee", NOT_THE_HOLDER,
         shown=lambda s, _: bool(s.quote_text), write=False),
    Spec(ASK + "submit", _submit, "attendee", NOT_THE_HOLDER),
    Spec(DECIDE + "decide", _decide, "member", NOT_DECIDING),
    Spec(DECIDE + "decide", _grant, "other_area", NOT_DECIDING),
    Spec(DECIDE + "load", _listed, "member", NOT_DECIDING,
         shown=lambda s, _: bool(s.rows), write=False),
    Spec("service:refund_requests.refund_quote",
         lambda w: Target(kwargs={"registration_id": paid_registration()}), "attendee",
         NOT_THE_HOLDER, shown=lambda outcome, _: outcome.error is None,
         service=refund_requests.refund_quote, write=False),
    # how far a cancelled event's refunds are: staff only
    Spec("service:cancellation_refunds.cancellation_progress",
         lambda w: Target(kwargs={"event_id": t.published_event()}), "reviews",
         (*ANY_SIGNED_OUT, "attendee", "member", "other_member"),
         shown=lambda outcome, _: outcome.error is None,
         service=cancellation_refunds.cancellation_progress, write=False),
]
