"""Platform documents people must accept, versioned: the platform rules (rules §2.2.3), which
every signed-in person accepts again when they change, and the safety guide (rules §4.3), which
an organizer member confirms before submitting an event. A published version never changes;
a new one is published instead."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field

from portal.domain.models.base import TableBase, UTCDateTime

BODY_LIMIT = 40_000


class TextKind(StrEnum):
    RULES = "rules"
    SAFETY_GUIDE = "safety_guide"


class PlatformDocument(TableBase, table=True):
    __tablename__ = "platform_document"
    __table_args__ = (
        # two admins publishing at once: the database keeps version numbers unique
        sa.UniqueConstraint("kind", "version", name="uq_platform_document_kind_version"),
    )

    kind: str = Field(max_length=20)  # TextKind
    version: int
    body: str = Field(sa_type=sa.Text)  # Markdown
    published_by: int | None = Field(default=None, foreign_key="user_account.id",
                                     ondelete="SET NULL")
    published_at: datetime = Field(sa_type=UTCDateTime, nullable=False)


class DocumentAcceptance(TableBase, table=True):
    __tablename__ = "document_acceptance"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "kind", "version", name="uq_document_acceptance"),
    )

    user_id: int = Field(foreign_key="user_account.id", ondelete="CASCADE")
    kind: str = Field(max_length=20)
    version: int
    accepted_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
