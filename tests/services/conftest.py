"""Service tests run on SQLite always, and on PostgreSQL when PORTAL_TEST_POSTGRES_URL is set.

Each backend gets a fresh schema built by the Alembic migrations (not create_all), once per
run; each test starts from empty tables.
"""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, SQLModel

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
def database_url(request: pytest.FixtureRequest):
    if request.param == "sqlite":
        url = f"sqlite:///{TMP_DIR / f'services-{uuid.uuid4().hex[:8]}.db'}"
        upgrade(url)
        yield url
        return
    url = _postgres_database()
    upgrade(url)
    yield url
    _drop_postgres_database(url)


@pytest.fixture(scope="session")
def engine(database_url: str) -> Engine:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def _empty_tables(engine: Engine) -> None:
    with engine.begin() as connection:
        for table in reversed(SQLModel.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture
def db(engine: Engine):
    """A session on empty tables. Services own their transactions; tests commit explicitly."""
    _empty_tables(engine)
    with Session(engine, expire_on_commit=False) as session:
        yield session
