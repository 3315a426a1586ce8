"""Password hashing with argon2id and the rules: 8-128 characters, not a common password, no
composition rules (NIST SP 800-63B)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from portal.domain.errors import Invalid

MIN_LENGTH = 8
MAX_LENGTH = 128


@dataclass(frozen=True)
class HashParameters:
    """argon2id cost: time_cost passes over memory_cost KiB, with parallelism lanes."""

    time_cost: int
    memory_cost: int
    parallelism: int


# RFC 9106's second recommended option (argon2id, t=3, 64 MiB, p=4): what production uses.
PRODUCTION_PARAMETERS = HashParameters(time_cost=3, memory_cost=64 * 1024, parallelism=4)


class _Hashing:
    """The hasher in use and a dummy hash made with it, swapped together."""

    hasher: PasswordHasher
    dummy_hash: str

    def use(self, parameters: HashParameters) -> None:
        self.parameters = parameters
        self.hasher = PasswordHasher(time_cost=parameters.time_cost,
                                     memory_cost=parameters.memory_cost,
                                     parallelism=parameters.parallelism, type=Type.ID)
        # Verified against when an email is unknown, so both answers take about as long.
        self.dummy_hash = self.hasher.hash("not-a-real-password-for-timing")


_hashing = _Hashing()
_hashing.use(PRODUCTION_PARAMETERS)
# argon2 saturates the cores it is given (p=4 lanes): one hash at a time per process leaves the
# other core to the event loop, so a burst of sign-ins queues here instead of slowing every
# connected client. Callers run in worker threads, never on the loop.
_ONE_AT_A_TIME = threading.Lock()


def use_parameters(parameters: HashParameters) -> None:
    """Select the cost of new hashes (tests choose a cheap one); existing hashes still verify,
    since each hash records its own parameters."""
    _hashing.use(parameters)


def active_parameters() -> HashParameters:
    return _hashing.parameters


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
    with _ONE_AT_A_TIME:
        return _hashing.hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        with _ONE_AT_A_TIME:
            matched = _hashing.hasher.verify(password_hash or _hashing.dummy_hash, password)
        return matched and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False
