"""Paid registrations and a card gateway stand-in for the refund tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import select

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.models import Payment, Refund
from portal.services import payments
from portal.services.payment_gateway import GatewayRefused, GatewayUnavailable, RefundState
from portal.services.payment_start import choose_offline, prepare_card
from tests.services.payment_helpers import holder


def pay(actor, registration_id: int, *, method: str = "cash") -> int:
    """Pay for a held registration (offline, or by card with a payment intent): payment id."""
    with session_scope() as session:
        if method == "card":
            payment_id = prepare_card(session, actor, registration_id=registration_id,
                                      provider="demo").payment_id
        else:
            payment_id = choose_offline(session, actor, registration_id=registration_id,
                                        method=method).id
    with session_scope() as session:
        payment = session.get(Payment, payment_id)
        assert payment is not None
        if method == "card":
            payment.provider_payment_id = f"pi_demo_{payment_id}"
        payments.settle_paid(session, payment, amount_minor=payment.amount_minor,
                             provider_ref=f"pi_{payment_id}", now=utcnow())
    return payment_id


def paid_holder(name: str, event_id: int, *, method: str = "cash"):
    """A person with a confirmed, paid registration: (actor, registration id)."""
    actor, registration_id = holder(name, event_id)
    pay(actor, registration_id, method=method)
    return actor, registration_id


def refund(refund_id: int) -> Refund:
    with session_scope() as session:
        found = session.get(Refund, refund_id)
        assert found is not None
        session.expunge(found)
        return found


def all_refunds() -> list[Refund]:
    with session_scope() as session:
        rows = list(session.exec(select(Refund).order_by(Refund.id)))
        for row in rows:
            session.expunge(row)
        return rows


@dataclass
class FakeGateway:
    """The refund half of a card gateway, as Stripe behaves: an idempotency key returns the
    refund it created first. `mode`: succeeded, pending, down or refuse."""

    provider: str = "demo"
    mode: str = "succeeded"
    calls: list[dict] = field(default_factory=list)
    created: dict[str, RefundState] = field(default_factory=dict)

    def create_refund(self, *, payment_intent: str, amount_minor: int, idempotency_key: str,
                      metadata: dict[str, str]) -> RefundState:
        self.calls.append({"payment_intent": payment_intent, "amount": amount_minor,
                           "key": idempotency_key, "metadata": dict(metadata)})
        if self.mode == "down":
            raise GatewayUnavailable("503 from the provider")
        if self.mode == "refuse":
            raise GatewayRefused("charge already refunded")
        if idempotency_key not in self.created:
            status = "pending" if self.mode == "pending" else "succeeded"
            self.created[idempotency_key] = RefundState(
                id=f"re_{len(self.created) + 1}", status=status, amount=amount_minor,
                currency="cny", payment_intent=payment_intent, metadata=dict(metadata))
        return self.created[idempotency_key]

    def retrieve_refund(self, refund_id: str) -> RefundState:
        for state in self.created.values():
            if state.id == refund_id:
                return state
        raise GatewayRefused("no such refund")
