"""Each complaint step's time limit in working days (rules §6.1.2) and the due dates they give.

The limits come from settings today; everything reads them through `complaint_limits` so that
an admin screen can later store overrides in the database without touching the callers."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlmodel import Session

from portal.domain.calendar import deadline_after
from portal.domain.enums import ComplaintStatus
from portal.settings import get_settings


class ComplaintLimits(BaseModel):
    accept_days: int  # received → accepted
    investigate_days: int  # accepted → investigation started
    handle_days: int  # investigation → findings and outcome (handled)
    feedback_days: int  # handled → result sent to the complainant
    organizer_response_days: int  # a request to the organizer → their response
    reopen_days: int  # calendar days the complainant may ask to reopen after the result


def complaint_limits(session: Session) -> ComplaintLimits:  # noqa: ARG001  (overrides later)
    settings = get_settings()
    return ComplaintLimits(
        accept_days=settings.complaint_accept_working_days,
        investigate_days=settings.complaint_investigate_working_days,
        handle_days=settings.complaint_handle_working_days,
        feedback_days=settings.complaint_feedback_working_days,
        organizer_response_days=settings.complaint_organizer_response_working_days,
        reopen_days=settings.complaint_reopen_days)


def working_deadline(moment: datetime, days: int) -> datetime:
    """End of the working day `days` working days after `moment` (the holiday calendar)."""
    settings = get_settings()
    return deadline_after(moment, days, settings.holiday_country, settings.time_zone)


def step_due(limits: ComplaintLimits, status: ComplaintStatus, moment: datetime
             ) -> datetime | None:
    """When the step a complaint enters at `moment` must be done; None once it waits on the
    complainant or is closed (nothing for staff to be late with)."""
    days = {ComplaintStatus.RECEIVED: limits.accept_days,
            ComplaintStatus.ACCEPTED: limits.investigate_days,
            ComplaintStatus.INVESTIGATING: limits.handle_days,
            ComplaintStatus.HANDLED: limits.feedback_days}.get(status)
    return working_deadline(moment, days) if days is not None else None
