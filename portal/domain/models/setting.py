"""A platform setting an administrator changed on the settings screen. The environment gives
the defaults; a row here wins over them until it is reset (rules §2.1: run without code)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from portal.domain.clock import utcnow
from portal.domain.models.base import UTCDateTime


class PlatformSetting(SQLModel, table=True):
    __tablename__ = "platform_setting"

    key: str = Field(primary_key=True, max_length=60)
    value: str = Field(max_length=2000)  # JSON of the validated value
    updated_by: int | None = Field(default=None, foreign_key="user_account.id",
                                   ondelete="SET NULL")
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
