"""The demo gateway end to end through the webhook code: a card checkout paid, declined or
left to expire; events signed as Stripe signs them, refused when forged or stale, applied once
however often they arrive; the return page's re-check; a refund reported back by webhook."""

from __future__ import annotations

import json
import time

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import PaymentStatus, RefundCause, RefundStatus, RegistrationStatus
from portal.domain.models import OutboxEmail, Payment, Refund, Registration, WebhookDelivery
from portal.integrations.payments_demo import DemoGateway
from portal.integrations.stripe_events import signature_header
from portal.services import payment_webhooks, payments
from portal.services.payment_gateway import GatewayRefused
from portal.services.payment_start import attach_checkout, prepare_card
from portal.settings import get_settings
from tests.services.payment_helpers import holder, ledger, paid_event, refunds, registration
from tests.services.payment_helpers import payments as payments_of


@pytest.fixture
def gateway(engine) -> DemoGateway:
    return DemoGateway(webhook_secret=get_settings().webhook_secret,
                       base_url="http://localhost:3000")


def checkout(gateway: DemoGateway, actor, reg_id: int) -> str:
    with session_scope() as session:
        attempt = prepare_card(session, actor, registration_id=reg_id, provider="demo")
    state = gateway.create_checkout(attempt.request)
    with session_scope() as session:
        attach_checkout(session, payment_id=attempt.payment_id, state=state)
    return state.id


def confirmations(reg_id: int) -> int:
    with session_scope() as session:
        return len(session.exec(select(OutboxEmail.id).where(
            OutboxEmail.template == "registration_confirmed",
            OutboxEmail.about_id == reg_id)).all())


def test_paying_on_the_card_page_confirms_the_registration_once(team, gateway):
    ann, reg_id = holder("Ann", paid_event(team))
    session_id = checkout(gateway, ann, reg_id)
    assert gateway.retrieve_checkout(session_id).amount_total == 12000
    gateway.finish(session_id, "pay")
    assert registration(reg_id).status == RegistrationStatus.CONFIRMED.value
    [payment] = payments_of(reg_id)
    assert payment.status == PaymentStatus.SUCCEEDED.value
    assert payment.provider_payment_id.startswith("pi_demo_")
    assert ledger(reg_id) == [("charge", 12000)]
    assert confirmations(reg_id) == 1
    with pytest.raises(GatewayRefused):  # a paid checkout cannot be paid again
        gateway.finish(session_id, "pay")
    # the attendee's return re-checks the same checkout: nothing more happens
    assert payment_webhooks.settle_checkout(session_id, gateway) == "succeeded"
    assert ledger(reg_id) == [("charge", 12000)] and confirmations(reg_id) == 1


def test_a_retried_create_returns_the_same_checkout(team, gateway):
    ann, reg_id = holder("Ann", paid_event(team))
    with session_scope() as session:
        attempt = prepare_card(session, ann, registration_id=reg_id, provider="demo")
    first = gateway.create_checkout(attempt.request)
    assert gateway.create_checkout(attempt.request).id == first.id


def test_a_declined_card_fails_the_payment_and_another_attempt_can_follow(team, gateway):
    ann, reg_id = holder("Ann", paid_event(team))
    first = checkout(gateway, ann, reg_id)
    gateway.finish(first, "decline")
    assert [p.status for p in payments_of(reg_id)] == [PaymentStatus.FAILED.value]
    assert registration(reg_id).status == RegistrationStatus.PENDING_PAYMENT.value
    second = checkout(gateway, ann, reg_id)
    assert second != first
    gateway.finish(second, "pay")
    assert registration(reg_id).status == RegistrationStatus.CONFIRMED.value
    assert ledger(reg_id) == [("charge", 12000)]


def test_an_expired_checkout_expires_its_payment(team, gateway):
    ann, reg_id = holder("Ann", paid_event(team))
    session_id = checkout(gateway, ann, reg_id)
    gateway.finish(session_id, "expire")
    assert [p.status for p in payments_of(reg_id)] == [PaymentStatus.EXPIRED.value]
    assert ledger(reg_id) == []


def _event_for(session_id: str, gateway: DemoGateway, event_type: str,
               event_id: str = "evt_test_1") -> bytes:
    data = gateway.checkout_details(session_id)
    return json.dumps({"id": event_id, "object": "event", "type": event_type,
                       "data": {"object": data}}).encode()


def test_forged_and_stale_deliveries_are_refused_and_change_nothing(team, gateway):
    ann, reg_id = holder("Ann", paid_event(team))
    session_id = checkout(gateway, ann, reg_id)
    gateway._save({**gateway.checkout_details(session_id), "status": "complete",
                   "payment_status": "paid", "payment_intent": "pi_demo_x"})
    payload = _event_for(session_id, gateway, "checkout.session.completed")
    secret = gateway.webhook_secret
    forged = signature_header(payload, "whsec_someone_else")
    stale = signature_header(payload, secret, int(time.time()) - 3600)
    tampered = signature_header(payload, secret)
    for body, header in ((payload, forged), (payload, stale), (payload, ""),
                         (payload.replace(b"12000", b"1"), tampered), (b"not json", tampered)):
        assert payment_webhooks.receive(body, header, gateway) == 400
    assert ledger(reg_id) == []
    assert registration(reg_id).status == RegistrationStatus.PENDING_PAYMENT.value
    # the genuine delivery, then the same one again and again
    good = signature_header(payload, secret)
    for _ in range(5):
        assert payment_webhooks.receive(payload, good, gateway) == 200
    assert ledger(reg_id) == [("charge", 12000)]
    assert confirmations(reg_id) == 1
    with session_scope() as session:
        assert len(session.exec(select(WebhookDelivery)).all()) == 1


def test_an_expired_event_after_payment_cannot_move_it_back(team, gateway):
    ann, reg_id = holder("Ann", paid_event(team))
    session_id = checkout(gateway, ann, reg_id)
    gateway.finish(session_id, "pay")
    late = _event_for(session_id, gateway, "checkout.session.expired", "evt_late")
    assert payment_webhooks.receive(late, signature_header(late, gateway.webhook_secret),
                                    gateway) == 200
    assert [p.status for p in payments_of(reg_id)] == [PaymentStatus.SUCCEEDED.value]
    assert registration(reg_id).status == RegistrationStatus.CONFIRMED.value


def test_the_redirect_before_the_webhook_confirms_and_the_webhook_then_does_nothing(
        team, gateway, monkeypatch):
    ann, reg_id = holder("Ann", paid_event(team))
    session_id = checkout(gateway, ann, reg_id)
    held: list[tuple[str, dict]] = []
    deliver = gateway._deliver
    monkeypatch.setattr(gateway, "_deliver", lambda kind, data: held.append((kind, data)))
    gateway.finish(session_id, "pay")
    assert registration(reg_id).status == RegistrationStatus.PENDING_PAYMENT.value
    assert payment_webhooks.settle_checkout(session_id, gateway) == "succeeded"
    assert registration(reg_id).status == RegistrationStatus.CONFIRMED.value
    for kind, data in held:
        deliver(kind, data)
    assert ledger(reg_id) == [("charge", 12000)] and confirmations(reg_id) == 1


def test_a_database_lock_asks_the_gateway_to_retry(team, gateway, monkeypatch):
    from sqlalchemy.exc import OperationalError

    ann, reg_id = holder("Ann", paid_event(team))
    session_id = checkout(gateway, ann, reg_id)
    gateway._save({**gateway.checkout_details(session_id), "status": "complete",
                   "payment_status": "paid", "payment_intent": "pi_demo_y"})
    payload = _event_for(session_id, gateway, "checkout.session.completed")
    header = signature_header(payload, gateway.webhook_secret)

    settle = payment_webhooks.settle_paid
    calls = []

    def locked_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("UPDATE", {}, Exception("database is locked"))
        return settle(*args, **kwargs)

    monkeypatch.setattr(payment_webhooks, "settle_paid", locked_once)
    assert payment_webhooks.receive(payload, header, gateway) == 503
    assert ledger(reg_id) == []
    assert payment_webhooks.receive(payload, header, gateway) == 200  # Stripe's retry
    assert ledger(reg_id) == [("charge", 12000)]


def test_a_demo_refund_is_reported_by_webhook_and_entered_once(team, gateway):
    ann, reg_id = holder("Ann", paid_event(team))
    session_id = checkout(gateway, ann, reg_id)
    gateway.finish(session_id, "pay")
    with session_scope() as session:
        reg = session.get(Registration, reg_id)
        payment = session.exec(select(Payment).where(Payment.registration_id == reg_id)).one()
        refund = payments.refund_in_full(session, reg, payment, cause=RefundCause.STAFF,
                                         cause_key=f"test:{reg_id}", now=utcnow())
        assert refund is not None
        refund_id, intent = refund.id, payment.provider_payment_id
    for _ in range(2):  # a retried call with the same key: one refund
        state = gateway.create_refund(payment_intent=intent, amount_minor=12000,
                                      idempotency_key=f"refund-{refund_id}",
                                      metadata={"refund_id": str(refund_id),
                                                "currency": "CNY"})
    assert state.status == "succeeded"
    [done] = refunds(reg_id)
    assert (done.status, done.provider_refund_id) == (RefundStatus.SUCCEEDED.value, state.id)
    assert ledger(reg_id) == [("charge", 12000), ("refund", 12000)]
    with session_scope() as session:
        assert session.get(Refund, refund_id) is not None
        assert payments.balance(session, reg_id).held_minor == 0


def test_the_webhook_route_answers_with_the_service_status(team, gateway, monkeypatch):
    from portal import wiring
    from portal.web.app import build_web_app

    monkeypatch.setattr(wiring, "card_gateway", lambda: gateway)
    monkeypatch.setattr("portal.web.hooks.card_gateway", lambda: gateway)
    client = TestClient(build_web_app())
    payload = b'{"id": "evt_1", "type": "checkout.session.completed", "data": {"object": {}}}'
    assert client.post("/hooks/stripe", content=payload,
                       headers={"stripe-signature": "t=1,v1=00"}).status_code == 400
    ignored = json.dumps({"id": "evt_2", "type": "customer.created",
                          "data": {"object": {"id": "cus_1"}}}).encode()
    assert client.post("/hooks/stripe", content=ignored, headers={
        "stripe-signature": signature_header(ignored, gateway.webhook_secret)}
    ).status_code == 200
    assert client.post("/hooks/stripe", content=b"x" * (600 * 1024)).status_code == 413


def test_a_signed_event_about_an_unknown_object_is_acknowledged_and_changes_nothing(
        team, gateway):
    payload = json.dumps({"id": "evt_unknown", "type": "checkout.session.completed",
                          "data": {"object": {"id": "cs_demo_nothing",
                                              "object": "checkout.session"}}}).encode()
    header = signature_header(payload, gateway.webhook_secret)
    assert payment_webhooks.receive(payload, header, gateway) == 200
    with session_scope() as session:
        assert session.exec(select(WebhookDelivery)).all() == []


def test_an_unused_card_attempt_too_close_to_its_end_is_replaced(team, gateway):
    from datetime import timedelta

    from sqlalchemy import update

    ann, reg_id = holder("Ann", paid_event(team))
    with session_scope() as session:
        first = prepare_card(session, ann, registration_id=reg_id, provider="demo")
    with session_scope() as session:
        session.execute(update(Payment).where(Payment.id == first.payment_id)
                        .values(due_at=utcnow() + timedelta(minutes=10)))
    with session_scope() as session:
        second = prepare_card(session, ann, registration_id=reg_id, provider="demo")
    assert second.payment_id != first.payment_id
    assert second.request.expires_at - utcnow() >= timedelta(minutes=30)
    assert [p.status for p in payments_of(reg_id)] == [PaymentStatus.ABANDONED.value,
                                                       PaymentStatus.PENDING.value]
