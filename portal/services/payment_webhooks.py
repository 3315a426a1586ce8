"""Webhook events from the card gateway (Stripe, or the demo gateway that imitates it).

`receive` answers the HTTP route: 400 for a bad signature or stale timestamp (nothing
changes), 503 when the gateway or the database is briefly unavailable (Stripe retries), 200
otherwise, only after the change is committed.

- Each event id is processed at most once: the `WebhookDelivery` row is inserted in the same
  transaction as the change, and its unique constraint refuses the second one (a redelivery
  that races the first waits for it and then finds the row).
- The object is re-fetched from the gateway before acting, so an event delivered late or out of
  order cannot move a payment backwards: whatever the event says, the payment follows what the
  gateway holds now, and a settled payment stays settled.
- `settle_checkout` runs the same code for the attendee's return from the checkout page, so
  the ticket appears whichever arrives first, the redirect or the webhook.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, col, select

from portal.db import TxMode, session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import PaymentStatus, RefundStatus
from portal.domain.models import Payment, Refund, WebhookDelivery
from portal.services import audit
from portal.services.payment_gateway import (
    BadSignature,
    CardGateway,
    CheckoutState,
    GatewayEvent,
    GatewayRefused,
    GatewayUnavailable,
    RefundState,
)
from portal.services.payments import close_payment, record_refund_paid, settle_paid

logger = logging.getLogger("portal.payments")

CHECKOUT_EVENTS = frozenset({"checkout.session.completed",
                             "checkout.session.async_payment_succeeded",
                             "checkout.session.async_payment_failed",
                             "checkout.session.expired"})
REFUND_EVENTS = frozenset({"refund.created", "refund.updated", "refund.failed"})
OK, BAD_REQUEST, RETRY = 200, 400, 503


def receive(payload: bytes, signature_header: str, gateway: CardGateway) -> int:
    """Handle one delivery; the HTTP status to answer with."""
    try:
        event = gateway.verify_event(payload, signature_header)
    except BadSignature as error:
        logger.warning("webhook refused: %s", error)
        return BAD_REQUEST
    if event.type not in CHECKOUT_EVENTS | REFUND_EVENTS:
        return OK  # an event we do not subscribe to: acknowledged, nothing to do
    try:
        if _seen(gateway.provider, event.id):
            return OK
        if event.type in CHECKOUT_EVENTS:
            state = gateway.retrieve_checkout(event.object_id)
            _apply_checkout(state, gateway.provider, delivery=event)
            _collect_fee(state, gateway)
        else:
            _apply_refund(gateway.retrieve_refund(event.object_id), gateway.provider,
                          delivery=event)
    except GatewayUnavailable as error:
        logger.warning("webhook %s: the gateway is unavailable (%s); asking for a retry",
                       event.id, error)
        return RETRY
    except GatewayRefused as error:  # signed by the gateway, about nothing it holds
        logger.warning("webhook %s: the gateway does not know %s (%s); ignored", event.id,
                       event.object_id, error)
        return OK
    except OperationalError as error:
        logger.warning("webhook %s: the database is busy (%s); asking for a retry",
                       event.id, error.__class__.__name__)
        return RETRY
    return OK


def settle_checkout(checkout_id: str, gateway: CardGateway) -> str:
    """Re-check a checkout with the gateway and apply it (the attendee's return from the
    checkout page); the payment's status afterwards."""
    state = gateway.retrieve_checkout(checkout_id)
    status = _apply_checkout(state, gateway.provider, delivery=None)
    _collect_fee(state, gateway)
    return status


def _collect_fee(state: CheckoutState, gateway: CardGateway) -> None:
    """The processing fee, once the charge is committed; a failure here is caught up by the
    worker, so it never makes the provider redeliver the event."""
    if state.paid and state.payment_intent:
        from portal.services.processing_fees import collect_fee_for_intent

        collect_fee_for_intent(state.payment_intent, gateway)


def _seen(provider: str, event_id: str) -> bool:
    """A cheap look before the gateway is asked again; the unique insert is the guard."""
    with session_scope(mode=TxMode.READ) as session:
        return session.exec(select(WebhookDelivery.id).where(
            col(WebhookDelivery.provider) == provider,
            col(WebhookDelivery.event_id) == event_id)).first() is not None


def _record_delivery(session: Session, provider: str, event: GatewayEvent | None) -> bool:
    if event is None:
        return True
    try:
        with session.begin_nested():
            session.add(WebhookDelivery(provider=provider, event_id=event.id,
                                        event_type=event.type, object_id=event.object_id))
    except IntegrityError:
        return False
    return True


def _payment_for(session: Session, state: CheckoutState) -> Payment | None:
    payment = session.exec(select(Payment).where(col(Payment.checkout_id) == state.id)).first()
    if payment is None and state.metadata.get("payment_reference"):
        payment = session.exec(select(Payment).where(
            col(Payment.reference) == state.metadata["payment_reference"])).first()
    return payment


def _apply_checkout(state: CheckoutState, provider: str, *,
                    delivery: GatewayEvent | None) -> str:
    with session_scope() as session:
        if not _record_delivery(session, provider, delivery):
            return "duplicate"
        payment = _payment_for(session, state)
        if payment is None or payment.provider != provider:
            logger.warning("checkout %s matches no payment of ours", state.id)
            return "unknown"
        now = utcnow()
        if state.paid:
            if state.payment_intent and not payment.provider_payment_id:
                payment.provider_payment_id = state.payment_intent
                session.add(payment)
                session.flush()
            settle_paid(session, payment, amount_minor=state.amount_total,
                        provider_ref=state.payment_intent or state.id, now=now)
        elif payment.status == PaymentStatus.PENDING.value:
            if state.status == "expired":
                _close(session, payment, PaymentStatus.EXPIRED, "payment.expired", now)
            elif state.status == "complete" and state.payment_status == "unpaid":
                _close(session, payment, PaymentStatus.FAILED, "payment.failed", now)
        return payment.status


def _close(session: Session, payment: Payment, to: PaymentStatus, action: str,
           now: datetime) -> None:
    if close_payment(session, payment, to, now=now):
        audit.record(session, actor_id=None, action=action, object_type="registration",
                     object_id=payment.registration_id,
                     after={"amount_minor": payment.amount_minor, "currency": payment.currency,
                            "method": payment.method, "reference": payment.reference})


def _refund_for(session: Session, state: RefundState) -> Refund | None:
    refund = session.exec(select(Refund).where(
        col(Refund.provider_refund_id) == state.id)).first()
    if refund is None and state.metadata.get("refund_id", "").isdigit():
        refund = session.get(Refund, int(state.metadata["refund_id"]))
    return refund


def _apply_refund(state: RefundState, provider: str, *, delivery: GatewayEvent | None) -> str:
    with session_scope() as session:
        if not _record_delivery(session, provider, delivery):
            return "duplicate"
        refund = _refund_for(session, state)
        if refund is None:
            logger.warning("refund %s matches no refund of ours", state.id)
            return "unknown"
        now = utcnow()
        if state.status == "succeeded":
            record_refund_paid(session, refund, provider=provider, provider_ref=state.id,
                               now=now)
        elif state.status in ("failed", "canceled"):
            failed = session.execute(
                update(Refund).where(col(Refund.id) == refund.id,
                                     col(Refund.status).in_([RefundStatus.APPROVED.value,
                                                             RefundStatus.PROCESSING.value]))
                .values(status=RefundStatus.FAILED.value, last_error=f"provider: {state.status}",
                        provider_refund_id=state.id, updated_at=now)
                .execution_options(synchronize_session=False))
            if failed.rowcount == 1:  # type: ignore[attr-defined]
                audit.record(session, actor_id=None, action="refund.failed",
                             object_type="registration", object_id=refund.registration_id,
                             after={"amount_minor": refund.amount_minor,
                                    "currency": refund.currency})
            session.refresh(refund)
        return refund.status
