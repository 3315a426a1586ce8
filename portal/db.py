"""The database engine and the one way services open a transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlmodel import Session, create_engine

from portal.domain.errors import NotFound
from portal.settings import get_settings

SQLITE_BUSY_TIMEOUT_MS = 10_000


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
    # Python's sqlite3 opens transactions lazily; let SQLAlchemy emit BEGIN itself so that
    # `BEGIN IMMEDIATE` (for seat holds) is possible.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(conn) -> None:  # noqa: ANN001
    conn.exec_driver_sql(conn.info.pop("begin_sql", "BEGIN"))


NUMERIC_OUT_OF_RANGE = "22003"  # SQLSTATE


def _out_of_range_lookup(context) -> Exception | None:  # noqa: ANN001
    # A lookup by a number the column cannot hold (an id past 64 bits on SQLite, past 32 bits
    # on PostgreSQL's INTEGER) can match no row; the drivers raise instead, which would be a 500.
    error = context.original_exception
    overflow = isinstance(error, OverflowError) or (
        getattr(error, "sqlstate", None) == NUMERIC_OUT_OF_RANGE)
    if overflow and (context.statement or "").lstrip().upper().startswith("SELECT"):
        return NotFound("This item does not exist.")
    return None


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)
    event.listen(engine, "handle_error", _out_of_range_lookup)
    return engine


@lru_cache(maxsize=1)
def get_engine() -> Engine:
    return make_engine(get_settings().database_url)


class TxMode(StrEnum):
    """How a transaction takes the database.

    IMMEDIATE  SQLite `BEGIN IMMEDIATE`: the write lock up front (CLI, routes, tests).
    WRITE      a deferred transaction that takes the write lock at its first write; the
               use-case runner retries it when SQLite reports a lock conflict.
    READ       a deferred, read-only transaction: never takes the write lock, and a write
               inside it fails (PRAGMA query_only on SQLite, READ ONLY on PostgreSQL).
    """

    IMMEDIATE = "immediate"
    WRITE = "write"
    READ = "read"


@contextmanager
def session_scope(engine: Engine | None = None, *, mode: TxMode = TxMode.IMMEDIATE
                  ) -> Iterator[Session]:
    """A session whose transaction commits when the block ends and rolls back on any error.

    By default, on SQLite the transaction starts with BEGIN IMMEDIATE: it takes the write lock
    up front (waiting up to the busy timeout), so a transaction that reads and then writes can
    never be refused half-way because another writer got in between. Handlers use READ and
    WRITE through the use-case runner instead (see portal.services.runner).
    """
    engine = engine or get_engine()
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:
            connection.info["begin_sql"] = "BEGIN IMMEDIATE" if mode is TxMode.IMMEDIATE \
                else "BEGIN"
            if mode is TxMode.READ:  # on the driver: no SQLAlchemy autobegin
                _query_only(connection, True)
        elif mode is TxMode.READ:
            connection = connection.execution_options(postgresql_readonly=True)
        try:
            with Session(bind=connection, expire_on_commit=False) as session:
                try:
                    yield session
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise
        finally:
            if sqlite and mode is TxMode.READ and not connection.invalidated:
                _query_only(connection, False)


def _query_only(connection: Connection, on: bool) -> None:
    """SQLite's read-only switch, set on the driver's connection (no SQLAlchemy autobegin)."""
    driver = connection.connection.driver_connection
    if driver is not None:
        driver.execute(f"PRAGMA query_only={1 if on else 0}")


def redact_url(url: str) -> str:
    """The database URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


F = TypeVar("F", bound=Callable[..., Any])


def contended(service: F) -> F:
    """Mark a use case whose first write meets many others at once (taking a seat): on SQLite
    it then starts with BEGIN IMMEDIATE and queues on the busy timeout, instead of reading
    first and being turned back when another writer committed meanwhile (which a rush of
    hundreds would repeat past any retry limit). PostgreSQL is unaffected."""
    service.tx_mode = TxMode.IMMEDIATE  # type: ignore[attr-defined]
    return service

