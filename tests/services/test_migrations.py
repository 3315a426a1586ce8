"""The migrations build exactly the schema the models describe, on every backend."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlmodel import SQLModel

import portal.domain.models  # noqa: F401
from portal.migrations import alembic_config


def test_autogenerate_finds_no_difference(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_database_is_at_the_single_head(engine):
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, "migrations have branched; merge them"
    with engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == heads[0]


def test_every_model_table_exists(engine):
    tables = set(inspect(engine).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
