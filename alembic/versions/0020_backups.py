"""backups of the database and the private files, and whether each passed its verification

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import portal.domain.models.base


revision: str = '0020'
down_revision: str | None = '0019'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('backup_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trigger', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('slot', sa.Integer(), nullable=True),
    sa.Column('started_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('path', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('verified', sa.Boolean(), nullable=False),
    sa.Column('error', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['requested_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('slot')
    )
    op.create_index(op.f('ix_backup_run_started_at'), 'backup_run', ['started_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_backup_run_started_at'), table_name='backup_run')
    op.drop_table('backup_run')
