"""Sign-in sessions, single-use tokens (email verification, password reset, sign-in tickets),
sign-in throttling, known addresses, rate limits and links to external (OIDC) identities."""

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
    """Failed password checks per key ("pair:<email>|<address>", "client:<address>" or
    "account:<email>"), for growing back-off; forgotten after a quiet period."""

    __tablename__ = "sign_in_throttle"

    key: str = Field(max_length=400, unique=True)
    failures: int = 0
    blocked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_failure_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)


class KnownAddress(TableBase, table=True):
    """A client address (an IPv6 /64) from which an account signed in with its password: a
    correct password from it passes the per-account and per-address ceilings."""

    __tablename__ = "known_address"
    __table_args__ = (sa.UniqueConstraint("user_id", "address", name="uq_known_address"),)

    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    address: str = Field(max_length=64)
    last_used_at: datetime = Field(sa_type=UTCDateTime)


class RateLimitHit(TableBase, table=True):
    """One use of a rate-limited action (an email sent) by a key such as
    "password_reset:account:<email>"; rows older than the longest window are deleted."""

    __tablename__ = "rate_limit_hit"

    key: str = Field(max_length=400, index=True)
    at: datetime = Field(sa_type=UTCDateTime, index=True)


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
