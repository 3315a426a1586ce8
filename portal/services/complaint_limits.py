"""Each complaint step's time limit in working days (rules §6.1.2) and the due dates they give.

The limits are platform settings an administrator changes on the settings screen (the
environment gives the defaults); everything reads them through `complaint_limits`, so a change
applies to the next step that starts."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel
from sqlmodel import Session

from portal.domain.calendar import deadline_after
from portal.domain.enums import ComplaintStatus
from portal.services.platform_settings import effective


class ComplaintLimits(BaseModel):
    accept_days: int  # received → accepted
    investigate_days: int  # accepted → investigation started
    handle_days: int  # investigation → findings and outcome (handled)
    feedback_days: int  # handled → result sent to the complainant
    organizer_response_days: int  # a request to the organizer → their response
    reopen_days: int  # calendar days the complainant may ask to reopen after the result
    holiday_country: str  # the calendar the working days are counted on
    closed_days: frozenset[date] = frozenset()  # and the platform's extra closed days
    time_zone: str


def complaint_limits(session: Session) -> ComplaintLimits:
    settings = effective(session)
    return ComplaintLimits(
        holiday_country=settings.holiday_country, time_zone=settings.time_zone,
        closed_days=settings.closed_dates,
        accept_days=settings.complaint_accept_working_days,
        investigate_days=settings.complaint_investigate_working_days,
        handle_days=settings.complaint_handle_working_days,
        feedback_days=settings.complaint_feedback_working_days,
        organizer_response_days=settings.complaint_organizer_response_working_days,
        reopen_days=settings.complaint_reopen_days)


def working_deadline(limits: ComplaintLimits, moment: datetime, days: int) -> datetime:
    """End of the working day `days` working days after `moment` (the holiday calendar)."""
    return deadline_after(moment, days, limits.holiday_country, limits.time_zone,
                          limits.closed_days)


def step_due(limits: ComplaintLimits, status: ComplaintStatus, moment: datetime
             ) -> datetime | None:
    """When the step a complaint enters at `moment` must be done; None once it waits on the
    complainant or is closed (nothing for staff to be late with)."""
    days = {ComplaintStatus.RECEIVED: limits.accept_days,
            ComplaintStatus.ACCEPTED: limits.investigate_days,
            ComplaintStatus.INVESTIGATING: limits.handle_days,
            ComplaintStatus.HANDLED: limits.feedback_days}.get(status)
    return working_deadline(limits, moment, days) if days is not None else None
