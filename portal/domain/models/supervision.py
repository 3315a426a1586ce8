"""Supervision of organizers (rules §3.3): rectification notices with their evidence, and the
sanction ladder (warning, suspended publishing, revoked qualification)."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field

from portal.domain.enums import NoticeStatus
from portal.domain.models.base import StoredFileColumns, TableBase, UTCDateTime


class RectificationNotice(TableBase, table=True):
    """Staff ask an organizer to put something right by a date (§3.3.1)."""

    __tablename__ = "rectification_notice"

    organizer_id: int = Field(foreign_key="organizer.id", index=True, ondelete="CASCADE")
    event_id: int | None = Field(default=None, foreign_key="event.id", index=True)
    # the complaint that led to it, if one did
    complaint_id: int | None = Field(default=None, foreign_key="complaint.id", index=True)
    problem: str = Field(max_length=2000)
    required_action: str = Field(max_length=2000)
    due_on: date = Field(index=True)
    status: str = Field(default=NoticeStatus.OPEN.value, max_length=16, index=True)
    opened_by_id: int = Field(foreign_key="user_account.id")
    response: str = Field(default="", max_length=4000)
    responded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    responded_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decided_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    decision_note: str = Field(default="", max_length=1000)


class NoticeEvidence(StoredFileColumns, TableBase, table=True):
    """A file the organizer sent with its response; private, served through an authorised
    route only."""

    __tablename__ = "notice_evidence"

    notice_id: int = Field(foreign_key="rectification_notice.id", index=True, ondelete="CASCADE")
    uploaded_by_id: int = Field(foreign_key="user_account.id")


class Sanction(TableBase, table=True):
    """One step of the ladder (§3.3.3). In force while not lifted (and, for a suspension with
    an end date, until the end of that day)."""

    __tablename__ = "sanction"

    organizer_id: int = Field(foreign_key="organizer.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=24, index=True)
    reason: str = Field(max_length=2000)
    complaint_id: int | None = Field(default=None, foreign_key="complaint.id", index=True)
    notice_id: int | None = Field(default=None, foreign_key="rectification_notice.id")
    until: date | None = None  # a suspension's last day; None: until lifted
    keep_published: bool = True  # a suspension: published events go on
    # A revocation keeps what it replaced, so lifting it restores exactly that.
    previous_status: str = Field(default="", max_length=20)
    created_by_id: int = Field(foreign_key="user_account.id")
    lifted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    lifted_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    lift_reason: str = Field(default="", max_length=1000)
