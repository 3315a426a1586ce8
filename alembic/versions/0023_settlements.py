"""platform fee rates, settlement statements and their items

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-02 19:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import portal.domain.models.base


revision: str = '0023'
down_revision: str | None = '0022'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('platform_fee_rate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('organizer_id', sa.Integer(), nullable=True),
    sa.Column('percent_bp', sa.Integer(), nullable=False),
    sa.Column('fixed_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('set_by_id', sa.Integer(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.CheckConstraint('fixed_minor >= 0', name='ck_platform_fee_rate_fixed'),
    sa.CheckConstraint('percent_bp >= 0 AND percent_bp <= 10000', name='ck_platform_fee_rate_percent'),
    sa.ForeignKeyConstraint(['organizer_id'], ['organizer.id'], ),
    sa.ForeignKeyConstraint(['set_by_id'], ['user_account.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('platform_fee_rate', schema=None) as batch_op:
        batch_op.create_index('ix_platform_fee_rate_lookup', ['organizer_id', 'currency', 'effective_from'], unique=False)

    op.create_table('settlement_statement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('organizer_id', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('open_event_id', sa.Integer(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('gross_minor', sa.Integer(), nullable=False),
    sa.Column('refunds_minor', sa.Integer(), nullable=False),
    sa.Column('platform_fee_minor', sa.Integer(), nullable=False),
    sa.Column('processing_fee_minor', sa.Integer(), nullable=False),
    sa.Column('adjustments_minor', sa.Integer(), nullable=False),
    sa.Column('net_minor', sa.Integer(), nullable=False),
    sa.Column('refreshed_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('approved_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('paid_on', sa.Date(), nullable=True),
    sa.Column('paid_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('paid_by_id', sa.Integer(), nullable=True),
    sa.Column('bank_reference', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.ForeignKeyConstraint(['approved_by_id'], ['user_account.id'], ),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], ),
    sa.ForeignKeyConstraint(['organizer_id'], ['organizer.id'], ),
    sa.ForeignKeyConstraint(['paid_by_id'], ['user_account.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('event_id', 'sequence', name='uq_settlement_event_sequence'),
    sa.UniqueConstraint('open_event_id', name='uq_settlement_open_event')
    )
    with op.batch_alter_table('settlement_statement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_settlement_statement_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_settlement_statement_organizer_id'), ['organizer_id'], unique=False)
        batch_op.create_index('ix_settlement_status_due', ['status', 'due_on'], unique=False)

    op.create_table('settlement_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('statement_id', sa.Integer(), nullable=False),
    sa.Column('ledger_entry_id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=True),
    sa.Column('line', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('method', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['ledger_entry_id'], ['ledger_entry.id'], ),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], ),
    sa.ForeignKeyConstraint(['statement_id'], ['settlement_statement.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('ledger_entry_id', name='uq_settlement_item_entry')
    )
    with op.batch_alter_table('settlement_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_settlement_item_registration_id'), ['registration_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_settlement_item_statement_id'), ['statement_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('settlement_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_settlement_item_statement_id'))
        batch_op.drop_index(batch_op.f('ix_settlement_item_registration_id'))

    op.drop_table('settlement_item')
    with op.batch_alter_table('settlement_statement', schema=None) as batch_op:
        batch_op.drop_index('ix_settlement_status_due')
        batch_op.drop_index(batch_op.f('ix_settlement_statement_organizer_id'))
        batch_op.drop_index(batch_op.f('ix_settlement_statement_event_id'))

    op.drop_table('settlement_statement')
    with op.batch_alter_table('platform_fee_rate', schema=None) as batch_op:
        batch_op.drop_index('ix_platform_fee_rate_lookup')

    op.drop_table('platform_fee_rate')
