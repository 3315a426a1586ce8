"""Service tests run on SQLite always, and on PostgreSQL when PORTAL_TEST_POSTGRES_URL is set.

Each backend gets a fresh schema built by the Alembic migrations (not create_all), once per
run; each test starts from empty tables.
"""

from __future__ import annotations

import os
import shutil
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, SQLModel

import portal.db
from portal.db import make_engine
from portal.migrations import upgrade
from tests.conftest import TMP_DIR

POSTGRES_URL = os.environ.get("PORTAL_TEST_POSTGRES_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


def _postgres_database() -> str:
    """A new database on the CI server, so parallel runs never meet."""
    name = f"portal_test_{uuid.uuid4().hex[:10]}"
    admin = make_engine(POSTGRES_URL).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


def _drop_postgres_database(url: str) -> None:
    name = make_url(url).database
    admin = make_engine(POSTGRES_URL).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def migrated(request: pytest.FixtureRequest):
    """A database built by the migrations: a template file (SQLite) or a database (PostgreSQL)."""
    if request.param == "sqlite":
        template = TMP_DIR / f"template-{uuid.uuid4().hex[:8]}.db"
        upgrade(f"sqlite:///{template}")
        yield ("sqlite", template)
        return
    url = _postgres_database()
    upgrade(url)
    engine = make_engine(url)
    yield ("postgresql", engine)
    engine.dispose()
    _drop_postgres_database(url)


def _fresh_sqlite(template: Path) -> Engine:
    # A copy per test: the audit log refuses DELETE, so tables cannot simply be emptied.
    copy = TMP_DIR / f"test-{uuid.uuid4().hex[:10]}.db"
    shutil.copyfile(template, copy)
    return make_engine(f"sqlite:///{copy}")


def _truncate_postgres(engine: Engine) -> None:
    names = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture
def engine(migrated, monkeypatch) -> Engine:
    """An engine on empty, migrated tables; also what portal.db.get_engine() returns."""
    kind, resource = migrated
    if kind == "sqlite":
        engine = _fresh_sqlite(resource)
    else:
        _truncate_postgres(resource)
        engine = resource
    monkeypatch.setattr(portal.db, "get_engine", lambda: engine)
    yield engine
    if kind == "sqlite":
        engine.dispose()


@pytest.fixture
def db(engine: Engine):
    """A session for arranging and inspecting; services under test commit explicitly."""
    with Session(engine, expire_on_commit=False) as session:
        yield session


@pytest.fixture
def team(engine):
    """A qualified organizer's member (olga), a reviewer (rita) and an outsider (eve)."""
    from portal.db import session_scope
    from portal.domain.enums import Role
    from portal.services import organizers
    from portal.services.users import create_user
    from tests.services.helpers import STRONG, actor_for, apply_with_licence, sign_in

    with session_scope() as session:
        for name, roles in (("olga", frozenset()), ("rita", frozenset({Role.STAFF_REVIEWS})),
                            ("eve", frozenset())):
            create_user(session, name=name.title(), email=f"{name}@example.org",
                        password=STRONG, roles=roles, verified=True, phone="+86 138 0000 0001",
                        date_of_birth=date(1990, 1, 1), accepted_rules=True)
    olga = actor_for(sign_in("olga@example.org"))
    with session_scope() as session:
        organizer_id = apply_with_licence(session, olga)
    rita = actor_for(sign_in("rita@example.org"))
    with session_scope() as session:
        organizers.decide(session, rita, organizer_id=organizer_id, decision="approve")
    return {"olga": actor_for(sign_in("olga@example.org")), "rita": rita,
            "eve": actor_for(sign_in("eve@example.org")), "organizer_id": organizer_id}


class Clock:
    """A settable 'now' for the abuse-limit modules (sign-in back-off, email rate limits)."""

    def __init__(self):
        from portal.domain.clock import utcnow

        self.now = utcnow()

    def __call__(self):
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    from portal.services import rate_limits, throttle

    fake = Clock()
    monkeypatch.setattr(throttle, "utcnow", fake)
    monkeypatch.setattr(rate_limits, "utcnow", fake)
    return fake


@pytest.fixture
def complaint_clock(monkeypatch):
    """A settable 'now' for the complaint services (deadlines, the reopen window)."""
    from tests.services.complaint_helpers import patch_clock

    return patch_clock(monkeypatch)
