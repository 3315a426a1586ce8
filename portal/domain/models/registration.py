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


class RegistrationAnswer(TableBase, table=True):
    """What a registrant answered to one registration question. A question with answers is
    never deleted (the foreign key refuses it), only retired."""

    __tablename__ = "registration_answer"
    __table_args__ = (sa.UniqueConstraint("registration_id", "question_id",
                                          name="uq_registration_answer"),)

    registration_id: int = Field(foreign_key="registration.id", index=True, ondelete="CASCADE")
    question_id: int = Field(foreign_key="registration_question.id", index=True)
    value: str = Field(default="", sa_type=sa.Text)
