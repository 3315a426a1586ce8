"""Growing back-off for failed password checks (sign-in, and the current password when changing
it), in three counters:

- pair (account, address): 5 free failures. The main brake on guessing one account from one
  place; only a success of the same account from the same address clears it.
- address, across accounts: 20 free. Catches password spraying (one address, many accounts);
  a success on one account does not clear it, so it keeps slowing guesses at the others.
- account, across addresses: 10 free. A ceiling on guessing from many addresses. It only slows,
  and a correct password from a known address (one this account signed in from with its
  password in the last 90 days) passes it, so a stranger cannot keep the owner out.

Past the free failures each further one doubles the wait (2 s, 4 s, 8 s ...) up to 15 minutes.
A counter without failures for a day starts again from zero. Counters are keyed by the email as
typed, so an unknown email is slowed exactly like a real one. Addresses are compared as given for
IPv4 and by /64 network for IPv6 (one subscriber's usual allocation).
"""

from __future__ import annotations

import ipaddress
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from portal.domain.clock import utcnow
from portal.domain.errors import Conflict
from portal.domain.models import KnownAddress, SignInThrottle

FREE_FAILURES = {"pair": 5, "client": 20, "account": 10}
MAX_WAIT = timedelta(minutes=15)
FORGET_AFTER = timedelta(days=1)
KNOWN_FOR = timedelta(days=90)
# Counters a known address's correct password passes; the pair counter it never passes.
CEILINGS = ("client", "account")


def address_key(ip: str) -> str:
    """The address a limit counts by: an IPv4 address, an IPv6 /64, or "" when unknown."""
    raw = (ip or "").strip()
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw[:64]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False))
    return str(address)


@dataclass(frozen=True)
class Attempt:
    """One password check: for which email (as typed) from which address."""

    email: str
    address: str

    @classmethod
    def of(cls, email: str, ip: str) -> Attempt:
        return cls(email=(email or "").strip().lower()[:254], address=address_key(ip))

    def keys(self) -> dict[str, str]:
        keys = {"pair": f"pair:{self.email}|{self.address or 'unknown'}",
                "account": f"account:{self.email}"}
        if self.address:  # a missing address is not one shared bucket for everybody
            keys["client"] = f"client:{self.address}"
        return keys


def wait_for(failures: int, kind: str) -> timedelta:
    over = failures - FREE_FAILURES[kind]
    if over <= 0:
        return timedelta(0)
    return min(timedelta(seconds=2 ** min(over, 20)), MAX_WAIT)


def _too_many(wait: timedelta) -> Conflict:
    return Conflict("Too many attempts. Try again in {seconds} seconds.",
                    seconds=math.ceil(wait.total_seconds()))


def _waits(session: Session, attempt: Attempt, now: datetime) -> dict[str, timedelta]:
    kinds = {key: kind for kind, key in attempt.keys().items()}
    rows = session.exec(select(SignInThrottle).where(SignInThrottle.key.in_(kinds))).all()
    return {kinds[row.key]: row.blocked_until - now for (row,) in rows
            if row.blocked_until and row.blocked_until > now}


def is_known(session: Session, *, user_id: int, address: str) -> bool:
    if not address:
        return False
    row = session.exec(select(KnownAddress.last_used_at).where(
        KnownAddress.user_id == user_id, KnownAddress.address == address)).first()
    return row is not None and row[0] > utcnow() - KNOWN_FOR


def check_password(session: Session, attempt: Attempt, *, user_id: int | None,
                   verify: Callable[[], bool]) -> bool:
    """Run `verify` (the password check) unless a back-off forbids it; True when it passed.

    Refuses with the wait while the pair is slowed. While only a ceiling is slowed the check
    still runs (same work for every email) and only a correct password from a known address
    goes through; everyone else gets the wait. Refused attempts are not counted.
    """
    now = utcnow()
    waits = _waits(session, attempt, now)
    if "pair" in waits:
        raise _too_many(waits["pair"])
    if not (session.new or session.dirty or session.deleted):
        # The hash check takes a few hundred ms of CPU: end the read transaction first, so no
        # snapshot or lock is held meanwhile and a concurrent writer cannot force a retry.
        session.commit()
    passed = verify()
    ceilings = [waits[kind] for kind in CEILINGS if kind in waits]
    if ceilings and not (passed and user_id is not None
                         and is_known(session, user_id=user_id, address=attempt.address)):
        raise _too_many(max(ceilings))
    return passed


def _count_failure(session: Session, key: str, kind: str, now: datetime) -> None:
    exists = session.exec(select(SignInThrottle.id).where(SignInThrottle.key == key)).first()
    if exists is None:
        try:
            with session.begin_nested():
                session.add(SignInThrottle(key=key, failures=0))
        except IntegrityError:
            pass  # a concurrent failure created it; count on it below
    # One UPDATE, so concurrent failures are all counted; a stale counter starts again.
    stale = SignInThrottle.last_failure_at.is_(None) | (
        SignInThrottle.last_failure_at < now - FORGET_AFTER)
    session.execute(update(SignInThrottle).where(SignInThrottle.key == key, stale)
                    .values(failures=0))
    session.execute(update(SignInThrottle).where(SignInThrottle.key == key)
                    .values(failures=SignInThrottle.failures + 1, last_failure_at=now))
    failures = session.exec(select(SignInThrottle.failures)
                            .where(SignInThrottle.key == key)).one()[0]
    delay = wait_for(failures, kind)
    session.execute(update(SignInThrottle).where(SignInThrottle.key == key)
                    .values(blocked_until=now + delay if delay else None))


def record_failure(session: Session, attempt: Attempt) -> None:
    now = utcnow()
    for kind, key in attempt.keys().items():
        _count_failure(session, key, kind, now)
    session.execute(delete(SignInThrottle).where(
        SignInThrottle.last_failure_at < now - FORGET_AFTER))


def record_success(session: Session, attempt: Attempt, *, user_id: int) -> None:
    """Clear this pair's counter and remember the address; the other counters stay."""
    session.execute(delete(SignInThrottle).where(SignInThrottle.key == attempt.keys()["pair"]))
    if not attempt.address:
        return
    now = utcnow()
    updated = session.execute(update(KnownAddress).where(
        KnownAddress.user_id == user_id, KnownAddress.address == attempt.address)
        .values(last_used_at=now))
    if updated.rowcount:
        return
    try:
        with session.begin_nested():
            session.add(KnownAddress(user_id=user_id, address=attempt.address, last_used_at=now))
    except IntegrityError:
        pass  # a concurrent sign-in from the same address remembered it
