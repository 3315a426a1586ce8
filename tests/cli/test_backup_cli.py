"""`portal backup`, `portal restore` and `portal rotate-keys` run as an operator would."""

from __future__ import annotations

from tests.cli.test_cli import assert_one_line_failure, run


def test_backup_then_restore_into_an_empty_portal(tmp_path):
    source = {"PORTAL_UPLOAD_DIR": str(tmp_path / "uploads"),
              "PORTAL_BACKUP_DIR": str(tmp_path / "backups")}
    assert run(["migrate"], tmp_path, **source).returncode == 0
    created = run(["create-admin", "--email", "root@example.org", "--password-stdin"], tmp_path,
                  stdin="a long enough password\n", **source)
    assert created.returncode == 0, created.stderr
    (tmp_path / "uploads" / "ab").mkdir(parents=True)
    (tmp_path / "uploads" / "ab" / ("ab" + "0" * 38)).write_bytes(b"a stored file")

    backed_up = run(["backup", "--to", str(tmp_path / "elsewhere")], tmp_path, **source)
    assert backed_up.returncode == 0, backed_up.stderr
    assert "written and verified" in backed_up.stdout
    archive = next((tmp_path / "elsewhere").glob("portal-backup-*.tar.gz"))

    target = {"PORTAL_DATABASE_URL": f"sqlite:///{tmp_path / 'restored.db'}",
              "PORTAL_UPLOAD_DIR": str(tmp_path / "restored-uploads")}
    restored = run(["restore", str(archive)], tmp_path, **target)
    assert restored.returncode == 0, restored.stderr
    assert "1 files" in restored.stdout
    assert (tmp_path / "restored-uploads" / "ab" / ("ab" + "0" * 38)).read_bytes() == \
        b"a stored file"

    again = run(["restore", str(archive)], tmp_path, **target)
    assert_one_line_failure(again, "not empty")
    foreign = tmp_path / "notes.txt"
    foreign.write_text("hello")
    refused = run(["restore", str(foreign)], tmp_path, **target)
    assert_one_line_failure(refused, "not an Event Portal backup")

    rotated = run(["rotate-keys"], tmp_path, **source)
    assert rotated.returncode == 0, rotated.stderr
    assert "1 files now under the current key (1 were not encrypted before)" in rotated.stdout
    assert b"a stored file" not in (tmp_path / "uploads" / "ab" / ("ab" + "0" * 38)).read_bytes()


def test_new_key_prints_a_usable_key(tmp_path):
    made = run(["new-key"], tmp_path)
    assert made.returncode == 0
    key = made.stdout.strip()
    checked = run(["check"], tmp_path, PORTAL_FILE_ENCRYPTION_KEY=key)
    assert checked.returncode == 0, checked.stderr
