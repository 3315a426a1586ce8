"""Card payments end to end through the real Stripe SDK and the local Stripe stand-in: the
checkout created for a registration, the webhook before or after the attendee's return, the
same event a thousand times at once and out of order, forged and stale deliveries, Stripe down
while creating a session, a payment after the seat hold lapsed, and a refund reported back."""

from __future__ import annotations

import random
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import update
from sqlmodel import select
from starlette.testclient import TestClient

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import PaymentStatus, RefundCause, RefundStatus, RegistrationStatus
from portal.domain.models import OutboxEmail, Refund, Registration, WebhookDelivery
from portal.integrations.payments_stripe import StripeGateway
from portal.services import payment_webhooks
from portal.services.payment_gateway import GatewayUnavailable
from portal.services.payment_start import attach_checkout, prepare_card
from portal.services.registration_flow import sweep_lapsed
from tests.services.payment_helpers import holder, ledger, paid_event, refunds, registration
from tests.services.payment_helpers import payments as payments_of
from tests.stripe_standin import StripeStandIn, sign

SECRET = "whsec_test_service_hooks"


@pytest.fixture
def standin():
    server = StripeStandIn(hang_seconds=3).start()
    yield server
    server.stop()


@pytest.fixture
def gateway(engine, standin) -> StripeGateway:
    return StripeGateway(secret_key="sk_test_portal", webhook_secret=SECRET,
                         api_base=standin.url, timeout_seconds=1, max_network_retries=0)


def start_checkout(gateway: StripeGateway, actor, reg_id: int) -> str:
    """What the pay page does: open the payment, ask Stripe, store the session."""
    with session_scope() as session:
        attempt = prepare_card(session, actor, registration_id=reg_id, provider="stripe")
    state = gateway.create_checkout(attempt.request)
    with session_scope() as session:
        attach_checkout(session, payment_id=attempt.payment_id, state=state)
    return state.id


def deliver(standin: StripeStandIn, gateway: StripeGateway, event_type: str, obj: dict, *,
            event_id: str | None = None) -> int:
    payload, header = standin.signed_event(event_type, obj, SECRET, event_id=event_id)
    return payment_webhooks.receive(payload, header, gateway)


def emails(template: str, reg_id: int) -> int:
    with session_scope() as session:
        return len(session.exec(select(OutboxEmail.id).where(
            OutboxEmail.template == template, OutboxEmail.about_id == reg_id)).all())


def deliveries() -> list[str]:
    with session_scope() as session:
        return sorted(session.exec(select(WebhookDelivery.event_id)).all())


def test_the_checkout_stripe_gets_is_the_registration_s_own_amount_and_key(team, gateway,
                                                                           standin):
    ann, reg_id = holder("Ann", paid_event(team))
    session_id = start_checkout(gateway, ann, reg_id)
    [payment] = payments_of(reg_id)
    [call] = standin.calls("POST", "/v1/checkout/sessions")
    params = call["params"]
    assert call["idempotency_key"] == f"checkout-{payment.id}"
    assert [(line["price_data"]["unit_amount"], line["price_data"]["currency"],
             line["quantity"]) for line in params["line_items"]] == [("12000", "cny", "1")]
    assert params["client_reference_id"] == str(reg_id)
    assert params["metadata"] == {"registration_id": str(reg_id),
                                  "payment_reference": payment.reference}
    assert int(params["expires_at"]) == int(payment.due_at.timestamp())
    assert params["success_url"].endswith("&session={CHECKOUT_SESSION_ID}")
    assert (payment.checkout_id, payment.amount_minor) == (session_id, 12000)


def test_the_webhook_before_the_return_confirms_once(team, gateway, standin):
    ann, reg_id = holder("Ann", paid_event(team))
    session_id = start_checkout(gateway, ann, reg_id)
    paid = standin.complete(session_id)
    assert deliver(standin, gateway, "checkout.session.completed", paid) == 200
    assert registration(reg_id).status == RegistrationStatus.CONFIRMED.value
    [payment] = payments_of(reg_id)
    assert (payment.status, payment.provider, payment.provider_payment_id) == (
        PaymentStatus.SUCCEEDED.value, "stripe", paid["payment_intent"])
    # the attendee's browser comes back afterwards: the same answer, nothing more
    assert payment_webhooks.settle_checkout(session_id, gateway) == "succeeded"
    assert ledger(reg_id) == [("charge", 12000)]
    assert emails("registration_confirmed", reg_id) == 1


def test_the_return_before_the_webhook_confirms_and_the_webhook_then_does_nothing(
        team, gateway, standin):
    ann, reg_id = holder("Ann", paid_event(team))
    session_id = start_checkout(gateway, ann, reg_id)
    paid = standin.complete(session_id)
    assert payment_webhooks.settle_checkout(session_id, gateway) == "succeeded"
    assert registration(reg_id).status == RegistrationStatus.CONFIRMED.value
    assert deliver(standin, gateway, "checkout.session.completed", paid) == 200
    assert ledger(reg_id) == [("charge", 12000)]
    assert emails("registration_confirmed", reg_id) == 1


def test_returning_before_paying_changes_nothing(team, gateway, standin):
    ann, reg_id = holder("Ann", paid_event(team))
    session_id = start_checkout(gateway, ann, reg_id)
    assert payment_webhooks.settle_checkout(session_id, gateway) == "pending"
    assert registration(reg_id).status == RegistrationStatus.PENDING_PAYMENT.value
    assert ledger(reg_id) == []


@pytest.mark.parametrize("look_first", [True, False], ids=["as-is", "unique-constraint-only"])
def test_a_thousand_deliveries_at_once_and_out_of_order_enter_one_charge_and_one_email(
        team, gateway, standin, monkeypatch, look_first):
    if not look_first:  # every delivery races to the insert: the constraint alone must hold
        monkeypatch.setattr(payment_webhooks, "_seen", lambda provider, event_id: False)
    ann, reg_id = holder("Ann", paid_event(team))
    session_id = start_checkout(gateway, ann, reg_id)
    snapshot_open = dict(standin.sessions[session_id])
    paid = standin.complete(session_id)
    # Stripe's events, each redelivered many times, in no order: an "expired" snapshot taken
    # before the payment, the completion, and an async success; all signed alike.
    kinds = [("checkout.session.expired", snapshot_open, "evt_expired"),
             ("checkout.session.completed", paid, "evt_completed"),
             ("checkout.session.async_payment_succeeded", paid, "evt_async")]
    bodies = [standin.signed_event(kind, obj, SECRET, event_id=event_id)
              for kind, obj, event_id in kinds]
    batch = [bodies[1]] * 700 + [bodies[0]] * 200 + [bodies[2]] * 100
    random.Random(11).shuffle(batch)
    batch.insert(0, bodies[0])  # the stale "expired" event arrives first

    def one(delivery: tuple[bytes, str]) -> int:
        status = payment_webhooks.receive(delivery[0], delivery[1], gateway)
        while status == 503:  # Stripe retries a delivery answered with 5xx
            status = payment_webhooks.receive(delivery[0], delivery[1], gateway)
        return status

    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = list(pool.map(one, batch))
    assert statuses == [200] * len(batch)
    assert ledger(reg_id) == [("charge", 12000)]
    assert emails("registration_confirmed", reg_id) == 1
    assert registration(reg_id).status == RegistrationStatus.CONFIRMED.value
    assert [p.status for p in payments_of(reg_id)] == [PaymentStatus.SUCCEEDED.value]
    assert deliveries() == ["evt_async", "evt_completed", "evt_expired"]


def test_an_expired_session_expires_its_payment_and_a_late_completed_snapshot_cannot_pay_it(
        team, gateway, standin):
    ann, reg_id = holder("Ann", paid_event(team))
    session_id = start_checkout(gateway, ann, reg_id)
    fake_paid = {**standin.sessions[session_id], "status": "complete",
                 "payment_status": "paid", "payment_intent": "pi_forged"}
    expired = standin.expire(session_id)
    assert deliver(standin, gateway, "checkout.session.expired", expired) == 200
    # a "completed" body is not believed: Stripe is asked, and it says expired
    assert deliver(standin, gateway, "checkout.session.completed", fake_paid) == 200
    assert [p.status for p in payments_of(reg_id)] == [PaymentStatus.EXPIRED.value]
    assert ledger(reg_id) == []
    assert registration(reg_id).status == RegistrationStatus.PENDING_PAYMENT.value


def test_a_delayed_payment_confirms_when_it_succeeds(team, gateway, standin):
    ann, reg_id = holder("Ann", paid_event(team))
    session_id = start_checkout(gateway, ann, reg_id)
    standin.complete(session_id, paid=False)
    succeeded = standin.settle_async(session_id, succeeded=True)
    assert deliver(standin, gateway, "checkout.session.async_payment_succeeded",
                   succeeded) == 200
    assert deliver(standin, gateway, "checkout.session.completed", succeeded) == 200
    assert registration(reg_id).status == RegistrationStatus.CONFIRMED.value
    assert ledger(reg_id) == [("charge", 12000)]


def _forged(standin: StripeStandIn, obj: dict) -> list[tuple[bytes, str]]:
    payload, _ = standin.signed_event("checkout.session.completed", obj, SECRET,
                                      event_id="evt_forged")
    now = int(time.time())
    return [(payload, sign(payload, "whsec_not_ours")),
            (payload, sign(payload, SECRET, now - 301)),
            (payload, sign(payload, SECRET, now - 86400)),
            (payload.replace(b'"paid"', b'"PAID"'), sign(payload, SECRET)),
            (payload, ""), (payload, "t=abc,v1=def"),
            (b"{", sign(b"{", SECRET))]


def test_forged_and_stale_deliveries_answer_400_and_change_nothing(team, gateway, standin):
    ann, reg_id = holder("Ann", paid_event(team))
    session_id = start_checkout(gateway, ann, reg_id)
    paid = standin.complete(session_id)
    before = len(standin.requests)
    for body, header in _forged(standin, paid):
        assert payment_webhooks.receive(body, header, gateway) == 400
    assert len(standin.requests) == before  # nothing was even looked up
    assert deliveries() == [] and ledger(reg_id) == []
    assert registration(reg_id).status == RegistrationStatus.PENDING_PAYMENT.value
    assert [p.status for p in payments_of(reg_id)] == [PaymentStatus.PENDING.value]
    assert emails("registration_confirmed", reg_id) == 0


def test_stripe_down_while_a_webhook_is_handled_asks_for_a_retry_and_loses_nothing(
        team, gateway, standin):
    ann, reg_id = holder("Ann", paid_event(team))
    session_id = start_checkout(gateway, ann, reg_id)
    paid = standin.complete(session_id)
    payload, header = standin.signed_event("checkout.session.completed", paid, SECRET)
    standin.fail_next(1, status=500)
    assert payment_webhooks.receive(payload, header, gateway) == 503
    standin.hang_next()
    assert payment_webhooks.receive(payload, header, gateway) == 503
    assert deliveries() == [] and ledger(reg_id) == []  # not recorded: the retry counts
    assert payment_webhooks.receive(payload, header, gateway) == 200
    assert ledger(reg_id) == [("charge", 12000)]


@pytest.mark.parametrize("failure", ["500", "timeout"])
def test_stripe_down_when_creating_the_session_then_the_retry_gets_one_session(
        team, gateway, standin, failure):
    ann, reg_id = holder("Ann", paid_event(team))
    with session_scope() as session:
        attempt = prepare_card(session, ann, registration_id=reg_id, provider="stripe")
    if failure == "500":
        standin.fail_next(1, status=500)
    else:
        standin.hang_next()
    with pytest.raises(GatewayUnavailable):
        gateway.create_checkout(attempt.request)
    [payment] = payments_of(reg_id)
    assert (payment.status, payment.checkout_id) == (PaymentStatus.PENDING.value, None)
    # the attendee presses "Pay" again: the same payment, the same key, one session
    with session_scope() as session:
        again = prepare_card(session, ann, registration_id=reg_id, provider="stripe")
    assert again.request.idempotency_key == attempt.request.idempotency_key
    state = gateway.create_checkout(again.request)
    with session_scope() as session:
        attach_checkout(session, payment_id=again.payment_id, state=state)
    assert list(standin.sessions) == [state.id]
    assert [p.checkout_id for p in payments_of(reg_id)] == [state.id]


def test_a_card_checkout_after_choosing_a_transfer_asks_stripe_for_at_most_a_day(
        team, gateway, standin):
    from datetime import timedelta

    from portal.services.payment_start import choose_offline

    ann, reg_id = holder("Ann", paid_event(team))
    with session_scope() as session:  # the seat is now held for days
        choose_offline(session, ann, registration_id=reg_id, method="bank_transfer")
    start_checkout(gateway, ann, reg_id)  # Stripe refuses more than 24 hours
    [call] = standin.calls("POST", "/v1/checkout/sessions")
    assert int(call["params"]["expires_at"]) <= int(
        (utcnow() + timedelta(hours=24)).timestamp())
    assert [p.method for p in payments_of(reg_id)] == ["bank_transfer", "card"]


def _lapse(reg_id: int) -> None:
    from datetime import timedelta

    with session_scope() as session:
        session.execute(update(Registration).where(Registration.id == reg_id)
                        .values(hold_expires_at=utcnow() - timedelta(minutes=1)))
    with session_scope() as session:
        assert sweep_lapsed(session, now=utcnow()) == 1


def test_a_card_payment_after_the_hold_lapsed_confirms_when_a_seat_is_free(team, gateway,
                                                                           standin):
    ann, reg_id = holder("Ann", paid_event(team, capacity=1))
    session_id = start_checkout(gateway, ann, reg_id)
    _lapse(reg_id)
    assert registration(reg_id).status == RegistrationStatus.EXPIRED.value
    paid = standin.complete(session_id)
    assert deliver(standin, gateway, "checkout.session.completed", paid) == 200
    assert registration(reg_id).status == RegistrationStatus.CONFIRMED.value
    assert ledger(reg_id) == [("charge", 12000)] and refunds(reg_id) == []
    assert emails("registration_confirmed", reg_id) == 1


def test_a_card_payment_after_the_seat_went_to_someone_else_is_refunded_once(team, gateway,
                                                                            standin):
    event_id = paid_event(team, capacity=1)
    ann, reg_id = holder("Ann", event_id)
    session_id = start_checkout(gateway, ann, reg_id)
    _lapse(reg_id)
    holder("Bob", event_id)  # takes the freed seat
    paid = standin.complete(session_id)
    for _ in range(3):
        assert deliver(standin, gateway, "checkout.session.completed", paid,
                       event_id="evt_late") == 200
    assert registration(reg_id).status == RegistrationStatus.EXPIRED.value
    [refund] = refunds(reg_id)
    assert (refund.cause, refund.status, refund.amount_minor) == (
        RefundCause.LATE_PAYMENT.value, RefundStatus.APPROVED.value, 12000)
    assert emails("payment_refunded_late", reg_id) == 1
    # the refund goes to Stripe (as the refund runner sends it) and comes back by webhook
    sent = _send_refund(gateway, refund.id or 0, paid["payment_intent"])
    [call] = standin.calls("POST", "/v1/refunds")
    assert call["params"]["amount"] == "12000"
    assert call["idempotency_key"] == f"refund-{refund.id}"
    for _ in range(3):
        assert deliver(standin, gateway, "refund.updated", standin.refunds[sent],
                       event_id="evt_refund") == 200
    assert ledger(reg_id) == [("charge", 12000), ("refund", 12000)]
    assert emails("refund_paid", reg_id) == 1
    [done] = refunds(reg_id)
    assert (done.status, done.provider_refund_id) == (RefundStatus.SUCCEEDED.value, sent)


def _send_refund(gateway: StripeGateway, refund_id: int, intent: str) -> str:
    with session_scope() as session:
        refund = session.get(Refund, refund_id)
        assert refund is not None
        amount = refund.amount_minor
    return gateway.create_refund(payment_intent=intent, amount_minor=amount,
                                 idempotency_key=f"refund-{refund_id}",
                                 metadata={"refund_id": str(refund_id)}).id


def test_a_pending_refund_waits_and_a_failed_one_is_marked_failed(team, gateway, standin):
    event_id = paid_event(team, capacity=1)
    ann, reg_id = holder("Ann", event_id)
    session_id = start_checkout(gateway, ann, reg_id)
    _lapse(reg_id)
    holder("Bob", event_id)
    paid = standin.complete(session_id)
    assert deliver(standin, gateway, "checkout.session.completed", paid) == 200
    [refund] = refunds(reg_id)
    standin.refund_status = "pending"
    sent = _send_refund(gateway, refund.id or 0, paid["payment_intent"])
    assert deliver(standin, gateway, "refund.created", standin.refunds[sent]) == 200
    assert refunds(reg_id)[0].status == RefundStatus.APPROVED.value
    failed = standin.set_refund_status(sent, "failed")
    assert deliver(standin, gateway, "refund.failed", failed) == 200
    assert refunds(reg_id)[0].status == RefundStatus.FAILED.value
    assert ledger(reg_id) == [("charge", 12000)]  # nothing went back


def test_the_webhook_route_with_stripe_configured(team, standin, engine, monkeypatch):
    from portal.settings import get_settings
    from portal.web.app import build_web_app

    monkeypatch.setenv("PORTAL_PAYMENT_GATEWAY", "stripe")
    monkeypatch.setenv("PORTAL_STRIPE_SECRET_KEY", "sk_test_route")
    monkeypatch.setenv("PORTAL_STRIPE_WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("PORTAL_STRIPE_API_BASE", standin.url)
    monkeypatch.setenv("PORTAL_STRIPE_TIMEOUT_SECONDS", "2")
    get_settings.cache_clear()
    try:
        from portal.wiring import card_gateway

        gateway = card_gateway()
        assert isinstance(gateway, StripeGateway)
        ann, reg_id = holder("Ann", paid_event(team))
        session_id = start_checkout(gateway, ann, reg_id)
        payload, header = standin.signed_event("checkout.session.completed",
                                               standin.complete(session_id), SECRET)
        client = TestClient(build_web_app())
        stale = sign(payload, SECRET, int(time.time()) - 600)
        assert client.post("/hooks/stripe", content=payload,
                           headers={"stripe-signature": stale}).status_code == 400
        assert ledger(reg_id) == []
        for _ in range(2):
            answer = client.post("/hooks/stripe", content=payload,
                                 headers={"stripe-signature": header})
            assert answer.status_code == 200
        assert ledger(reg_id) == [("charge", 12000)]
        assert registration(reg_id).status == RegistrationStatus.CONFIRMED.value
        [call] = standin.calls("GET", f"/v1/checkout/sessions/{session_id}")[:1]
        assert call["headers"]["authorization"] == "Bearer sk_test_route"
    finally:
        get_settings.cache_clear()

