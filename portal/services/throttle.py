"""Growing back-off for failed sign-ins, per account and per client address.

After a few free failures each further one doubles the wait, up to a cap, so guessing is slow
while a victim is never locked out for longer than the cap.
"""

from __future__ import annotations

import math
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from portal.domain.clock import utcnow
from portal.domain.errors import Conflict
from portal.domain.models import SignInThrottle

FREE_FAILURES = {"account": 5, "client": 20}
MAX_WAIT = timedelta(minutes=15)


def keys_for(email: str, client_ip: str) -> list[str]:
    return [f"account:{email.strip().lower()[:254]}", f"client:{client_ip[:64] or 'unknown'}"]


def wait_for(failures: int, kind: str) -> timedelta:
    over = failures - FREE_FAILURES[kind]
    if over <= 0:
        return timedelta(0)
    return min(timedelta(seconds=2 ** min(over, 20)), MAX_WAIT)


def check(session: Session, keys: list[str]) -> None:
    """Refuse while any key is in its back-off period."""
    now = utcnow()
    rows = session.exec(select(SignInThrottle).where(SignInThrottle.key.in_(keys))).all()
    waits = [row[0].blocked_until - now for row in rows
             if row[0].blocked_until and row[0].blocked_until > now]
    if waits:
        seconds = math.ceil(max(waits).total_seconds())
        raise Conflict("Too many attempts. Try again in {seconds} seconds.", seconds=seconds)


def record_failure(session: Session, keys: list[str]) -> None:
    now = utcnow()
    for key in keys:
        row = session.exec(select(SignInThrottle).where(SignInThrottle.key == key)).first()
        if row is None:
            try:
                with session.begin_nested():
                    session.add(SignInThrottle(key=key, failures=0))
            except IntegrityError:
                pass  # a concurrent failure created it; count on it below
            row = session.exec(select(SignInThrottle).where(SignInThrottle.key == key)).one()
        throttle = row[0]
        throttle.failures += 1
        kind = key.split(":", 1)[0]
        delay = wait_for(throttle.failures, kind)
        throttle.blocked_until = now + delay if delay else None


def record_success(session: Session, keys: list[str]) -> None:
    for (throttle,) in session.exec(select(SignInThrottle).where(SignInThrottle.key.in_(keys))):
        session.delete(throttle)
