"""A rectification notice or a sanction that staff open because of a complaint: the complaint
must concern that organizer, and the remedy the complaint's decision asked for is marked as
done by it (its `linked_id`), so the complaint shows where it led."""

from __future__ import annotations

from sqlmodel import Session, col, select

from portal.domain.enums import ComplaintRemedyKind
from portal.domain.errors import Invalid
from portal.domain.models import Complaint, ComplaintRemedy, Event, Registration
from portal.i18n import N_

NOT_THIS_ORGANIZER = N_("This complaint is not about this organizer.")


def _organizer_of(session: Session, complaint: Complaint) -> int | None:
    if complaint.organizer_id is not None:
        return complaint.organizer_id
    event_id = complaint.event_id
    if event_id is None and complaint.registration_id is not None:
        registration = session.get(Registration, complaint.registration_id)
        event_id = registration.event_id if registration else None
    event = session.get(Event, event_id) if event_id is not None else None
    return event.organizer_id if event else None


def check_complaint(session: Session, organizer_id: int, complaint_id: int | None) -> None:
    """Refuse (beside the complaint field) a complaint that does not exist or concerns
    another organizer."""
    if complaint_id is None:
        return
    complaint = session.get(Complaint, complaint_id)
    if complaint is None or _organizer_of(session, complaint) != organizer_id:
        raise Invalid(NOT_THIS_ORGANIZER, field="complaint_id")


def link_remedy(session: Session, complaint_id: int | None, kind: ComplaintRemedyKind,
                linked_id: int) -> None:
    """Mark the complaint's first open remedy of this kind as done by the notice/sanction."""
    if complaint_id is None:
        return
    remedy = session.exec(select(ComplaintRemedy).where(
        col(ComplaintRemedy.complaint_id) == complaint_id,
        col(ComplaintRemedy.kind) == kind.value,
        col(ComplaintRemedy.linked_id).is_(None)).order_by(col(ComplaintRemedy.id))).first()
    if remedy is not None:
        remedy.linked_id = linked_id
        session.add(remedy)
