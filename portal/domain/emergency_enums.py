"""Emergencies (rules §4.1.2, §4.2.3): the kinds of plan the platform keeps, who an urgent
message reaches, and the state of an incident."""

from __future__ import annotations

from enum import StrEnum

from portal.domain.enums import RegistrationStatus


class EmergencyPlanKind(StrEnum):
    FIRE = "fire"
    EARTHQUAKE = "earthquake"
    NETWORK_ATTACK = "network_attack"
    OTHER = "other"


class BroadcastAudience(StrEnum):
    """Groups of an event's registrants an emergency broadcast can reach."""

    CONFIRMED = "confirmed"
    PENDING = "pending"  # awaiting approval or payment
    WAITLISTED = "waitlisted"  # on the waiting list, or offered a seat


AUDIENCE_STATUSES: dict[BroadcastAudience, frozenset[RegistrationStatus]] = {
    BroadcastAudience.CONFIRMED: frozenset({RegistrationStatus.CONFIRMED}),
    BroadcastAudience.PENDING: frozenset({RegistrationStatus.PENDING_REVIEW,
                                          RegistrationStatus.PENDING_PAYMENT}),
    BroadcastAudience.WAITLISTED: frozenset({RegistrationStatus.WAITLISTED,
                                             RegistrationStatus.OFFERED}),
}


class IncidentActionKind(StrEnum):
    """What the platform records on an incident by itself (shown in the reader's language)."""

    BROADCAST_SENT = "broadcast_sent"
    BROADCAST_WITHDRAWN = "broadcast_withdrawn"


class IncidentStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
