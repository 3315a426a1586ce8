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
os.environ.setdefault("REFLEX_TELEMETRY_ENABLED", "false")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TMP_DIR = _TMP


@pytest.fixture
def sink():
    """A local SMTP server that records each message (tests.smtp_sink.Sink) and its port."""
    from tests.smtp_sink import Sink

    handler = Sink()
    controller, port = handler.start()
    yield handler, port
    controller.stop()
