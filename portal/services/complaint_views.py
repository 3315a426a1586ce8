"""What the complaint screens show: one view per reader. Staff see everything; the complainant
sees their complaint without internal notes or the exchange with the organizer; an organizer's
members see only what was addressed to them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel

from portal.domain.enums import (
    ComplaintCategory,
    ComplaintChannel,
    ComplaintClosure,
    ComplaintEntryKind,
    ComplaintOutcome,
    ComplaintRemedyKind,
    ComplaintStatus,
    ComplaintSubject,
    RefundStatus,
)


@dataclass(frozen=True)
class EvidenceUpload:
    """A file as it arrived (a form upload, an email attachment): checked before it is kept."""

    filename: str
    content: bytes


class ComplaintFiled(BaseModel):
    id: int
    reference: str
    status: ComplaintStatus
    due_at: datetime | None


class ComplaintContacts(BaseModel):
    """The channels; the time limits come from `complaint_limits` (an administrator sets
    them)."""

    email: str
    phone: str


class SubjectOption(BaseModel):
    id: int
    label: str


class ComplaintSubjects(BaseModel):
    registrations: list[SubjectOption]
    events: list[SubjectOption]


class PersonOption(BaseModel):
    id: int
    name: str


class ComplaintFileView(BaseModel):
    id: int
    filename: str
    content_type: str
    size: int
    href: str  # links.complaint_file(id): served only to those who may read the entry


class TimelineEntry(BaseModel):
    id: int
    kind: ComplaintEntryKind
    author: str  # a name; "" for the platform or someone not signed in (email)
    at: datetime
    body: str
    status: ComplaintStatus | None  # a status change: the new status
    visible_to_complainant: bool
    visible_to_organizer: bool
    due_at: datetime | None  # a request to the organizer
    answered_at: datetime | None
    overdue: bool  # an unanswered request past its due date
    files: list[ComplaintFileView]


class RemedyView(BaseModel):
    kind: ComplaintRemedyKind
    amount_minor: int | None
    currency: str
    refund_id: int | None
    refund_status: RefundStatus | None
    linked_id: int | None
    note: str


class ComplaintRow(BaseModel):
    """A line of the staff queue."""

    id: int
    reference: str
    status: ComplaintStatus
    channel: ComplaintChannel
    subject: ComplaintSubject
    category: ComplaintCategory
    title: str
    complainant: str
    event_name: str
    organizer_name: str
    assignee_name: str
    received_at: datetime
    due_at: datetime | None
    overdue: bool


class ComplaintDetail(ComplaintRow):
    """One complaint for staff: everything, with the whole timeline."""

    event_id: int | None
    registration_id: int | None
    organizer_id: int | None
    what_happened: str
    outcome_wanted: str
    complainant_id: int | None
    complainant_name: str
    complainant_email: str
    complainant_phone: str
    sender_verified: bool
    entered_by: str
    assignee_id: int | None
    accepted_at: datetime | None
    handled_at: datetime | None
    feedback_at: datetime | None
    closed_at: datetime | None
    reopened_at: datetime | None
    findings: str
    outcome: ComplaintOutcome | None
    closure: ComplaintClosure | None
    remedies: list[RemedyView]
    refundable_minor: int  # what the complaint's registration holds (a refund's upper bound)
    currency: str
    open_request_due_at: datetime | None  # the organizer's open request, if any
    next_statuses: list[ComplaintStatus]
    timeline: list[TimelineEntry]


class MyComplaintRow(BaseModel):
    id: int
    reference: str
    status: ComplaintStatus
    subject: ComplaintSubject
    category: ComplaintCategory
    title: str
    event_name: str
    received_at: datetime


class MyComplaintDetail(MyComplaintRow):
    """The complainant's view: no internal notes, nothing exchanged with the organizer."""

    channel: ComplaintChannel
    what_happened: str
    outcome_wanted: str
    outcome: ComplaintOutcome | None
    closure: ComplaintClosure | None
    remedies: list[RemedyView]
    can_confirm: bool  # the result was sent: satisfied, or ask to reopen
    can_reopen: bool
    reopen_until: datetime | None
    can_reply: bool
    timeline: list[TimelineEntry]


class OrganizerRequestRow(BaseModel):
    complaint_id: int
    reference: str
    category: ComplaintCategory
    event_name: str
    organizer_id: int
    asked_at: datetime
    due_at: datetime | None
    answered: bool
    overdue: bool


class OrganizerComplaintView(BaseModel):
    """What an organizer's members read: the requests to them, their answers, and any entry
    staff marked for them — not the complainant's contact details."""

    complaint_id: int
    reference: str
    category: ComplaintCategory
    subject: ComplaintSubject
    event_name: str
    status: ComplaintStatus
    open_request_id: int | None
    open_request_due_at: datetime | None
    can_respond: bool
    timeline: list[TimelineEntry]


class OrganizerComplaintCounts(BaseModel):
    received: int  # every complaint about the organizer or its events
    upheld: int
    open: int
    overdue_responses: int  # requests to respond past their due date, unanswered
