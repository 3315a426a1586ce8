"""What an event's refund policy gives back today (rules §5.3): full until N days before the
event, X % until M days before, nothing after. Pure: the callers bring the clock."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from portal.domain.tickets import CODE_ALPHABET


class RefundTier(StrEnum):
    FULL = "full"
    PARTIAL = "partial"
    NONE = "none"


@dataclass(frozen=True)
class RefundQuote:
    tier: RefundTier
    amount_minor: int  # what the policy gives back of what was paid
    paid_minor: int
    percent: int
    until: datetime | None  # when this tier ends (None: the last tier)

    @property
    def within_policy(self) -> bool:
        return self.amount_minor > 0


def quote(*, paid_minor: int, starts_at: datetime, full_days: int, partial_days: int,
          partial_percent: int, now: datetime) -> RefundQuote:
    """The refund today: a partial amount is rounded down to the minor unit."""
    full_until = starts_at - timedelta(days=full_days)
    partial_until = starts_at - timedelta(days=partial_days)
    if now < full_until:
        return RefundQuote(RefundTier.FULL, paid_minor, paid_minor, 100, full_until)
    if now < partial_until and partial_percent > 0:
        amount = paid_minor * partial_percent // 100
        return RefundQuote(RefundTier.PARTIAL, amount, paid_minor, partial_percent,
                           partial_until)
    return RefundQuote(RefundTier.NONE, 0, paid_minor, 0, None)


def new_payment_reference() -> str:
    """A short code a person writes on a bank transfer: "EP-" and eight letters and digits
    with no look-alikes (about 40 bits; unique in the table)."""
    return "EP-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
