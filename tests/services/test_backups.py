"""The recovery drill (rules §2.1, §4.2.2), on SQLite and on PostgreSQL: data made through the
services → back up → wipe → restore into an empty database and file store → the same rows per
table, the same files, and people can sign in. A damaged or foreign archive and a target that
holds data are refused with nothing changed."""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
import uuid
from pathlib import Path

import pytest
from sqlmodel import select

from portal.db import make_engine, session_scope
from portal.domain.errors import Conflict, Invalid
from portal.domain.models import RegistrationAnswer, RegistrationQuestion
from portal.integrations import db_dump
from portal.integrations.backup_archive import (
    check_archive,
    create_archive,
    restore_archive,
    stored_files,
)
from portal.migrations import upgrade
from portal.services import accounts
from portal.services.event_form import QuestionInput
from portal.services.registration_form import RegistrationForm, Upload
from portal.services.registrations import register
from portal.settings import get_settings
from portal.wiring import file_store
from tests.conftest import TMP_DIR
from tests.services.conftest import _drop_postgres_database, _postgres_database
from tests.services.helpers import PDF, STRONG
from tests.services.registration_helpers import person, publish

SCAN = b"%PDF-1.4\n% the scan of an identity card\n%%EOF\n"


@pytest.fixture
def uploads(tmp_path):
    """This test's own private file store (the settings read again around it)."""
    old = os.environ.get("PORTAL_UPLOAD_DIR")
    os.environ["PORTAL_UPLOAD_DIR"] = str(tmp_path / "uploads")
    get_settings.cache_clear()
    yield tmp_path / "uploads"
    if old is None:
        os.environ.pop("PORTAL_UPLOAD_DIR")
    else:
        os.environ["PORTAL_UPLOAD_DIR"] = old
    get_settings.cache_clear()


@pytest.fixture
def empty_target(engine):
    """A new, empty database of the same kind as the one under test."""
    if engine.dialect.name == "sqlite":
        target = make_engine(f"sqlite:///{TMP_DIR / f'restored-{uuid.uuid4().hex[:8]}.db'}")
        yield target
        target.dispose()
        return
    url = _postgres_database()
    target = make_engine(url)
    yield target
    target.dispose()
    _drop_postgres_database(url)


@pytest.fixture
def populated(uploads, team):
    """A user, an organizer (with its licence), an event and a registration with a file."""
    event_id = publish(team, questions=[QuestionInput(kind="file", label="ID scan")])
    with session_scope() as session:
        question = session.exec(select(RegistrationQuestion.id)).one()
    with session_scope() as session:
        register(session, person("Ann"), event_id=event_id,
                 form=RegistrationForm(safety_ack=True),
                 uploads={question: Upload("id.pdf", SCAN)}, store=file_store())
    return uploads


def counts(engine) -> dict[str, int]:
    with engine.connect() as connection:
        return db_dump.row_counts(connection)


def hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in stored_files(root)}


def test_the_drill_restores_rows_files_and_sign_in(engine, populated, empty_target, tmp_path):
    before, files = counts(engine), hashes(populated)
    assert before["registration_answer"] == 1 and before["qualification_document"] == 1
    assert len(files) == 2  # the licence and the scan

    archive = create_archive(engine, populated, tmp_path / "backups")
    assert check_archive(archive.path)["row_counts"] == before

    restored_files = tmp_path / "restored-uploads"
    manifest = restore_archive(empty_target, restored_files, archive.path)

    assert counts(empty_target) == before
    assert hashes(restored_files) == files
    assert manifest["database"]["alembic_revision"]
    assert {item["path"] for item in manifest["files"]} == set(files)
    with session_scope(empty_target) as session:
        assert accounts.sign_in(session, email="ann@example.org", password=STRONG)
        answer = session.exec(select(RegistrationAnswer)).one()
    assert (restored_files / answer.file_key[:2] / answer.file_key).exists()


def test_a_migrated_but_empty_database_is_a_valid_target(engine, populated, tmp_path):
    if engine.dialect.name != "sqlite":
        pytest.skip("the PostgreSQL drill restores into a new database")
    archive = create_archive(engine, populated, tmp_path / "backups")
    target_url = f"sqlite:///{tmp_path / 'migrated.db'}"
    upgrade(target_url)
    target = make_engine(target_url)
    restore_archive(target, tmp_path / "files", archive.path)
    assert counts(target) == counts(engine)
    target.dispose()


def _nothing_changed(target, folder: Path) -> None:
    assert not any(counts(target).values())
    assert stored_files(folder) == []


def test_a_damaged_archive_is_refused(engine, populated, empty_target, tmp_path):
    archive = create_archive(engine, populated, tmp_path / "backups").path
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x01
    archive.write_bytes(bytes(data))
    with pytest.raises(Invalid, match="damaged"):
        restore_archive(empty_target, tmp_path / "files", archive)
    _nothing_changed(empty_target, tmp_path / "files")
    with pytest.raises(Invalid, match="damaged"):
        check_archive(archive)


def test_a_changed_member_fails_its_checksum(engine, populated, empty_target, tmp_path):
    """Re-packed with one file's bytes changed: the archive is well-formed, the checksum not."""
    archive = create_archive(engine, populated, tmp_path / "backups").path
    forged = tmp_path / "forged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(forged, "w:gz") as target:
        for member in source:
            content = source.extractfile(member).read()
            if member.name.startswith("files/"):
                content = content[:-1] + b"X"
            target.addfile(member, io.BytesIO(content))
    with pytest.raises(Invalid, match="checksum"):
        restore_archive(empty_target, tmp_path / "files", forged)
    _nothing_changed(empty_target, tmp_path / "files")


def test_a_foreign_archive_is_refused(engine, empty_target, tmp_path):
    foreign = tmp_path / "photos.tar.gz"
    with tarfile.open(foreign, "w:gz") as tar:
        info = tarfile.TarInfo("holiday.txt")
        info.size = 5
        tar.addfile(info, io.BytesIO(b"hello"))
    with pytest.raises(Invalid, match="not an Event Portal backup"):
        restore_archive(empty_target, tmp_path / "files", foreign)
    plain = tmp_path / "notes.txt"
    plain.write_bytes(PDF)
    with pytest.raises(Invalid, match="not an Event Portal backup"):
        restore_archive(empty_target, tmp_path / "files", plain)
    _nothing_changed(empty_target, tmp_path / "files")


def test_a_database_that_holds_data_is_refused(engine, populated, tmp_path):
    archive = create_archive(engine, populated, tmp_path / "backups").path
    before = counts(engine)
    with pytest.raises(Conflict, match="database is not empty"):
        restore_archive(engine, tmp_path / "files", archive)
    assert counts(engine) == before
    assert stored_files(tmp_path / "files") == []


def test_a_file_store_that_holds_files_is_refused(engine, populated, empty_target, tmp_path):
    archive = create_archive(engine, populated, tmp_path / "backups").path
    with pytest.raises(Conflict, match="file store"):
        restore_archive(empty_target, populated, archive)
    _nothing_changed(empty_target, tmp_path / "nothing")
