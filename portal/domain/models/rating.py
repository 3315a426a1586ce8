"""Ratings (rules §3.3.2): what people who attended an event think of it, 1 to 5 stars with an
optional comment, one per registration. Staff may hide an abusive comment (with a reason); the
stars still count towards the organizer's score, only the words are withheld.

`RatingInvitation` marks an event whose attendees were invited to rate it, once: the unique
event id decides when two workers sweep at the same moment.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field

from portal.domain.models.base import TableBase, UTCDateTime

COMMENT_LIMIT = 1000
HIDDEN_REASON_LIMIT = 500


class EventRating(TableBase, table=True):
    __tablename__ = "event_rating"
    __table_args__ = (
        # One rating per registration: a double submit (two tabs, a double click) meets this
        # constraint, so the database, not a read in Python, decides that only one is kept.
        sa.UniqueConstraint("registration_id", name="uq_event_rating_registration"),
        sa.CheckConstraint("stars >= 1 AND stars <= 5", name="ck_event_rating_stars"),
        sa.Index("ix_event_rating_organizer_created", "organizer_id", "created_at"),
    )

    event_id: int = Field(foreign_key="event.id", index=True)
    # The event's organizer, kept with the rating: the score is read per organizer on every
    # public event page, without joining events.
    organizer_id: int = Field(foreign_key="organizer.id")
    registration_id: int = Field(foreign_key="registration.id")
    user_id: int = Field(foreign_key="user_account.id", index=True)
    stars: int
    comment: str = Field(default="", max_length=COMMENT_LIMIT)
    hidden: bool = False
    hidden_reason: str = Field(default="", max_length=HIDDEN_REASON_LIMIT)
    hidden_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    hidden_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class RatingInvitation(TableBase, table=True):
    __tablename__ = "rating_invitation"

    event_id: int = Field(foreign_key="event.id", unique=True)
    invited: int = 0  # how many people were asked
