"""What the database benches share: a fresh migrated SQLite database, an approved organizer to
hang events on, and a counter of the SQL statements sent. Importing it points the portal's
default database at a throw-away file, so import it before anything from `portal`."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("PORTAL_DATABASE_URL",
                      f"sqlite:///{tempfile.mkdtemp(prefix='portal-bench-')}/unused.db")

from sqlalchemy import Engine  # noqa: E402
from sqlalchemy import event as sa_event  # noqa: E402

from portal.db import make_engine  # noqa: E402
from portal.domain.clock import utcnow  # noqa: E402
from portal.domain.models import Organizer  # noqa: E402
from portal.migrations import upgrade  # noqa: E402


def fresh_database(name: str, url: str | None = None) -> Engine:
    """A migrated database: `url` when given, else a new SQLite file called `name`."""
    url = url or f"sqlite:///{tempfile.mkdtemp(prefix='portal-bench-')}/{name}.db"
    upgrade(url)
    return make_engine(url)


def approved_organizer(number: int = 0) -> Organizer:
    """An approved organizer; `number` keeps several apart (name, registration, certificate)."""
    now = utcnow()
    return Organizer(legal_name=f"Bench Org {number}", kind="company",
                     registration_number=str(number), contact_name="B", contact_phone="+86 1",
                     address="x", description="x", status="approved", submitted_at=now,
                     review_due_at=now, certificate_number=f"EP-2026-99{number:04d}")


def count_queries(engine: Engine) -> list[int]:
    """A list that grows by one for every statement the engine sends (clear it between runs)."""
    queries: list[int] = []
    sa_event.listen(engine, "before_cursor_execute", lambda *a, **k: queries.append(1))
    return queries
