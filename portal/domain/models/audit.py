"""The append-only audit log: who did what to which object, before and after, when (UTC).

The database refuses UPDATE and DELETE on this table (triggers in the migration)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel
from sqlmodel import Field, SQLModel

from portal.domain.clock import utcnow
from portal.domain.models.base import UTCDateTime


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_entry"
    __table_args__ = (sa.Index("ix_audit_entry_object", "object_type", "object_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    actor_id: int | None = Field(default=None, foreign_key="user_account.id", index=True)
    action: str = Field(max_length=64, index=True)
    object_type: str = Field(max_length=32)
    object_id: int | None = None
    before: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    note: str = Field(default="", max_length=1000)
    ip: str = Field(default="", max_length=64)


class AuditEntryPublic(BaseModel):
    id: int
    at: datetime
    actor: str
    action: str
    object_type: str
    object_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str
    # For sentences: the actor's and the object's names, and the staff page of the object.
    actor_id: int | None = None
    actor_name: str = ""
    object_name: str = ""
    object_href: str = ""
