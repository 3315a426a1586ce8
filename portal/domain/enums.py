"""Statuses and roles, and the transitions each status allows."""

from __future__ import annotations

from enum import StrEnum


class UserStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    CLOSED = "closed"


USER_TRANSITIONS: dict[UserStatus, frozenset[UserStatus]] = {
    UserStatus.ACTIVE: frozenset({UserStatus.SUSPENDED, UserStatus.CLOSED}),
    UserStatus.SUSPENDED: frozenset({UserStatus.ACTIVE, UserStatus.CLOSED}),
    UserStatus.CLOSED: frozenset(),
}


class Role(StrEnum):
    """Granted roles. Everyone is an attendee; organizer membership lives with organizers."""

    ADMIN = "admin"
    STAFF_REVIEWS = "staff_reviews"
    STAFF_COMPLAINTS = "staff_complaints"
    STAFF_FINANCE = "staff_finance"


STAFF_ROLES = frozenset({Role.STAFF_REVIEWS, Role.STAFF_COMPLAINTS, Role.STAFF_FINANCE})


def can_transition(table: dict, current: StrEnum, target: StrEnum) -> bool:
    return target in table.get(current, frozenset())


class OrganizerKind(StrEnum):
    COMPANY = "company"
    INDIVIDUAL = "individual"
    NON_PROFIT = "non_profit"


class OrganizerStatus(StrEnum):
    SUBMITTED = "submitted"
    NEEDS_DOCUMENTS = "needs_documents"
    REJECTED = "rejected"
    APPROVED = "approved"
    REVOKED = "revoked"


ORGANIZER_TRANSITIONS: dict[OrganizerStatus, frozenset[OrganizerStatus]] = {
    OrganizerStatus.SUBMITTED: frozenset({OrganizerStatus.APPROVED, OrganizerStatus.REJECTED,
                                          OrganizerStatus.NEEDS_DOCUMENTS}),
    OrganizerStatus.NEEDS_DOCUMENTS: frozenset({OrganizerStatus.SUBMITTED}),
    OrganizerStatus.REJECTED: frozenset({OrganizerStatus.SUBMITTED}),
    OrganizerStatus.APPROVED: frozenset({OrganizerStatus.REVOKED}),
    OrganizerStatus.REVOKED: frozenset(),
}


class MemberRole(StrEnum):
    OWNER = "owner"
    MEMBER = "member"


class DocumentKind(StrEnum):
    BUSINESS_LICENCE = "business_licence"
    ORGANISATION_CODE = "organisation_code"
    OTHER = "other"


class EventStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    REJECTED = "rejected"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


EVENT_TRANSITIONS: dict[EventStatus, frozenset[EventStatus]] = {
    EventStatus.DRAFT: frozenset({EventStatus.SUBMITTED}),
    EventStatus.SUBMITTED: frozenset({EventStatus.PUBLISHED, EventStatus.REJECTED}),
    EventStatus.REJECTED: frozenset({EventStatus.SUBMITTED}),
    EventStatus.PUBLISHED: frozenset({EventStatus.CANCELLED}),
    EventStatus.CANCELLED: frozenset(),
}


class EventFormat(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"


class FeeKind(StrEnum):
    REGISTRATION = "registration"
    VENUE = "venue"
    MATERIALS = "materials"
    CATERING = "catering"
    CUSTOM = "custom"


class EventCategory(StrEnum):
    CONFERENCE = "conference"
    EXHIBITION = "exhibition"
    TRAINING = "training"
    COMPETITION = "competition"
    PERFORMANCE = "performance"
    OTHER = "other"


EVENT_CATEGORIES = tuple(category.value for category in EventCategory)


class QuestionKind(StrEnum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    DATE = "date"
    YES_NO = "yes_no"
    FILE = "file"


CHOICE_KINDS = frozenset({QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE})


class ReviewDecision(StrEnum):
    """What a reviewer decides about an event or a change request."""

    APPROVE = "approve"
    REJECT = "reject"


class ChangeRequestKind(StrEnum):
    UPDATE = "update"
    CANCEL = "cancel"


class ChangeRequestStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


DECISION_OUTCOMES: dict[ReviewDecision, ChangeRequestStatus] = {
    ReviewDecision.APPROVE: ChangeRequestStatus.APPROVED,
    ReviewDecision.REJECT: ChangeRequestStatus.REJECTED,
}
