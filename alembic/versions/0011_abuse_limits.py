"""abuse limits: per-pair sign-in back-off, known addresses, email rate limits

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 22:08:05.222749
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import portal.domain.models.base


revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('rate_limit_hit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
    sa.Column('at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('rate_limit_hit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rate_limit_hit_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_rate_limit_hit_key'), ['key'], unique=False)

    op.create_table('known_address',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('last_used_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'address', name='uq_known_address')
    )
    with op.batch_alter_table('known_address', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_known_address_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('sign_in_throttle', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_failure_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.alter_column('key',
               existing_type=sa.VARCHAR(length=300),
               type_=sqlmodel.sql.sqltypes.AutoString(length=400),
               existing_nullable=False)
        batch_op.create_index(batch_op.f('ix_sign_in_throttle_last_failure_at'), ['last_failure_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('sign_in_throttle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_throttle_last_failure_at'))
        batch_op.alter_column('key',
               existing_type=sqlmodel.sql.sqltypes.AutoString(length=400),
               type_=sa.VARCHAR(length=300),
               existing_nullable=False)
        batch_op.drop_column('last_failure_at')

    with op.batch_alter_table('known_address', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_known_address_user_id'))

    op.drop_table('known_address')
    with op.batch_alter_table('rate_limit_hit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rate_limit_hit_key'))
        batch_op.drop_index(batch_op.f('ix_rate_limit_hit_at'))

    op.drop_table('rate_limit_hit')
