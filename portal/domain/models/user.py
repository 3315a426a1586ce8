"""People who use the portal, and the roles granted to them."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from pydantic import BaseModel
from sqlmodel import Field

from portal.domain.enums import Role, UserStatus
from portal.domain.models.base import TableBase, UTCDateTime


class User(TableBase, table=True):
    __tablename__ = "user_account"
    __table_args__ = (
        # Emails are stored lower-cased, so uniqueness is case-insensitive on every backend.
        sa.CheckConstraint("email = lower(email)", name="ck_user_account_email_lower"),
    )

    name: str = Field(max_length=120)
    email: str = Field(max_length=254, unique=True, index=True)
    phone: str | None = Field(default=None, max_length=32)
    date_of_birth: date | None = None
    status: str = Field(default=UserStatus.ACTIVE.value, max_length=16, index=True)
    email_verified_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    password_hash: str | None = Field(default=None, max_length=255)
    locale: str = Field(default="en", max_length=16)
    accepted_rules_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    password_changed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    status_reason: str | None = Field(default=None, max_length=500)


def has_contact_details(user: User) -> bool:
    """Phone and date of birth: what an account made through a provider adds (rules §2.2.1)."""
    return bool(user.phone and user.date_of_birth)


def profile_complete(user: User) -> bool:
    """Contact details given and the platform rules accepted (rules §2.2.3)."""
    return has_contact_details(user) and user.accepted_rules_at is not None


class UserRole(TableBase, table=True):
    __tablename__ = "user_role"
    __table_args__ = (sa.UniqueConstraint("user_id", "role", name="uq_user_role"),)

    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    role: str = Field(max_length=32)
    granted_by_id: int | None = Field(default=None, foreign_key="user_account.id")


class UserPublic(BaseModel):
    """What screens may show of a user."""

    id: int
    name: str
    email: str
    status: UserStatus
    roles: list[Role]
    verified: bool
    created_at: datetime


class Profile(BaseModel):
    """The signed-in user's own account, as their profile page shows it."""

    id: int
    name: str
    email: str
    phone: str
    date_of_birth: date | None
    verified: bool
    locale: str
    has_password: bool
    profile_complete: bool
    accepted_rules: bool
    roles: list[Role]
