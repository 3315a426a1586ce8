"""Emails waiting to be sent, written in the same transaction as the change they announce."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field

from portal.domain.clock import utcnow
from portal.domain.models.base import TableBase, UTCDateTime


class EmailStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # claimed by a dispatcher; the provider may or may not have it
    SENT = "sent"
    FAILED = "failed"


class OutboxEmail(TableBase, table=True):
    __tablename__ = "outbox_email"
    __table_args__ = (sa.Index("ix_outbox_email_due", "status", "next_attempt_at"),)

    to_email: str = Field(max_length=254, index=True)
    to_user_id: int | None = Field(default=None, foreign_key="user_account.id", index=True)
    template: str = Field(max_length=64)
    locale: str = Field(default="en", max_length=16)
    subject: str = Field(max_length=300)
    body_text: str = Field(sa_type=sa.Text)
    body_html: str = Field(sa_type=sa.Text)
    status: str = Field(default=EmailStatus.PENDING.value, max_length=16)
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_error: str = Field(default="", max_length=1000)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    provider_message_id: str = Field(default="", max_length=200)
    about_type: str = Field(default="", max_length=32)
    about_id: int | None = None


class Notification(TableBase, table=True):
    """An in-app message in a person's inbox, written with the email that announces it."""

    __tablename__ = "notification"
    __table_args__ = (sa.Index("ix_notification_inbox", "user_id", "read_at"),)

    user_id: int = Field(foreign_key="user_account.id", ondelete="CASCADE")
    template: str = Field(max_length=64)
    title: str = Field(max_length=300)
    body: str = Field(max_length=1000)
    link: str = Field(default="", max_length=500)
    about_type: str = Field(default="", max_length=32)
    about_id: int | None = None
    read_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
