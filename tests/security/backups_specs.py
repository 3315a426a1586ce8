"""Specs for the backups screen: only administrators see the backups or take one."""

from __future__ import annotations

from sqlalchemy import delete, func, select

from portal.db import session_scope
from portal.domain.models import BackupRun
from tests.security.cases import Spec, Target, table_has_rows

BACKUPS = "portal.ui.staff.backups.BackupsState."
NOT_ADMIN = ("anonymous", "suspended", "attendee", "member", "other_member", "other_area",
             "reviews")


def _verified() -> int:
    with session_scope() as session:
        return session.execute(select(func.count()).select_from(BackupRun).where(
            BackupRun.verified)).scalar_one()


def _back_up(world) -> Target:
    with session_scope() as session:  # none running: the refusal must be the role's
        session.execute(delete(BackupRun).where(BackupRun.finished_at.is_(None)))
    before = _verified()
    return Target(done=lambda: _verified() == before + 1)


def _one_backup(world) -> Target:
    with session_scope() as session:
        session.add(BackupRun(trigger="command", path="/backups/portal-backup-x.tar.gz",
                              size=1024, verified=True, finished_at=BackupRun().started_at))
    return Target()


BACKUP_SPECS = [
    Spec(BACKUPS + "back_up_now", _back_up, "admin", NOT_ADMIN),
    Spec(BACKUPS + "load_table", _one_backup, "admin", NOT_ADMIN, shown=table_has_rows,
         write=False),
]
