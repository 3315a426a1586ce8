"""Every table, imported here so that SQLModel.metadata (and Alembic) sees them all."""

from portal.domain.models.audit import AuditEntry, AuditEntryPublic
from portal.domain.models.auth import (
    ExternalIdentity,
    KnownAddress,
    OidcLogin,
    OneTimeToken,
    RateLimitHit,
    SignInThrottle,
    TokenPurpose,
    UserSession,
)
from portal.domain.models.backup import BackupRun
from portal.domain.models.base import TableBase, UTCDateTime
from portal.domain.models.complaint import (
    Complaint,
    ComplaintEntry,
    ComplaintFile,
    ComplaintRemedy,
)
from portal.domain.models.document import DocumentAcceptance, PlatformDocument
from portal.domain.models.emergency import (
    BroadcastDelivery,
    EmergencyBroadcast,
    EmergencyPlan,
    Incident,
    IncidentAction,
)
from portal.domain.models.event import (
    Event,
    EventAutosave,
    EventChangeRequest,
    FeeItem,
    RegistrationQuestion,
)
from portal.domain.models.finance_report import ReportRun
from portal.domain.models.organizer import (
    Organizer,
    OrganizerInvite,
    OrganizerMember,
    QualificationDocument,
)
from portal.domain.models.outbox import EmailStatus, Notification, OutboxEmail
from portal.domain.models.payment import (
    DemoGatewayObject,
    LedgerEntry,
    Payment,
    Refund,
    WebhookDelivery,
)
from portal.domain.models.rating import EventRating, RatingInvitation
from portal.domain.models.registration import (
    Registration,
    RegistrationAnswer,
    RegistrationItem,
)
from portal.domain.models.setting import PlatformSetting
from portal.domain.models.settlement import (
    PlatformFeeRate,
    SettlementItem,
    SettlementStatement,
)
from portal.domain.models.supervision import NoticeEvidence, RectificationNotice, Sanction
from portal.domain.models.user import Profile, User, UserPublic, UserRole

__all__ = [
    "AuditEntry", "AuditEntryPublic", "EmailStatus", "ExternalIdentity", "KnownAddress",
    "OidcLogin", "Notification", "OneTimeToken", "OutboxEmail", "Profile", "RateLimitHit",
    "SignInThrottle", "TableBase",
    "TokenPurpose", "User", "Organizer", "OrganizerInvite", "OrganizerMember",
    "QualificationDocument", "Event", "EventChangeRequest", "FeeItem", "Registration",
    "RegistrationAnswer", "RegistrationItem", "RegistrationQuestion", "EventAutosave",
    "UserPublic", "UserRole", "UserSession", "UTCDateTime", "DemoGatewayObject", "LedgerEntry",
    "Payment", "Refund", "WebhookDelivery", "ReportRun",
    "PlatformSetting", "Complaint", "ComplaintEntry",
    "ComplaintFile", "ComplaintRemedy", "EventRating", "RatingInvitation", "NoticeEvidence",
    "RectificationNotice", "Sanction", "BackupRun",
    "BroadcastDelivery", "EmergencyBroadcast", "EmergencyPlan", "Incident", "IncidentAction",
    "PlatformDocument", "DocumentAcceptance", "PlatformFeeRate", "SettlementItem",
    "SettlementStatement",
]
