"""Demo supervision, made through the supervision services so every screen has something:
Harbour Events Co. has a notice waiting for its answer, one overdue, one answered for staff to
check, and a warning in force."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update
from sqlmodel import Session, col

from portal.domain.models import RectificationNotice
from portal.domain.policies import Actor
from portal.services import rectification_notices, sanctions
from portal.services.files import FileStore
from portal.services.organizer_standing import today

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
NOTICES = (  # problem, what must be done, days until due (negative: overdue), answered
    ("Event pages list a speaker who has withdrawn.",
     "Correct the speaker list on every published event page.", 6, False),
    ("Two inquiries about accessibility got no answer for a week.",
     "Answer both inquiries and tell us how you will answer within two working days.", -3,
     False),
    ("The safety plan of the data summit names no first-aid staff.",
     "Name the first-aid staff and their position in the venue.", 4, True),
)


def seed_demo_supervision(session: Session, *, reviewer: Actor, member: Actor,
                          organizer_id: int, store: FileStore) -> None:
    for problem, action, days, answered in NOTICES:
        notice_id = rectification_notices.open_notice(
            session, reviewer, organizer_id=organizer_id, problem=problem,
            required_action=action, due_on=today() + timedelta(days=max(days, 1)))
        if days < 0:  # the service refuses a past due date; the demo needs a late one
            session.execute(update(RectificationNotice)
                            .where(col(RectificationNotice.id) == notice_id)
                            .values(due_on=today() + timedelta(days=days)))
        if answered:
            rectification_notices.respond_to_notice(
                session, member, notice_id=notice_id,
                response="First-aid staff added to the safety plan: two certified first "
                         "aiders at the main entrance and the hall.",
                files=[rectification_notices.EvidenceUpload("safety-plan.pdf", PDF)],
                store=store)
    sanctions.warn_organizer(session, reviewer, organizer_id=organizer_id,
                             reason="Repeated late answers to attendees' inquiries "
                                    "(rules §3.2.3).")
