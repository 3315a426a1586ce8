"""Password hashing with argon2id and the length rule (8-128 characters, no composition rules)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from portal.domain.errors import Invalid

MIN_LENGTH = 8
MAX_LENGTH = 128
_hasher = PasswordHasher()


def check_password_rules(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise Invalid("Use at least {n} characters.", field="password", n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise Invalid("Use at most {n} characters.", field="password", n=MAX_LENGTH)


def hash_password(password: str) -> str:
    check_password_rules(password)
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
