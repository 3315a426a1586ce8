"""Payments and refunds (rules §5.2): methods, statuses, ledger kinds, why a refund was made.
Re-exported by portal.domain.enums."""

from __future__ import annotations

from enum import StrEnum


class PaymentMethod(StrEnum):
    CARD = "card"
    BANK_TRANSFER = "bank_transfer"
    CASH = "cash"


OFFLINE_METHODS = frozenset({PaymentMethod.BANK_TRANSFER, PaymentMethod.CASH})


class PaymentStatus(StrEnum):
    PENDING = "pending"  # waiting for the card checkout or the offline money
    SUCCEEDED = "succeeded"
    FAILED = "failed"  # the card was declined
    EXPIRED = "expired"  # the checkout or the hold ran out
    NOT_RECEIVED = "not_received"  # finance staff: the transfer never came
    ABANDONED = "abandoned"  # the person chose another way to pay


class LedgerKind(StrEnum):
    """Charges and refunds move the attendee's money (held = charges − refunds). Fees and
    payouts are what the platform keeps or pays on to the organizer; they never change what a
    registration holds."""

    CHARGE = "charge"
    REFUND = "refund"
    FEE = "fee"  # the payment provider's processing fee (Stripe's balance transaction)
    PLATFORM_FEE = "platform_fee"  # the platform's commission, entered on a settlement statement
    PAYOUT = "payout"  # money paid to the organizer on a settlement statement


class RefundStatus(StrEnum):
    REQUESTED = "requested"  # outside the policy: the organizer decides
    DECLINED = "declined"
    APPROVED = "approved"  # to be paid back: by the provider (card) or by finance (offline)
    PROCESSING = "processing"  # the provider has it
    SUCCEEDED = "succeeded"
    FAILED = "failed"  # the provider refused; finance staff look at it


OPEN_REFUND = frozenset({RefundStatus.REQUESTED, RefundStatus.APPROVED, RefundStatus.PROCESSING})


class RefundCause(StrEnum):
    ATTENDEE = "attendee"  # the person asked
    EVENT_CANCELLED = "event_cancelled"
    LATE_PAYMENT = "late_payment"  # paid after the hold lapsed and no seat was left
    STAFF = "staff"
