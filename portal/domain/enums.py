"""Statuses and roles, and the transitions each status allows."""

from __future__ import annotations

from enum import StrEnum

# Payments, complaints and supervision have modules of their own; importers use this one.
from portal.domain.complaint_enums import (  # noqa: F401  (re-exported)
    COMPLAINT_TRANSITIONS,
    OPEN_COMPLAINT,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintClosure,
    ComplaintEntryKind,
    ComplaintOutcome,
    ComplaintRemedyKind,
    ComplaintStatus,
    ComplaintSubject,
)
from portal.domain.payment_enums import (  # noqa: F401  (re-exported)
    OFFLINE_METHODS,
    OPEN_REFUND,
    LedgerKind,
    PaymentMethod,
    PaymentStatus,
    RefundCause,
    RefundStatus,
)
from portal.domain.supervision_enums import (  # noqa: F401  (re-exported)
    NOTICE_TRANSITIONS,
    NoticeStatus,
    OrganizerStanding,
    SanctionKind,
)


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
    # Lifting a revocation (a sanction found wrong on review) gives the qualification back.
    OrganizerStatus.REVOKED: frozenset({OrganizerStatus.APPROVED}),
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


class AuditAction(StrEnum):
    """Every action the audit log records: the staff Audit log filters by these, and a test
    keeps every `audit.record(action=...)` in the services among them."""

    ACCESS_DENIED = "access.denied"
    SIGN_IN_SUCCEEDED = "sign_in.succeeded"
    SIGN_IN_FAILED = "sign_in.failed"
    PASSWORD_CHANGE_FAILED = "password_change.failed"
    SESSION_STARTED = "session.started"
    SESSION_SIGNED_OUT = "session.signed_out"
    SESSION_SIGNED_OUT_EVERYWHERE = "session.signed_out_everywhere"
    USER_SIGNED_UP = "user.signed_up"
    USER_SIGNED_UP_WITH_PROVIDER = "user.signed_up_with_provider"
    USER_IDENTITY_LINKED = "user.identity_linked"
    USER_EMAIL_VERIFIED = "user.email_verified"
    USER_EMAIL_MARKED_VERIFIED = "user.email_marked_verified"  # by an administrator
    USER_EMAIL_CHANGE_REQUESTED = "user.email_change_requested"
    USER_EMAIL_CHANGED = "user.email_changed"
    USER_PROFILE_UPDATED = "user.profile_updated"
    USER_PASSWORD_RESET_REQUESTED = "user.password_reset_requested"
    USER_PASSWORD_CHANGED = "user.password_changed"
    USER_ROLE_GRANTED = "user.role_granted"
    USER_ROLE_REVOKED = "user.role_revoked"
    USER_SUSPENDED = "user.suspended"  # user.{UserStatus}
    USER_REINSTATED = "user.active"
    USER_CLOSED = "user.closed"  # by the person, or by an administrator on their request
    USER_DATA_EXPORTED = "user.data_exported"  # the person downloaded their data
    ORGANIZER_APPLIED = "organizer.applied"
    ORGANIZER_RESUBMITTED = "organizer.resubmitted"
    ORGANIZER_DOCUMENT_ADDED = "organizer.document_added"
    ORGANIZER_APPROVED = "organizer.approve"  # organizer.{decision}
    ORGANIZER_REJECTED = "organizer.reject"
    ORGANIZER_DOCUMENTS_REQUESTED = "organizer.request_documents"
    ORGANIZER_MEMBER_INVITED = "organizer.member_invited"
    ORGANIZER_MEMBER_JOINED = "organizer.member_joined"
    EVENT_SAVED = "event.saved"
    EVENT_DELETED = "event.deleted"
    EVENT_COVER_SET = "event.cover_set"
    EVENT_SUBMITTED = "event.submitted"
    EVENT_APPROVED = "event.approve"  # event.{ReviewDecision}
    EVENT_REJECTED = "event.reject"
    EVENT_UPDATE_REQUESTED = "event.update_requested"  # event.{ChangeRequestKind}_requested
    EVENT_CANCEL_REQUESTED = "event.cancel_requested"
    EVENT_UPDATE_APPROVED = "event.update_approved"  # event.{kind}_{ChangeRequestStatus}
    EVENT_UPDATE_REJECTED = "event.update_rejected"
    EVENT_CANCEL_APPROVED = "event.cancel_approved"
    EVENT_CANCEL_REJECTED = "event.cancel_rejected"
    EMAIL_RESENT = "email.resent"
    REGISTRATION_CREATED = "registration.created"
    REGISTRATION_APPROVED = "registration.approve"  # registration.{ReviewDecision}
    REGISTRATION_REJECTED = "registration.reject"
    REGISTRATION_CONFIRMED = "registration.confirmed"
    REGISTRATION_ANSWERS_CHANGED = "registration.answers_changed"
    REGISTRATION_CANCELLED = "registration.cancelled"
    REGISTRATION_EXPIRED = "registration.expired"
    REGISTRATION_OFFERED = "registration.offered"
    REGISTRATION_CLAIMED = "registration.claimed"
    REGISTRATION_CHECKED_IN = "registration.checked_in"
    REGISTRATION_CHECK_IN_UNDONE = "registration.check_in_undone"
    # Payments and refunds are recorded on their registration (object_type "registration").
    PAYMENT_STARTED = "payment.started"
    PAYMENT_SUCCEEDED = "payment.succeeded"
    PAYMENT_FEE_RECORDED = "payment.fee_recorded"
    PAYMENT_FAILED = "payment.failed"
    PAYMENT_EXPIRED = "payment.expired"
    PAYMENT_NOT_RECEIVED = "payment.not_received"
    REFUND_REQUESTED = "refund.requested"  # refund.{RefundStatus}
    REFUND_APPROVED = "refund.approved"
    REFUND_DECLINED = "refund.declined"
    REFUND_PROCESSING = "refund.processing"
    REFUND_SUCCEEDED = "refund.succeeded"
    REFUND_FAILED = "refund.failed"
    SETTINGS_CHANGED = "settings.changed"  # one entry per changed setting, before and after
    BACKUP_REQUESTED = "backup.requested"  # an administrator's "back up now"
    # Platform texts (rules §2.2.3, §4.3): a version published, and a person accepting it
    RULES_PUBLISHED = "rules.published"
    RULES_ACCEPTED = "rules.accepted"
    SAFETY_GUIDE_PUBLISHED = "safety_guide.published"
    SAFETY_GUIDE_ACCEPTED = "safety_guide.accepted"
    # Settlement (rules §5.3.1) is recorded on the event (object_type "event"); a platform fee
    # rate on its organizer, or as a setting when it is the platform's default.
    SETTLEMENT_GENERATED = "settlement.generated"
    SETTLEMENT_APPROVED = "settlement.approved"
    SETTLEMENT_PAID = "settlement.paid"
    PLATFORM_FEE_RATE_ADDED = "platform_fee.rate_added"
    # Complaints (rules §6) are recorded on the complaint (object_type "complaint").
    COMPLAINT_FILED = "complaint.filed"
    COMPLAINT_ACCEPTED = "complaint.accepted"
    COMPLAINT_NOT_ACCEPTED = "complaint.not_accepted"
    COMPLAINT_ASSIGNED = "complaint.assigned"
    COMPLAINT_INVESTIGATING = "complaint.investigating"
    COMPLAINT_NOTE_ADDED = "complaint.note_added"
    COMPLAINT_MESSAGE_SENT = "complaint.message_sent"
    COMPLAINT_REPLY_ADDED = "complaint.reply_added"
    COMPLAINT_ORGANIZER_ASKED = "complaint.organizer_asked"
    COMPLAINT_ORGANIZER_RESPONDED = "complaint.organizer_responded"
    COMPLAINT_HANDLED = "complaint.handled"
    COMPLAINT_FEEDBACK_SENT = "complaint.feedback_sent"
    COMPLAINT_REOPENED = "complaint.reopened"
    COMPLAINT_CLOSED = "complaint.closed"
    # Ratings are recorded on the registration they were given for (object_type
    # "registration"), so the log names the person and the event.
    RATING_GIVEN = "rating.given"
    RATING_HIDDEN = "rating.hidden"  # staff hid its comment
    RATING_SHOWN = "rating.shown"  # staff showed a hidden comment again
    # Supervision (rules §3.3) is recorded on the organizer (object_type "organizer").
    NOTICE_OPENED = "notice.opened"  # notice.{NoticeStatus}
    NOTICE_RESPONDED = "notice.responded"
    NOTICE_ACCEPTED = "notice.accepted"
    NOTICE_ESCALATED = "notice.escalated"
    NOTICE_WITHDRAWN = "notice.withdrawn"
    SANCTION_WARNING = "sanction.warning"  # sanction.{SanctionKind}
    SANCTION_SUSPENDED = "sanction.suspend_publishing"
    SANCTION_REVOKED = "sanction.revoke_qualification"
    SANCTION_LIFTED = "sanction.lifted"
    # Emergencies (rules §4.1.2): plans on "emergency_plan", the rest on the "incident".
    EMERGENCY_PLAN_SAVED = "emergency_plan.saved"
    INCIDENT_OPENED = "incident.opened"
    INCIDENT_ACTION_ADDED = "incident.action_added"
    INCIDENT_CLOSED = "incident.closed"
    BROADCAST_SENT = "broadcast.sent"
    BROADCAST_WITHDRAWN = "broadcast.withdrawn"


class RegistrationStatus(StrEnum):
    PENDING_REVIEW = "pending_review"
    PENDING_PAYMENT = "pending_payment"
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    OFFERED = "offered"  # a seat freed and is held for them until the offer lapses
    CANCELLED = "cancelled"
    REJECTED = "rejected"
    EXPIRED = "expired"  # a hold or an offer lapsed


class RegistrationChannel(StrEnum):
    """How a registration reached the platform (rules §2.4.1)."""

    ONLINE = "online"
    PHONE = "phone"
    EMAIL = "email"
    ON_SITE = "on_site"


class AuditObjectKind(StrEnum):
    """What an audit entry is about (its object_type)."""

    USER = "user"
    ORGANIZER = "organizer"
    EVENT = "event"
    EMAIL = "email"
    REGISTRATION = "registration"
    COMPLAINT = "complaint"
    SETTING = "setting"  # a platform setting (the entry's `after` names which)
    BACKUP = "backup"  # a backup run
    HANDLER = "handler"  # a refused call that named no object
    EMERGENCY_PLAN = "emergency_plan"
    INCIDENT = "incident"


class EmailTemplate(StrEnum):
    """Every email the platform sends: one folder each under portal/templates/email."""

    VERIFY_EMAIL = "verify_email"
    CHANGE_EMAIL = "change_email"
    RESET_PASSWORD = "reset_password"
    PASSWORD_CHANGED = "password_changed"
    ACCOUNT_SUSPENDED = "account_suspended"
    ACCOUNT_REINSTATED = "account_reinstated"
    ORGANIZER_SUBMITTED = "organizer_submitted"
    ORGANIZER_APPROVE = "organizer_approve"
    ORGANIZER_REJECT = "organizer_reject"
    ORGANIZER_REQUEST_DOCUMENTS = "organizer_request_documents"
    ORGANIZER_INVITE = "organizer_invite"
    EVENT_SUBMITTED = "event_submitted"
    EVENT_APPROVE = "event_approve"
    EVENT_REJECT = "event_reject"
    EVENT_CHANGE_SUBMITTED = "event_change_submitted"
    EVENT_CHANGE_APPROVE = "event_change_approve"
    EVENT_CHANGE_REJECT = "event_change_reject"
    EVENT_CHANGED = "event_changed"
    EVENT_CANCELLED = "event_cancelled"
    REGISTRATION_CONFIRMED = "registration_confirmed"
    REGISTRATION_PENDING = "registration_pending"
    REGISTRATION_REJECTED = "registration_rejected"
    REGISTRATION_CANCELLED = "registration_cancelled"
    REGISTRATION_EXPIRED = "registration_expired"
    WAITLIST_JOINED = "waitlist_joined"
    WAITLIST_OFFER = "waitlist_offer"
    REGISTRATION_RECEIVED = "registration_received"  # to organizer members, approval needed
    REFUND_PAID = "refund_paid"
    REFUND_REQUESTED = "refund_requested"  # to organizer members, outside the policy
    REFUND_GRANTED = "refund_granted"  # also: the event was cancelled, refunded in full
    REFUND_DECLINED = "refund_declined"
    PAYMENT_REFUNDED_LATE = "payment_refunded_late"
    SETTLEMENT_PAID = "settlement_paid"  # to organizer members: the payout was made
    ACCOUNT_CLAIM = "account_claim"  # an account made for someone registered by phone/email
    COMPLAINT_RECEIVED = "complaint_received"  # to the complainant: the reference
    COMPLAINT_ACCEPTED = "complaint_accepted"  # to the complainant
    COMPLAINT_NOT_ACCEPTED = "complaint_not_accepted"  # to the complainant, with the reason
    COMPLAINT_MESSAGE = "complaint_message"  # staff's message to the complainant
    COMPLAINT_ASSIGNED = "complaint_assigned"  # to the staff member it was given to
    COMPLAINT_ORGANIZER_REQUEST = "complaint_organizer_request"  # to organizer members
    COMPLAINT_ORGANIZER_RESPONSE = "complaint_organizer_response"  # to the assignee
    COMPLAINT_FEEDBACK = "complaint_feedback"  # the result, to the complainant
    COMPLAINT_REOPENED = "complaint_reopened"  # to the assignee
    COMPLAINT_REPLY = "complaint_reply"  # the complainant wrote: to the assignee
    RATING_INVITATION = "rating_invitation"  # the event ended: rate it
    NOTICE_OPENED = "notice_opened"  # to organizer members
    NOTICE_RESPONDED = "notice_responded"  # to the staff member who opened it
    NOTICE_DECIDED = "notice_decided"  # to organizer members: accepted, escalated, withdrawn
    SANCTION_IMPOSED = "sanction_imposed"  # to organizer members
    SANCTION_LIFTED = "sanction_lifted"
    EMERGENCY_BROADCAST = "emergency_broadcast"  # to an event's registrants
