"""Complaint statuses as badges (one tone per meaning), and the overdue flag."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal.domain import labels
from portal.domain.enums import ComplaintStatus
from portal.ui.i18n import t

TONES = {ComplaintStatus.RECEIVED: "waiting", ComplaintStatus.ACCEPTED: "info",
         ComplaintStatus.INVESTIGATING: "info", ComplaintStatus.HANDLED: "waiting",
         ComplaintStatus.FEEDBACK_SENT: "positive", ComplaintStatus.CLOSED: "neutral"}
# status value -> (msgid, tone), the shape `badge.status_badge` takes
COMPLAINT_STATUS = {str(s): (label, TONES[s]) for s, label in labels.COMPLAINT_STATUS.items()}


def overdue_badge(overdue: Var) -> rx.Component:
    """Red and solid, so a late step stands out in a long list."""
    return rx.cond(overdue, rx.badge(rx.icon("clock-alert", size=12), t("Overdue"),
                                     color_scheme="red", variant="solid", radius="full",
                                     class_name="overdue-badge"))

