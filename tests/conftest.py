"""Shared test set-up: every test process uses throw-away databases, never data/portal.db."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

_TMP = Path(tempfile.mkdtemp(prefix="portal-tests-"))
# Set before portal.settings is imported anywhere, so no test touches the developer's database.
os.environ.setdefault("PORTAL_DATABASE_URL", f"sqlite:///{_TMP / 'default.db'}")
os.environ.setdefault("PORTAL_ENVIRONMENT", "development")
# Uploads that tests accept (covers, documents) land here, never in data/uploads.
os.environ.setdefault("PORTAL_UPLOAD_DIR", str(_TMP / "uploads"))
os.environ.setdefault("PORTAL_BACKUP_DIR", str(_TMP / "backups"))
os.environ.setdefault("REFLEX_TELEMETRY_ENABLED", "false")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TMP_DIR = _TMP


# Hash passwords cheaply: production cost (tens of MiB, several passes) per fixture user made the
# suite crawl. tests/unit/test_passwords.py proves what production uses.
from portal.services import passwords  # noqa: E402  (after the environment above is set)

CHEAP_PASSWORD_HASHING = passwords.HashParameters(time_cost=1, memory_cost=8, parallelism=1)
passwords.use_parameters(CHEAP_PASSWORD_HASHING)


@pytest.fixture
def sink():
    """A local SMTP server that records each message (tests.smtp_sink.Sink) and its port."""
    from tests.smtp_sink import Sink

    handler = Sink()
    controller, port = handler.start()
    yield handler, port
    controller.stop()
