"""emergency plans, broadcasts and incidents

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02 19:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import portal.domain.models.base

revision: str = '0021'
down_revision: str | None = '0020'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

S = sqlmodel.sql.sqltypes.AutoString
UTC = portal.domain.models.base.UTCDateTime


def _times() -> list[sa.Column]:
    return [sa.Column('id', sa.Integer(), nullable=False),
            sa.Column('created_at', UTC(timezone=True), nullable=False),
            sa.Column('updated_at', UTC(timezone=True), nullable=False)]


def upgrade() -> None:
    op.create_table('emergency_plan', *_times(),
    sa.Column('kind', S(length=24), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('title', S(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('note', S(length=500), nullable=False),
    sa.Column('saved_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['saved_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kind', 'version', name='uq_emergency_plan_version')
    )
    op.create_index(op.f('ix_emergency_plan_kind'), 'emergency_plan', ['kind'], unique=False)
    op.create_table('incident', *_times(),
    sa.Column('title', S(length=200), nullable=False),
    sa.Column('description', S(length=4000), nullable=False),
    sa.Column('happened_at', UTC(timezone=True), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('organizer_id', sa.Integer(), nullable=True),
    sa.Column('status', S(length=16), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=True),
    sa.Column('closed_at', UTC(timezone=True), nullable=True),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('closing_note', S(length=1000), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], ),
    sa.ForeignKeyConstraint(['organizer_id'], ['organizer.id'], ),
    sa.ForeignKeyConstraint(['opened_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['closed_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    for column in ('happened_at', 'event_id', 'organizer_id', 'status'):
        op.create_index(op.f(f'ix_incident_{column}'), 'incident', [column], unique=False)
    op.create_table('incident_action', *_times(),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('note', S(length=2000), nullable=False),
    sa.Column('kind', S(length=24), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_incident_action_incident_id'), 'incident_action', ['incident_id'],
                    unique=False)
    op.create_table('emergency_broadcast', *_times(),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('message', S(length=2000), nullable=False),
    sa.Column('audiences', S(length=60), nullable=False),
    sa.Column('recipients', sa.Integer(), nullable=False),
    sa.Column('request_key', S(length=64), nullable=False),
    sa.Column('sent_by_id', sa.Integer(), nullable=True),
    sa.Column('withdrawn_at', UTC(timezone=True), nullable=True),
    sa.Column('withdrawn_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], ),
    sa.ForeignKeyConstraint(['sent_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['withdrawn_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('request_key')
    )
    op.create_index(op.f('ix_emergency_broadcast_event_id'), 'emergency_broadcast',
                    ['event_id'], unique=False)
    op.create_index(op.f('ix_emergency_broadcast_incident_id'), 'emergency_broadcast',
                    ['incident_id'], unique=False)
    op.create_table('broadcast_delivery', *_times(),
    sa.Column('broadcast_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['broadcast_id'], ['emergency_broadcast.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('broadcast_id', 'user_id', name='uq_broadcast_delivery_person')
    )
    op.create_index(op.f('ix_broadcast_delivery_broadcast_id'), 'broadcast_delivery',
                    ['broadcast_id'], unique=False)
    op.create_index(op.f('ix_broadcast_delivery_user_id'), 'broadcast_delivery', ['user_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_table('broadcast_delivery')
    op.drop_table('emergency_broadcast')
    op.drop_table('incident_action')
    op.drop_table('incident')
    op.drop_table('emergency_plan')
