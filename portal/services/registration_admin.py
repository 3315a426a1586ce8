"""The organizer's view of who registered (rules §2.4): the list with search, filters and paging,
one person's registration with their answers, the live counts, and the export.

Members of the event's organizer and staff of the reviews area see it
(`registration_review.runs_event`); anyone else is told the event does not exist.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from pydantic import BaseModel
from sqlalchemy import exists, func, or_
from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.enums import FeeKind, QuestionKind, RegistrationChannel, RegistrationStatus
from portal.domain.errors import Invalid, NotFound
from portal.domain.labels import FEE_KIND, REGISTRATION_CHANNEL, REGISTRATION_STATUS
from portal.domain.models import (
    AuditEntry,
    AuditEntryPublic,
    Event,
    Registration,
    RegistrationAnswer,
    RegistrationItem,
    RegistrationQuestion,
    User,
)
from portal.domain.money import Money
from portal.domain.policies import Actor
from portal.domain.tickets import normalise_code
from portal.i18n import N_, gettext
from portal.services.audit_names import with_names
from portal.services.files import FileStore
from portal.services.paging import Page, PageRequest, like_pattern, paginate
from portal.services.registration_review import managed_registration, runs_event
from portal.services.seats import seats_left
from portal.services.spreadsheets import Cell, to_csv, to_xlsx

__all__ = ["event_registrations", "registration_detail", "registration_counts", "export_rows",
           "open_answer_file", "fee_item_labels", "to_csv", "to_xlsx"]
HISTORY_LIMIT = 50


def managed_event(session: Session, actor: Actor, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None or not runs_event(actor, event):
        raise NotFound("No such event.")
    return event


def _overdue(registration: Registration, now: datetime) -> bool:
    """Only a registration still waiting for its decision can be late."""
    return (registration.status == RegistrationStatus.PENDING_REVIEW.value
            and registration.review_due_at is not None and registration.review_due_at < now)


# ---- the list ----

class RegistrationRow(BaseModel):
    id: int
    name: str
    email: str
    phone: str
    status: RegistrationStatus
    channel: RegistrationChannel
    total_minor: int
    currency: str
    created_at: datetime
    review_due_at: datetime | None
    overdue: bool
    checked_in_at: datetime | None
    fee_items: list[str]


def _status_filter(value: str):  # noqa: ANN202
    try:
        return col(Registration.status) == RegistrationStatus(value).value
    except ValueError:
        raise Invalid("Unknown status.") from None


def _channel_filter(value: str):  # noqa: ANN202
    try:
        return col(Registration.channel) == RegistrationChannel(value).value
    except ValueError:
        raise Invalid("Unknown channel.") from None


def _checked_in_filter(value: str):  # noqa: ANN202
    if value not in ("yes", "no"):
        raise Invalid("Filter check-in by yes or no.")
    arrived = col(Registration.checked_in_at)
    return arrived.is_not(None) if value == "yes" else arrived.is_(None)


def _fee_item_filter(value: str):  # noqa: ANN202
    return exists().where(col(RegistrationItem.registration_id) == Registration.id,
                          col(RegistrationItem.label) == value.strip())


def _search(text: str):  # noqa: ANN202
    """Name, email, phone, or the ticket code however it was typed (case, dashes)."""
    pattern = like_pattern(text)
    columns = (col(User.name), col(User.email), col(User.phone), col(Registration.ticket_code))
    found = [func.lower(c).like(pattern, escape="\\") for c in columns]
    code = normalise_code(text)
    if len(code) >= 4:
        found.append(col(Registration.ticket_code).like(f"%{code}%"))
    return or_(*found)


def _labels_by_registration(session: Session, ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {i: [] for i in ids}
    if ids:
        for registration_id, label in session.exec(
                select(RegistrationItem.registration_id, RegistrationItem.label)
                .where(col(RegistrationItem.registration_id).in_(ids))
                .order_by(col(RegistrationItem.id))):
            found[registration_id].append(label)
    return found


def event_registrations(session: Session, actor: Actor, *, event_id: int,
                        request: PageRequest) -> Page[RegistrationRow]:
    """Filters: status, channel, fee_item (a label bought), checked_in (yes/no), overdue."""
    event = managed_event(session, actor, event_id)
    now = utcnow()
    query = (select(Registration, User).join(User, col(User.id) == Registration.user_id)
             .where(col(Registration.event_id) == event.id))
    if request.search:
        query = query.where(_search(request.search))
    rows, total = paginate(
        session, query, request.model_copy(update={"search": ""}),
        sortable={"created_at": col(Registration.created_at), "name": col(User.name),
                  "status": col(Registration.status),
                  "review_due_at": col(Registration.review_due_at)},
        default_sort="created_at", tiebreaker=col(Registration.id),
        filters={"status": _status_filter, "channel": _channel_filter,
                 "fee_item": _fee_item_filter, "checked_in": _checked_in_filter,
                 "overdue": lambda _v: (col(Registration.status)
                                        == RegistrationStatus.PENDING_REVIEW.value)
                 & (col(Registration.review_due_at) < now)})
    labels = _labels_by_registration(session, [r.id or 0 for r, _ in rows])
    return Page[RegistrationRow](items=[RegistrationRow(
        id=r.id or 0, name=u.name, email=u.email, phone=u.phone or "",
        status=RegistrationStatus(r.status), channel=RegistrationChannel(r.channel),
        total_minor=r.total_minor, currency=r.currency, created_at=r.created_at,
        review_due_at=r.review_due_at, overdue=_overdue(r, now), checked_in_at=r.checked_in_at,
        fee_items=labels[r.id or 0]) for r, u in rows],
        total=total, page=request.page, page_size=request.page_size)


def fee_item_labels(session: Session, actor: Actor, *, event_id: int) -> list[str]:
    """The fee items people bought for this event (the list's filter offers these)."""
    event = managed_event(session, actor, event_id)
    return list(session.exec(
        select(RegistrationItem.label)
        .join(Registration, col(Registration.id) == RegistrationItem.registration_id)
        .where(col(Registration.event_id) == event.id).group_by(col(RegistrationItem.label))
        .order_by(func.min(RegistrationItem.id))))


# ---- the counts at the top of the page ----

class RegistrationCounts(BaseModel):
    event_id: int
    event_name: str
    event_status: str
    time_zone: str
    requires_approval: bool
    confirmed: int
    pending_review: int
    pending_payment: int
    waitlisted: int
    offered: int
    checked_in: int
    seats_left: int
    capacity: int
    activity: int  # changes with every registration change: pages reload when it moves


def counts_by_status(session: Session, event_ids: list[int]
                     ) -> dict[int, dict[str, tuple[int, int]]]:
    """Per event and status: how many registrations, and how many of them checked in (one
    grouped query for any number of events)."""
    counts: dict[int, dict[str, tuple[int, int]]] = {}
    if event_ids:
        for event_id, status, count, arrived in session.exec(
                select(Registration.event_id, Registration.status, func.count(),
                       func.count(col(Registration.checked_in_at)))
                .where(col(Registration.event_id).in_(event_ids))
                .group_by(col(Registration.event_id), col(Registration.status))):
            counts.setdefault(event_id, {})[status] = (int(count), int(arrived))
    return counts


def registration_counts(session: Session, actor: Actor, *, event_id: int) -> RegistrationCounts:
    event = managed_event(session, actor, event_id)
    confirmed = RegistrationStatus.CONFIRMED.value
    by_status = counts_by_status(session, [event.id or 0]).get(event.id or 0, {})

    def count(status: RegistrationStatus) -> int:
        return by_status.get(status.value, (0, 0))[0]

    return RegistrationCounts(
        event_id=event.id or 0, event_name=event.name, event_status=event.status,
        time_zone=event.time_zone, requires_approval=event.requires_approval,
        confirmed=count(RegistrationStatus.CONFIRMED),
        pending_review=count(RegistrationStatus.PENDING_REVIEW),
        pending_payment=count(RegistrationStatus.PENDING_PAYMENT),
        waitlisted=count(RegistrationStatus.WAITLISTED),
        offered=count(RegistrationStatus.OFFERED),
        checked_in=by_status.get(confirmed, (0, 0))[1], seats_left=seats_left(event),
        capacity=event.capacity, activity=event.activity)


# ---- one registration ----

class AnswerView(BaseModel):
    id: int
    question: str
    kind: QuestionKind
    value: str
    retired: bool  # the question was removed later; the answer stays on record
    file_name: str = ""
    file_type: str = ""


class RegistrationDetail(RegistrationRow):
    event_id: int
    event_name: str
    time_zone: str
    ticket_code: str  # once confirmed
    items: list[tuple[str, int]]
    answers: list[AnswerView]
    qualification: str
    eligibility_override: str
    entered_by: str
    decision_note: str
    decided_by: str
    confirmed_at: datetime | None
    checked_in_by: str
    end_reason: str
    history: list[AuditEntryPublic]


def _names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i]
    if not wanted:
        return {}
    rows = session.exec(select(User.id, User.name).where(col(User.id).in_(wanted)))
    return {user_id or 0: name for user_id, name in rows}


def _history(session: Session, registration_id: int) -> list[AuditEntryPublic]:
    """The registration's audit entries, newest first, with names rather than addresses."""
    rows = session.exec(
        select(AuditEntry, User.name).outerjoin(User, col(User.id) == AuditEntry.actor_id)
        .where(col(AuditEntry.object_type) == "registration",
               col(AuditEntry.object_id) == registration_id)
        .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc()).limit(HISTORY_LIMIT))
    return with_names(session, [
        AuditEntryPublic.model_validate({**entry.model_dump(exclude={"ip"}),
                                         "actor": name or "system"}) for entry, name in rows])


def _answers(session: Session, registration_id: int) -> list[AnswerView]:
    rows = session.exec(
        select(RegistrationAnswer, RegistrationQuestion)
        .join(RegistrationQuestion, col(RegistrationQuestion.id) == RegistrationAnswer.question_id)
        .where(col(RegistrationAnswer.registration_id) == registration_id)
        .order_by(col(RegistrationQuestion.position), col(RegistrationQuestion.id)))
    return [AnswerView(id=a.id or 0, question=q.label, kind=QuestionKind(q.kind), value=a.value,
                       retired=q.retired_at is not None,
                       file_name=a.value if a.file_key else "",
                       file_type=a.file_type if a.file_key else "") for a, q in rows]


def registration_detail(session: Session, actor: Actor, *, registration_id: int,
                        event_id: int | None = None) -> RegistrationDetail:
    """One registration; with `event_id`, only when it belongs to that event."""
    registration, event = managed_registration(session, actor, registration_id)
    if event_id is not None and registration.event_id != event_id:
        raise NotFound("No such registration.")
    person = session.get(User, registration.user_id)
    assert person is not None
    items = session.exec(select(RegistrationItem).where(
        col(RegistrationItem.registration_id) == registration.id)
        .order_by(col(RegistrationItem.id))).all()
    names = _names(session, {registration.entered_by_id, registration.decided_by_id,
                             registration.checked_in_by_id})
    status = RegistrationStatus(registration.status)
    return RegistrationDetail(
        id=registration.id or 0, name=person.name, email=person.email, phone=person.phone or "",
        status=status, channel=RegistrationChannel(registration.channel),
        total_minor=registration.total_minor, currency=registration.currency,
        created_at=registration.created_at, review_due_at=registration.review_due_at,
        overdue=_overdue(registration, utcnow()), checked_in_at=registration.checked_in_at,
        fee_items=[i.label for i in items], event_id=event.id or 0, event_name=event.name,
        time_zone=event.time_zone,
        ticket_code=registration.ticket_code if status is RegistrationStatus.CONFIRMED else "",
        items=[(i.label, i.amount_minor) for i in items],
        answers=_answers(session, registration.id or 0),
        qualification=registration.qualification,
        eligibility_override=registration.eligibility_override,
        entered_by=names.get(registration.entered_by_id or 0, ""),
        decision_note=registration.decision_note,
        decided_by=names.get(registration.decided_by_id or 0, ""),
        confirmed_at=registration.confirmed_at,
        checked_in_by=names.get(registration.checked_in_by_id or 0, ""),
        end_reason=registration.end_reason, history=_history(session, registration.id or 0))


def open_answer_file(session: Session, actor: Actor, *, answer_id: int,
                     store: FileStore) -> tuple[str, str, bytes]:
    """(content type, file name, bytes) of a file a registrant attached: for the registrant
    and for the people who run the event."""
    answer = session.get(RegistrationAnswer, answer_id)
    registration = session.get(Registration, answer.registration_id) if answer else None
    event = session.get(Event, registration.event_id) if registration else None
    if answer is None or registration is None or event is None or not answer.file_key:
        raise NotFound("No such file.")
    own = actor.is_authenticated and registration.user_id == actor.user_id
    if not (own or runs_event(actor, event)):
        raise NotFound("No such file.")
    return answer.file_type, answer.value, store.read(answer.file_key)


# ---- the export ----

def answer_text(kind: QuestionKind | str, value: str, locale: str) -> str:
    """An answer as a person reads it: choices on one line, yes/no in their language."""
    if kind == QuestionKind.MULTIPLE_CHOICE:
        return "; ".join(part for part in value.split("\n") if part)
    if kind == QuestionKind.YES_NO and value in ("yes", "no"):
        return gettext(N_("Yes") if value == "yes" else N_("No"), locale)
    return value


def fee_label(label: str, locale: str) -> str:
    """A bought item's name: a standard item (kept under its kind) in the reader's language,
    a custom one as its organizer named it."""
    if label in set(FeeKind) - {FeeKind.CUSTOM}:
        return gettext(FEE_KIND[FeeKind(label)], locale)
    return label


EXPORT_COLUMNS = (N_("Name"), N_("Email"), N_("Phone"), N_("Status"), N_("Channel"),
                  N_("Fee items"), N_("Total"), N_("Currency"), N_("Registered"),
                  N_("Review due"), N_("Checked in"), N_("Ticket code"), N_("Qualification"),
                  N_("Eligibility override"), N_("Decision note"))


def export_rows(session: Session, actor: Actor, *, event_id: int, locale: str = "en"
                ) -> tuple[list[str], list[list[Cell]]]:
    """Every registration of the event, oldest first: the fixed columns, then one column per
    question the event ever asked (removed ones too), in the form's order. Times are the
    event's local time."""
    event = managed_event(session, actor, event_id)
    zone = ZoneInfo(event.time_zone)
    questions = session.exec(select(RegistrationQuestion).where(
        col(RegistrationQuestion.event_id) == event.id)
        .order_by(col(RegistrationQuestion.position), col(RegistrationQuestion.id))).all()
    registrations = session.exec(
        select(Registration, User).join(User, col(User.id) == Registration.user_id)
        .where(col(Registration.event_id) == event.id)
        .order_by(col(Registration.created_at), col(Registration.id))).all()
    ids = [r.id or 0 for r, _ in registrations]
    labels = _labels_by_registration(session, ids)
    answers: dict[tuple[int, int], str] = {}
    for chunk in range(0, len(ids), 500):  # bound the IN list on large events
        for a in session.exec(select(RegistrationAnswer).where(
                col(RegistrationAnswer.registration_id).in_(ids[chunk:chunk + 500]))):
            answers[(a.registration_id, a.question_id)] = a.value
    kinds = {q.id: q.kind for q in questions}

    def local(value: datetime | None) -> datetime | None:  # Excel cells take no time zone
        return value.astimezone(zone).replace(tzinfo=None) if value else None

    def text(message: str) -> str:
        return gettext(message, locale)

    headers = [text(c) for c in EXPORT_COLUMNS] + [q.label for q in questions]
    rows: list[list[Cell]] = []
    for r, u in registrations:
        rows.append([
            u.name, u.email, u.phone or "",
            text(REGISTRATION_STATUS[RegistrationStatus(r.status)]),
            text(REGISTRATION_CHANNEL[RegistrationChannel(r.channel)]),
            "; ".join(fee_label(label, locale) for label in labels[r.id or 0]),
            Money(r.currency, r.total_minor).to_decimal(),
            r.currency, local(r.created_at), local(r.review_due_at), local(r.checked_in_at),
            r.ticket_code if r.status == RegistrationStatus.CONFIRMED.value else "",
            r.qualification, r.eligibility_override, r.decision_note,
            *[answer_text(kinds[q.id], answers.get((r.id or 0, q.id or 0), ""), locale)
              for q in questions]])
    return headers, rows
