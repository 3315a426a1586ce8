"""Page paths of the portal, for everything that links to a page: the UI's routes and navigation,
and the services that put links into emails and in-app notifications. Neutral: no reflex."""

from __future__ import annotations

import re
import unicodedata

from portal.domain.ids import parse_id

HOME = "/"
SIGN_IN = "/sign-in"
SIGN_UP = "/sign-up"
VERIFY_EMAIL = "/verify-email"
FORGOT_PASSWORD = "/forgot-password"
RESET_PASSWORD = "/reset-password"
RULES = "/rules"
RULES_ACCEPT = "/rules/accept"
ORGANIZER_SAFETY_GUIDE = "/organizer/safety-guide"
STAFF_TEXTS = "/staff/texts"
STAFF_SAFETY = "/staff/safety-guide"
ATTENDEE = "/me"
ATTENDEE_PROFILE = "/me/profile"
ATTENDEE_REGISTRATIONS = "/me/registrations"
ATTENDEE_ANSWERS = "/me/registrations/answers"  # ?id=<registration id>
ATTENDEE_PAY = "/me/registrations/pay"  # ?id=<registration id>: choose how to pay
ATTENDEE_PAID = "/me/registrations/paid"  # ?id=<registration id>: back from the card checkout
ATTENDEE_RECEIPT = "/me/registrations/receipt"  # ?id=<registration id>
DEMO_CHECKOUT = "/pay/demo"  # ?session=<checkout id>: the demo gateway's card page
STRIPE_WEBHOOK = "/hooks/stripe"
REGISTER = "/register"  # ?id=<event id>: the registration form
TICKET = "/ticket"  # ?code=<ticket code>
INBOX = "/me/inbox"
ORGANIZER = "/organizer"
ORGANIZER_APPLY = "/organizer/apply"
ORGANIZER_EVENTS = "/organizer/events"
ORGANIZER_EVENT = "/organizer/event"
ORGANIZER_JOIN = "/organizer/join"
ORGANIZER_REGISTRATIONS = "/organizer/registrations"  # ?id=<event id>
CHECK_IN = "/check-in"  # ?id=<event id>
ORGANIZER_REGISTER_SOMEONE = "/organizer/registrations/new"  # ?id=<event id>: the desk
CERTIFICATE = "/organizers/certificate"
EVENTS = "/events"
EVENT = "/event"  # /event/<id>-<slug>: an event's public page (EVENT_PAGE); ?id=<id> still works
EVENT_PAGE = "/event/[slug]"
STAFF = "/staff"
STAFF_EVENTS = "/staff/events"
STAFF_EVENT = "/staff/event"
STAFF_CHANGES = "/staff/changes"
STAFF_CHANGE = "/staff/change"
STAFF_ORGANIZERS = "/staff/organizers"
STAFF_ORGANIZER = "/staff/organizer"
STAFF_MAIL = "/staff/mail"
STAFF_MAIL_MESSAGE = "/staff/mail/message"
STAFF_USER = "/staff/user"
STAFF_USERS = "/staff/users"
STAFF_AUDIT = "/staff/audit"
STAFF_SETTINGS = "/staff/settings"
STAFF_BACKUPS = "/staff/backups"
STAFF_PAYMENTS = "/staff/payments"  # finance: offline payments to confirm, every payment
STAFF_REFUNDS = "/staff/refunds"  # finance: refunds to pay back, the cancellation job
STAFF_REPORTS = "/staff/reports"  # finance: audit reports, charts, the report run log
STAFF_RECONCILIATION = "/staff/reconciliation"  # finance: the ledger against the provider
ORGANIZER_REFUNDS = "/organizer/refunds"  # refund requests outside the policy
ORGANIZER_RATINGS = "/organizer/ratings"  # the organizer's score and what attendees said
STAFF_RATINGS = "/staff/ratings"  # complaints: every rating, hiding abusive comments
ORGANIZER_NOTICES = "/organizer/notices"  # rectification notices and sanctions in force
# Settlement with organizers (rules §5.3.1).
STAFF_SETTLEMENTS = "/staff/settlements"  # finance: every statement
STAFF_SETTLEMENT = "/staff/settlement"  # ?id=<statement id>
STAFF_FEE_RATES = "/staff/fee-rates"  # admin: the platform fee's history
ORGANIZER_STATEMENTS = "/organizer/statements"  # statements and payouts
ORGANIZER_STATEMENT = "/organizer/statement"  # ?id=<statement id>
STAFF_SUPERVISION = "/staff/supervision"  # rectification notices of every organizer
STAFF_NOTICE = "/staff/notice"  # ?id=<notice id>
STAFF_NOTICE_NEW = "/staff/notice/new"  # ?organizer=<organizer id>
STAFF_ASSESSMENT = "/staff/assessment"  # ?id=<organizer id>: assessment and sanctions
# Emergencies (rules §4.1.2, §4.2.3)
STAFF_EMERGENCY_PLANS = "/staff/emergency-plans"  # the plan of every kind
STAFF_EMERGENCY_PLAN = "/staff/emergency-plan"  # ?kind=<kind>[&version=<n>]: read, print, edit
STAFF_INCIDENTS = "/staff/incidents"  # the incident log
STAFF_INCIDENT = "/staff/incident"  # ?id=<incident id>
ORGANIZER_BROADCAST = "/organizer/broadcast"  # ?event=<event id>: an emergency broadcast
DEV_MAILBOX = "/dev/mailbox"  # development only: the emails the log mailer "sent"
# Complaints (rules §6): pages the complaint screens serve, and the inbound-email hook.
COMPLAINTS_INFO = "/complaints"  # public: the three channels and how complaints are handled
ATTENDEE_COMPLAINTS = "/me/complaints"
ATTENDEE_COMPLAINT = "/me/complaint"  # ?id=<complaint id>
ATTENDEE_COMPLAINT_NEW = "/me/complaints/new"
ORGANIZER_COMPLAINTS = "/organizer/complaints"  # requests to respond
ORGANIZER_COMPLAINT = "/organizer/complaint"  # ?id=<complaint id>
STAFF_COMPLAINTS = "/staff/complaints"  # the queue
STAFF_COMPLAINT = "/staff/complaint"  # ?id=<complaint id>
STAFF_COMPLAINT_NEW = "/staff/complaints/new"  # staff record a complaint made by phone
INBOUND_EMAIL_HOOK = "/hooks/inbound-email"  # /<token>: SendGrid Inbound Parse posts here


def slug(name: str) -> str:
    """The readable part of an event's address: "Spring Chess Open!" -> "spring-chess-open".
    Letters of any script stay (a Chinese name keeps its characters); at most 60 of them."""
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", name).casefold().replace("_", " "))
    return "-".join(words)[:60].strip("-")


def event(event_id: int, name: str = "") -> str:
    """An event's public page: "/event/12-spring-chess-open". The id decides which event; the
    words only read well, so a link made before a rename still finds the event."""
    words = slug(name)
    return f"{EVENT}/{int(event_id)}" + (f"-{words}" if words else "")


def event_id_of(slug_value: str) -> int | None:
    """The id an event address starts with ("12-spring-chess-open" -> 12), else None."""
    found = re.match(r"(\d+)(?:-|$)", slug_value or "")
    return parse_id(found.group(1)) if found else None


def event_calendar(event_id: int) -> str:
    """A published event as a calendar file, for anyone: no personal data in it."""
    return f"/calendar/event/{int(event_id)}.ics"


def ticket(code: str) -> str:
    return f"{TICKET}?code={code}"


def ticket_file(code: str, kind: str) -> str:
    """The ticket as a PDF or a calendar file: "/tickets/ABCD-....pdf"."""
    return f"/tickets/{code}.{kind}"


def answer_file(answer_id: int) -> str:
    """A file a registrant attached to an answer (their own, or the event's people)."""
    return f"/files/answer/{int(answer_id)}"


def registrations_export(event_id: int, kind: str) -> str:
    """An event's registrations as "csv" or "xlsx"."""
    return f"/exports/registrations/{int(event_id)}.{kind}"


def with_id(path: str, object_id: int) -> str:
    """The page of one object, e.g. `with_id(STAFF_EVENT, 7)` -> "/staff/event?id=7"."""
    return f"{path}?id={int(object_id)}"


def receipt_file(reference: str) -> str:
    """A payment's receipt as PDF."""
    return f"/receipts/{reference}.pdf"


def complaint_file(file_id: int) -> str:
    """Evidence attached to a complaint (staff; the complainant or organizer who sent it)."""
    return f"/files/complaint/{int(file_id)}"


def notice_evidence_file(evidence_id: int) -> str:
    """A file an organizer sent with its answer to a rectification notice."""
    return f"/files/notice-evidence/{int(evidence_id)}"
PERSONAL_DATA_EXPORT = "/exports/personal-data.zip"  # the signed-in person's own data


def organizer_statement(statement_id: int) -> str:
    return f"{ORGANIZER_STATEMENT}?id={int(statement_id)}"


def statement_file(statement_id: int, kind: str) -> str:
    """A settlement statement as "pdf" or "xlsx" (finance staff; the organizer's members)."""
    return f"/statements/{int(statement_id)}.{kind}"
