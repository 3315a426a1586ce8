"""Organizers (rules §3): their qualification application, documents, members and invitations."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field

from portal.domain.enums import OrganizerStatus
from portal.domain.models.base import StoredFileColumns, TableBase, UTCDateTime


class Organizer(TableBase, table=True):
    __tablename__ = "organizer"

    legal_name: str = Field(max_length=200)
    kind: str = Field(max_length=16)
    registration_number: str = Field(max_length=64)
    contact_name: str = Field(max_length=120)
    contact_phone: str = Field(max_length=32)
    address: str = Field(max_length=300)
    description: str = Field(max_length=4000)
    status: str = Field(default=OrganizerStatus.SUBMITTED.value, max_length=20, index=True)
    submitted_at: datetime = Field(sa_type=UTCDateTime)
    review_due_at: datetime = Field(sa_type=UTCDateTime)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decision_note: str = Field(default="", max_length=1000)
    certificate_number: str | None = Field(default=None, max_length=32, unique=True)
    publishing_suspended: bool = False


class OrganizerMember(TableBase, table=True):
    __tablename__ = "organizer_member"
    __table_args__ = (sa.UniqueConstraint("organizer_id", "user_id",
                                          name="uq_organizer_member"),)

    organizer_id: int = Field(foreign_key="organizer.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    role: str = Field(max_length=16)


class QualificationDocument(StoredFileColumns, TableBase, table=True):
    """A file kept outside any public folder; served only through an authorised route."""

    __tablename__ = "qualification_document"

    organizer_id: int = Field(foreign_key="organizer.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=32)
    uploaded_by_id: int = Field(foreign_key="user_account.id")


class OrganizerInvite(TableBase, table=True):
    __tablename__ = "organizer_invite"

    organizer_id: int = Field(foreign_key="organizer.id", index=True, ondelete="CASCADE")
    email: str = Field(max_length=254)
    token_hash: str = Field(max_length=64, unique=True)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    accepted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    invited_by_id: int = Field(foreign_key="user_account.id")
