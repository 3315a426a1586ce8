"""Backup runs: the schedule takes one backup per interval (however many processes run it),
each run is recorded with its verification, archives beyond the number to keep are removed, and
only administrators see backups or take one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from portal.db import TxMode, session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import Role
from portal.domain.errors import Conflict, Forbidden
from portal.domain.models import AuditEntry, BackupRun
from portal.integrations.backup_archive import Archiver
from portal.services import backups, platform_settings
from portal.services.users import create_user
from tests.services.helpers import STRONG, actor_for, sign_in


@pytest.fixture
def archiver(engine, tmp_path):
    return Archiver(engine, tmp_path / "uploads", tmp_path / "backups")


@pytest.fixture
def admin(engine):
    with session_scope() as session:
        create_user(session, name="Ada", email="ada@example.org", password=STRONG,
                    roles=frozenset({Role.ADMIN}), verified=True, phone="+86 138 0000 0003",
                    date_of_birth=date(1980, 1, 1), accepted_rules=True)
    return actor_for(sign_in("ada@example.org"))


def scheduled(archiver):
    return backups.scheduled_once(session_scope, lambda: session_scope(mode=TxMode.READ),
                                  archiver)


def test_the_schedule_takes_one_verified_backup_per_interval(archiver, db):
    first = scheduled(archiver)
    assert first is not None and first.status == "ok" and first.size > 0
    assert (archiver.folder / first.filename).exists()
    assert scheduled(archiver) is None  # not due again within the interval
    run = db.exec(select(BackupRun)).one()
    assert run.verified and run.error == "" and run.slot is not None


def test_a_second_process_cannot_claim_the_same_slot(engine):
    now = utcnow()
    with session_scope() as session:
        assert backups.start_scheduled_run(session, now=now) is not None
    with session_scope() as session:  # the first is running: not due
        assert backups.start_scheduled_run(session, now=now) is None
    with session_scope() as session:  # even if it looked due, the slot is taken
        session.add(BackupRun(trigger="scheduled", started_at=now - timedelta(days=3),
                              finished_at=now - timedelta(days=3)))
    with session_scope() as session:
        first = session.exec(select(BackupRun).where(BackupRun.slot.is_not(None))).one()
        first.started_at = now - timedelta(days=2)  # look stale, same slot number
        session.add(first)
    with session_scope() as session:
        assert backups.start_scheduled_run(session, now=now) is None


def test_archives_beyond_the_number_to_keep_are_removed(archiver, admin, db):
    with session_scope() as session:
        platform_settings.change_settings(session, admin, changes={"backup_keep": "2"})
    rows = []
    for _ in range(3):
        with session_scope() as session:
            run_id = backups.start_command_run(session)
        rows.append(backups.take_backup(session_scope, archiver, run_id))
    assert [row.status for row in rows] == ["ok"] * 3
    assert sorted(p.name for p in archiver.folder.glob("*.tar.gz")) == sorted(
        row.filename for row in rows[1:])
    with session_scope() as session:
        page = backups.list_backups(session, admin)
    assert {row.id: row.kept for row in page.rows} == {rows[0].id: False, rows[1].id: True,
                                                       rows[2].id: True}
    assert page.keep == 2 and page.last_ok_at is not None


def test_a_failed_backup_is_recorded_with_its_error(archiver, db, monkeypatch):
    def broken(_to_dir):
        raise OSError("No space left on device")

    monkeypatch.setattr(archiver, "create", broken)
    with session_scope() as session:
        run_id = backups.start_command_run(session)
    row = backups.take_backup(session_scope, archiver, run_id)
    assert row.status == "failed" and "No space left" in row.error
    db.rollback()
    assert not db.get(BackupRun, run_id).verified


def test_only_administrators_see_or_take_backups(team, admin, db):
    for actor in (team["olga"], team["rita"]):
        with pytest.raises(Forbidden), session_scope() as session:
            backups.list_backups(session, actor)
        with pytest.raises(Forbidden), session_scope() as session:
            backups.request_backup(session, actor)
    assert db.exec(select(BackupRun)).all() == []
    db.rollback()
    with session_scope() as session:
        run_id = backups.request_backup(session, admin)
    with pytest.raises(Conflict, match="already running"), session_scope() as session:
        backups.request_backup(session, admin)
    db.rollback()
    assert db.exec(select(AuditEntry).where(AuditEntry.action == "backup.requested")).one() \
        .object_id == run_id


def test_a_failed_scheduled_backup_is_retried_after_an_hour(engine):
    now = utcnow()
    with session_scope() as session:
        session.add(BackupRun(trigger="scheduled", started_at=now - timedelta(minutes=10),
                              finished_at=now - timedelta(minutes=9), error="disk full"))
    with session_scope() as session:
        assert not backups.backup_due(session, now=now)
        assert backups.backup_due(session, now=now + timedelta(hours=1))
