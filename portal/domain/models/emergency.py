"""Emergencies (rules §4.1.2, §4.2.3): the platform's plans (every save a new version), urgent
messages to an event's registrants, and the incident log."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field

from portal.domain.emergency_enums import IncidentStatus
from portal.domain.models.base import TableBase, UTCDateTime


class EmergencyPlan(TableBase, table=True):
    """One version of the plan of one kind; the highest version is the plan in force."""

    __tablename__ = "emergency_plan"
    __table_args__ = (sa.UniqueConstraint("kind", "version", name="uq_emergency_plan_version"),)

    kind: str = Field(max_length=24, index=True)
    version: int
    title: str = Field(max_length=200)
    body: str = Field(sa_type=sa.Text)  # Markdown
    note: str = Field(default="", max_length=500)  # what changed
    saved_by_id: int | None = Field(default=None, foreign_key="user_account.id",
                                    ondelete="SET NULL")


class Incident(TableBase, table=True):
    """Something that happened and what was done about it; every broadcast opens one."""

    __tablename__ = "incident"

    title: str = Field(max_length=200)
    description: str = Field(max_length=4000)  # what happened
    happened_at: datetime = Field(sa_type=UTCDateTime, index=True)
    event_id: int | None = Field(default=None, foreign_key="event.id", index=True)
    organizer_id: int | None = Field(default=None, foreign_key="organizer.id", index=True)
    status: str = Field(default=IncidentStatus.OPEN.value, max_length=16, index=True)
    opened_by_id: int | None = Field(default=None, foreign_key="user_account.id",
                                     ondelete="SET NULL")
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    closed_by_id: int | None = Field(default=None, foreign_key="user_account.id",
                                     ondelete="SET NULL")
    closing_note: str = Field(default="", max_length=1000)


class IncidentAction(TableBase, table=True):
    """One thing done about an incident (created_at says when)."""

    __tablename__ = "incident_action"

    incident_id: int = Field(foreign_key="incident.id", index=True, ondelete="CASCADE")
    note: str = Field(max_length=2000)  # what staff typed; empty for the platform's own
    kind: str = Field(default="", max_length=24)  # "": typed; else an IncidentActionKind
    by_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")


class EmergencyBroadcast(TableBase, table=True):
    """An urgent message to an event's registrants; its banner shows until withdrawn."""

    __tablename__ = "emergency_broadcast"

    event_id: int = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    incident_id: int = Field(foreign_key="incident.id", index=True)
    message: str = Field(max_length=2000)
    audiences: str = Field(max_length=60)  # comma-separated BroadcastAudience values
    recipients: int = 0
    # the sending form's one-time key: a double submit or a replay finds the first broadcast
    request_key: str = Field(max_length=64, unique=True)
    sent_by_id: int | None = Field(default=None, foreign_key="user_account.id",
                                   ondelete="SET NULL")
    withdrawn_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    withdrawn_by_id: int | None = Field(default=None, foreign_key="user_account.id",
                                        ondelete="SET NULL")


class BroadcastDelivery(TableBase, table=True):
    """Who a broadcast reached: each person once, whatever happens."""

    __tablename__ = "broadcast_delivery"
    __table_args__ = (sa.UniqueConstraint("broadcast_id", "user_id",
                                          name="uq_broadcast_delivery_person"),)

    broadcast_id: int = Field(foreign_key="emergency_broadcast.id", index=True,
                              ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    registration_id: int = Field(foreign_key="registration.id")
