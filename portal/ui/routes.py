"""Route constants and the navigation of each portal."""

from __future__ import annotations

from dataclasses import dataclass

from portal.i18n import N_

# Every page path lives in portal.links (services link to pages too); the UI reads them here.
from portal.links import (  # noqa: F401
    ATTENDEE,
    ATTENDEE_ANSWERS,
    ATTENDEE_COMPLAINT,
    ATTENDEE_COMPLAINT_NEW,
    ATTENDEE_COMPLAINTS,
    ATTENDEE_PAID,
    ATTENDEE_PAY,
    ATTENDEE_PROFILE,
    ATTENDEE_RECEIPT,
    ATTENDEE_REGISTRATIONS,
    CERTIFICATE,
    CHECK_IN,
    COMPLAINTS_INFO,
    EVENT,
    EVENTS,
    FORGOT_PASSWORD,
    HOME,
    INBOX,
    ORGANIZER,
    ORGANIZER_APPLY,
    ORGANIZER_BROADCAST,
    ORGANIZER_COMPLAINT,
    ORGANIZER_COMPLAINTS,
    ORGANIZER_EVENT,
    ORGANIZER_EVENTS,
    ORGANIZER_JOIN,
    ORGANIZER_NOTICES,
    ORGANIZER_RATINGS,
    ORGANIZER_REFUNDS,
    ORGANIZER_REGISTER_SOMEONE,
    ORGANIZER_REGISTRATIONS,
    ORGANIZER_SAFETY_GUIDE,
    ORGANIZER_STATEMENT,
    ORGANIZER_STATEMENTS,
    REGISTER,
    RESET_PASSWORD,
    RULES,
    RULES_ACCEPT,
    SIGN_IN,
    SIGN_UP,
    STAFF,
    STAFF_ASSESSMENT,
    STAFF_AUDIT,
    STAFF_BACKUPS,
    STAFF_CHANGE,
    STAFF_CHANGES,
    STAFF_COMPLAINT,
    STAFF_COMPLAINT_NEW,
    STAFF_COMPLAINTS,
    STAFF_EMERGENCY_PLAN,
    STAFF_EMERGENCY_PLANS,
    STAFF_EVENT,
    STAFF_EVENTS,
    STAFF_FEE_RATES,
    STAFF_INCIDENT,
    STAFF_INCIDENTS,
    STAFF_MAIL,
    STAFF_MAIL_MESSAGE,
    STAFF_NOTICE,
    STAFF_NOTICE_NEW,
    STAFF_ORGANIZER,
    STAFF_ORGANIZERS,
    STAFF_PAYMENTS,
    STAFF_RATINGS,
    STAFF_RECONCILIATION,
    STAFF_REFUNDS,
    STAFF_REPORTS,
    STAFF_SAFETY,
    STAFF_SETTINGS,
    STAFF_SETTLEMENT,
    STAFF_SETTLEMENTS,
    STAFF_SUPERVISION,
    STAFF_TEXTS,
    STAFF_USER,
    STAFF_USERS,
    TICKET,
    VERIFY_EMAIL,
)


@dataclass(frozen=True)
class NavItem:
    label: str  # msgid
    href: str
    icon: str
    # who sees it: the name of a SessionState flag ("is_admin", ...); "" for everyone. Menus
    # show only what the person may use; the services refuse everyone else anyway.
    shown_to: str = ""


@dataclass(frozen=True)
class Portal:
    key: str
    title: str  # msgid
    home: str
    nav: tuple[NavItem, ...]
    shown_to: str = ""  # who the links to this portal are for (see NavItem)


ATTENDEE_PORTAL = Portal(
    "attendee",
    N_("My portal"),
    ATTENDEE,
    (
        NavItem(N_("Overview"), ATTENDEE, "layout-dashboard"),
        NavItem(N_("My registrations"), ATTENDEE_REGISTRATIONS, "ticket"),
        NavItem(N_("My complaints"), ATTENDEE_COMPLAINTS, "message-square-warning"),
        NavItem(N_("Inbox"), INBOX, "inbox"),
        NavItem(N_("Profile"), ATTENDEE_PROFILE, "user-round-cog"),
    ),
)
ORGANIZER_PORTAL = Portal(
    "organizer",
    N_("Organizer portal"),
    ORGANIZER,
    (
        NavItem(N_("Overview"), ORGANIZER, "layout-dashboard"),
        NavItem(N_("My events"), ORGANIZER_EVENTS, "calendar-days", "is_organizer"),
        NavItem(N_("Refund requests"), ORGANIZER_REFUNDS, "hand-coins", "is_organizer"),
        NavItem(N_("Ratings"), ORGANIZER_RATINGS, "star", "is_organizer"),
        NavItem(N_("Notices"), ORGANIZER_NOTICES, "clipboard-list", "is_organizer"),
        NavItem(N_("Statements"), ORGANIZER_STATEMENTS, "landmark", "is_organizer"),
        NavItem(N_("Complaints"), ORGANIZER_COMPLAINTS, "message-square-warning",
                "is_organizer"),
        NavItem(N_("Safety guide"), ORGANIZER_SAFETY_GUIDE, "hard-hat", "is_organizer"),
    ),
    "is_organizer",
)
STAFF_PORTAL = Portal(
    "staff",
    N_("Staff portal"),
    STAFF,
    (
        NavItem(N_("Overview"), STAFF, "layout-dashboard"),
        NavItem(N_("Event reviews"), STAFF_EVENTS, "calendar-check", "is_reviewer"),
        NavItem(N_("Change requests"), STAFF_CHANGES, "git-pull-request-arrow", "is_reviewer"),
        NavItem(N_("Organizer applications"), STAFF_ORGANIZERS, "badge-check", "is_reviewer"),
        NavItem(N_("Supervision"), STAFF_SUPERVISION, "shield-alert", "is_supervisor"),
        NavItem(N_("Payments"), STAFF_PAYMENTS, "banknote", "is_finance"),
        NavItem(N_("Refunds"), STAFF_REFUNDS, "undo-2", "is_finance"),
        NavItem(N_("Settlements"), STAFF_SETTLEMENTS, "landmark", "is_finance"),
        NavItem(N_("Reports"), STAFF_REPORTS, "chart-column", "is_finance"),
        NavItem(N_("Reconciliation"), STAFF_RECONCILIATION, "scale", "is_finance"),
        NavItem(N_("Complaints"), STAFF_COMPLAINTS, "message-square-warning", "is_complaints"),
        NavItem(N_("Ratings"), STAFF_RATINGS, "star", "is_complaints"),
        NavItem(N_("Users"), STAFF_USERS, "users", "is_admin"),
        NavItem(N_("Platform settings"), STAFF_SETTINGS, "sliders-horizontal", "is_admin"),
        NavItem(N_("Backups"), STAFF_BACKUPS, "hard-drive", "is_admin"),
        NavItem(N_("Incidents"), STAFF_INCIDENTS, "siren"),
        NavItem(N_("Emergency plans"), STAFF_EMERGENCY_PLANS, "life-buoy"),
        NavItem(N_("Rules and safety guide"), STAFF_TEXTS, "book-open-text", "is_admin"),
        NavItem(N_("Safety guide readers"), STAFF_SAFETY, "hard-hat"),
        NavItem(N_("Platform fee"), STAFF_FEE_RATES, "percent", "is_finance"),
        NavItem(N_("Mail log"), STAFF_MAIL, "mails"),
        NavItem(N_("Audit log"), STAFF_AUDIT, "scroll-text"),
    ),
    "is_staff",
)
# What a person who belongs to no organizer sees instead of the organizer portal's link.
BECOME_ORGANIZER = NavItem(N_("Become an organizer"), ORGANIZER, "calendar-plus")
PORTALS = (ATTENDEE_PORTAL, ORGANIZER_PORTAL, STAFF_PORTAL)
