"""Who hears about a complaint step, by email through the outbox (and in the app for account
holders): the complainant (an account, or only an address for people without one), the
assigned staff member, the organizer's members."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from portal import links
from portal.domain.models import Complaint, Event, Organizer, User
from portal.services.emails import add_to_outbox, render
from portal.services.event_access import organizer_members
from portal.services.notifications import notify
from portal.services.platform_settings import effective
from portal.settings import get_settings


def _context(session: Session, complaint: Complaint, extra: dict[str, Any]) -> dict[str, Any]:
    event = session.get(Event, complaint.event_id) if complaint.event_id else None
    organizer = session.get(Organizer, complaint.organizer_id) if complaint.organizer_id \
        else None
    return {"reference": complaint.reference, "title": complaint.title,
            "event": event.name if event else "",
            "organizer": organizer.legal_name if organizer else "",
            "complaint_email": effective(session).complaint_email, **extra}


def tell_complainant(session: Session, complaint: Complaint, template: str,
                     **extra: Any) -> bool:
    """Email the complainant (False when there is no address: a phone complaint without one)."""
    context = _context(session, complaint, {
        "link": f"{get_settings().base_url}{links.ATTENDEE_COMPLAINT}?id={complaint.id}"
        if complaint.complainant_id else "", **extra})
    person = session.get(User, complaint.complainant_id) if complaint.complainant_id else None
    if person is not None and person.email:
        notify(session, recipients=[person], template=template, context=context,
               about=("complaint", complaint.id),
               link=f"{links.ATTENDEE_COMPLAINT}?id={complaint.id}")
        return True
    if not complaint.complainant_email:
        return False
    rendered = render(template, complaint.locale,
                      {"name": complaint.complainant_name or "", **context})
    add_to_outbox(session, to_email=complaint.complainant_email, rendered=rendered,
                  template=template, locale=complaint.locale, to_user_id=None,
                  about=("complaint", complaint.id))
    return True


def tell_assignee(session: Session, complaint: Complaint, template: str, **extra: Any) -> None:
    """The staff member the complaint is assigned to (nobody yet: the queue shows it)."""
    person = session.get(User, complaint.assignee_id) if complaint.assignee_id else None
    if person is None:
        return
    context = _context(session, complaint, {
        "link": f"{get_settings().base_url}{links.STAFF_COMPLAINT}?id={complaint.id}", **extra})
    notify(session, recipients=[person], template=template, context=context,
           about=("complaint", complaint.id),
           link=f"{links.STAFF_COMPLAINT}?id={complaint.id}")


def tell_organizer(session: Session, complaint: Complaint, template: str,
                   **extra: Any) -> None:
    if complaint.organizer_id is None:
        return
    members = organizer_members(session, complaint.organizer_id)
    if not members:
        return
    context = _context(session, complaint, {
        "link": f"{get_settings().base_url}{links.ORGANIZER_COMPLAINT}?id={complaint.id}",
        **extra})
    notify(session, recipients=members, template=template, context=context,
           about=("complaint", complaint.id),
           link=f"{links.ORGANIZER_COMPLAINT}?id={complaint.id}")
