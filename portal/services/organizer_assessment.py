"""The organizer assessment screen (rules §3.3.2): everything staff weigh before moving an
organizer up or down the sanction ladder, for one organizer.

Sections:
- standing: the heaviest sanction in force (or revoked/good), and whether it may publish;
- notices: how many in each status, how many are overdue now and how many were answered late,
  with the notices themselves;
- sanctions: the whole history, newest first, with the ones in force marked;
- ratings: the public score (Bayesian), how many ratings, their plain average and spread;
- complaints: received about the organizer or its events, upheld, still open, and requests to
  respond that are past their due date."""

from __future__ import annotations

from pydantic import BaseModel
from sqlmodel import Session

from portal.domain.enums import NoticeStatus, OrganizerStanding, OrganizerStatus
from portal.domain.models import Sanction
from portal.domain.policies import Actor
from portal.services.complaint_views import OrganizerComplaintCounts
from portal.services.complaints_queries import organizer_complaint_counts
from portal.services.organizer_standing import publishing_blocked, standing_of
from portal.services.rating_views import OrganizerScore, organizer_score
from portal.services.supervision_access import require_supervisor, supervised_organizer
from portal.services.supervision_views import (
    NoticeView,
    SanctionView,
    notices_of,
    sanctions_of,
)


class NoticeCounts(BaseModel):
    open: int = 0
    responded: int = 0
    accepted: int = 0
    escalated: int = 0
    withdrawn: int = 0
    overdue: int = 0  # waiting for the organizer past the due date, now
    answered_late: int = 0  # answered after the due date, or not answered and overdue

    @property
    def total(self) -> int:
        return self.open + self.responded + self.accepted + self.escalated + self.withdrawn


class OrganizerAssessment(BaseModel):
    organizer_id: int
    organizer_name: str
    organizer_status: OrganizerStatus
    certificate_number: str
    standing: OrganizerStanding
    may_publish: bool
    notice_counts: NoticeCounts
    notices: list[NoticeView]
    sanctions: list[SanctionView]
    score: OrganizerScore
    complaints: OrganizerComplaintCounts


def _counts(notices: list[NoticeView]) -> NoticeCounts:
    counts = NoticeCounts()
    for notice in notices:
        name = NoticeStatus(notice.status).value
        setattr(counts, name, getattr(counts, name) + 1)
        counts.overdue += notice.overdue
        counts.answered_late += notice.answered_late
    return counts


def assess_organizer(session: Session, actor: Actor, *,
                     organizer_id: int) -> OrganizerAssessment:
    require_supervisor(actor)
    organizer = supervised_organizer(session, organizer_id)
    notices = notices_of(session, organizer_id)
    sanctions = sanctions_of(session, organizer_id)
    in_force = [session.get(Sanction, s.id) for s in sanctions if s.in_force]
    status = OrganizerStatus(organizer.status)
    return OrganizerAssessment(
        organizer_id=organizer_id, organizer_name=organizer.legal_name,
        organizer_status=status, certificate_number=organizer.certificate_number or "",
        standing=standing_of(organizer, [s for s in in_force if s is not None]),
        may_publish=status is OrganizerStatus.APPROVED
        and not publishing_blocked(session, organizer),
        notice_counts=_counts(notices), notices=notices, sanctions=sanctions,
        score=organizer_score(session, organizer_id),
        complaints=organizer_complaint_counts(session, organizer_id),
    )
