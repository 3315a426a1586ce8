"""Sign-in sessions, single-use tokens (email verification, password reset, sign-in tickets),
sign-in throttling and links to external (OIDC) identities."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field

from portal.domain.models.base import TableBase, UTCDateTime


class UserSession(TableBase, table=True):
    """A signed-in browser. Only the SHA-256 of its token is stored."""

    __tablename__ = "user_session"

    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True)
    last_seen_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    ip: str = Field(default="", max_length=64)
    user_agent: str = Field(default="", max_length=300)


class TokenPurpose(StrEnum):
    VERIFY_EMAIL = "verify_email"
    CHANGE_EMAIL = "change_email"
    RESET_PASSWORD = "reset_password"
    SIGN_IN = "sign_in"


class OneTimeToken(TableBase, table=True):
    """A single-use, expiring secret sent by email or through a redirect; stored hashed."""

    __tablename__ = "one_time_token"

    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    purpose: str = Field(max_length=32)
    token_hash: str = Field(max_length=64, unique=True)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    payload: str = Field(default="", max_length=500)


class SignInThrottle(TableBase, table=True):
    """Failed sign-ins per key ("account:<email>" or "client:<ip>"), for growing back-off."""

    __tablename__ = "sign_in_throttle"

    key: str = Field(max_length=300, unique=True)
    failures: int = 0
    blocked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ExternalIdentity(TableBase, table=True):
    """An OIDC account (issuer + subject) linked to a portal user."""

    __tablename__ = "external_identity"
    __table_args__ = (sa.UniqueConstraint("issuer", "subject", name="uq_external_identity"),)

    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    issuer: str = Field(max_length=300)
    subject: str = Field(max_length=255)


class OidcLogin(TableBase, table=True):
    """A sign-in started at the OIDC provider: its state (hashed), PKCE verifier and nonce."""

    __tablename__ = "oidc_login"

    state_hash: str = Field(max_length=64, unique=True)
    code_verifier: str = Field(max_length=128)
    nonce: str = Field(max_length=128)
    next_path: str = Field(default="/me", max_length=500)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
