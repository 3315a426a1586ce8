"""Settlement arithmetic (rules §5.2.2, §5.3.1). Pure: integer minor units, no I/O.

The platform fee of a paid registration is `percent` of what the registration still holds on
its first statement (its charges less the refunds made before that statement), rounded half
up to a whole minor unit, plus the rate's fixed amount; never more than what it holds, and
nothing for a registration refunded in full. The rate is the one in force on the day the
registration was paid (platform zone): an organizer's own rate when it has one in force that
day, else the platform's default. A refund after the statement was approved does not give the
fee back: it is an adjustment on the event's next statement.

An event with no paid registrations (a free event) has no ledger entries and so no statement:
there is nothing to settle.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from portal.i18n import N_

BASIS_POINTS = 10_000  # 100 %


class StatementStatus(StrEnum):
    DUE = "due"  # collecting the event's money; finance staff review it
    APPROVED = "approved"  # closed: the amount owed is fixed, the payout is to be made
    PAID = "paid"  # the payout is recorded


class StatementLine(StrEnum):
    GROSS = "gross"  # a payment received (by method)
    REFUND = "refund"  # money paid back before the registration was settled
    PROCESSING_FEE = "processing_fee"  # the payment provider's fee
    PLATFORM_FEE = "platform_fee"  # the platform's commission
    ADJUSTMENT = "adjustment"  # a refund or fee after an earlier statement was approved


STATEMENT_STATUS = {StatementStatus.DUE: N_("Statement due"),
                    StatementStatus.APPROVED: N_("Approved"),
                    StatementStatus.PAID: N_("Paid out")}
STATEMENT_LINE = {StatementLine.GROSS: N_("Gross income"), StatementLine.REFUND: N_("Refunds"),
                  StatementLine.PROCESSING_FEE: N_("Processing fees"),
                  StatementLine.PLATFORM_FEE: N_("Platform fee"),
                  StatementLine.ADJUSTMENT: N_("Adjustments")}


@dataclass(frozen=True)
class Rate:
    organizer_id: int | None  # None: the platform's default
    percent_bp: int
    fixed_minor: int
    currency: str
    effective_from: date
    id: int = 0


def platform_fee(held_minor: int, rate: Rate | None) -> int:
    """The commission on one paid registration that holds `held_minor` (see the module)."""
    if rate is None or held_minor <= 0:
        return 0
    percent = (held_minor * rate.percent_bp * 2 + BASIS_POINTS) // (2 * BASIS_POINTS)
    return min(held_minor, percent + rate.fixed_minor)


def rate_on(rates: Iterable[Rate], *, organizer_id: int, currency: str, day: date
            ) -> Rate | None:
    """The rate in force on `day`: the organizer's own if it has one by then, else the
    platform's. Among rates of one scope the latest effective date wins (a later row on the
    same date supersedes an earlier one)."""
    own: Rate | None = None
    default: Rate | None = None
    for rate in rates:
        if rate.currency != currency or rate.effective_from > day:
            continue
        key = (rate.effective_from, rate.id)
        if rate.organizer_id == organizer_id:
            if own is None or key > (own.effective_from, own.id):
                own = rate
        elif rate.organizer_id is None:
            if default is None or key > (default.effective_from, default.id):
                default = rate
    return own or default


@dataclass(frozen=True)
class Totals:
    gross_minor: int
    refunds_minor: int
    processing_fee_minor: int
    platform_fee_minor: int
    adjustments_minor: int

    @property
    def net_minor(self) -> int:
        return (self.gross_minor - self.refunds_minor - self.processing_fee_minor
                - self.platform_fee_minor + self.adjustments_minor)
