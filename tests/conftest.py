"""Shared test set-up: every test process uses throw-away databases, never data/portal.db."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="portal-tests-"))
# Set before portal.settings is imported anywhere, so no test touches the developer's database.
os.environ.setdefault("PORTAL_DATABASE_URL", f"sqlite:///{_TMP / 'default.db'}")
os.environ.setdefault("PORTAL_ENVIRONMENT", "development")
# Uploads that tests accept (covers, documents) land here, never in data/uploads.
os.environ.setdefault("PORTAL_UPLOAD_DIR", str(_TMP / "uploads"))
os.environ.setdefault("REFLEX_TELEMETRY_ENABLED", "false")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TMP_DIR = _TMP
