"""Events (rules §2.3, §3.2, §4, §5.1): the page attendees see, its fee items and safety plan."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field

from portal.domain.enums import ChangeRequestStatus, EventStatus
from portal.domain.models.base import TableBase, UTCDateTime


class Event(TableBase, table=True):
    __tablename__ = "event"
    __table_args__ = (
        sa.Index("ix_event_catalogue", "status", "starts_at"),
        sa.CheckConstraint("capacity > 0", name="ck_event_capacity_positive"),
        sa.CheckConstraint("ends_at > starts_at", name="ck_event_ends_after_start"),
        sa.CheckConstraint("seats_taken >= 0", name="ck_event_seats_taken"),
    )

    organizer_id: int = Field(foreign_key="organizer.id", index=True)
    status: str = Field(default=EventStatus.DRAFT.value, max_length=16)
    name: str = Field(max_length=200)
    summary: str = Field(default="", max_length=300)
    description: str = Field(default="", sa_type=sa.Text)
    category: str = Field(max_length=32, index=True)
    starts_at: datetime = Field(sa_type=UTCDateTime)
    ends_at: datetime = Field(sa_type=UTCDateTime)
    time_zone: str = Field(max_length=64)
    format: str = Field(max_length=16)
    venue_address: str = Field(default="", max_length=300)
    city: str = Field(default="", max_length=80, index=True)
    join_link: str = Field(default="", max_length=500)
    capacity: int
    # Seats held by registrations (confirmed, pending, offered): changed only by conditional
    # UPDATEs in services/seats.py. `activity` counts every change to the event's registrations,
    # so open pages refresh only when something happened.
    seats_taken: int = 0
    activity: int = 0
    requires_approval: bool = False
    registration_opens_at: datetime = Field(sa_type=UTCDateTime)
    registration_closes_at: datetime = Field(sa_type=UTCDateTime)
    guide_process: str = Field(default="", max_length=2000)
    guide_bring: str = Field(default="", max_length=1000)
    guide_notes: str = Field(default="", max_length=2000)
    min_age: int | None = None
    max_age: int | None = None
    required_qualification: str = Field(default="", max_length=300)
    refund_full_days: int = 7
    refund_partial_days: int = 2
    refund_partial_percent: int = 50
    safety_risks: str = Field(default="", max_length=2000)
    safety_measures: str = Field(default="", max_length=2000)
    emergency_contact: str = Field(default="", max_length=200)
    emergency_plan: str = Field(default="", max_length=3000)
    total_fee_minor: int = 0  # mandatory fee items, kept with them for the catalogue
    currency: str = Field(max_length=3)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    review_due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decision_note: str = Field(default="", max_length=1000)
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reviewed_snapshot: dict | None = Field(default=None, sa_type=sa.JSON)  # last approved
    # The version sent at the latest submission, and the one sent before it: reviewers of a
    # resubmitted event see what changed since the version they rejected.
    submitted_snapshot: dict | None = Field(default=None, sa_type=sa.JSON)
    previous_submitted_snapshot: dict | None = Field(default=None, sa_type=sa.JSON)
    cover_key: str | None = Field(default=None, max_length=80)
    cover_type: str = Field(default="", max_length=32)


class FeeItem(TableBase, table=True):
    __tablename__ = "fee_item"

    event_id: int = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=16)
    label: str = Field(max_length=80)
    amount_minor: int
    mandatory: bool = True
    position: int = 0


class EventChangeRequest(TableBase, table=True):
    """An organizer's request to change or cancel a published event (rules §2.3.2)."""

    __tablename__ = "event_change_request"

    event_id: int = Field(foreign_key="event.id", index=True)
    kind: str = Field(max_length=16)  # a ChangeRequestKind
    reason: str = Field(max_length=1000)
    proposed: dict | None = Field(default=None, sa_type=sa.JSON)
    status: str = Field(default=ChangeRequestStatus.PENDING.value, max_length=16, index=True)
    requested_by_id: int = Field(foreign_key="user_account.id")
    decided_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    decision_note: str = Field(default="", max_length=1000)
    review_due_at: datetime = Field(sa_type=UTCDateTime)


class RegistrationQuestion(TableBase, table=True):
    """A question the registration form asks (the form builder of the event editor).

    Once people have answered it, a question keeps its identity: an approved change edits it in
    place, and removing it retires it (hidden from new registrations, kept with its answers)."""

    __tablename__ = "registration_question"

    event_id: int = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=20)
    label: str = Field(max_length=200)
    required: bool = False
    # Registrations made before this moment were never asked to answer it (a question added or
    # made required after publishing binds new registrations only); None while optional.
    required_since: datetime | None = Field(default=None, sa_type=UTCDateTime)
    retired_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    options: list[str] | None = Field(default=None, sa_type=sa.JSON)
    position: int = 0


class EventAutosave(TableBase, table=True):
    """What an organizer typed in the editor but has not saved yet, kept as they type.

    `event_key` is the event's id, or 0 for an event not saved yet."""

    __tablename__ = "event_autosave"
    __table_args__ = (sa.UniqueConstraint("user_id", "event_key", name="uq_event_autosave"),)

    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    event_key: int = 0
    data: dict = Field(sa_type=sa.JSON)
