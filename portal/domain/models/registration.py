"""Registrations (rules §2.4): who holds a seat at an event, who waits for one, and what they
answered and chose.

Seats are counted on the event itself (`Event.seats_taken`), changed only by conditional
UPDATEs (services/seats.py), so the database, not a count read in Python, decides who wins the
last seat. A registration holds a seat while its status is in HOLDS_A_SEAT; status changes are
conditional UPDATEs too (services/registration_flow.py), so a seat is given back exactly once.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field

from portal.domain.enums import RegistrationChannel, RegistrationStatus
from portal.domain.models.base import TableBase, UTCDateTime
from portal.domain.tickets import new_ticket_code

# Statuses in which a registration keeps its seat (or its place in the queue): a person has at
# most one of these per event.
ACTIVE = frozenset({RegistrationStatus.PENDING_REVIEW, RegistrationStatus.PENDING_PAYMENT,
                    RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED,
                    RegistrationStatus.OFFERED})
# Statuses whose registration holds a seat.
HOLDS_A_SEAT = frozenset({RegistrationStatus.PENDING_REVIEW, RegistrationStatus.PENDING_PAYMENT,
                          RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED})


class Registration(TableBase, table=True):
    __tablename__ = "registration"
    __table_args__ = (
        # One active registration per person per event: `active_user_id` is the user's id while
        # the registration is active and NULL after it ends (NULLs never collide), so a person
        # who cancelled may register again while their old registration stays on record.
        sa.UniqueConstraint("event_id", "active_user_id", name="uq_registration_active"),
        sa.Index("ix_registration_event_status", "event_id", "status"),
    )

    event_id: int = Field(foreign_key="event.id", index=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    active_user_id: int | None = Field(default=None)
    status: str = Field(default=RegistrationStatus.CONFIRMED.value, max_length=16)
    ticket_code: str = Field(default_factory=new_ticket_code, max_length=20, unique=True)
    channel: str = Field(default=RegistrationChannel.ONLINE.value, max_length=16)
    entered_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    total_minor: int = 0
    currency: str = Field(default="CNY", max_length=3)
    safety_ack_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    qualification: str = Field(default="", max_length=300)
    eligibility_override: str = Field(default="", max_length=1000)
    hold_expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    offer_expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    review_due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decided_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    decision_note: str = Field(default="", max_length=1000)
    confirmed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # cancelled, expired...
    end_reason: str = Field(default="", max_length=1000)
    checked_in_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    checked_in_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    # A registration that had been paid for and then ended: the refund is owed (payments).
    refund_due: bool = False


class RegistrationItem(TableBase, table=True):
    """A fee item a registration includes, at the price it had when the person registered. The
    label and amount are kept here: an approved change that rewrites the event's items leaves
    the registration as it was bought (the link to the item is then cleared)."""

    __tablename__ = "registration_item"
    __table_args__ = (sa.UniqueConstraint("registration_id", "fee_item_id",
                                          name="uq_registration_item"),)

    registration_id: int = Field(foreign_key="registration.id", index=True, ondelete="CASCADE")
    fee_item_id: int | None = Field(default=None, foreign_key="fee_item.id", index=True,
                                    ondelete="SET NULL")
    label: str = Field(max_length=80)
    amount_minor: int


class RegistrationAnswer(TableBase, table=True):
    """What a registrant answered to one registration question. A question with answers is
    never deleted (the foreign key refuses it), only retired. A file answer keeps the stored
    file's key (private store) with its type and name; `value` then holds the name."""

    __tablename__ = "registration_answer"
    __table_args__ = (sa.UniqueConstraint("registration_id", "question_id",
                                          name="uq_registration_answer"),)

    registration_id: int = Field(foreign_key="registration.id", index=True, ondelete="CASCADE")
    question_id: int = Field(foreign_key="registration_question.id", index=True)
    value: str = Field(default="", sa_type=sa.Text)
    file_key: str | None = Field(default=None, max_length=80)
    file_type: str = Field(default="", max_length=64)
