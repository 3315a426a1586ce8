"""Backups (rules §2.1, §4.2.2): each run recorded (when, the archive, its size, whether the
finished archive passed verification or the error), taken on a schedule by the app and the
worker, on request by an administrator, or by `portal backup`; archives beyond the number to
keep are removed. The archive itself is written by an adapter (portal.wiring.backup_archiver)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.errors import Conflict, DomainError, Forbidden, Invalid
from portal.domain.models import BackupRun
from portal.domain.policies import Actor, can_change_settings
from portal.services import audit, platform_settings
from portal.services.paging import PageRequest, paginate

logger = logging.getLogger(__name__)
STALE = timedelta(hours=2)  # a run unfinished this long was interrupted
RETRY = timedelta(hours=1)  # after a failed scheduled backup


class BackupTrigger(StrEnum):
    SCHEDULED = "scheduled"
    MANUAL = "manual"  # an administrator's "back up now"
    COMMAND = "command"  # `portal backup`


class Archiver(Protocol):
    """The port the archive adapter implements."""

    folder: Path  # where scheduled and requested archives go

    def create(self, to_dir: Path) -> tuple[Path, int]: ...  # the archive and its size

    def check(self, archive: Path) -> None: ...  # raises DomainError when it fails


@dataclass(frozen=True)
class BackupRow:
    id: int
    started_at: datetime
    finished_at: datetime | None
    trigger: str
    filename: str
    size: int
    status: str  # ok | failed | running | interrupted
    error: str
    kept: bool  # the archive is still on disk


@dataclass(frozen=True)
class BackupsPage:
    rows: list[BackupRow]
    total: int
    interval_hours: int
    keep: int
    folder: str
    last_ok_at: datetime | None
    next_due_at: datetime | None


def _require_admin(actor: Actor) -> None:
    if not can_change_settings(actor):
        raise Forbidden("Only administrators can see and take backups.")


def _status(run: BackupRun, now: datetime) -> str:
    if run.finished_at is None:
        return "running" if now - run.started_at < STALE else "interrupted"
    return "ok" if run.verified else "failed"


def _running(session: Session, now: datetime) -> bool:
    return session.exec(select(BackupRun.id).where(
        col(BackupRun.finished_at).is_(None),
        col(BackupRun.started_at) > now - STALE).limit(1)).first() is not None


RESULTS = {
    "ok": lambda _v: col(BackupRun.verified),
    "failed": lambda _v: col(BackupRun.finished_at).is_not(None) & ~col(BackupRun.verified),
    "unfinished": lambda _v: col(BackupRun.finished_at).is_(None),
}


def _row(run: BackupRun, now: datetime) -> BackupRow:
    return BackupRow(id=run.id or 0, started_at=run.started_at, finished_at=run.finished_at,
                     trigger=run.trigger, filename=Path(run.path).name if run.path else "",
                     size=run.size, status=_status(run, now), error=run.error,
                     kept=bool(run.path))


def list_backups(session: Session, actor: Actor, *, request: PageRequest | None = None
                 ) -> BackupsPage:
    """The backups taken, newest first (filter "result": ok, failed, unfinished), and the
    schedule."""
    _require_admin(actor)
    request = request or PageRequest()
    result = request.filters.get("result", "")
    if result and result not in RESULTS:
        raise Invalid("Cannot filter by {key}.", key=repr(result[:20]))
    statement = select(BackupRun)
    if result:
        statement = statement.where(RESULTS[result](result))
    plain = request.model_copy(update={"filters": {}})
    runs, total = paginate(session, statement, plain, default_sort="started_at",
                           sortable={"started_at": col(BackupRun.started_at),
                                     "size": col(BackupRun.size)},
                           searchable=(col(BackupRun.path), col(BackupRun.error)),
                           tiebreaker=col(BackupRun.id))
    now = utcnow()
    settings = platform_settings.effective(session)
    last_ok = _last_ok(session)
    interval = timedelta(hours=settings.backup_interval_hours)
    return BackupsPage(rows=[_row(run, now) for run in runs], total=total,
                       interval_hours=settings.backup_interval_hours,
                       keep=settings.backup_keep, folder=settings.backup_dir,
                       last_ok_at=last_ok, next_due_at=(last_ok + interval) if last_ok else None)


def _last_ok(session: Session) -> datetime | None:
    return session.exec(select(BackupRun.started_at).where(col(BackupRun.verified)).order_by(
        col(BackupRun.started_at).desc()).limit(1)).first()


def request_backup(session: Session, actor: Actor) -> int:
    """An administrator's "back up now": the run recorded (and audited); the caller then takes
    it with `take_backup`, off the event loop."""
    _require_admin(actor)
    now = utcnow()
    if _running(session, now):
        raise Conflict("A backup is already running; wait until it finishes.")
    run = BackupRun(trigger=BackupTrigger.MANUAL.value, started_at=now,
                    requested_by_id=actor.user_id)
    session.add(run)
    session.flush()
    audit.record(session, actor_id=actor.user_id, action="backup.requested",
                 object_type="backup", object_id=run.id)
    assert run.id is not None  # flushed
    return run.id


def start_command_run(session: Session) -> int:
    run = BackupRun(trigger=BackupTrigger.COMMAND.value, started_at=utcnow())
    session.add(run)
    session.flush()
    assert run.id is not None  # flushed
    return run.id


def backup_due(session: Session, *, now: datetime) -> bool:
    """No verified backup within the interval, none running, and no failed attempt within
    the last hour (a failing backup is retried hourly, not every round). Reads only."""
    interval = timedelta(hours=platform_settings.effective(session).backup_interval_hours)
    last_ok = _last_ok(session)
    if last_ok is not None and now - last_ok < interval:
        return False
    last_try = session.exec(select(BackupRun.started_at).order_by(
        col(BackupRun.started_at).desc()).limit(1)).first()
    if last_try is not None and now - last_try < min(interval, RETRY):
        return False
    return not _running(session, now)


def start_scheduled_run(session: Session, *, now: datetime) -> int | None:
    """Claim this interval's scheduled backup when one is due; None when it is not due or
    another process already claimed it."""
    if not backup_due(session, now=now):
        return None
    hours = platform_settings.effective(session).backup_interval_hours
    run = BackupRun(trigger=BackupTrigger.SCHEDULED.value, started_at=now,
                    slot=int(now.timestamp() // (hours * 3600)))
    try:
        with session.begin_nested():
            session.add(run)
    except IntegrityError:
        return None  # another process took this slot
    return run.id


def finish_run(session: Session, run_id: int, *, path: Path | None, size: int,
               error: str, folder: Path) -> list[Path]:
    """Record the outcome and forget archives beyond the number to keep; the archives to
    delete once this commits."""
    run = session.get(BackupRun, run_id)
    if run is None:
        return []
    run.finished_at, run.size, run.verified = utcnow(), size, not error
    run.path, run.error = str(path) if path else "", error[:1000]
    session.add(run)
    session.flush()
    return _prune(session, folder.resolve())


def _prune(session: Session, folder: Path) -> list[Path]:
    """Archives in the backup folder beyond the number to keep (archives written elsewhere,
    with `portal backup --to`, are the operator's)."""
    settings = platform_settings.effective(session)
    kept = session.exec(select(BackupRun).where(col(BackupRun.path) != "").order_by(
        col(BackupRun.started_at).desc(), col(BackupRun.id).desc())).all()
    ours = [run for run in kept if Path(run.path).parent.resolve() == folder]
    doomed = []
    for run in ours[settings.backup_keep:]:
        doomed.append(Path(run.path))
        run.path = ""
        session.add(run)
    session.flush()
    return doomed


SessionFactory = Callable[[], AbstractContextManager[Session]]


def take_backup(sessions: SessionFactory, archiver: Archiver, run_id: int,
                to_dir: Path | None = None) -> BackupRow:
    """Write and verify the archive of a recorded run (no transaction held meanwhile), then
    record the outcome. A failure is recorded, not raised."""
    path, size, error = None, 0, ""
    try:
        path, size = archiver.create(to_dir or archiver.folder)
        archiver.check(path)
    except DomainError as refused:
        error = refused.message
    except Exception as failure:  # noqa: BLE001  (any failure is the run's recorded outcome)
        logger.exception("backup %s failed", run_id)
        error = str(failure) or type(failure).__name__
    with sessions() as session:
        doomed = finish_run(session, run_id, path=path, size=size, error=error,
                            folder=archiver.folder)
        run = session.get(BackupRun, run_id)
        assert run is not None  # just finished
        row = _row(run, utcnow())
    for archive in doomed:
        try:
            archive.unlink(missing_ok=True)
        except OSError:
            logger.warning("could not delete the old backup %s", archive, exc_info=True)
    return row


def scheduled_once(sessions: SessionFactory, read_sessions: SessionFactory,
                   archiver: Archiver) -> BackupRow | None:
    """Take the scheduled backup when it is due (the app and the worker both call this); an
    idle round only reads."""
    now = utcnow()
    with read_sessions() as session:
        if not backup_due(session, now=now):
            return None
    with sessions() as session:
        run_id = start_scheduled_run(session, now=now)
    return take_backup(sessions, archiver, run_id) if run_id else None
