"""Status badges: one colour per meaning, the label in the visitor's language."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal.domain import labels
from portal.domain.emergency_enums import IncidentStatus
from portal.domain.enums import (
    EventStatus,
    NoticeStatus,
    OrganizerStanding,
    OrganizerStatus,
    RegistrationStatus,
    SanctionKind,
    UserStatus,
)
from portal.ui.i18n import t

# Colour by meaning, so every status of every object reads the same way.
TONES = {"positive": "green", "waiting": "amber", "negative": "red", "neutral": "gray",
         "info": "blue"}

def _badges(labels: dict, tones: dict) -> dict[str, tuple[str, str]]:
    return {str(value): (label, tones[value]) for value, label in labels.items()}


USER_STATUS = _badges(labels.USER_STATUS, {UserStatus.ACTIVE: "positive",
                                           UserStatus.SUSPENDED: "negative",
                                           UserStatus.CLOSED: "neutral"})

def status_badge(status: Var | str, labels: dict[str, tuple[str, str]]) -> rx.Component:
    """A badge for `status`, whose known values map to (msgid, tone)."""
    cases = [
        (value, rx.badge(t(label), color_scheme=TONES[tone], variant="soft", radius="full"))
        for value, (label, tone) in labels.items()
    ]
    return rx.match(status, *cases, rx.badge(status, color_scheme="gray", variant="soft"))

ORGANIZER_STATUS = _badges(labels.ORGANIZER_STATUS, {
    OrganizerStatus.SUBMITTED: "waiting", OrganizerStatus.NEEDS_DOCUMENTS: "waiting",
    OrganizerStatus.REJECTED: "negative", OrganizerStatus.APPROVED: "positive",
    OrganizerStatus.REVOKED: "negative"})
EVENT_STATUS = _badges(labels.EVENT_STATUS, {
    EventStatus.DRAFT: "neutral", EventStatus.SUBMITTED: "waiting",
    EventStatus.REJECTED: "negative", EventStatus.PUBLISHED: "positive",
    EventStatus.CANCELLED: "negative"})
REGISTRATION_STATUS = _badges(labels.REGISTRATION_STATUS, {
    RegistrationStatus.PENDING_REVIEW: "waiting", RegistrationStatus.PENDING_PAYMENT: "waiting",
    RegistrationStatus.CONFIRMED: "positive", RegistrationStatus.WAITLISTED: "info",
    RegistrationStatus.OFFERED: "info", RegistrationStatus.CANCELLED: "neutral",
    RegistrationStatus.REJECTED: "negative", RegistrationStatus.EXPIRED: "neutral"})
NOTICE_STATUS = _badges(labels.NOTICE_STATUS, {
    NoticeStatus.OPEN: "waiting", NoticeStatus.RESPONDED: "info",
    NoticeStatus.ACCEPTED: "positive", NoticeStatus.ESCALATED: "negative",
    NoticeStatus.WITHDRAWN: "neutral"})
SANCTION_KIND = _badges(labels.SANCTION_KIND, {
    SanctionKind.WARNING: "waiting", SanctionKind.SUSPEND_PUBLISHING: "negative",
    SanctionKind.REVOKE_QUALIFICATION: "negative"})
ORGANIZER_STANDING = _badges(labels.ORGANIZER_STANDING, {
    OrganizerStanding.GOOD: "positive", OrganizerStanding.WARNED: "waiting",
    OrganizerStanding.SUSPENDED: "negative", OrganizerStanding.REVOKED: "negative"})
INCIDENT_STATUS = _badges(labels.INCIDENT_STATUS, {IncidentStatus.OPEN: "negative",
                                                   IncidentStatus.CLOSED: "neutral"})
