"""Complaints (rules §6): what someone complains about, the steps staff take against their
deadlines, the timeline of notes and messages, the evidence, and the outcome with its remedies.

- `Complaint` carries its human reference ("C-2026-000123"), how it arrived (online, email,
  phone: who typed it in), what it is about (an event, a registration, an organizer or the
  platform; the organizer is filled from the event so organizer scope is one column), the
  complainant (an account, or a name and contact for people without one), the status with the
  current step's `due_at`, the assignee, and the outcome.
- `ComplaintEntry` is one line of the timeline. Visibility flags say who besides staff reads
  it: internal notes have neither; a request to the organizer has its own `due_at`.
- `ComplaintFile` is evidence, kept in the private file store under a random key, owned by the
  entry it came with.
- `ComplaintRemedy` is what an upheld complaint gives: a refund (with the refund it created),
  a rectification notice or a sanction asked of supervision (`linked_id` is filled when those
  exist), or anything else in words.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field

from portal.domain.enums import ComplaintStatus
from portal.domain.models.base import TableBase, UTCDateTime


class Complaint(TableBase, table=True):
    __tablename__ = "complaint"
    __table_args__ = (sa.Index("ix_complaint_status_due", "status", "due_at"),)

    reference: str = Field(max_length=20, unique=True)
    channel: str = Field(max_length=16)
    subject: str = Field(max_length=16)  # ComplaintSubject
    category: str = Field(max_length=32)
    event_id: int | None = Field(default=None, foreign_key="event.id", index=True)
    registration_id: int | None = Field(default=None, foreign_key="registration.id",
                                        index=True)
    organizer_id: int | None = Field(default=None, foreign_key="organizer.id", index=True)
    title: str = Field(default="", max_length=200)  # an email's subject line, or a summary
    what_happened: str = Field(sa_type=sa.Text)
    outcome_wanted: str = Field(default="", max_length=2000)
    complainant_id: int | None = Field(default=None, foreign_key="user_account.id",
                                       index=True)
    complainant_name: str = Field(default="", max_length=120)
    complainant_email: str = Field(default="", max_length=254)
    complainant_phone: str = Field(default="", max_length=32)
    locale: str = Field(default="en", max_length=16)  # what the complainant is written in
    sender_verified: bool = True  # email: SPF or DKIM passed for the sender's domain
    # email: its Message-ID, so a message delivered twice (a retried webhook) is one complaint
    inbound_message_id: str | None = Field(default=None, max_length=300, unique=True)
    entered_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    status: str = Field(default=ComplaintStatus.RECEIVED.value, max_length=16)
    due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # the current step's
    assignee_id: int | None = Field(default=None, foreign_key="user_account.id", index=True)
    received_at: datetime = Field(sa_type=UTCDateTime)
    accepted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    handled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    feedback_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reopened_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    findings: str = Field(default="", sa_type=sa.Text)
    outcome: str | None = Field(default=None, max_length=16)  # ComplaintOutcome
    closure: str | None = Field(default=None, max_length=16)  # ComplaintClosure


class ComplaintEntry(TableBase, table=True):
    __tablename__ = "complaint_entry"

    complaint_id: int = Field(foreign_key="complaint.id", index=True)
    kind: str = Field(max_length=24)
    author_id: int | None = Field(default=None, foreign_key="user_account.id")
    body: str = Field(default="", sa_type=sa.Text)
    status: str | None = Field(default=None, max_length=16)  # a status change: the new one
    visible_to_complainant: bool = False
    visible_to_organizer: bool = False
    due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # organizer request
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    request_id: int | None = Field(default=None, foreign_key="complaint_entry.id")


class ComplaintFile(TableBase, table=True):
    __tablename__ = "complaint_file"

    complaint_id: int = Field(foreign_key="complaint.id", index=True)
    entry_id: int = Field(foreign_key="complaint_entry.id", index=True)
    filename: str = Field(max_length=200)
    content_type: str = Field(max_length=64)
    size: int
    sha256: str = Field(max_length=64)
    storage_key: str = Field(max_length=80, unique=True)
    uploaded_by_id: int | None = Field(default=None, foreign_key="user_account.id")


class ComplaintRemedy(TableBase, table=True):
    __tablename__ = "complaint_remedy"

    complaint_id: int = Field(foreign_key="complaint.id", index=True)
    kind: str = Field(max_length=24)
    amount_minor: int | None = None
    currency: str = Field(default="", max_length=3)
    refund_id: int | None = Field(default=None, foreign_key="refund.id")
    linked_id: int | None = None  # the notice or sanction, once supervision opened it
    note: str = Field(default="", max_length=2000)
    recorded_by_id: int | None = Field(default=None, foreign_key="user_account.id")
