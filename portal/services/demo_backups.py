"""Demo backups: one scheduled backup two days ago that failed (its error recorded), so the
backups screen shows what a failure looks like. The app's schedule takes a real, verified
backup as soon as it starts (none has succeeded yet)."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from portal.domain.clock import utcnow
from portal.domain.models import BackupRun
from portal.services.backups import BackupTrigger


def seed_demo_backups(session: Session) -> None:
    started = utcnow() - timedelta(days=2)
    session.add(BackupRun(trigger=BackupTrigger.SCHEDULED.value, started_at=started,
                          finished_at=started + timedelta(seconds=4), verified=False,
                          error="[Errno 28] No space left on device"))
    session.flush()
