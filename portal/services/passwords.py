"""Password hashing with argon2id and the rules: 8-128 characters, not a common password, no
composition rules (NIST SP 800-63B)."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from portal.domain.errors import Invalid

MIN_LENGTH = 8
MAX_LENGTH = 128
_hasher = PasswordHasher()
# Verified against when an email is unknown, so both answers take about as long.
_DUMMY_HASH = _hasher.hash("not-a-real-password-for-timing")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The 30,000 most common passwords of real leaks (the zxcvbn package's list)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def check_password_rules(password: str, *, field: str = "password") -> None:
    if not isinstance(password, str) or len(password) < MIN_LENGTH:
        raise Invalid("Use at least {n} characters.", field=field, n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise Invalid("Use at most {n} characters.", field=field, n=MAX_LENGTH)
    if password.lower() in common_passwords():
        raise Invalid("This password is too common; choose one that is harder to guess.",
                      field=field)


def hash_password(password: str) -> str:
    check_password_rules(password)
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False
