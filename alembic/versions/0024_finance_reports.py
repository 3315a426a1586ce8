"""finance reports: the report run log, and ledger entries read by period

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-02 19:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import portal.domain.models.base

revision: str = '0024'
down_revision: str | None = '0023'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('report_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('report', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('output', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('organizer_id', sa.Integer(), nullable=True),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], ),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], ),
    sa.ForeignKeyConstraint(['organizer_id'], ['organizer.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_report_run_actor_id'), 'report_run', ['actor_id'], unique=False)
    op.create_index('ix_ledger_entry_created', 'ledger_entry',
                    ['created_at', 'kind', 'currency', 'amount_minor', 'registration_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_ledger_entry_created', table_name='ledger_entry')
    op.drop_index(op.f('ix_report_run_actor_id'), table_name='report_run')
    op.drop_table('report_run')
