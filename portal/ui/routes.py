"""Route constants and the navigation of each portal."""

from __future__ import annotations

from dataclasses import dataclass

from portal.i18n import N_

HOME = "/"
SIGN_IN = "/sign-in"
SIGN_UP = "/sign-up"
VERIFY_EMAIL = "/verify-email"
FORGOT_PASSWORD = "/forgot-password"
RESET_PASSWORD = "/reset-password"
RULES = "/rules"
ATTENDEE_PROFILE = "/me/profile"
INBOX = "/me/inbox"
ORGANIZER_APPLY = "/organizer/apply"
ORGANIZER_EVENT = "/organizer/event"
EVENTS = "/events"
EVENT = "/event"
STAFF_EVENTS = "/staff/events"
STAFF_EVENT = "/staff/event"
STAFF_CHANGES = "/staff/changes"
STAFF_CHANGE = "/staff/change"
ORGANIZER_JOIN = "/organizer/join"
CERTIFICATE = "/organizers/certificate"
STAFF_ORGANIZERS = "/staff/organizers"
STAFF_ORGANIZER = "/staff/organizer"
STAFF_MAIL = "/staff/mail"
STAFF_MAIL_MESSAGE = "/staff/mail/message"
STAFF_USER = "/staff/user"
STAFF_AUDIT = "/staff/audit"
ATTENDEE = "/me"
ATTENDEE_REGISTRATIONS = "/me/registrations"
ORGANIZER = "/organizer"
ORGANIZER_EVENTS = "/organizer/events"
STAFF = "/staff"
STAFF_USERS = "/staff/users"


@dataclass(frozen=True)
class NavItem:
    label: str  # msgid
    href: str
    icon: str


@dataclass(frozen=True)
class Portal:
    key: str
    title: str  # msgid
    home: str
    nav: tuple[NavItem, ...]


ATTENDEE_PORTAL = Portal(
    "attendee",
    N_("My portal"),
    ATTENDEE,
    (
        NavItem(N_("Overview"), ATTENDEE, "layout-dashboard"),
        NavItem(N_("My registrations"), ATTENDEE_REGISTRATIONS, "ticket"),
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
        NavItem(N_("My events"), ORGANIZER_EVENTS, "calendar-days"),
    ),
)
STAFF_PORTAL = Portal(
    "staff",
    N_("Staff portal"),
    STAFF,
    (
        NavItem(N_("Overview"), STAFF, "layout-dashboard"),
        NavItem(N_("Event reviews"), STAFF_EVENTS, "calendar-check"),
        NavItem(N_("Change requests"), STAFF_CHANGES, "git-pull-request-arrow"),
        NavItem(N_("Organizer applications"), STAFF_ORGANIZERS, "badge-check"),
        NavItem(N_("Users"), STAFF_USERS, "users"),
        NavItem(N_("Mail log"), STAFF_MAIL, "mails"),
        NavItem(N_("Audit log"), STAFF_AUDIT, "scroll-text"),
    ),
)
PORTALS = (ATTENDEE_PORTAL, ORGANIZER_PORTAL, STAFF_PORTAL)
