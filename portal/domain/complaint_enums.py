"""Complaints (rules §6): channels, subjects, categories, the steps and what they may lead
to. Re-exported by portal.domain.enums."""

from __future__ import annotations

from enum import StrEnum


class ComplaintChannel(StrEnum):
    """How a complaint reached the platform (rules §6.1.1)."""

    ONLINE = "online"
    EMAIL = "email"
    PHONE = "phone"


class ComplaintSubject(StrEnum):
    """What a complaint is about."""

    EVENT = "event"
    REGISTRATION = "registration"
    ORGANIZER = "organizer"
    PLATFORM = "platform"


class ComplaintCategory(StrEnum):
    SAFETY = "safety"
    FEES = "fees"
    FALSE_INFORMATION = "false_information"
    SERVICE = "service"
    CONDUCT = "conduct"
    OTHER = "other"


class ComplaintStatus(StrEnum):
    """The steps of rules §6.2; each open step has its own working-day limit."""

    RECEIVED = "received"
    ACCEPTED = "accepted"
    INVESTIGATING = "investigating"
    HANDLED = "handled"
    FEEDBACK_SENT = "feedback_sent"
    CLOSED = "closed"


COMPLAINT_TRANSITIONS: dict[ComplaintStatus, frozenset[ComplaintStatus]] = {
    ComplaintStatus.RECEIVED: frozenset({ComplaintStatus.ACCEPTED, ComplaintStatus.CLOSED}),
    ComplaintStatus.ACCEPTED: frozenset({ComplaintStatus.INVESTIGATING,
                                         ComplaintStatus.HANDLED}),
    ComplaintStatus.INVESTIGATING: frozenset({ComplaintStatus.HANDLED}),
    ComplaintStatus.HANDLED: frozenset({ComplaintStatus.FEEDBACK_SENT}),
    # the complainant is satisfied (or does not answer in time), or asks once to reopen
    ComplaintStatus.FEEDBACK_SENT: frozenset({ComplaintStatus.CLOSED,
                                              ComplaintStatus.INVESTIGATING}),
    ComplaintStatus.CLOSED: frozenset(),
}
OPEN_COMPLAINT = frozenset({ComplaintStatus.RECEIVED, ComplaintStatus.ACCEPTED,
                            ComplaintStatus.INVESTIGATING, ComplaintStatus.HANDLED})


class ComplaintClosure(StrEnum):
    SATISFIED = "satisfied"
    NO_ANSWER = "no_answer"  # the reopen window passed without a word
    NOT_ACCEPTED = "not_accepted"  # not a complaint (spam, a question, a duplicate)


class ComplaintOutcome(StrEnum):
    NOT_UPHELD = "not_upheld"
    UPHELD = "upheld"


class ComplaintRemedyKind(StrEnum):
    REFUND = "refund"
    RECTIFICATION_NOTICE = "rectification_notice"  # requested; supervision opens the notice
    SANCTION = "sanction"  # requested; supervision decides on the sanction
    OTHER = "other"


class ComplaintEntryKind(StrEnum):
    """One line of a complaint's timeline."""

    STATUS_CHANGE = "status_change"
    INTERNAL_NOTE = "internal_note"  # staff only
    MESSAGE = "message"  # staff to the complainant
    ORGANIZER_REQUEST = "organizer_request"  # staff to the organizer, with a due date
    ORGANIZER_RESPONSE = "organizer_response"
    FEEDBACK = "feedback"  # the result, to the complainant
    COMPLAINANT_REPLY = "complainant_reply"
