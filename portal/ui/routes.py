"""Route constants and the navigation of each portal."""

from __future__ import annotations

from dataclasses import dataclass

HOME = "/"
SIGN_IN = "/sign-in"
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
    "My portal",
    ATTENDEE,
    (
        NavItem("Overview", ATTENDEE, "layout-dashboard"),
        NavItem("My registrations", ATTENDEE_REGISTRATIONS, "ticket"),
    ),
)
ORGANIZER_PORTAL = Portal(
    "organizer",
    "Organizer portal",
    ORGANIZER,
    (
        NavItem("Overview", ORGANIZER, "layout-dashboard"),
        NavItem("My events", ORGANIZER_EVENTS, "calendar-days"),
    ),
)
STAFF_PORTAL = Portal(
    "staff",
    "Staff portal",
    STAFF,
    (
        NavItem("Overview", STAFF, "layout-dashboard"),
        NavItem("Users", STAFF_USERS, "users"),
    ),
)
PORTALS = (ATTENDEE_PORTAL, ORGANIZER_PORTAL, STAFF_PORTAL)
