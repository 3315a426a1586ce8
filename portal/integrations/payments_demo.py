"""The demo card gateway (`PORTAL_PAYMENT_GATEWAY=demo`, refused in production): Stripe's
objects kept in the portal's own database, a local card page instead of Stripe's, and the
same signed webhook events, delivered to the same webhook code as Stripe's.

Objects are Stripe-shaped JSON in `DemoGatewayObject`. An object's id is derived from the
idempotency key it was created with, so a retried create returns the first object, as
Stripe's idempotency keys do. `finish` is what the card page's buttons do: pay, decline or let
the checkout expire; each produces the event Stripe would send, signed with the webhook secret.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import time
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from portal import links
from portal.db import TxMode, session_scope
from portal.domain.models import DemoGatewayObject
from portal.integrations.stripe_events import signature_header, verified_event
from portal.services.payment_gateway import (
    ChargeFee,
    CheckoutRequest,
    CheckoutState,
    GatewayEvent,
    GatewayRefused,
    ProviderRecord,
    RefundState,
    demo_fee,
)

logger = logging.getLogger("portal.payments")
OUTCOMES = ("pay", "decline", "expire")
DELIVERY_ATTEMPTS = 5


def _object_id(prefix: str, idempotency_key: str) -> str:
    return prefix + hashlib.sha256(idempotency_key.encode()).hexdigest()[:24]


class DemoGateway:
    provider = "demo"

    def __init__(self, *, webhook_secret: str, base_url: str) -> None:
        self.webhook_secret = webhook_secret
        self.base_url = base_url.rstrip("/")

    # -- storage ---------------------------------------------------------------------------
    def _load(self, object_id: str) -> dict[str, Any]:
        with session_scope() as session:
            row = session.exec(select(DemoGatewayObject).where(
                col(DemoGatewayObject.object_id) == object_id)).first()
            if row is None:
                raise GatewayRefused(f"No such object: {object_id}")
            return json.loads(row.data)

    def _create(self, object_id: str, kind: str, data: dict[str, Any]) -> dict[str, Any]:
        try:
            with session_scope() as session:
                session.add(DemoGatewayObject(object_id=object_id, kind=kind,
                                              data=json.dumps(data)))
        except IntegrityError:  # the same idempotency key: the first object stands
            pass
        return self._load(object_id)

    def _save(self, data: dict[str, Any]) -> None:
        with session_scope() as session:
            row = session.exec(select(DemoGatewayObject).where(
                col(DemoGatewayObject.object_id) == data["id"])).one()
            row.data = json.dumps(data)
            session.add(row)

    # -- checkout sessions -----------------------------------------------------------------
    def create_checkout(self, request: CheckoutRequest) -> CheckoutState:
        object_id = _object_id("cs_demo_", request.idempotency_key)
        data = {
            "id": object_id, "object": "checkout.session", "status": "open",
            "payment_status": "unpaid", "mode": "payment",
            "amount_total": sum(line.amount_minor * line.quantity for line in request.lines),
            "currency": request.currency.lower(),
            "client_reference_id": str(request.registration_id),
            "customer_email": request.customer_email,
            "metadata": {"registration_id": str(request.registration_id),
                         "payment_reference": request.payment_reference},
            "line_items": [{"description": line.label, "amount": line.amount_minor,
                            "quantity": line.quantity} for line in request.lines],
            "success_url": request.success_url.replace("{CHECKOUT_SESSION_ID}", object_id),
            "cancel_url": request.cancel_url, "expires_at": int(request.expires_at.timestamp()),
            "payment_intent": None,
            "url": f"{self.base_url}{links.DEMO_CHECKOUT}?session={object_id}",
        }
        return _checkout(self._create(object_id, "checkout.session", data))

    def retrieve_checkout(self, checkout_id: str) -> CheckoutState:
        return _checkout(self._expire_if_due(self._load(checkout_id)))

    def checkout_details(self, checkout_id: str) -> dict[str, Any]:
        """The checkout as the card page shows it (lines, URLs)."""
        return self._expire_if_due(self._load(checkout_id))

    def expire_checkout(self, checkout_id: str) -> CheckoutState:
        data = self._load(checkout_id)
        if data["status"] != "open":
            raise GatewayRefused("Only an open checkout session can be expired.")
        data["status"] = "expired"
        self._save(data)
        self._deliver("checkout.session.expired", data)
        return _checkout(data)

    def _expire_if_due(self, data: dict[str, Any]) -> dict[str, Any]:
        if data["status"] == "open" and data["expires_at"] <= time.time():
            data["status"] = "expired"
            self._save(data)
            self._deliver("checkout.session.expired", data)
        return data

    def finish(self, checkout_id: str, outcome: str) -> CheckoutState:
        """The card page's buttons: "pay", "decline" or "expire"."""
        if outcome not in OUTCOMES:
            raise GatewayRefused("Unknown outcome.")
        if outcome == "expire":
            return self.expire_checkout(checkout_id)
        data = self._expire_if_due(self._load(checkout_id))
        if data["status"] != "open":
            raise GatewayRefused("This checkout session is no longer open.")
        if outcome == "pay":
            data.update(status="complete", payment_status="paid",
                        payment_intent="pi_demo_" + secrets.token_hex(12))
            self._save(data)
            self.record_charge(data["payment_intent"], int(data["amount_total"]),
                               str(data["currency"]))
            self._deliver("checkout.session.completed", data)
        else:  # declined: the session ends unpaid, as a failed delayed payment does on Stripe
            data.update(status="complete", payment_status="unpaid")
            self._save(data)
            self._deliver("checkout.session.async_payment_failed", data)
        return _checkout(data)

    # -- refunds ---------------------------------------------------------------------------
    def create_refund(self, *, payment_intent: str, amount_minor: int, idempotency_key: str,
                      metadata: dict[str, str]) -> RefundState:
        if not payment_intent.startswith("pi_demo_") or amount_minor <= 0:
            raise GatewayRefused("The demo gateway holds no such charge.")
        object_id = _object_id("re_demo_", idempotency_key)
        data = {"id": object_id, "object": "refund", "status": "succeeded",
                "amount": amount_minor, "currency": metadata.get("currency", "cny").lower(),
                "payment_intent": payment_intent, "metadata": metadata,
                "created": int(time.time())}
        created = self._create(object_id, "refund", data)
        if created is not None and created.get("delivered") is None:
            created["delivered"] = True
            self._save(created)
            self._deliver("refund.updated", created)
        return _refund(created)

    def retrieve_refund(self, refund_id: str) -> RefundState:
        return _refund(self._load(refund_id))

    # -- charges, fees and lists -----------------------------------------------------------
    def record_charge(self, payment_intent: str, amount_minor: int, currency: str, *,
                      created: int | None = None) -> dict[str, Any]:
        """The charge of a paid PaymentIntent, with its balance transaction (the fee)."""
        suffix = payment_intent.removeprefix("pi_demo_")
        return self._create("ch_demo_" + suffix, "charge", {
            "id": "ch_demo_" + suffix, "object": "charge", "amount": amount_minor,
            "currency": currency.lower(), "payment_intent": payment_intent,
            "status": "succeeded", "created": int(time.time()) if created is None else created,
            "balance_transaction": {"id": "txn_demo_" + suffix,
                                    "fee": demo_fee(amount_minor),
                                    "currency": currency.lower()}})

    def retrieve_fee(self, payment_intent: str) -> ChargeFee | None:
        charge = self._load("ch_demo_" + payment_intent.removeprefix("pi_demo_"))
        txn = charge["balance_transaction"]
        return ChargeFee(balance_transaction=txn["id"], fee_minor=int(txn["fee"]),
                         currency=str(txn["currency"]).upper(), charge_id=charge["id"])

    def list_charges(self, *, created_from: datetime, created_to: datetime
                     ) -> list[ProviderRecord]:
        return self._records("charge", created_from, created_to)

    def list_refunds(self, *, created_from: datetime, created_to: datetime
                     ) -> list[ProviderRecord]:
        return self._records("refund", created_from, created_to)

    def _records(self, kind: str, created_from: datetime, created_to: datetime
                 ) -> list[ProviderRecord]:
        with session_scope(mode=TxMode.READ) as session:
            rows = session.exec(select(DemoGatewayObject.data).where(
                col(DemoGatewayObject.kind) == kind)).all()
        low, high = created_from.timestamp(), created_to.timestamp()
        found = [json.loads(row) for row in rows]
        return [ProviderRecord(id=d["id"], kind=kind, amount_minor=int(d["amount"]),
                               currency=str(d["currency"]).upper(), status=d["status"],
                               created=datetime.fromtimestamp(int(d["created"]), UTC),
                               payment_intent=d.get("payment_intent") or "")
                for d in found if low <= int(d.get("created") or 0) < high
                and d["status"] == "succeeded"]

    # -- webhooks --------------------------------------------------------------------------
    def verify_event(self, payload: bytes, signature: str) -> GatewayEvent:
        return verified_event(payload, signature, self.webhook_secret)

    def _deliver(self, event_type: str, data: dict[str, Any]) -> None:
        """Send the event to the webhook code, as Stripe would POST it: signed, retried while
        the answer is not 2xx. An undelivered event is not lost: the return page and the
        refund runner re-check the object."""
        from portal.services.payment_webhooks import receive

        body = {"id": "evt_demo_" + secrets.token_hex(12), "object": "event",
                "type": event_type, "created": int(time.time()),
                "data": {"object": {k: v for k, v in data.items() if k != "delivered"}}}
        payload = json.dumps(body).encode()
        for attempt in range(DELIVERY_ATTEMPTS):
            status = receive(payload, signature_header(payload, self.webhook_secret), self)
            if status < 300:
                return
            time.sleep(0.05 * (attempt + 1))
        logger.warning("demo gateway: %s for %s was not accepted", event_type, data["id"])


def _checkout(data: dict[str, Any]) -> CheckoutState:
    return CheckoutState(id=data["id"], url=data["url"], status=data["status"],
                         payment_status=data["payment_status"],
                         amount_total=int(data["amount_total"]),
                         currency=str(data["currency"]).upper(),
                         client_reference_id=data["client_reference_id"],
                         payment_intent=data.get("payment_intent") or "",
                         metadata=dict(data.get("metadata") or {}))


def _refund(data: dict[str, Any]) -> RefundState:
    return RefundState(id=data["id"], status=data["status"], amount=int(data["amount"]),
                       currency=str(data["currency"]).upper(),
                       payment_intent=data.get("payment_intent") or "",
                       metadata=dict(data.get("metadata") or {}))
