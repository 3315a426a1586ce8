"""What the payment services need from a card gateway, in Stripe's terms (Checkout Sessions,
Refunds, signed webhook events). Two adapters implement it: `integrations/payments_stripe.py`
(the real SDK) and `integrations/payments_demo.py` (a local checkout page that produces the
same signed events). Nothing here imports an SDK.

Every call that creates something takes an idempotency key: a retried call after a timeout
returns the first result instead of charging or refunding twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Protocol


def demo_fee(amount_minor: int) -> int:
    """The demo gateway's processing fee: 3.4 % + 2.00 (in the currency's minor units), the
    shape of Stripe's standard card pricing; never more than the charge."""
    return min(amount_minor, round(amount_minor * 34 / 1000) + 200)


class GatewayUnavailable(Exception):
    """The provider did not answer or answered with a server error: try again later. The
    message is safe to log, never shown with provider details to a person."""


class GatewayRefused(Exception):
    """The provider refused the request itself (e.g. a refund above the charge)."""


class BadSignature(Exception):
    """A webhook whose signature or timestamp does not verify: answered with 400."""


@dataclass(frozen=True)
class CheckoutLine:
    label: str
    amount_minor: int
    quantity: int = 1


@dataclass(frozen=True)
class CheckoutRequest:
    registration_id: int
    payment_reference: str
    lines: tuple[CheckoutLine, ...]
    currency: str
    customer_email: str
    success_url: str  # may hold {CHECKOUT_SESSION_ID}, as Stripe fills it in
    cancel_url: str
    expires_at: datetime
    idempotency_key: str
    locale: str = "auto"


@dataclass(frozen=True)
class CheckoutState:
    """A checkout session as the provider holds it now (re-fetched, never from the webhook
    body). `status`: open, complete or expired; `payment_status`: paid, unpaid or
    no_payment_required."""

    id: str
    url: str
    status: str
    payment_status: str
    amount_total: int
    currency: str
    client_reference_id: str
    payment_intent: str = ""
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def paid(self) -> bool:
        return self.status == "complete" and self.payment_status == "paid"


@dataclass(frozen=True)
class RefundState:
    """`status`: pending, requires_action, succeeded, failed or canceled."""

    id: str
    status: str
    amount: int
    currency: str
    payment_intent: str = ""
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ChargeFee:
    """The provider's processing fee on a charge, from its balance transaction (Stripe's
    `balance_transaction.fee`, in the balance's currency)."""

    balance_transaction: str
    fee_minor: int
    currency: str
    charge_id: str = ""
    exchange_rate: Decimal | None = None  # charge currency → balance currency, when they differ


@dataclass(frozen=True)
class ProviderRecord:
    """A charge or a refund as the provider lists it (reconciliation). `payment_intent` ties a
    charge to our CHARGE ledger entry; a refund's own `id` ties it to our REFUND entry."""

    id: str
    kind: str  # "charge" or "refund"
    amount_minor: int
    currency: str
    status: str
    created: datetime
    payment_intent: str = ""


@dataclass(frozen=True)
class GatewayEvent:
    """A verified webhook event: its id (de-duplicated), type and the id of its object."""

    id: str
    type: str
    object_id: str
    object_type: str


class CardGateway(Protocol):
    provider: str  # "stripe" or "demo": recorded on payments and ledger entries

    def create_checkout(self, request: CheckoutRequest) -> CheckoutState: ...

    def retrieve_checkout(self, checkout_id: str) -> CheckoutState: ...

    def expire_checkout(self, checkout_id: str) -> CheckoutState: ...

    def create_refund(self, *, payment_intent: str, amount_minor: int, idempotency_key: str,
                      metadata: dict[str, str]) -> RefundState: ...

    def retrieve_refund(self, refund_id: str) -> RefundState: ...

    def verify_event(self, payload: bytes, signature_header: str) -> GatewayEvent: ...

    def retrieve_fee(self, payment_intent: str) -> ChargeFee | None:
        """The processing fee of the PaymentIntent's charge; None while the provider has no
        balance transaction for it yet (asked again later)."""
        ...

    def list_charges(self, *, created_from: datetime, created_to: datetime
                     ) -> list[ProviderRecord]:
        """Every succeeded charge created in [created_from, created_to), all pages."""
        ...

    def list_refunds(self, *, created_from: datetime, created_to: datetime
                     ) -> list[ProviderRecord]:
        """Every refund created in [created_from, created_to), all pages."""
        ...
