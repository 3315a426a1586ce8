"""Registrations: who holds a seat at an event. The registration work builds the rest (forms,
payment, tickets); events need to reach registrants and flag refunds when cancelled."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Field

from portal.domain.models.base import TableBase

# Statuses whose registration takes a seat; holds awaiting payment join when registration lands.
HOLDS_A_SEAT = frozenset({"confirmed"})


class Registration(TableBase, table=True):
    __tablename__ = "registration"
    __table_args__ = (sa.UniqueConstraint("event_id", "user_id", name="uq_registration"),)

    event_id: int = Field(foreign_key="event.id", index=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    status: str = Field(default="confirmed", max_length=16)
    refund_due: bool = False
