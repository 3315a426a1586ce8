"""Money (rules §5): what a registration is paid with, every movement of money, refunds, and
the provider's webhook deliveries.

- `Payment` is one way a registration is being paid: a card checkout (Stripe or the demo
  gateway), a bank transfer or cash. A registration has at most one open payment at a time
  (`open_registration_id`, NULL once the payment is settled or abandoned).
- `LedgerEntry` is append-only: a charge, a refund (and later fees and payouts), in integer
  minor units. Paid − refunded = held, per registration; `portal check-ledger` verifies it. A
  provider's money movement is entered once (unique `entry_key`).
- `Refund` is money owed back: asked for, decided, paid back. One open refund per registration
  (`open_registration_id`) and one per cause (`cause_key`), so a retried job refunds once.
- `WebhookDelivery` records each provider event id once (unique), so a redelivered event does
  nothing.
- `DemoGatewayObject` is the demo gateway's own store (checkout sessions and refunds), the way
  Stripe keeps them on its side.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field

from portal.domain.enums import (  # noqa: F401  (re-exported for the payment services)
    OFFLINE_METHODS,
    OPEN_REFUND,
    LedgerKind,
    PaymentMethod,
    PaymentStatus,
    RefundCause,
    RefundStatus,
)
from portal.domain.models.base import TableBase, UTCDateTime


class Payment(TableBase, table=True):
    __tablename__ = "payment"
    __table_args__ = (
        sa.UniqueConstraint("open_registration_id", name="uq_payment_open"),
        sa.Index("ix_payment_method_status", "method", "status"),
    )

    registration_id: int = Field(foreign_key="registration.id", index=True)
    open_registration_id: int | None = Field(default=None)
    method: str = Field(max_length=16)
    status: str = Field(default=PaymentStatus.PENDING.value, max_length=16)
    amount_minor: int
    currency: str = Field(max_length=3)
    provider: str = Field(max_length=16)  # stripe, demo, offline
    reference: str = Field(max_length=20, unique=True)  # the code on a transfer, a receipt
    checkout_id: str | None = Field(default=None, max_length=255, unique=True)
    checkout_url: str = Field(default="", max_length=2000)
    provider_payment_id: str = Field(default="", max_length=255)  # Stripe's PaymentIntent
    due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    settled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    confirmed_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    received_on: date | None = None
    note: str = Field(default="", max_length=1000)


class LedgerEntry(TableBase, table=True):
    __tablename__ = "ledger_entry"
    __table_args__ = (sa.UniqueConstraint("entry_key", name="uq_ledger_entry_key"),
                      # finance reports sum a period of entries from the index alone
                      sa.Index("ix_ledger_entry_created", "created_at", "kind", "currency",
                               "amount_minor", "registration_id"))

    registration_id: int | None = Field(default=None, foreign_key="registration.id",
                                        index=True)
    payment_id: int | None = Field(default=None, foreign_key="payment.id", index=True)
    refund_id: int | None = Field(default=None, foreign_key="refund.id", index=True)
    kind: str = Field(max_length=16)
    amount_minor: int  # always positive; the kind says which way it went
    currency: str = Field(max_length=3)
    provider: str = Field(max_length=16)
    provider_ref: str = Field(default="", max_length=255)
    entry_key: str = Field(max_length=300)  # what makes this movement unique
    actor_id: int | None = Field(default=None, foreign_key="user_account.id")
    note: str = Field(default="", max_length=1000)


class Refund(TableBase, table=True):
    __tablename__ = "refund"
    __table_args__ = (
        sa.UniqueConstraint("open_registration_id", name="uq_refund_open"),
        sa.UniqueConstraint("cause_key", name="uq_refund_cause"),
        sa.Index("ix_refund_status", "status"),
    )

    registration_id: int = Field(foreign_key="registration.id", index=True)
    payment_id: int = Field(foreign_key="payment.id", index=True)
    open_registration_id: int | None = Field(default=None)
    cause: str = Field(max_length=16)
    cause_key: str = Field(max_length=120)
    status: str = Field(max_length=16)
    amount_minor: int
    currency: str = Field(max_length=3)
    reason: str = Field(default="", max_length=1000)  # the attendee's words
    requested_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    decided_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    decision_note: str = Field(default="", max_length=1000)
    provider_refund_id: str = Field(default="", max_length=255)
    attempts: int = 0
    next_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str = Field(default="", max_length=1000)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    completed_by_id: int | None = Field(default=None, foreign_key="user_account.id")


class WebhookDelivery(TableBase, table=True):
    __tablename__ = "webhook_delivery"
    __table_args__ = (sa.UniqueConstraint("provider", "event_id", name="uq_webhook_event"),)

    provider: str = Field(max_length=16)
    event_id: str = Field(max_length=255)
    event_type: str = Field(max_length=100)
    object_id: str = Field(default="", max_length=255)


class DemoGatewayObject(TableBase, table=True):
    """A checkout session or refund held by the demo gateway, as Stripe would hold it."""

    __tablename__ = "demo_gateway_object"

    object_id: str = Field(max_length=64, unique=True)
    kind: str = Field(max_length=32)
    data: str = Field(sa_type=sa.Text)  # the object as Stripe-shaped JSON
