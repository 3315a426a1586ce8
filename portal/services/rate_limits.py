"""Limits on actions that send email, per account and per client address, over a sliding hour.

Each allowed use is one row; a use is refused while either key already has its allowance of
rows inside the window, with the minutes until the oldest of them leaves it. Refused uses are
not counted, so waiting always ends. A missing address is not counted per address (it would be
one bucket shared by every caller that passes none).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select
from sqlmodel import Session, col

from portal.domain.clock import utcnow
from portal.domain.errors import Conflict
from portal.domain.models import RateLimitHit
from portal.services.throttle import address_key


@dataclass(frozen=True)
class Limit:
    per_account: int
    per_address: int
    window: timedelta = timedelta(hours=1)


LIMITS = {
    "password_reset": Limit(per_account=3, per_address=10),
    "verification": Limit(per_account=3, per_address=10),
    "email_change": Limit(per_account=3, per_address=10),
    "invitation": Limit(per_account=20, per_address=40),
    "data_export": Limit(per_account=5, per_address=20),  # each is a full read of a person
    # counted per event, the organizer's and staff's apart: an update every ten minutes is
    # plenty in an emergency
    "broadcast": Limit(per_account=6, per_address=6),
}
LONGEST_WINDOW = max(limit.window for limit in LIMITS.values())


def spend(session: Session, action: str, *, account: str | int, ip: str) -> None:
    """Count one use of `action` by this account (an email or a user id) from this address, or
    refuse with Conflict when either has used up its allowance; nothing is written then."""
    limit = LIMITS[action]
    now = utcnow()
    since = now - limit.window
    allowances = {f"{action}:account:{account}": limit.per_account}
    if address := address_key(ip):
        allowances[f"{action}:address:{address}"] = limit.per_address
    waits = []
    for key, allowed in allowances.items():
        times = list(session.scalars(
            select(col(RateLimitHit.at)).where(col(RateLimitHit.key) == key,
                                               col(RateLimitHit.at) > since)
            .order_by(col(RateLimitHit.at))).all())
        if len(times) >= allowed:
            waits.append(times[-allowed] + limit.window - now)
    if waits:
        minutes = max(1, math.ceil(max(waits).total_seconds() / 60))
        raise Conflict("Too many requests; try again in {minutes} minutes.", minutes=minutes)
    session.execute(delete(RateLimitHit).where(col(RateLimitHit.at) <= now - LONGEST_WINDOW))
    for key in allowances:
        session.add(RateLimitHit(key=key, at=now))
