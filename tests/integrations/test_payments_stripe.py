"""The Stripe card gateway (official SDK) against the local Stripe stand-in: the exact
parameters it sends, what Stripe's answers and failures become, idempotent retries that neither
lose nor double anything, and webhook signature checks."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from portal.integrations.payments_stripe import StripeGateway
from portal.services.payment_gateway import (
    BadSignature,
    CheckoutLine,
    CheckoutRequest,
    GatewayRefused,
    GatewayUnavailable,
)
from tests.stripe_standin import StripeStandIn, sign

SECRET = "whsec_test_integrations"


@pytest.fixture
def standin():
    server = StripeStandIn(hang_seconds=3).start()
    yield server
    server.stop()


def gateway(standin: StripeStandIn, *, retries: int = 0, timeout: float = 0.5) -> StripeGateway:
    return StripeGateway(secret_key="sk_test_portal", webhook_secret=SECRET,
                         api_base=standin.url, timeout_seconds=timeout,
                         max_network_retries=retries)


def checkout(key: str = "checkout-41", *, expires_in: timedelta = timedelta(minutes=45),
             email: str = "li.lei@example.org") -> CheckoutRequest:
    return CheckoutRequest(
        registration_id=41, payment_reference="EP-7KQ2-M9XD",
        lines=(CheckoutLine("Registration", 12000), CheckoutLine("Lunch 午餐", 3500, 2)),
        currency="CNY", customer_email=email,
        success_url="https://portal.example.org/me/paid?id=41&session={CHECKOUT_SESSION_ID}",
        cancel_url="https://portal.example.org/me/pay?id=41",
        expires_at=datetime.now(UTC) + expires_in, idempotency_key=key, locale="zh")


def paid_intent(standin: StripeStandIn, gw: StripeGateway) -> str:
    state = gw.create_checkout(checkout("checkout-paid"))
    standin.complete(state.id)
    return gw.retrieve_checkout(state.id).payment_intent


def test_a_checkout_session_is_created_with_exactly_these_parameters(standin):
    request = checkout()
    state = gateway(standin).create_checkout(request)
    [call] = standin.calls("POST", "/v1/checkout/sessions")
    assert call["path"] == "/v1/checkout/sessions"
    assert call["headers"]["idempotency-key"] == "checkout-41"
    assert call["headers"]["authorization"] == "Bearer sk_test_portal"
    assert call["params"] == {
        "mode": "payment", "payment_method_types": ["card"],
        "line_items": [
            {"quantity": "1", "price_data": {"currency": "cny", "unit_amount": "12000",
                                             "product_data": {"name": "Registration"}}},
            {"quantity": "2", "price_data": {"currency": "cny", "unit_amount": "3500",
                                             "product_data": {"name": "Lunch 午餐"}}}],
        "client_reference_id": "41",
        "metadata": {"registration_id": "41", "payment_reference": "EP-7KQ2-M9XD"},
        "payment_intent_data": {"metadata": {"registration_id": "41",
                                             "payment_reference": "EP-7KQ2-M9XD"}},
        "customer_email": "li.lei@example.org",
        "success_url": request.success_url, "cancel_url": request.cancel_url,
        "expires_at": str(int(request.expires_at.timestamp())), "locale": "zh"}
    assert (state.status, state.payment_status, state.paid) == ("open", "unpaid", False)
    assert (state.amount_total, state.currency, state.client_reference_id) == (19000, "CNY", "41")
    assert state.url.endswith(f"/c/pay/{state.id}") and state.id.startswith("cs_")
    assert state.metadata == {"registration_id": "41", "payment_reference": "EP-7KQ2-M9XD"}


def test_without_an_email_none_is_sent(standin):
    state = gateway(standin).create_checkout(checkout(email=""))
    [call] = standin.calls("POST", "/v1/checkout/sessions")
    assert "customer_email" not in call["params"]
    assert state.status == "open"


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_stripe_failing_when_creating_a_session_is_unavailable_and_a_retry_creates_it_once(
        standin, status):
    gw, request = gateway(standin), checkout()
    standin.fail_next(1, status=status)
    with pytest.raises(GatewayUnavailable):
        gw.create_checkout(request)
    assert standin.sessions == {}  # nothing was created
    first = gw.create_checkout(request)
    again = gw.create_checkout(request)
    assert first == again and list(standin.sessions) == [first.id]
    keys = [call["idempotency_key"] for call in standin.calls("POST", "/v1/checkout")]
    assert keys == ["checkout-41"] * 3


def test_a_timeout_after_stripe_created_the_session_loses_nothing_and_doubles_nothing(standin):
    gw, request = gateway(standin, timeout=0.5), checkout()
    standin.hang_next()
    with pytest.raises(GatewayUnavailable):
        gw.create_checkout(request)
    [created] = standin.sessions  # Stripe made it; our side never heard
    retried = gw.create_checkout(request)
    assert retried.id == created and list(standin.sessions) == [created]


def test_the_sdk_retries_transient_failures_itself_with_the_same_key(standin):
    standin.fail_next(2, status=503)
    state = gateway(standin, retries=2).create_checkout(checkout())
    calls = standin.calls("POST", "/v1/checkout/sessions")
    assert [call["idempotency_key"] for call in calls] == ["checkout-41"] * 3
    assert list(standin.sessions) == [state.id]


def test_an_unreachable_stripe_is_unavailable():
    dead = StripeStandIn().start()
    url = dead.url
    dead.stop()
    gw = StripeGateway(secret_key="sk_test_portal", webhook_secret=SECRET, api_base=url,
                       timeout_seconds=0.5, max_network_retries=0)
    with pytest.raises(GatewayUnavailable):
        gw.create_checkout(checkout())


def test_stripe_refusing_a_session_is_refused_and_reusing_a_key_for_another_request_too(
        standin):
    gw = gateway(standin)
    with pytest.raises(GatewayRefused):  # Stripe takes 30 minutes at least
        gw.create_checkout(checkout(expires_in=timedelta(minutes=5)))
    with pytest.raises(GatewayRefused):  # Stripe takes 24 hours at most
        gw.create_checkout(checkout(expires_in=timedelta(hours=25)))
    first = checkout("checkout-9")
    gw.create_checkout(first)
    with pytest.raises(GatewayRefused):  # same key, other parameters: Stripe's idempotency error
        gw.create_checkout(replace(first, customer_email="other@example.org"))
    assert len(standin.sessions) == 1


def test_a_bad_api_key_is_unavailable_not_the_attendee_s_fault(standin):
    standin.fail_next(1, status=401)
    with pytest.raises(GatewayUnavailable):
        gateway(standin).retrieve_checkout("cs_test_000001")


def test_retrieving_a_session_reads_what_stripe_holds_now(standin):
    gw = gateway(standin)
    state = gw.create_checkout(checkout())
    standin.complete(state.id)
    now = gw.retrieve_checkout(state.id)
    assert (now.status, now.payment_status, now.paid) == ("complete", "paid", True)
    assert now.payment_intent.startswith("pi_") and now.amount_total == 19000
    assert standin.calls("GET", f"/v1/checkout/sessions/{state.id}")
    with pytest.raises(GatewayRefused):
        gw.retrieve_checkout("cs_test_missing")


def test_expiring_an_open_session_and_again_answers_how_it_stands(standin):
    gw = gateway(standin)
    open_one = gw.create_checkout(checkout("checkout-a"))
    assert gw.expire_checkout(open_one.id).status == "expired"
    assert gw.expire_checkout(open_one.id).status == "expired"  # Stripe refuses; we read it
    paid = gw.create_checkout(checkout("checkout-b"))
    standin.complete(paid.id)
    assert gw.expire_checkout(paid.id).paid  # a session paid meanwhile stays paid


def test_a_refund_is_created_with_exactly_these_parameters(standin):
    gw = gateway(standin)
    intent = paid_intent(standin, gw)
    refund = gw.create_refund(payment_intent=intent, amount_minor=7000,
                              idempotency_key="refund-5", metadata={"refund_id": "5",
                                                                    "registration_id": "41"})
    [call] = standin.calls("POST", "/v1/refunds")
    assert call["headers"]["idempotency-key"] == "refund-5"
    assert call["params"] == {"payment_intent": intent, "amount": "7000",
                              "metadata": {"refund_id": "5", "registration_id": "41"}}
    assert (refund.status, refund.amount, refund.currency, refund.payment_intent) == (
        "succeeded", 7000, "CNY", intent)
    assert refund.metadata == {"refund_id": "5", "registration_id": "41"}


def test_stripe_down_when_refunding_is_unavailable_and_the_retry_refunds_once(standin):
    gw = gateway(standin)
    intent = paid_intent(standin, gw)
    standin.fail_next(1, status=500)
    with pytest.raises(GatewayUnavailable):
        gw.create_refund(payment_intent=intent, amount_minor=19000, idempotency_key="refund-1",
                         metadata={})
    assert standin.refunds == {}
    standin.hang_next()
    with pytest.raises(GatewayUnavailable):
        gw.create_refund(payment_intent=intent, amount_minor=19000, idempotency_key="refund-1",
                         metadata={})
    [made] = standin.refunds  # done on Stripe's side, answer lost
    again = gw.create_refund(payment_intent=intent, amount_minor=19000,
                             idempotency_key="refund-1", metadata={})
    assert again.id == made and len(standin.refunds) == 1
    assert standin.intents[intent]["refunded"] == 19000


def test_refunding_more_than_was_paid_or_an_unpaid_intent_is_refused(standin):
    gw = gateway(standin)
    intent = paid_intent(standin, gw)
    with pytest.raises(GatewayRefused):
        gw.create_refund(payment_intent=intent, amount_minor=19001, idempotency_key="r-1",
                         metadata={})
    with pytest.raises(GatewayRefused):
        gw.create_refund(payment_intent="pi_test_missing", amount_minor=100,
                         idempotency_key="r-2", metadata={})
    assert standin.refunds == {}


def test_retrieving_a_refund_follows_its_status(standin):
    gw = gateway(standin)
    standin.refund_status = "pending"
    refund = gw.create_refund(payment_intent=paid_intent(standin, gw), amount_minor=500,
                              idempotency_key="r-1", metadata={})
    assert refund.status == "pending"
    standin.set_refund_status(refund.id, "succeeded")
    assert gw.retrieve_refund(refund.id).status == "succeeded"
    with pytest.raises(GatewayRefused):
        gw.retrieve_refund("re_test_missing")


def test_a_signed_event_verifies_into_its_id_type_and_object(standin):
    gw = gateway(standin)
    state = gw.create_checkout(checkout())
    payload, header = standin.signed_event("checkout.session.completed",
                                           standin.sessions[state.id], SECRET,
                                           event_id="evt_test_1")
    event = gw.verify_event(payload, header)
    assert (event.id, event.type, event.object_id, event.object_type) == (
        "evt_test_1", "checkout.session.completed", state.id, "checkout.session")
    # a signature made 299 seconds ago is still inside Stripe's default tolerance
    old = sign(payload, SECRET, int(time.time()) - 299)
    assert gw.verify_event(payload, old).id == "evt_test_1"


def _forgeries(payload: bytes) -> dict[str, tuple[bytes, str]]:
    now = int(time.time())
    return {
        "another secret": (payload, sign(payload, "whsec_someone_else")),
        "a changed body": (payload.replace(b"complete", b"open!!!!"), sign(payload, SECRET)),
        "a stale timestamp": (payload, sign(payload, SECRET, now - 301)),
        "a timestamp moved": (payload, sign(payload, SECRET).replace("t=", "t=1")),
        "no header": (payload, ""),
        "a header without v1": (payload, f"t={now},v0=abc"),
        "a garbled header": (payload, "nonsense"),
        "malformed JSON": (b"{not json", sign(b"{not json", SECRET)),
        "JSON that is no event": (b"[1, 2]", sign(b"[1, 2]", SECRET)),
        "an event without its object": (b'{"id": "evt_1", "type": "x"}',
                                        sign(b'{"id": "evt_1", "type": "x"}', SECRET)),
    }


@pytest.mark.parametrize("forgery", list(_forgeries(b"").keys()))
def test_a_forged_stale_or_malformed_event_is_a_bad_signature(standin, forgery):
    gw = gateway(standin)
    state = gw.create_checkout(checkout())
    payload, _ = standin.signed_event("checkout.session.completed",
                                      standin.complete(state.id), SECRET)
    body, header = _forgeries(payload)[forgery]
    with pytest.raises(BadSignature):
        gw.verify_event(body, header)


def test_wiring_picks_stripe_from_the_settings(standin, monkeypatch):
    from portal import wiring
    from portal.settings import get_settings

    monkeypatch.setenv("PORTAL_PAYMENT_GATEWAY", "stripe")
    monkeypatch.setenv("PORTAL_STRIPE_SECRET_KEY", "sk_test_wired")
    monkeypatch.setenv("PORTAL_STRIPE_WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("PORTAL_STRIPE_API_BASE", standin.url)
    get_settings.cache_clear()
    try:
        gw = wiring.card_gateway()
        assert isinstance(gw, StripeGateway) and gw.provider == "stripe"
        assert wiring.card_gateway() is gw  # one client, kept
        gw.create_checkout(checkout())
        [call] = standin.calls("POST", "/v1/checkout/sessions")
        assert call["headers"]["authorization"] == "Bearer sk_test_wired"
    finally:
        get_settings.cache_clear()
