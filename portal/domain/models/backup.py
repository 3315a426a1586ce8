"""One backup of the database and the private files (rules §2.1, §4.2.2): when it ran, the
archive it wrote, and whether the finished archive passed its verification."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger
from sqlmodel import Field, SQLModel

from portal.domain.clock import utcnow
from portal.domain.models.base import UTCDateTime


class BackupRun(SQLModel, table=True):
    __tablename__ = "backup_run"

    id: int | None = Field(default=None, primary_key=True)
    trigger: str = Field(max_length=20)  # BackupTrigger
    # The schedule's slot (hours since the epoch // interval): unique, so two processes
    # running the schedule never both take the same backup.
    slot: int | None = Field(default=None, unique=True)
    started_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False,
                                 index=True)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    path: str = Field(default="", max_length=1000)  # the archive, while it is kept
    size: int = Field(default=0, sa_type=BigInteger)
    verified: bool = False
    error: str = Field(default="", max_length=1000)
    requested_by_id: int | None = Field(default=None, foreign_key="user_account.id",
                                        ondelete="SET NULL")
