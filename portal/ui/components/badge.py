"""Status badges: one colour per meaning, the label in the visitor's language."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal.i18n import N_
from portal.ui.i18n import t

# Colour by meaning, so every status of every object reads the same way.
TONES = {"positive": "green", "waiting": "amber", "negative": "red", "neutral": "gray",
         "info": "blue"}

USER_STATUS = {
    "active": (N_("Active"), "positive"),
    "suspended": (N_("Suspended"), "negative"),
    "closed": (N_("Closed"), "neutral"),
}


def status_badge(status: Var | str, labels: dict[str, tuple[str, str]]) -> rx.Component:
    """A badge for `status`, whose known values map to (msgid, tone)."""
    cases = [
        (value, rx.badge(t(label), color_scheme=TONES[tone], variant="soft", radius="full"))
        for value, (label, tone) in labels.items()
    ]
    return rx.match(status, *cases, rx.badge(status, color_scheme="gray", variant="soft"))

ORGANIZER_STATUS = {
    "submitted": (N_("In review"), "waiting"),
    "needs_documents": (N_("Documents needed"), "waiting"),
    "rejected": (N_("Not approved"), "negative"),
    "approved": (N_("Qualified"), "positive"),
    "revoked": (N_("Revoked"), "negative"),
}

EVENT_STATUS = {
    "draft": (N_("Draft"), "neutral"),
    "submitted": (N_("In review"), "waiting"),
    "rejected": (N_("Changes needed"), "negative"),
    "published": (N_("Published"), "positive"),
    "cancelled": (N_("Cancelled"), "negative"),
}
