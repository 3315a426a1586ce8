"""A ticket in its reader's language: the words and figures the ticket page, the PDF and the
calendar file show, made from the `TicketDetail` the ticket use case returns. Pure: no I/O."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from portal import links
from portal.domain import labels
from portal.domain.enums import FeeKind
from portal.domain.money import Money
from portal.domain.timefmt import format_moment, format_span
from portal.i18n import N_, gettext
from portal.services.registration_views import TicketDetail
from portal.services.ticket_files import LABEL_KEYS, TicketView
from portal.settings import get_settings

# What the PDF and the calendar file print beside each part (ticket_files.LABEL_KEYS).
PDF_LABELS = {
    "title": N_("Ticket"), "organizer": N_("Organizer"), "when": N_("When"),
    "where": N_("Where"), "join": N_("Join online"), "attendee": N_("Attendee"),
    "status": N_("Status"), "checked_in": N_("Checked in"), "code": N_("Ticket code"),
    "scan": N_("Show this code at the entrance"), "fees": N_("Fees"), "total": N_("Total"),
    "guide": N_("How it works"), "bring": N_("What to bring"), "notes": N_("Notes"),
    "safety": N_("Safety"), "measures": N_("Safety measures"),
    "emergency": N_("Emergency contact"),
}
assert tuple(PDF_LABELS) == LABEL_KEYS, "one label per part the PDF prints"
# Fee items of a standard kind are stored under the kind's name; custom ones by their own.
STANDARD_FEES = {kind.value: label for kind, label in labels.FEE_KIND.items()
                 if kind is not FeeKind.CUSTOM}


def ticket_url(code: str) -> str:
    """The ticket page's full address: what the QR code carries."""
    return get_settings().base_url.rstrip("/") + links.ticket(code)


def calendar_host() -> str:
    """The host that makes calendar entry ids unique to this platform."""
    return urlsplit(get_settings().base_url).hostname or "localhost"


def map_url(address: str) -> str:
    return f"https://www.openstreetmap.org/search?query={quote(address.strip())}" \
        if address.strip() else ""


def fee_label(label: str, locale: str) -> str:
    return gettext(STANDARD_FEES[label], locale) if label in STANDARD_FEES else label


def pdf_labels(locale: str) -> dict[str, str]:
    words = {key: gettext(msgid, locale) for key, msgid in PDF_LABELS.items()}
    words["title"] = f"{get_settings().platform_name} · {words['title']}"
    return words


def status_label(detail: TicketDetail, locale: str) -> str:
    return gettext(labels.REGISTRATION_STATUS[detail.status], locale)


def when(detail: TicketDetail, locale: str) -> str:
    return format_span(detail.starts_at, detail.ends_at, detail.time_zone, locale)


def checked_in(detail: TicketDetail, locale: str) -> str:
    return format_moment(detail.checked_in_at, detail.time_zone, locale) \
        if detail.checked_in_at else ""


def fee_lines(detail: TicketDetail, locale: str) -> list[tuple[str, str]]:
    return [(fee_label(label, locale), Money(detail.currency, amount).format(locale))
            for label, amount in detail.fee_lines]


def total(detail: TicketDetail, locale: str) -> str:
    if detail.total_minor == 0:
        return gettext("Free", locale)
    return Money(detail.currency, detail.total_minor).format(locale)


def ticket_view(detail: TicketDetail, locale: str) -> TicketView:
    """What the PDF and the calendar file are made from."""
    return TicketView(
        code=detail.code, url=ticket_url(detail.code), status=detail.status.value,
        status_label=status_label(detail, locale), attendee_name=detail.attendee_name,
        event_id=detail.event_id, event_name=detail.event_name,
        organizer_name=detail.organizer_name, starts_at=detail.starts_at,
        ends_at=detail.ends_at, time_zone=detail.time_zone, format=detail.format.value,
        venue_address=detail.venue_address, join_link=detail.join_link,
        map_url=map_url(detail.venue_address), fee_lines=fee_lines(detail, locale),
        total=total(detail, locale), guide_process=detail.guide_process,
        guide_bring=detail.guide_bring, guide_notes=detail.guide_notes,
        safety_risks=detail.safety_risks, safety_measures=detail.safety_measures,
        emergency_contact=detail.emergency_contact, checked_in_at=detail.checked_in_at)
