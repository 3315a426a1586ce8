"""Supervision of organizers (rules §3.3): rectification notices, sanctions, standing.
Re-exported by portal.domain.enums."""

from __future__ import annotations

from enum import StrEnum


class NoticeStatus(StrEnum):
    """A rectification notice (rules §3.3.1)."""

    OPEN = "open"  # waiting for the organizer's response
    RESPONDED = "responded"  # waiting for staff to accept or escalate
    ACCEPTED = "accepted"
    ESCALATED = "escalated"  # the response was not enough: a sanction may follow
    WITHDRAWN = "withdrawn"


NOTICE_TRANSITIONS: dict[NoticeStatus, frozenset[NoticeStatus]] = {
    NoticeStatus.OPEN: frozenset({NoticeStatus.RESPONDED, NoticeStatus.ESCALATED,
                                  NoticeStatus.WITHDRAWN}),
    NoticeStatus.RESPONDED: frozenset({NoticeStatus.ACCEPTED, NoticeStatus.ESCALATED,
                                       NoticeStatus.WITHDRAWN}),
    NoticeStatus.ACCEPTED: frozenset(),
    NoticeStatus.ESCALATED: frozenset(),
    NoticeStatus.WITHDRAWN: frozenset(),
}


class SanctionKind(StrEnum):
    """The sanction ladder (rules §3.3.3), mildest first."""

    WARNING = "warning"
    SUSPEND_PUBLISHING = "suspend_publishing"
    REVOKE_QUALIFICATION = "revoke_qualification"


class OrganizerStanding(StrEnum):
    """Where an organizer stands now, from the sanctions in force (the heaviest wins)."""

    GOOD = "good"
    WARNED = "warned"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
