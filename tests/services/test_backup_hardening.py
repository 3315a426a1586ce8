"""Restore refuses archives that would write outside the file store or fill memory, an archive
is readable by the portal's account only, and a restore that fails half-way leaves the file
store empty again."""

from __future__ import annotations

import hashlib
import io
import json
import stat
import tarfile

import pytest

from portal.domain.errors import Conflict, Invalid
from portal.integrations import backup_archive
from portal.integrations.backup_archive import create_archive, restore_archive, stored_files
from tests.services.test_backups import _nothing_changed, counts, empty_target, populated, uploads

__all__ = ["empty_target", "populated", "uploads"]


def _repack(archive, forged, rename=None, grow_manifest=False):
    """The archive re-packed with its checksums and manifest made to agree with the change:
    only the checks on names and sizes can refuse it."""
    members = {}
    with tarfile.open(archive) as source:
        for member in source:
            members[member.name] = source.extractfile(member).read()
    manifest = json.loads(members.pop("manifest.json"))
    members.pop("SHA256SUMS")
    if rename:
        old, new = rename
        members[f"files/{new}"] = members.pop(f"files/{old}")
        for item in manifest["files"]:
            if item["path"] == old:
                item["path"] = new
    body = json.dumps(manifest).encode()
    if grow_manifest:
        body += b" " * (backup_archive.CONTROL_LIMIT + 1)
    members["manifest.json"] = body
    sums = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n"
                   for name, data in sorted(members.items()))
    members["SHA256SUMS"] = sums.encode()
    with tarfile.open(forged, "w:gz") as target:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    return forged


def test_an_archive_is_readable_by_the_portal_account_only(engine, populated, tmp_path):
    archive = create_archive(engine, populated, tmp_path / "backups").path
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "backups").stat().st_mode) == 0o700


@pytest.mark.parametrize("path", ["/tmp/evil.pdf", "./evil.pdf", "a//evil.pdf"])
def test_a_file_path_outside_the_plain_relative_form_is_refused(
        engine, populated, empty_target, tmp_path, path):
    archive = create_archive(engine, populated, tmp_path / "backups").path
    stored = stored_files(populated)[0].relative_to(populated).as_posix()
    forged = _repack(archive, tmp_path / "forged.tar.gz", rename=(stored, path))
    with pytest.raises(Invalid, match="not an Event Portal backup"):
        restore_archive(empty_target, tmp_path / "files", forged)
    _nothing_changed(empty_target, tmp_path / "files")


def test_a_huge_manifest_is_refused_before_it_is_read(engine, populated, empty_target,
                                                      tmp_path):
    archive = create_archive(engine, populated, tmp_path / "backups").path
    forged = _repack(archive, tmp_path / "forged.tar.gz", grow_manifest=True)
    with pytest.raises(Invalid, match="not an Event Portal backup"):
        restore_archive(empty_target, tmp_path / "files", forged)
    _nothing_changed(empty_target, tmp_path / "files")


def test_a_store_that_cannot_take_the_files_leaves_everything_empty(
        engine, populated, empty_target, tmp_path, monkeypatch):
    archive = create_archive(engine, populated, tmp_path / "backups").path

    def full_disk(source, target):  # noqa: ANN001, ANN202
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup_archive.shutil, "move", full_disk)
    with pytest.raises(Conflict, match="No space left on device"):
        restore_archive(empty_target, tmp_path / "files", archive)
    _nothing_changed(empty_target, tmp_path / "files")
    assert not any(counts(empty_target).values())


def test_a_database_that_fails_mid_restore_leaves_the_file_store_empty(
        engine, populated, empty_target, tmp_path, monkeypatch):
    """Any failure after the files went in (here the driver's own error) takes them out."""
    import sqlite3

    archive = create_archive(engine, populated, tmp_path / "backups").path

    def locked(*_args, **_kwargs):  # noqa: ANN202
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(backup_archive.db_dump, "restore_database", locked)
    with pytest.raises(sqlite3.OperationalError):
        restore_archive(empty_target, tmp_path / "files", archive)
    _nothing_changed(empty_target, tmp_path / "files")
