"""The `portal` command, run as a person would: clear one-line failures with exit code 2."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

PORTAL = [sys.executable, "-m", "portal.cli"]


def run(args: list[str], tmp_path: Path, stdin: str = "", **env: str):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
    environment["PORTAL_DATABASE_URL"] = f"sqlite:///{tmp_path / 'cli.db'}"
    environment.update(env)
    return subprocess.run(PORTAL + args, input=stdin, capture_output=True, text=True,
                          env=environment, timeout=120, cwd=tmp_path)


def assert_one_line_failure(result, *fragments: str):
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_migrate_seed_and_create_admin(tmp_path):
    assert run(["migrate"], tmp_path).returncode == 0
    assert run(["migrate"], tmp_path).returncode == 0  # idempotent
    seeded = run(["seed-demo"], tmp_path)
    assert seeded.returncode == 0 and "admin@demo.example" in seeded.stdout
    again = run(["seed-demo"], tmp_path)
    assert again.returncode == 0 and "nothing loaded" in again.stdout
    created = run(["create-admin", "--email", "Root@Example.org", "--password-stdin"], tmp_path,
                  stdin="a long enough password\n")
    assert created.returncode == 0, created.stderr
    assert "root@example.org" in created.stdout
    with sqlite3.connect(tmp_path / "cli.db") as db:  # later rules are asked for at sign-in
        [(accepted,)] = db.execute("SELECT accepted_rules_at FROM user_account "
                                   "WHERE email = 'root@example.org'").fetchall()
    assert accepted is not None
    duplicate = run(["create-admin", "--email", "root@example.org", "--password-stdin"],
                    tmp_path, stdin="a long enough password\n")
    assert_one_line_failure(duplicate, "already exists")


def test_create_admin_refuses_bad_input(tmp_path):
    run(["migrate"], tmp_path)
    short = run(["create-admin", "--email", "a@example.org", "--password-stdin"], tmp_path,
                stdin="short\n")
    assert_one_line_failure(short, "at least 8")
    bad_email = run(["create-admin", "--email", "nope", "--password-stdin"], tmp_path,
                    stdin="long enough pw\n")
    assert_one_line_failure(bad_email, "email address")


@pytest.mark.parametrize(
    ("env", "fragment"),
    [
        ({"PORTAL_CURRENCY": "XYZ"}, "PORTAL_CURRENCY"),
        ({"PORTAL_ENVIRONMENT": "production"}, "PORTAL_SECRET_KEY"),
        ({"PORTAL_DATABASE_URL": "nonsense"}, "PORTAL_DATABASE_URL"),
    ],
)
def test_bad_settings_end_with_one_line(tmp_path, env, fragment):
    assert_one_line_failure(run(["check"], tmp_path, **env), fragment)


def test_unreachable_database_ends_with_one_line(tmp_path):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql+psycopg://portal:secret@127.0.0.1:{port}/portal"
    result = run(["migrate"], tmp_path, PORTAL_DATABASE_URL=url)
    assert_one_line_failure(result, "cannot use the database", f"127.0.0.1:{port}")
    assert "secret" not in result.stderr


def test_taken_port_is_reported(tmp_path):
    with socket.socket() as busy:
        busy.bind(("0.0.0.0", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert_one_line_failure(run(["port-free", "--port", str(port)], tmp_path),
                                f"port {port} is already in use")


def test_worker_sends_due_emails_once(tmp_path):
    run(["migrate"], tmp_path)
    sent = run(["worker", "--once"], tmp_path)
    assert sent.returncode == 0 and "sent 0 emails" in sent.stdout
