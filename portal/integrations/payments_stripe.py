"""The card gateway on real Stripe (official `stripe` SDK, v16 `StripeClient`): Checkout
Sessions, Refunds, signed webhook events, processing fees (the charge's balance transaction)
and the lists of charges and refunds that reconciliation compares with the ledger.

Every create call carries the caller's idempotency key, and the SDK's own retries (on a
timeout, a connection error, a 409 or a 5xx) resend the same key, so Stripe answers a retried
request with the object it created the first time. What still fails after the retries becomes
`GatewayUnavailable` (try again later); a request Stripe refuses becomes `GatewayRefused`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import stripe

from portal.integrations.stripe_events import verified_event
from portal.services.payment_gateway import (
    ChargeFee,
    CheckoutRequest,
    CheckoutState,
    GatewayEvent,
    GatewayRefused,
    GatewayUnavailable,
    ProviderRecord,
    RefundState,
)

log = logging.getLogger(__name__)
PAGE_SIZE = 100  # Stripe's largest page

# Stripe error classes that mean "not now": the request may well succeed later. A bad key or a
# missing permission is an operator's problem, not the attendee's: also "not now".
_UNAVAILABLE: tuple[type[Exception], ...] = (
    stripe.APIConnectionError, stripe.APIError, stripe.RateLimitError,
    stripe.AuthenticationError, stripe.PermissionError)
_REFUSED: tuple[type[Exception], ...] = (
    stripe.InvalidRequestError, stripe.CardError, stripe.IdempotencyError)


def _call(what: str, request: Callable[[], stripe.StripeObject]) -> dict[str, Any]:
    """Run one SDK request, turning its errors into the gateway's two kinds; the object comes
    back as plain data."""
    try:
        return request().to_dict()
    except _UNAVAILABLE as exc:
        log.warning("stripe %s: unavailable (%s, HTTP %s)", what, type(exc).__name__,
                    getattr(exc, "http_status", None))
        raise GatewayUnavailable(f"Stripe did not answer the {what} request.") from exc
    except _REFUSED as exc:
        log.warning("stripe %s: refused (%s, HTTP %s, code %s)", what, type(exc).__name__,
                    getattr(exc, "http_status", None), getattr(exc, "code", None))
        raise GatewayRefused(f"Stripe refused the {what} request.") from exc
    except stripe.StripeError as exc:  # anything else the SDK may raise: retry later
        log.warning("stripe %s: error (%s)", what, type(exc).__name__)
        raise GatewayUnavailable(f"Stripe did not answer the {what} request.") from exc


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _expanded_id(value: Any) -> str:
    """An id field that may come back expanded into its object."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return _text(value.get("id"))


def _metadata(value: Any) -> dict[str, str]:
    return {str(key): _text(item) for key, item in dict(value or {}).items()}


def _record(kind: str, item: Mapping[str, Any]) -> ProviderRecord:
    return ProviderRecord(
        id=_text(item.get("id")), kind=kind, amount_minor=int(item.get("amount") or 0),
        currency=_text(item.get("currency")).upper(), status=_text(item.get("status")),
        created=datetime.fromtimestamp(int(item.get("created") or 0), UTC),
        payment_intent=_expanded_id(item.get("payment_intent")))


def _checkout_state(session: Mapping[str, Any]) -> CheckoutState:
    return CheckoutState(
        id=_text(session.get("id")), url=_text(session.get("url")),
        status=_text(session.get("status")),
        payment_status=_text(session.get("payment_status")),
        amount_total=int(session.get("amount_total") or 0),
        currency=_text(session.get("currency")).upper(),
        client_reference_id=_text(session.get("client_reference_id")),
        payment_intent=_expanded_id(session.get("payment_intent")),
        metadata=_metadata(session.get("metadata")))


def _refund_state(refund: Mapping[str, Any]) -> RefundState:
    return RefundState(
        id=_text(refund.get("id")), status=_text(refund.get("status")),
        amount=int(refund.get("amount") or 0),
        currency=_text(refund.get("currency")).upper(),
        payment_intent=_expanded_id(refund.get("payment_intent")),
        metadata=_metadata(refund.get("metadata")))


class StripeGateway:
    provider = "stripe"

    def __init__(self, *, secret_key: str, webhook_secret: str,
                 api_base: str = "https://api.stripe.com", timeout_seconds: float = 20,
                 max_network_retries: int = 2) -> None:
        self._webhook_secret = webhook_secret
        self._client = stripe.StripeClient(
            secret_key, base_addresses={"api": api_base.rstrip("/")},
            max_network_retries=max_network_retries,
            http_client=stripe.RequestsClient(timeout=timeout_seconds))

    def create_checkout(self, request: CheckoutRequest) -> CheckoutState:
        currency = request.currency.lower()
        params: dict[str, Any] = {
            "mode": "payment",
            # Cards only: a card payment completes paid or not at all, so a completed session
            # is never one still "processing" (delayed methods such as bank debits are).
            "payment_method_types": ["card"],
            "line_items": [{"quantity": line.quantity,
                            "price_data": {"currency": currency,
                                           "unit_amount": line.amount_minor,
                                           "product_data": {"name": line.label}}}
                           for line in request.lines],
            "client_reference_id": str(request.registration_id),
            "metadata": {"registration_id": str(request.registration_id),
                         "payment_reference": request.payment_reference},
            "payment_intent_data": {
                "metadata": {"registration_id": str(request.registration_id),
                             "payment_reference": request.payment_reference}},
            "success_url": request.success_url,
            "cancel_url": request.cancel_url,
            "expires_at": int(request.expires_at.timestamp()),
            "locale": request.locale,
        }
        if request.customer_email:
            params["customer_email"] = request.customer_email
        session = _call("checkout", lambda: self._client.v1.checkout.sessions.create(
            params=params,  # type: ignore[arg-type]
            options={"idempotency_key": request.idempotency_key}))
        return _checkout_state(session)

    def retrieve_checkout(self, checkout_id: str) -> CheckoutState:
        return _checkout_state(_call("checkout", lambda: self._client.v1.checkout.sessions
                                     .retrieve(checkout_id)))

    def expire_checkout(self, checkout_id: str) -> CheckoutState:
        """Expire an open session; one that is already complete or expired is answered as it
        stands (Stripe refuses to expire it), so expiring is safe to repeat."""
        try:
            session = _call("checkout", lambda: self._client.v1.checkout.sessions
                            .expire(checkout_id))
        except GatewayRefused:
            return self.retrieve_checkout(checkout_id)
        return _checkout_state(session)

    def create_refund(self, *, payment_intent: str, amount_minor: int, idempotency_key: str,
                      metadata: dict[str, str]) -> RefundState:
        refund = _call("refund", lambda: self._client.v1.refunds.create(
            params={"payment_intent": payment_intent, "amount": amount_minor,
                    "metadata": dict(metadata)},
            options={"idempotency_key": idempotency_key}))
        return _refund_state(refund)

    def retrieve_refund(self, refund_id: str) -> RefundState:
        return _refund_state(_call("refund", lambda: self._client.v1.refunds
                                   .retrieve(refund_id)))

    def verify_event(self, payload: bytes, signature_header: str) -> GatewayEvent:
        """Check the `Stripe-Signature` header (HMAC-SHA256 of `t.payload` with the endpoint
        secret, timestamp within Stripe's default 300 s tolerance) with the SDK, and read the
        event's id, type and object; BadSignature otherwise."""
        return verified_event(payload, signature_header, self._webhook_secret)

    def retrieve_fee(self, payment_intent: str) -> ChargeFee | None:
        """Re-read the PaymentIntent with its charge's balance transaction expanded."""
        intent = _call("fee", lambda: self._client.v1.payment_intents.retrieve(
            payment_intent, params={"expand": ["latest_charge.balance_transaction"]}))
        charge = intent.get("latest_charge")
        if not isinstance(charge, Mapping):
            return None
        txn = charge.get("balance_transaction")
        if not isinstance(txn, Mapping):
            return None
        return ChargeFee(balance_transaction=_text(txn.get("id")),
                         fee_minor=int(txn.get("fee") or 0),
                         currency=_text(txn.get("currency")).upper(),
                         charge_id=_text(charge.get("id")),
                         exchange_rate=_rate(txn.get("exchange_rate")))

    def list_charges(self, *, created_from: datetime, created_to: datetime
                     ) -> list[ProviderRecord]:
        return [_record("charge", item) for item in self._list(
            "charges", created_from, created_to) if item.get("status") == "succeeded"]

    def list_refunds(self, *, created_from: datetime, created_to: datetime
                     ) -> list[ProviderRecord]:
        return [_record("refund", item)
                for item in self._list("refunds", created_from, created_to)]

    def _list(self, what: str, created_from: datetime, created_to: datetime
              ) -> list[dict[str, Any]]:
        """Every page of a list filtered by creation time (`starting_after` the last id)."""
        service = getattr(self._client.v1, what)
        params: dict[str, Any] = {"limit": PAGE_SIZE, "created": {
            "gte": int(created_from.timestamp()), "lt": int(created_to.timestamp())}}
        items: list[dict[str, Any]] = []
        while True:
            page = _call(what, lambda: service.list(params=dict(params)))
            data = list(page.get("data") or [])
            items.extend(data)
            if not page.get("has_more") or not data:
                return items
            params["starting_after"] = data[-1]["id"]


def _rate(value: Any) -> Decimal | None:
    """Stripe's exchange rate (a JSON number, null when no conversion happened)."""
    if value is None:
        return None
    try:
        rate = Decimal(str(value))
    except ArithmeticError:
        return None
    return rate if rate.is_finite() and rate > 0 else None

