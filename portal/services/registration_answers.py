"""A person's answers to an event's questions, as they can change them while registration is
open (rules §2.4.1): the sheet their edit page shows. When editing is allowed is one rule,
`registration_rules.why_answers_locked`, shared with My registrations and the change itself."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlmodel import Session, col, select

from portal.domain.enums import QuestionKind, RegistrationStatus
from portal.domain.errors import NotFound
from portal.domain.models import Event, RegistrationAnswer
from portal.domain.policies import Actor
from portal.services.event_questions import active_questions
from portal.services.registration_rules import why_answers_locked
from portal.services.registration_views import FormQuestion
from portal.services.registrations import own_registration


class AnswerSheet(BaseModel):
    registration_id: int
    event_id: int
    event_name: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    closes_at: datetime
    status: RegistrationStatus
    questions: list[FormQuestion]
    # Current answers by question id: the chosen options of a multiple-choice question, the
    # stored file's name of a file question, otherwise the one value.
    values: dict[int, list[str]]
    qualification_asked: str  # what the event asks for ("" when it asks nothing)
    qualification: str
    locked: str  # why answers can no longer be changed ("" while they can); a msgid


def answer_sheet(session: Session, actor: Actor, *, registration_id: int) -> AnswerSheet:
    """The person's own registration's answers; anyone else's is "not found"."""
    registration = own_registration(session, actor, registration_id)
    event = session.get(Event, registration.event_id)
    if event is None:
        raise NotFound("No such registration.")
    questions = active_questions(session, event.id or 0)
    stored = {a.question_id: a.value for a in session.exec(select(RegistrationAnswer).where(
        col(RegistrationAnswer.registration_id) == registration.id))}
    values = {}
    for question in questions:
        value = stored.get(question.id or 0, "")
        if value:
            multiple = question.kind == QuestionKind.MULTIPLE_CHOICE.value
            values[question.id or 0] = value.split("\n") if multiple else [value]
    return AnswerSheet(
        registration_id=registration.id or 0, event_id=event.id or 0, event_name=event.name,
        starts_at=event.starts_at, ends_at=event.ends_at, time_zone=event.time_zone,
        closes_at=event.registration_closes_at, status=RegistrationStatus(registration.status),
        questions=[FormQuestion(id=q.id or 0, kind=q.kind, label=q.label, required=q.required,
                                options=q.options or []) for q in questions],
        values=values, qualification_asked=event.required_qualification,
        qualification=registration.qualification or "",
        locked=why_answers_locked(registration, event))
