"""events and fee items

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 11:26:53.744925
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import portal.domain.models.base


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('organizer_id', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('starts_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('time_zone', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('format', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('venue_address', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('city', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('join_link', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('registration_opens_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('registration_closes_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('guide_process', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('guide_bring', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('guide_notes', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('min_age', sa.Integer(), nullable=True),
    sa.Column('max_age', sa.Integer(), nullable=True),
    sa.Column('required_qualification', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('refund_full_days', sa.Integer(), nullable=False),
    sa.Column('refund_partial_days', sa.Integer(), nullable=False),
    sa.Column('refund_partial_percent', sa.Integer(), nullable=False),
    sa.Column('safety_risks', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('safety_measures', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('emergency_contact', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('emergency_plan', sqlmodel.sql.sqltypes.AutoString(length=3000), nullable=False),
    sa.Column('total_fee_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('submitted_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('review_due_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decision_note', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('published_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reviewed_snapshot', sa.JSON(), nullable=True),
    sa.CheckConstraint('capacity > 0', name='ck_event_capacity_positive'),
    sa.CheckConstraint('ends_at > starts_at', name='ck_event_ends_after_start'),
    sa.ForeignKeyConstraint(['organizer_id'], ['organizer.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index('ix_event_catalogue', ['status', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_city'), ['city'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_organizer_id'), ['organizer_id'], unique=False)

    op.create_table('fee_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.Column('mandatory', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('fee_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fee_item_event_id'), ['event_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('fee_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fee_item_event_id'))

    op.drop_table('fee_item')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_organizer_id'))
        batch_op.drop_index(batch_op.f('ix_event_city'))
        batch_op.drop_index(batch_op.f('ix_event_category'))
        batch_op.drop_index('ix_event_catalogue')

    op.drop_table('event')
