"""An event's registration questions keep their identity across edits: a question edited in the
editor (draft or change request) is updated in place, so answers already given stay attached to
it. A removed question that has answers is retired (hidden from new registrations, kept with its
answers); one without answers is deleted. A question added or made required binds only the
registrations made from then on (`required_since`)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from portal.domain.errors import Invalid
from portal.domain.models import RegistrationAnswer, RegistrationQuestion
from portal.i18n import N_
from portal.services.event_form import QuestionSpec

UNKNOWN_QUESTION = N_("A question was changed elsewhere; reload the page.")


def active_questions(session: Session, event_id: int) -> list[RegistrationQuestion]:
    """The questions new registrations are asked, in order."""
    return list(session.exec(
        select(RegistrationQuestion).where(col(RegistrationQuestion.event_id) == event_id,
                                           col(RegistrationQuestion.retired_at).is_(None))
        .order_by(col(RegistrationQuestion.position), col(RegistrationQuestion.id))))


def check_question_ids(session: Session, event_id: int, specs: list[QuestionSpec]) -> None:
    """Every edited question is one of this event's current ones (clients send anything)."""
    known = {q.id for q in active_questions(session, event_id)}
    if any(spec.id is not None and spec.id not in known for spec in specs):
        raise Invalid(UNKNOWN_QUESTION, field="questions")


def _answered(session: Session, question_ids: list[int]) -> set[int]:
    if not question_ids:
        return set()
    return set(session.exec(
        select(col(RegistrationAnswer.question_id)).where(
            col(RegistrationAnswer.question_id).in_(question_ids)).distinct()))


def sync_questions(session: Session, event_id: int, specs: list[QuestionSpec], *,
                   now: datetime) -> None:
    """Make the event ask `specs`, in that order, keeping each question's identity."""
    current = {q.id: q for q in active_questions(session, event_id)}
    if any(spec.id is not None and spec.id not in current for spec in specs):
        raise Invalid(UNKNOWN_QUESTION, field="questions")
    answered = _answered(session, [q for q in current if q is not None])
    kept: set[int] = set()
    for position, spec in enumerate(specs):
        row = current.get(spec.id) if spec.id is not None else None
        if row is not None and row.kind != spec.kind.value and row.id in answered:
            row = None  # answers of another kind stay with the question they answered
        if row is None:
            row = RegistrationQuestion(event_id=event_id, kind=spec.kind.value,
                                       label=spec.label, created_at=now)
            session.add(row)
        else:
            kept.add(row.id)  # type: ignore[arg-type]
        if spec.required and not (row.required and row.required_since is not None):
            row.required_since = now
        elif not spec.required:
            row.required_since = None
        row.kind, row.label, row.required = spec.kind.value, spec.label, spec.required
        row.options, row.position = spec.options, position
    for question_id, row in current.items():
        if question_id in kept:
            continue
        if question_id in answered:
            row.retired_at = now
        else:
            session.delete(row)
    session.flush()
