"""The reviewers' queue of organizer applications: one page of rows read in bulk."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlmodel import Session, col

from portal.domain.clock import utcnow
from portal.domain.enums import OrganizerStatus, Role
from portal.domain.errors import Forbidden, Invalid
from portal.domain.models import Organizer, QualificationDocument
from portal.domain.policies import Actor, can_act_in_area
from portal.services.paging import Page, PageRequest, paginate


class ApplicationRow(BaseModel):
    """One line of the reviewers' queue: what the table shows, read in one query."""
    id: int
    legal_name: str
    registration_number: str
    status: OrganizerStatus
    submitted_at: datetime
    review_due_at: datetime
    overdue: bool
    documents: int


def list_applications(session: Session, actor: Actor, *, request: PageRequest
                      ) -> Page[ApplicationRow]:
    """The reviewers' queue. This check is the only one: rows are read in bulk, not per view."""
    if not can_act_in_area(actor, Role.STAFF_REVIEWS):
        raise Forbidden("Only reviewing staff can see organizer applications.")

    def status_filter(value: str):  # noqa: ANN202
        try:
            return Organizer.status == OrganizerStatus(value).value
        except ValueError:
            raise Invalid("Unknown status {value}.", value=repr(value)) from None

    documents = (select(func.count()).select_from(QualificationDocument)
                 .where(col(QualificationDocument.organizer_id) == col(Organizer.id))
                 .correlate(Organizer).scalar_subquery())
    rows, total = paginate(
        session, select(col(Organizer.id), col(Organizer.legal_name),
                        col(Organizer.registration_number), col(Organizer.status),
                        col(Organizer.submitted_at), col(Organizer.review_due_at),
                        documents.label("documents")), request,
        sortable={"submitted_at": Organizer.submitted_at, "legal_name": Organizer.legal_name,
                  "review_due_at": Organizer.review_due_at, "status": Organizer.status},
        default_sort="review_due_at",
        searchable=(Organizer.legal_name, Organizer.registration_number),
        filters={"status": status_filter,
                 "overdue": lambda v: (Organizer.status == "submitted")
                 & (Organizer.review_due_at < utcnow())},
        tiebreaker=Organizer.id,
    )
    now = utcnow()
    items = [ApplicationRow(
        id=r[0], legal_name=r[1], registration_number=r[2], status=OrganizerStatus(r[3]),
        submitted_at=r[4], review_due_at=r[5], documents=r[6],
        overdue=r[3] == OrganizerStatus.SUBMITTED.value and r[5] < now) for r in rows]
    return Page[ApplicationRow](items=items, total=total, page=request.page,
                                page_size=request.page_size)
