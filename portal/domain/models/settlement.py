"""Settlement with organizers (rules §5.2.2, §5.3.1): the platform's commission and the
statements that pay an event's money on to its organizer.

- `PlatformFeeRate` is append-only: a new rate with a later `effective_from` supersedes the one
  before it. `organizer_id` NULL is the platform's default; a row with an organizer is that
  organizer's agreed rate. The rate of a registration is the one in force on the day it was
  paid (platform zone).
- `SettlementStatement` is one statement of an event: `due` while it collects the event's
  unsettled ledger entries, then `approved` (closed: nothing is added or changed any more),
  then `paid` (the payout is in the ledger). One open statement per event (`open_event_id`,
  NULL once approved) and one number per statement of an event (`sequence`).
- `SettlementItem` puts one ledger entry on one statement (unique `ledger_entry_id`), on a
  line of the statement, with its effect on the net amount (signed).
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field

from portal.domain.models.base import TableBase, UTCDateTime


class PlatformFeeRate(TableBase, table=True):
    __tablename__ = "platform_fee_rate"
    __table_args__ = (
        sa.Index("ix_platform_fee_rate_lookup", "organizer_id", "currency", "effective_from"),
        sa.CheckConstraint("percent_bp >= 0 AND percent_bp <= 10000",
                           name="ck_platform_fee_rate_percent"),
        sa.CheckConstraint("fixed_minor >= 0", name="ck_platform_fee_rate_fixed"),
    )

    organizer_id: int | None = Field(default=None, foreign_key="organizer.id")
    percent_bp: int = 0  # basis points: 500 = 5 %
    fixed_minor: int = 0  # per paid registration, in `currency`
    currency: str = Field(max_length=3)
    effective_from: date
    set_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    note: str = Field(default="", max_length=500)


class SettlementStatement(TableBase, table=True):
    __tablename__ = "settlement_statement"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "sequence", name="uq_settlement_event_sequence"),
        sa.UniqueConstraint("open_event_id", name="uq_settlement_open_event"),
        sa.Index("ix_settlement_status_due", "status", "due_on"),
    )

    event_id: int = Field(foreign_key="event.id", index=True)
    organizer_id: int = Field(foreign_key="organizer.id", index=True)
    sequence: int = 1
    open_event_id: int | None = Field(default=None)
    status: str = Field(default="due", max_length=16)
    currency: str = Field(max_length=3)
    due_on: date
    gross_minor: int = 0
    refunds_minor: int = 0  # refunds of registrations first settled here (positive)
    platform_fee_minor: int = 0
    processing_fee_minor: int = 0
    adjustments_minor: int = 0  # signed: refunds and fees after an earlier statement
    net_minor: int = 0  # owed to the organizer (negative: the organizer owes the platform)
    refreshed_at: datetime = Field(sa_type=UTCDateTime)
    approved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    approved_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    paid_on: date | None = None
    paid_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    paid_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    bank_reference: str = Field(default="", max_length=100)


class SettlementItem(TableBase, table=True):
    __tablename__ = "settlement_item"
    __table_args__ = (
        sa.UniqueConstraint("ledger_entry_id", name="uq_settlement_item_entry"),
    )

    statement_id: int = Field(foreign_key="settlement_statement.id", index=True)
    ledger_entry_id: int = Field(foreign_key="ledger_entry.id")
    registration_id: int | None = Field(default=None, foreign_key="registration.id",
                                        index=True)
    line: str = Field(max_length=16)  # a StatementLine
    method: str = Field(default="", max_length=16)  # the payment's, for the gross lines
    amount_minor: int  # the entry's effect on the net amount: income +, money out −
