"""What each status, kind and decision is called, keyed by its enum member: one place for the
screens (badges, filters, selects) and the server (emails, exports). Values are msgids; the
reader's language is picked where they are shown."""

from __future__ import annotations

from enum import StrEnum

from portal.domain.enums import (
    AuditAction,
    AuditObjectKind,
    ChangeRequestKind,
    ChangeRequestStatus,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintClosure,
    ComplaintEntryKind,
    ComplaintOutcome,
    ComplaintRemedyKind,
    ComplaintStatus,
    ComplaintSubject,
    DocumentKind,
    EmailTemplate,
    EventCategory,
    EventFormat,
    EventStatus,
    FeeKind,
    LedgerKind,
    NoticeStatus,
    OrganizerKind,
    OrganizerStanding,
    OrganizerStatus,
    PaymentMethod,
    PaymentStatus,
    QuestionKind,
    RefundCause,
    RefundStatus,
    RegistrationChannel,
    RegistrationStatus,
    ReviewDecision,
    Role,
    SanctionKind,
    UserStatus,
)
from portal.i18n import N_

ROLE = {Role.ADMIN: N_("Administrator"), Role.STAFF_REVIEWS: N_("Staff: reviews"),
        Role.STAFF_COMPLAINTS: N_("Staff: complaints"), Role.STAFF_FINANCE: N_("Staff: finance")}
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
A = AuditAction
AUDIT_ACTION = {
    A.ACCESS_DENIED: N_("Access refused"), A.SIGN_IN_SUCCEEDED: N_("Signed in"),
    A.SIGN_IN_FAILED: N_("Failed sign-in"),
    A.PASSWORD_CHANGE_FAILED: N_("Failed password change"),
    A.SESSION_STARTED: N_("Session started"), A.SESSION_SIGNED_OUT: N_("Signed out"),
    A.SESSION_SIGNED_OUT_EVERYWHERE: N_("Signed out everywhere"),
    A.USER_SIGNED_UP: N_("Signed up"),
    A.USER_SIGNED_UP_WITH_PROVIDER: N_("Signed up with a provider"),
    A.USER_IDENTITY_LINKED: N_("Provider account linked"),
    A.USER_EMAIL_VERIFIED: N_("Email confirmed"),
    A.USER_EMAIL_MARKED_VERIFIED: N_("Email marked as verified"),
    A.USER_EMAIL_CHANGE_REQUESTED: N_("Email change requested"),
    A.USER_EMAIL_CHANGED: N_("Email changed"), A.USER_PROFILE_UPDATED: N_("Profile updated"),
    A.USER_PASSWORD_RESET_REQUESTED: N_("Password reset requested"),
    A.USER_PASSWORD_CHANGED: N_("Password changed"), A.USER_ROLE_GRANTED: N_("Role granted"),
    A.USER_ROLE_REVOKED: N_("Role revoked"), A.USER_SUSPENDED: N_("Suspended"),
    A.USER_REINSTATED: N_("Reinstated"),
    A.ORGANIZER_APPLIED: N_("Organizer applied"),
    A.ORGANIZER_RESUBMITTED: N_("Organizer application resubmitted"),
    A.ORGANIZER_DOCUMENT_ADDED: N_("Organizer document added"),
    A.ORGANIZER_APPROVED: N_("Organizer approved"),
    A.ORGANIZER_REJECTED: N_("Organizer rejected"),
    A.ORGANIZER_DOCUMENTS_REQUESTED: N_("Organizer documents requested"),
    A.ORGANIZER_MEMBER_INVITED: N_("Organizer member invited"),
    A.ORGANIZER_MEMBER_JOINED: N_("Organizer member joined"),
    A.EVENT_SAVED: N_("Event saved"), A.EVENT_DELETED: N_("Event draft deleted"),
    A.EVENT_COVER_SET: N_("Event cover set"),
    A.EVENT_SUBMITTED: N_("Event submitted for review"),
    A.EVENT_APPROVED: N_("Event approved"), A.EVENT_REJECTED: N_("Event rejected"),
    A.EVENT_UPDATE_REQUESTED: N_("Event change requested"),
    A.EVENT_CANCEL_REQUESTED: N_("Event cancellation requested"),
    A.EVENT_UPDATE_APPROVED: N_("Event change approved"),
    A.EVENT_UPDATE_REJECTED: N_("Event change rejected"),
    A.EVENT_CANCEL_APPROVED: N_("Event cancellation approved"),
    A.EVENT_CANCEL_REJECTED: N_("Event cancellation rejected"),
    A.EMAIL_RESENT: N_("Email sent again"),
    A.REGISTRATION_CREATED: N_("Registration made"),
    A.REGISTRATION_APPROVED: N_("Registration approved"),
    A.REGISTRATION_REJECTED: N_("Registration rejected"),
    A.REGISTRATION_CONFIRMED: N_("Registration confirmed"),
    A.REGISTRATION_ANSWERS_CHANGED: N_("Registration answers changed"),
    A.REGISTRATION_CANCELLED: N_("Registration cancelled"),
    A.REGISTRATION_EXPIRED: N_("Seat hold or offer lapsed"),
    A.REGISTRATION_OFFERED: N_("Waiting-list seat offered"),
    A.REGISTRATION_CLAIMED: N_("Waiting-list offer claimed"),
    A.REGISTRATION_CHECKED_IN: N_("Checked in"),
    A.REGISTRATION_CHECK_IN_UNDONE: N_("Check-in undone"),
    A.PAYMENT_STARTED: N_("Payment method chosen"),
    A.PAYMENT_SUCCEEDED: N_("Payment received"),
    A.PAYMENT_FEE_RECORDED: N_("Processing fee recorded"),
    A.PAYMENT_FAILED: N_("Card payment failed"),
    A.PAYMENT_EXPIRED: N_("Payment lapsed"),
    A.PAYMENT_NOT_RECEIVED: N_("Payment marked not received"),
    A.SETTINGS_CHANGED: N_("Setting changed"),
    A.REFUND_REQUESTED: N_("Refund requested"),
    A.REFUND_APPROVED: N_("Refund approved"),
    A.REFUND_DECLINED: N_("Refund declined"),
    A.REFUND_PROCESSING: N_("Refund sent to the provider"),
    A.REFUND_SUCCEEDED: N_("Refund paid"),
    A.REFUND_FAILED: N_("Refund failed"),
    A.COMPLAINT_FILED: N_("Complaint received"),
    A.COMPLAINT_ACCEPTED: N_("Complaint accepted"),
    A.COMPLAINT_NOT_ACCEPTED: N_("Complaint not accepted"),
    A.COMPLAINT_ASSIGNED: N_("Complaint assigned"),
    A.COMPLAINT_INVESTIGATING: N_("Complaint investigation started"),
    A.COMPLAINT_NOTE_ADDED: N_("Complaint note added"),
    A.COMPLAINT_MESSAGE_SENT: N_("Message sent to the complainant"),
    A.COMPLAINT_REPLY_ADDED: N_("Complainant replied"),
    A.COMPLAINT_ORGANIZER_ASKED: N_("Organizer asked to respond"),
    A.COMPLAINT_ORGANIZER_RESPONDED: N_("Organizer responded to a complaint"),
    A.COMPLAINT_HANDLED: N_("Complaint handled"),
    A.COMPLAINT_FEEDBACK_SENT: N_("Complaint feedback sent"),
    A.COMPLAINT_REOPENED: N_("Complaint reopened"),
    A.COMPLAINT_CLOSED: N_("Complaint closed"),
    A.RATING_GIVEN: N_("Event rated"),
    A.RATING_HIDDEN: N_("Rating comment hidden"),
    A.RATING_SHOWN: N_("Rating comment shown again"),
    A.NOTICE_OPENED: N_("Rectification notice opened"),
    A.NOTICE_RESPONDED: N_("Rectification notice answered"),
    A.NOTICE_ACCEPTED: N_("Rectification accepted"),
    A.NOTICE_ESCALATED: N_("Rectification notice escalated"),
    A.NOTICE_WITHDRAWN: N_("Rectification notice withdrawn"),
    A.SANCTION_WARNING: N_("Organizer warned"),
    A.SANCTION_SUSPENDED: N_("Publishing suspended"),
    A.SANCTION_REVOKED: N_("Qualification revoked"),
    A.SANCTION_LIFTED: N_("Sanction lifted"),
}
AUDIT_OBJECT_KIND = {AuditObjectKind.USER: N_("Account"),
                     AuditObjectKind.ORGANIZER: N_("Organizer"),
                     AuditObjectKind.EVENT: N_("Event"), AuditObjectKind.EMAIL: N_("Email"),
                     AuditObjectKind.REGISTRATION: N_("Registration"),
                     AuditObjectKind.COMPLAINT: N_("Complaint"),
                     AuditObjectKind.SETTING: N_("Platform setting"),
                     AuditObjectKind.HANDLER: N_("Page action")}
T = EmailTemplate
EMAIL_TEMPLATE = {
    T.VERIFY_EMAIL: N_("Email confirmation"), T.CHANGE_EMAIL: N_("New address confirmation"),
    T.RESET_PASSWORD: N_("Password reset"), T.PASSWORD_CHANGED: N_("Password changed"),
    T.ACCOUNT_SUSPENDED: N_("Account suspended"),
    T.ACCOUNT_REINSTATED: N_("Account reinstated"),
    T.ORGANIZER_SUBMITTED: N_("Organizer application received"),
    T.ORGANIZER_APPROVE: N_("Organizer approved"), T.ORGANIZER_REJECT: N_("Organizer rejected"),
    T.ORGANIZER_REQUEST_DOCUMENTS: N_("Organizer documents requested"),
    T.ORGANIZER_INVITE: N_("Organizer invitation"),
    T.EVENT_SUBMITTED: N_("Event submitted for review"), T.EVENT_APPROVE: N_("Event approved"),
    T.EVENT_REJECT: N_("Event rejected"), T.EVENT_CHANGE_SUBMITTED: N_("Event change requested"),
    T.EVENT_CHANGE_APPROVE: N_("Event change approved"),
    T.EVENT_CHANGE_REJECT: N_("Event change rejected"),
    T.EVENT_CHANGED: N_("Event changed (to registrants)"),
    T.EVENT_CANCELLED: N_("Event cancelled (to registrants)"),
    T.REGISTRATION_CONFIRMED: N_("Registration confirmed (ticket)"),
    T.REGISTRATION_PENDING: N_("Registration received or seat held"),
    T.REGISTRATION_REJECTED: N_("Registration not accepted"),
    T.REGISTRATION_CANCELLED: N_("Registration cancelled"),
    T.REGISTRATION_EXPIRED: N_("Seat hold or offer lapsed"),
    T.WAITLIST_JOINED: N_("Joined the waiting list"),
    T.WAITLIST_OFFER: N_("Waiting-list offer"),
    T.REGISTRATION_RECEIVED: N_("Registration to approve (to organizers)"),
    T.REFUND_PAID: N_("Refund paid"),
    T.REFUND_REQUESTED: N_("Refund request (to organizers)"),
    T.REFUND_GRANTED: N_("Refund granted"),
    T.REFUND_DECLINED: N_("Refund declined"),
    T.PAYMENT_REFUNDED_LATE: N_("Late payment refunded"),
    T.ACCOUNT_CLAIM: N_("Account made for a registration"),
    T.COMPLAINT_RECEIVED: N_("Complaint received (to the complainant)"),
    T.COMPLAINT_ACCEPTED: N_("Complaint accepted (to the complainant)"),
    T.COMPLAINT_NOT_ACCEPTED: N_("Complaint not accepted (to the complainant)"),
    T.COMPLAINT_MESSAGE: N_("Message about a complaint (to the complainant)"),
    T.COMPLAINT_ASSIGNED: N_("Complaint assigned (to staff)"),
    T.COMPLAINT_ORGANIZER_REQUEST: N_("Complaint response requested (to organizers)"),
    T.COMPLAINT_ORGANIZER_RESPONSE: N_("Organizer responded (to staff)"),
    T.COMPLAINT_FEEDBACK: N_("Complaint result (to the complainant)"),
    T.COMPLAINT_REOPENED: N_("Complaint reopened (to staff)"),
    T.COMPLAINT_REPLY: N_("Complainant replied (to staff)"),
    T.RATING_INVITATION: N_("Invitation to rate an event"),
    T.NOTICE_OPENED: N_("Rectification notice (to organizers)"),
    T.NOTICE_RESPONDED: N_("Rectification response (to staff)"),
    T.NOTICE_DECIDED: N_("Rectification notice decided (to organizers)"),
    T.SANCTION_IMPOSED: N_("Sanction (to organizers)"),
    T.SANCTION_LIFTED: N_("Sanction lifted (to organizers)"),
}
del A, T
REGISTRATION_STATUS = {
    RegistrationStatus.PENDING_REVIEW: N_("Awaiting approval"),
    RegistrationStatus.PENDING_PAYMENT: N_("Awaiting payment"),
    RegistrationStatus.CONFIRMED: N_("Confirmed"),
    RegistrationStatus.WAITLISTED: N_("On the waiting list"),
    RegistrationStatus.OFFERED: N_("Seat offered"),
    RegistrationStatus.CANCELLED: N_("Cancelled"),
    RegistrationStatus.REJECTED: N_("Not accepted"),
    RegistrationStatus.EXPIRED: N_("Lapsed"),
}
REGISTRATION_CHANNEL = {
    RegistrationChannel.ONLINE: N_("Online"), RegistrationChannel.PHONE: N_("By phone"),
    RegistrationChannel.EMAIL: N_("By email"), RegistrationChannel.ON_SITE: N_("On site"),
}
PAYMENT_METHOD = {PaymentMethod.CARD: N_("Card"),
                  PaymentMethod.BANK_TRANSFER: N_("Bank transfer"),
                  PaymentMethod.CASH: N_("Cash")}
PAYMENT_STATUS = {PaymentStatus.PENDING: N_("Waiting for payment"),
                  PaymentStatus.SUCCEEDED: N_("Paid"), PaymentStatus.FAILED: N_("Declined"),
                  PaymentStatus.EXPIRED: N_("Lapsed"),
                  PaymentStatus.NOT_RECEIVED: N_("Not received"),
                  PaymentStatus.ABANDONED: N_("Replaced by another way to pay")}
REFUND_STATUS = {RefundStatus.REQUESTED: N_("Waiting for the organizer"),
                 RefundStatus.DECLINED: N_("Declined"),
                 RefundStatus.APPROVED: N_("Approved, to be paid back"),
                 RefundStatus.PROCESSING: N_("Being paid back"),
                 RefundStatus.SUCCEEDED: N_("Paid back"),
                 RefundStatus.FAILED: N_("Failed; finance staff are looking at it")}
REFUND_CAUSE = {RefundCause.ATTENDEE: N_("Asked by the attendee"),
                RefundCause.EVENT_CANCELLED: N_("Event cancelled"),
                RefundCause.LATE_PAYMENT: N_("Paid after the seat was released"),
                RefundCause.STAFF: N_("Decided by staff")}
LEDGER_KIND = {LedgerKind.CHARGE: N_("Payment"), LedgerKind.REFUND: N_("Refund"),
               LedgerKind.FEE: N_("Processing fee"),
               LedgerKind.PLATFORM_FEE: N_("Platform fee"), LedgerKind.PAYOUT: N_("Payout")}
COMPLAINT_CHANNEL = {ComplaintChannel.ONLINE: N_("Online form"),
                     ComplaintChannel.EMAIL: N_("By email"),
                     ComplaintChannel.PHONE: N_("By phone")}
COMPLAINT_SUBJECT = {ComplaintSubject.EVENT: N_("An event"),
                     ComplaintSubject.REGISTRATION: N_("A registration"),
                     ComplaintSubject.ORGANIZER: N_("An organizer"),
                     ComplaintSubject.PLATFORM: N_("The platform")}
COMPLAINT_CATEGORY = {ComplaintCategory.SAFETY: N_("Safety"),
                      ComplaintCategory.FEES: N_("Fees"),
                      ComplaintCategory.FALSE_INFORMATION: N_("False information"),
                      ComplaintCategory.SERVICE: N_("Service"),
                      ComplaintCategory.CONDUCT: N_("Conduct"),
                      ComplaintCategory.OTHER: N_("Other")}
# "Received" and "Closed" already name other things (the day money arrived, a closed
# account), in Chinese too: a complaint's statuses have words of their own.
COMPLAINT_STATUS = {ComplaintStatus.RECEIVED: N_("Awaiting acceptance"),
                    ComplaintStatus.ACCEPTED: N_("Accepted"),
                    ComplaintStatus.INVESTIGATING: N_("Investigating"),
                    ComplaintStatus.HANDLED: N_("Handled"),
                    ComplaintStatus.FEEDBACK_SENT: N_("Result sent"),
                    ComplaintStatus.CLOSED: N_("Complaint closed")}
COMPLAINT_CLOSURE = {ComplaintClosure.SATISFIED: N_("Complainant satisfied"),
                     ComplaintClosure.NO_ANSWER: N_("No answer from the complainant"),
                     ComplaintClosure.NOT_ACCEPTED: N_("Not accepted as a complaint")}
COMPLAINT_OUTCOME = {ComplaintOutcome.NOT_UPHELD: N_("Not upheld"),
                     ComplaintOutcome.UPHELD: N_("Upheld")}
COMPLAINT_REMEDY_KIND = {ComplaintRemedyKind.REFUND: N_("Refund"),
                         ComplaintRemedyKind.RECTIFICATION_NOTICE: N_("Rectification notice"),
                         ComplaintRemedyKind.SANCTION: N_("Sanction"),
                         ComplaintRemedyKind.OTHER: N_("Other remedy")}
COMPLAINT_ENTRY_KIND = {ComplaintEntryKind.STATUS_CHANGE: N_("Status change"),
                        ComplaintEntryKind.INTERNAL_NOTE: N_("Internal note"),
                        ComplaintEntryKind.MESSAGE: N_("Message to the complainant"),
                        ComplaintEntryKind.ORGANIZER_REQUEST: N_("Request to the organizer"),
                        ComplaintEntryKind.ORGANIZER_RESPONSE: N_("Organizer's response"),
                        ComplaintEntryKind.FEEDBACK: N_("Result and feedback"),
                        ComplaintEntryKind.COMPLAINANT_REPLY: N_("Complainant's reply")}
NOTICE_STATUS = {NoticeStatus.OPEN: N_("Waiting for the organizer"),
                 NoticeStatus.RESPONDED: N_("Answered, to be checked"),
                 NoticeStatus.ACCEPTED: N_("Rectified"),
                 NoticeStatus.ESCALATED: N_("Escalated"),
                 NoticeStatus.WITHDRAWN: N_("Withdrawn")}
SANCTION_KIND = {SanctionKind.WARNING: N_("Warning"),
                 SanctionKind.SUSPEND_PUBLISHING: N_("Publishing suspended"),
                 SanctionKind.REVOKE_QUALIFICATION: N_("Qualification revoked")}
ORGANIZER_STANDING = {OrganizerStanding.GOOD: N_("In good standing"),
                      OrganizerStanding.WARNED: N_("Warned"),
                      OrganizerStanding.SUSPENDED: N_("Publishing suspended"),
                      OrganizerStanding.REVOKED: N_("Qualification revoked")}

LABELS: dict[type[StrEnum], dict] = {
    UserStatus: USER_STATUS, OrganizerKind: ORGANIZER_KIND, OrganizerStatus: ORGANIZER_STATUS,
    DocumentKind: DOCUMENT_KIND, EventStatus: EVENT_STATUS, EventFormat: EVENT_FORMAT,
    EventCategory: EVENT_CATEGORY,
    FeeKind: FEE_KIND, QuestionKind: QUESTION_KIND, ReviewDecision: REVIEW_DECISION,
    ChangeRequestKind: CHANGE_REQUEST_KIND, ChangeRequestStatus: CHANGE_REQUEST_STATUS,
    AuditAction: AUDIT_ACTION, AuditObjectKind: AUDIT_OBJECT_KIND, EmailTemplate: EMAIL_TEMPLATE,
    RegistrationStatus: REGISTRATION_STATUS, RegistrationChannel: REGISTRATION_CHANNEL,
    Role: ROLE, PaymentMethod: PAYMENT_METHOD, PaymentStatus: PAYMENT_STATUS,
    RefundStatus: REFUND_STATUS, RefundCause: REFUND_CAUSE, LedgerKind: LEDGER_KIND,
    ComplaintChannel: COMPLAINT_CHANNEL, ComplaintSubject: COMPLAINT_SUBJECT,
    ComplaintCategory: COMPLAINT_CATEGORY, ComplaintStatus: COMPLAINT_STATUS,
    ComplaintClosure: COMPLAINT_CLOSURE, ComplaintOutcome: COMPLAINT_OUTCOME,
    ComplaintRemedyKind: COMPLAINT_REMEDY_KIND, ComplaintEntryKind: COMPLAINT_ENTRY_KIND,
    NoticeStatus: NOTICE_STATUS, SanctionKind: SANCTION_KIND,
    OrganizerStanding: ORGANIZER_STANDING,
}


def label_of(member: StrEnum) -> str:
    """The msgid for one member (its value when a map is missing it: visible, never a crash)."""
    return LABELS.get(type(member), {}).get(member, member.value)


def choices(labels: dict) -> tuple[tuple[str, str], ...]:
    """(value, msgid) pairs for selects and filters, in the order of the map."""
    return tuple((str(key), label) for key, label in labels.items())
