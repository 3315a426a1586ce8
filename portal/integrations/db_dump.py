"""Copying the whole database to one file and back: SQLite through its online backup API,
PostgreSQL through `pg_dump` (custom format) and `pg_restore`. The row counts of a dump are
taken from the same snapshot the dump reads, so they describe exactly what it holds."""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, inspect, text
from sqlalchemy.engine import Engine, make_url

SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"
VERSION_TABLE = "alembic_version"
DUMP_TIMEOUT_SECONDS = 3600


class DumpError(Exception):
    """The database could not be copied or restored; the message says why in one line."""


@dataclass(frozen=True)
class Dump:
    filename: str  # inside the archive
    dialect: str
    revision: str
    row_counts: dict[str, int]


def dump_filename(dialect: str) -> str:
    return SQLITE_FILE if dialect == "sqlite" else POSTGRES_FILE


def _table_names(connection: Connection) -> list[str]:
    return sorted(inspect(connection).get_table_names())


def row_counts(connection: Connection) -> dict[str, int]:
    """Rows per table (the Alembic bookkeeping table left out)."""
    return {name: int(connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one())
            for name in _table_names(connection) if name != VERSION_TABLE}


def _revision(connection: Connection) -> str:
    if VERSION_TABLE not in _table_names(connection):
        return ""
    return str(connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
               or "")


def is_empty(engine: Engine) -> bool:
    """No table holds a row: a new database, or one that was only migrated."""
    with engine.connect() as connection:
        return not any(row_counts(connection).values())


def dump_database(engine: Engine, folder: Path) -> Dump:
    """The database copied into `folder`; what it holds described from the same snapshot."""
    if engine.dialect.name == "sqlite":
        return _dump_sqlite(engine, folder / SQLITE_FILE)
    return _dump_postgres(engine, folder / POSTGRES_FILE)


def _dump_sqlite(engine: Engine, target: Path) -> Dump:
    raw = engine.raw_connection()
    try:
        destination = sqlite3.connect(target)
        try:
            raw.driver_connection.backup(destination)  # type: ignore[union-attr]
        finally:
            destination.close()
    finally:
        raw.close()
    copy = make_engine_for_file(target)
    try:
        with copy.connect() as connection:
            return Dump(SQLITE_FILE, "sqlite", _revision(connection), row_counts(connection))
    finally:
        copy.dispose()


def make_engine_for_file(path: Path) -> Engine:
    from sqlalchemy import create_engine

    return create_engine(f"sqlite:///{path}")


def _dump_postgres(engine: Engine, target: Path) -> Dump:
    with engine.connect() as plain:
        connection = plain.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            counts, revision = row_counts(connection), _revision(connection)
            _run([_pg_tool("pg_dump"), "--format=custom", f"--snapshot={snapshot}",
                  f"--file={target}", "--dbname", _libpq_url(engine)], engine)
    return Dump(POSTGRES_FILE, "postgresql", revision, counts)


def restore_database(engine: Engine, source: Path, dialect: str) -> None:
    """The dump loaded into the (empty) database of `engine`."""
    if dialect == "sqlite":
        origin = sqlite3.connect(source)
        raw = engine.raw_connection()
        try:
            origin.backup(raw.driver_connection)  # type: ignore[arg-type]
        finally:
            raw.close()
            origin.close()
    else:
        _run([_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--clean",
              "--if-exists", "--exit-on-error", "--single-transaction", "--dbname",
              _libpq_url(engine), str(source)], engine)
    engine.dispose()  # pooled connections must not keep the old schema


def check_dump(path: Path, dialect: str) -> None:
    """The dump file is readable as a database (raises DumpError when it is not)."""
    if dialect == "sqlite":
        try:
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                result = connection.execute("PRAGMA integrity_check").fetchone()
            finally:
                connection.close()
        except sqlite3.Error as error:
            raise DumpError(f"the database copy cannot be read: {error}") from None
        if not result or result[0] != "ok":
            raise DumpError(f"the database copy is damaged: {result}")
        return
    _run([_pg_tool("pg_restore"), "--list", str(path)], None)


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if candidates:
        return candidates[-1]  # the newest client reads every older server
    if found:
        return found
    raise DumpError(f"{name} is not installed: install the PostgreSQL client tools")


def _libpq_url(engine: Engine) -> str:
    """The database URL as libpq reads it; the password travels in the environment."""
    url = make_url(engine.url.render_as_string(hide_password=False))
    return url.set(drivername="postgresql", password=None).render_as_string()


def _run(command: list[str], engine: Engine | None) -> None:
    env = dict(os.environ)
    if engine is not None and engine.url.password:
        env["PGPASSWORD"] = str(engine.url.password)
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True,
                                timeout=DUMP_TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise DumpError(f"{Path(command[0]).name} failed: {error}") from None
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines()
        raise DumpError(f"{Path(command[0]).name} failed: {lines[-1] if lines else 'no output'}")
