"""What a person (and, for approvals, the organizer's members) is told when a registration
changes: one email and one inbox message, written in the same transaction as the change."""

from __future__ import annotations

from sqlmodel import Session

from portal import links
from portal.domain.enums import EventFormat, RegistrationStatus
from portal.domain.models import Event, Registration, User
from portal.services.event_access import organizer_members
from portal.services.notifications import notify

TEMPLATES = {
    RegistrationStatus.CONFIRMED: "registration_confirmed",
    RegistrationStatus.PENDING_REVIEW: "registration_pending",
    RegistrationStatus.PENDING_PAYMENT: "registration_pending",
    RegistrationStatus.WAITLISTED: "waitlist_joined",
    RegistrationStatus.CANCELLED: "registration_cancelled",
    RegistrationStatus.REJECTED: "registration_rejected",
}


def ticket_context(registration: Registration, event: Event) -> dict:
    """What the confirmation carries: the ticket, the guide, the safety notes, and the venue or
    (confirmed registrants only) the join link."""
    online = event.format != EventFormat.IN_PERSON.value
    confirmed = registration.status == RegistrationStatus.CONFIRMED.value
    return {
        "event": event.name, "starts_at": event.starts_at, "ends_at": event.ends_at,
        "time_zone": event.time_zone, "venue": event.venue_address,
        "join_link": event.join_link if online and confirmed else "",
        "code": registration.ticket_code, "ticket_url": links.ticket(registration.ticket_code),
        "ics_url": links.ticket_file(registration.ticket_code, "ics"),
        "pdf_url": links.ticket_file(registration.ticket_code, "pdf"),
        "guide_process": event.guide_process, "guide_bring": event.guide_bring,
        "guide_notes": event.guide_notes, "safety_risks": event.safety_risks,
        "safety_measures": event.safety_measures, "emergency_contact": event.emergency_contact,
        "status": registration.status, "hold_expires_at": registration.hold_expires_at,
        "note": registration.decision_note or registration.end_reason,
        "pay_url": links.with_id(links.ATTENDEE_PAY, registration.id or 0),
    }


def announce(session: Session, registration: Registration, event: Event, person: User) -> None:
    status = RegistrationStatus(registration.status)
    template = TEMPLATES.get(status)
    if template is None:
        return
    about = ("registration", registration.id)
    link = (links.ticket(registration.ticket_code) if status is RegistrationStatus.CONFIRMED
            else links.ATTENDEE_REGISTRATIONS)
    notify(session, recipients=[person], template=template,
           context=ticket_context(registration, event), about=about, link=link)
    if status is RegistrationStatus.PENDING_REVIEW:
        notify(session, recipients=organizer_members(session, event.organizer_id),
               template="registration_received",
               context={"event": event.name, "person": person.name,
                        "due": registration.review_due_at, "time_zone": event.time_zone},
               about=about, link=links.with_id(links.ORGANIZER_REGISTRATIONS, event.id or 0))
