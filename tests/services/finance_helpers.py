"""Money in the ledger through the real flows, for the finance report tests: a finance staff
member, card payments through the Stripe SDK and stand-in (charge + processing fee), offline
payments confirmed by finance staff, and card refunds reported back by webhook."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from portal.db import session_scope
from portal.domain.enums import RefundCause, RefundStatus, Role
from portal.domain.models import Payment, Registration
from portal.domain.policies import Actor
from portal.integrations.payments_stripe import StripeGateway
from portal.services import finance_payments, payments
from portal.services.payment_start import attach_checkout, choose_offline, prepare_card
from portal.services.payment_webhooks import receive
from portal.services.users import create_user
from tests.services.helpers import STRONG
from tests.services.payment_helpers import holder
from tests.stripe_standin import StripeStandIn

SECRET = "whsec_test_finance_reports"


@pytest.fixture
def standin():
    server = StripeStandIn(hang_seconds=3).start()
    yield server
    server.stop()


@pytest.fixture
def gateway(engine, standin) -> StripeGateway:
    return StripeGateway(secret_key="sk_test_portal", webhook_secret=SECRET,
                         api_base=standin.url, timeout_seconds=1, max_network_retries=0)


def staff(name: str, *roles: Role) -> Actor:
    with session_scope() as session:
        user = create_user(session, name=name, email=f"{name.lower()}@staff.example",
                           password=STRONG, roles=frozenset(roles), verified=True,
                           phone="+86 138 0000 0003", date_of_birth=date(1980, 1, 1),
                           accepted_rules=True)
        return Actor(user_id=user.id, roles=frozenset(roles), verified=True,
                     accepted_rules=True)


def deliver(standin: StripeStandIn, gateway: StripeGateway, event_type: str, obj: dict, *,
            event_id: str | None = None) -> int:
    payload, header = standin.signed_event(event_type, obj, SECRET, event_id=event_id)
    return receive(payload, header, gateway)


def card_paid(standin: StripeStandIn, gateway: StripeGateway, who: str, event_id: int
              ) -> tuple[int, str]:
    """A registration paid by card, the webhook delivered: (registration id, PaymentIntent)."""
    actor, reg_id = holder(who, event_id)
    with session_scope() as session:
        attempt = prepare_card(session, actor, registration_id=reg_id, provider="stripe")
    state = gateway.create_checkout(attempt.request)
    with session_scope() as session:
        attach_checkout(session, payment_id=attempt.payment_id, state=state)
    paid = standin.complete(state.id)
    assert deliver(standin, gateway, "checkout.session.completed", paid) == 200
    return reg_id, paid["payment_intent"]


def card_refunded(standin: StripeStandIn, gateway: StripeGateway, reg_id: int, intent: str,
                  amount_minor: int) -> str:
    """Part (or all) of a card payment paid back through Stripe, reported by webhook."""
    with session_scope() as session:
        registration = session.get(Registration, reg_id)
        payment = session.exec(select(Payment).where(Payment.registration_id == reg_id)).one()
        assert registration is not None
        refund = payments.create_refund(
            session, registration, payment, cause=RefundCause.ATTENDEE,
            cause_key=f"test:{reg_id}:{amount_minor}", amount_minor=amount_minor,
            status=RefundStatus.APPROVED, now=payment.settled_at or payment.created_at)
        assert refund is not None
        refund_id = refund.id
    sent = gateway.create_refund(payment_intent=intent, amount_minor=amount_minor,
                                 idempotency_key=f"refund-{refund_id}",
                                 metadata={"refund_id": str(refund_id)})
    assert deliver(standin, gateway, "refund.updated", standin.refunds[sent.id]) == 200
    return sent.id


def offline_paid(finance: Actor, who: str, event_id: int) -> int:
    """A bank transfer confirmed by finance staff: the registration id."""
    actor, reg_id = holder(who, event_id)
    with session_scope() as session:
        payment = choose_offline(session, actor, registration_id=reg_id,
                                 method="bank_transfer")
        finance_payments.confirm_offline_payment(
            session, finance, payment_id=payment.id or 0,
            receipt=finance_payments.OfflineReceipt(
                amount=f"{payment.amount_minor / 100:.2f}",
                received_on=finance_payments.today()))
    return reg_id
