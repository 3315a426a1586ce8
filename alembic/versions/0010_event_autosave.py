"""event autosave

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 12:07:07.532137
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import portal.domain.models.base


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('event_autosave',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('event_key', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'event_key', name='uq_event_autosave')
    )
    with op.batch_alter_table('event_autosave', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_autosave_user_id'), ['user_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('event_autosave', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_autosave_user_id'))

    op.drop_table('event_autosave')
