"""What each status, kind and decision is called, keyed by its enum member: one place for the
screens (badges, filters, selects) and the server (emails, exports). Values are msgids; the
reader's language is picked where they are shown."""

from __future__ import annotations

from enum import StrEnum

from portal.domain.enums import (
    ChangeRequestKind,
    ChangeRequestStatus,
    DocumentKind,
    EventCategory,
    EventFormat,
    EventStatus,
    FeeKind,
    OrganizerKind,
    OrganizerStatus,
    QuestionKind,
    ReviewDecision,
    UserStatus,
)
from portal.i18n import N_

USER_STATUS = {UserStatus.ACTIVE: N_("Active"), UserStatus.SUSPENDED: N_("Suspended"),
               UserStatus.CLOSED: N_("Closed")}
ORGANIZER_KIND = {OrganizerKind.COMPANY: N_("Company"),
                  OrganizerKind.INDIVIDUAL: N_("Individual"),
                  OrganizerKind.NON_PROFIT: N_("Non-profit")}
ORGANIZER_STATUS = {OrganizerStatus.SUBMITTED: N_("In review"),
                    OrganizerStatus.NEEDS_DOCUMENTS: N_("Documents needed"),
                    OrganizerStatus.REJECTED: N_("Not approved"),
                    OrganizerStatus.APPROVED: N_("Qualified"),
                    OrganizerStatus.REVOKED: N_("Revoked")}
DOCUMENT_KIND = {DocumentKind.BUSINESS_LICENCE: N_("Business licence"),
                 DocumentKind.ORGANISATION_CODE: N_("Organisation code certificate"),
                 DocumentKind.OTHER: N_("Other document")}
EVENT_STATUS = {EventStatus.DRAFT: N_("Draft"), EventStatus.SUBMITTED: N_("In review"),
                EventStatus.REJECTED: N_("Changes needed"),
                EventStatus.PUBLISHED: N_("Published"), EventStatus.CANCELLED: N_("Cancelled")}
EVENT_FORMAT = {EventFormat.IN_PERSON: N_("In person"), EventFormat.ONLINE: N_("Online"),
                EventFormat.HYBRID: N_("Hybrid")}
EVENT_CATEGORY = {EventCategory.CONFERENCE: N_("Conference"),
                  EventCategory.EXHIBITION: N_("Exhibition"),
                  EventCategory.TRAINING: N_("Training"),
                  EventCategory.COMPETITION: N_("Competition"),
                  EventCategory.PERFORMANCE: N_("Performance"), EventCategory.OTHER: N_("Other")}
FEE_KIND = {FeeKind.REGISTRATION: N_("Registration fee"), FeeKind.VENUE: N_("Venue fee"),
            FeeKind.MATERIALS: N_("Materials fee"), FeeKind.CATERING: N_("Catering fee"),
            FeeKind.CUSTOM: N_("Custom")}
QUESTION_KIND = {QuestionKind.SHORT_TEXT: N_("Short text"),
                 QuestionKind.LONG_TEXT: N_("Long text"),
                 QuestionKind.SINGLE_CHOICE: N_("Single choice"),
                 QuestionKind.MULTIPLE_CHOICE: N_("Multiple choice"),
                 QuestionKind.DATE: N_("Date"), QuestionKind.YES_NO: N_("Yes or no"),
                 QuestionKind.FILE: N_("File upload")}
REVIEW_DECISION = {ReviewDecision.APPROVE: N_("Approve"), ReviewDecision.REJECT: N_("Reject")}
CHANGE_REQUEST_KIND = {ChangeRequestKind.UPDATE: N_("Change"),
                       ChangeRequestKind.CANCEL: N_("Cancellation")}
CHANGE_REQUEST_STATUS = {ChangeRequestStatus.PENDING: N_("Waiting"),
                         ChangeRequestStatus.APPROVED: N_("Approved"),
                         ChangeRequestStatus.REJECTED: N_("Rejected")}

LABELS: dict[type[StrEnum], dict] = {
    UserStatus: USER_STATUS, OrganizerKind: ORGANIZER_KIND, OrganizerStatus: ORGANIZER_STATUS,
    DocumentKind: DOCUMENT_KIND, EventStatus: EVENT_STATUS, EventFormat: EVENT_FORMAT,
    EventCategory: EVENT_CATEGORY,
    FeeKind: FEE_KIND, QuestionKind: QUESTION_KIND, ReviewDecision: REVIEW_DECISION,
    ChangeRequestKind: CHANGE_REQUEST_KIND, ChangeRequestStatus: CHANGE_REQUEST_STATUS,
}


def label_of(member: StrEnum) -> str:
    """The msgid for one member (its value when a map is missing it: visible, never a crash)."""
    return LABELS.get(type(member), {}).get(member, member.value)


def choices(labels: dict) -> tuple[tuple[str, str], ...]:
    """(value, msgid) pairs for selects and filters, in the order of the map."""
    return tuple((str(key), label) for key, label in labels.items())
