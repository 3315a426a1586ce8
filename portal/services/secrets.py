"""Random tokens handed to people and browsers; only a keyed digest of each is stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from portal.settings import get_settings

TOKEN_BYTES = 32  # 256 bits


def new_token() -> tuple[str, str]:
    """A fresh (raw, digest) pair: the raw value leaves the server, the digest is stored."""
    raw = secrets.token_urlsafe(TOKEN_BYTES)
    return raw, hash_token(raw)


def hash_token(raw: str) -> str:
    """HMAC-SHA256 keyed with PORTAL_SECRET_KEY: a copy of the database alone cannot confirm a
    token, and a new key ends every session and outstanding link at once."""
    key = get_settings().secret_key.get_secret_value().encode("utf-8")
    return hmac.new(key, raw.encode("utf-8", "replace"), hashlib.sha256).hexdigest()
