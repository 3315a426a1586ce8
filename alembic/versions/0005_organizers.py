"""organizers

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 11:17:12.060661
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import portal.domain.models.base


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('organizer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('legal_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('registration_number', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('contact_name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('contact_phone', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('submitted_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('review_due_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('decided_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decision_note', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('certificate_number', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('publishing_suspended', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('certificate_number')
    )
    with op.batch_alter_table('organizer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organizer_status'), ['status'], unique=False)

    op.create_table('organizer_invite',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('organizer_id', sa.Integer(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('expires_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('accepted_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('invited_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['invited_by_id'], ['user_account.id'], ),
    sa.ForeignKeyConstraint(['organizer_id'], ['organizer.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('organizer_invite', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organizer_invite_organizer_id'), ['organizer_id'], unique=False)

    op.create_table('organizer_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('organizer_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.ForeignKeyConstraint(['organizer_id'], ['organizer.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('organizer_id', 'user_id', name='uq_organizer_member')
    )
    with op.batch_alter_table('organizer_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organizer_member_organizer_id'), ['organizer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_organizer_member_user_id'), ['user_id'], unique=False)

    op.create_table('qualification_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.domain.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('organizer_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('content_type', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('storage_key', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organizer_id'], ['organizer.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user_account.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('storage_key')
    )
    with op.batch_alter_table('qualification_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_qualification_document_organizer_id'), ['organizer_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('qualification_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_qualification_document_organizer_id'))

    op.drop_table('qualification_document')
    with op.batch_alter_table('organizer_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organizer_member_user_id'))
        batch_op.drop_index(batch_op.f('ix_organizer_member_organizer_id'))

    op.drop_table('organizer_member')
    with op.batch_alter_table('organizer_invite', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organizer_invite_organizer_id'))

    op.drop_table('organizer_invite')
    with op.batch_alter_table('organizer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organizer_status'))

    op.drop_table('organizer')
