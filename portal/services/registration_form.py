"""What a person sends to register: the optional fee items they add, their answers to the
organizer's questions, the safety acknowledgement and a qualification statement. Everything is
checked against the event as stored now; the client's copy of the form proves nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlmodel import Session, col, select

from portal.domain.enums import QuestionKind
from portal.domain.errors import Invalid
from portal.domain.models import Event, FeeItem, RegistrationQuestion
from portal.services.event_questions import UNKNOWN_QUESTION, active_questions
from portal.services.files import CheckedFile, check_upload

TEXT_LIMITS = {QuestionKind.SHORT_TEXT: 200, QuestionKind.LONG_TEXT: 4000}
YES_NO = ("yes", "no")
MAX_ITEMS = 50


class RegistrationForm(BaseModel):
    """A submitted registration form. Answers are keyed by question id; a multiple-choice
    answer is a list, every other answer a string (a file question is answered by an upload)."""

    fee_item_ids: list[int] = Field(default_factory=list, max_length=MAX_ITEMS)
    answers: dict[int, str | list[str]] = Field(default_factory=dict, max_length=MAX_ITEMS)
    safety_ack: bool = False
    qualification: str = Field(default="", max_length=300)
    join_waitlist: bool = False

    @field_validator("qualification", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value


@dataclass(frozen=True)
class Upload:
    """A file the person attached to a file question, as the browser sent it."""

    filename: str
    content: bytes


@dataclass(frozen=True)
class CheckedAnswer:
    question_id: int
    value: str
    file: CheckedFile | None = None
    content: bytes = b""


@dataclass(frozen=True)
class Checked:
    items: list[FeeItem]
    total_minor: int
    answers: list[CheckedAnswer]


def has_safety_notes(event: Event) -> bool:
    return bool(event.safety_risks or event.safety_measures or event.emergency_plan)


def chosen_items(session: Session, event: Event, ids: list[int]) -> list[FeeItem]:
    """The event's mandatory items and the optional ones chosen; an id of anything else (another
    event's item, a made-up one) is refused, never silently dropped or charged."""
    items = list(session.exec(select(FeeItem).where(col(FeeItem.event_id) == event.id)
                              .order_by(col(FeeItem.position), col(FeeItem.id))))
    by_id = {item.id: item for item in items}
    wanted = set(ids)
    if any(i not in by_id or by_id[i].mandatory for i in wanted):
        raise Invalid("Choose among this event's optional items.", field="fee_items")
    return [item for item in items if item.mandatory or item.id in wanted]


def check_form(session: Session, event: Event, form: RegistrationForm,
               uploads: dict[int, Upload], *, previous: dict[int, str] | None = None
               ) -> Checked:
    """The form, checked: fee items, answers (kind, length, required) and acknowledgement.
    `previous` holds answers already stored (editing): a file question keeps its file."""
    items = chosen_items(session, event, form.fee_item_ids)
    if has_safety_notes(event) and not form.safety_ack:
        raise Invalid("Read the safety notes and confirm that you will follow them.",
                      field="safety_ack")
    questions = active_questions(session, event.id or 0)
    known = {q.id for q in questions}
    if any(qid not in known for qid in [*form.answers, *uploads]):
        raise Invalid(UNKNOWN_QUESTION, field="answers")
    answers = [answer for q in questions
               if (answer := _answer(q, form.answers.get(q.id or 0), uploads.get(q.id or 0),
                                     (previous or {}).get(q.id or 0, ""))) is not None]
    return Checked(items=items, total_minor=sum(item.amount_minor for item in items),
                   answers=answers)


def _answer(question: RegistrationQuestion, raw: str | list[str] | None, upload: Upload | None,
            previous: str) -> CheckedAnswer | None:
    field = f"answer_{question.id}"
    assert question.id is not None
    kind = QuestionKind(question.kind)
    if kind is QuestionKind.FILE:
        if upload is not None:
            checked = check_upload(upload.filename, upload.content, field=field)
            return CheckedAnswer(question.id, checked.filename, checked, upload.content)
        if previous:
            return None  # the stored file stays
        value = ""
    else:
        value = _value(question, kind, raw, field)
    if not value:
        if question.required:
            raise Invalid("Answer this question.", field=field)
        return None
    return CheckedAnswer(question.id, value)


def _value(question: RegistrationQuestion, kind: QuestionKind, raw: Any, field: str) -> str:
    if kind is QuestionKind.MULTIPLE_CHOICE:
        picked = [raw] if isinstance(raw, str) and raw else (raw or [])
        if not isinstance(picked, list) or any(p not in (question.options or []) for p in picked):
            raise Invalid("Choose among the options given.", field=field)
        return "\n".join(dict.fromkeys(picked))
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise Invalid("Answer with text.", field=field)
    value = raw.strip()
    if not value:
        return ""
    if kind in TEXT_LIMITS and len(value) > TEXT_LIMITS[kind]:
        raise Invalid("Use at most {n} characters.", field=field, n=TEXT_LIMITS[kind])
    if kind is QuestionKind.SINGLE_CHOICE and value not in (question.options or []):
        raise Invalid("Choose among the options given.", field=field)
    if kind is QuestionKind.YES_NO and value not in YES_NO:
        raise Invalid("Answer yes or no.", field=field)
    if kind is QuestionKind.DATE:
        try:
            value = date.fromisoformat(value).isoformat()
        except ValueError:
            raise Invalid("Enter a date.", field=field) from None
    return value
