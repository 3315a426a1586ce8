"""Deciding a complaint and telling the complainant (rules §6.2.3): findings and the outcome
(not upheld, or upheld with remedies), the result sent, and the complainant's answer —
satisfied, or asking once, within the window, for it to be looked at again.

A refund remedy is a real refund: `payments.create_refund` approves it at once for what the
registration holds at most, the refund runner pays a card back through the provider and
finance staff pay offline money back, and the ledger's refund entry is written when the money
goes (`payments.record_refund_paid`). Notices and sanctions are recorded as asked for; the
supervision screens open them and `ComplaintRemedy.linked_id` is filled then."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from pydantic import BaseModel
from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.enums import (
    ComplaintClosure,
    ComplaintEntryKind,
    ComplaintOutcome,
    ComplaintRemedyKind,
    ComplaintStatus,
    EmailTemplate,
    PaymentStatus,
    RefundCause,
    RefundStatus,
)
from portal.domain.errors import Conflict, Invalid
from portal.domain.models import Complaint, ComplaintRemedy, Payment, Registration
from portal.domain.money import Money
from portal.domain.policies import Actor
from portal.i18n import N_
from portal.services import payments
from portal.services.complaint_limits import complaint_limits
from portal.services.complaint_notices import tell_assignee, tell_complainant
from portal.services.complaint_timeline import (
    add_entry,
    clean_text,
    move,
    own_complaint,
    record,
    require_open,
    staff_complaint,
)
from portal.services.complaint_views import ComplaintDetail, MyComplaintDetail
from portal.services.complaints_filing import parse_enum
from portal.services.complaints_parties import my_complaint
from portal.services.complaints_queries import complaint_detail
from portal.services.refund_requests import open_refund

NO_REGISTRATION = N_("A refund pays back a registration: record the registration this "
                     "complaint is about first.")
REFUND_OPEN = N_("A refund of this registration is already open; let it finish first.")
NOT_WAITING = N_("The result has not been sent, or the complaint is already closed.")


class RemedyInput(BaseModel):
    kind: ComplaintRemedyKind
    amount_minor: int | None = None  # a refund, in minor units
    note: str = ""


def _paid_payment(session: Session, registration_id: int) -> Payment | None:
    return session.exec(select(Payment).where(
        col(Payment.registration_id) == registration_id,
        col(Payment.status) == PaymentStatus.SUCCEEDED.value)
        .order_by(col(Payment.id).desc())).first()


def _refund(session: Session, actor: Actor, complaint: Complaint, remedy: RemedyInput,
            now: datetime) -> ComplaintRemedy:
    registration = session.get(Registration, complaint.registration_id) \
        if complaint.registration_id else None
    payment = _paid_payment(session, registration.id or 0) if registration else None
    if registration is None or payment is None:
        raise Invalid(NO_REGISTRATION, field="remedies")
    held = payments.balance(session, registration.id or 0).held_minor
    amount = remedy.amount_minor or 0
    if amount <= 0 or amount > held:
        raise Invalid("The refund must be more than nothing and at most what was paid.",
                      field="amount")
    if open_refund(session, registration.id or 0) is not None:
        raise Conflict(REFUND_OPEN)
    refund = payments.create_refund(
        session, registration, payment, cause=RefundCause.STAFF,
        cause_key=f"complaint:{complaint.id}:{now.timestamp():.0f}", amount_minor=amount,
        status=RefundStatus.APPROVED, now=now, actor_id=actor.user_id,
        reason=f"Complaint {complaint.reference}")
    if refund is None:
        raise Conflict(REFUND_OPEN)
    return ComplaintRemedy(complaint_id=complaint.id or 0, kind=remedy.kind.value,
                           amount_minor=amount, currency=refund.currency, refund_id=refund.id,
                           note=remedy.note, recorded_by_id=actor.user_id)


def handle_complaint(session: Session, actor: Actor, *, complaint_id: int, findings: str,
                     outcome: ComplaintOutcome | str,
                     remedies: Sequence[RemedyInput] = ()) -> ComplaintDetail:
    """Record the findings and the outcome: accepted or investigating → handled."""
    complaint = staff_complaint(session, actor, complaint_id)
    text = clean_text(findings, field="findings")
    decided = parse_enum(ComplaintOutcome, outcome, field="outcome")
    if remedies and decided is not ComplaintOutcome.UPHELD:
        raise Invalid("Remedies come with an upheld complaint.", field="remedies")
    kinds = [r.kind for r in remedies]
    if kinds.count(ComplaintRemedyKind.REFUND) > 1:
        raise Invalid("Record one refund.", field="remedies")
    for remedy in remedies:
        clean_text(remedy.note, field="remedies", limit=2000,
                   required=remedy.kind is ComplaintRemedyKind.OTHER)
    now = utcnow()
    before = move(session, complaint, ComplaintStatus.HANDLED, actor_id=actor.user_id,
                  now=now, to_complainant=False)
    complaint.findings, complaint.outcome = text, decided.value
    session.add(complaint)
    for remedy in remedies:
        row = _refund(session, actor, complaint, remedy, now) \
            if remedy.kind is ComplaintRemedyKind.REFUND else ComplaintRemedy(
                complaint_id=complaint.id or 0, kind=remedy.kind.value,
                note=remedy.note.strip(), recorded_by_id=actor.user_id)
        session.add(row)
    session.flush()
    record(session, complaint, actor_id=actor.user_id, action="complaint.handled",
           before={"status": before.value},
           after={"status": complaint.status, "outcome": decided.value,
                  "remedies": ",".join(k.value for k in kinds)}, note=text[:1000])
    return complaint_detail(session, actor, complaint_id=complaint.id or 0)


def send_feedback(session: Session, actor: Actor, *, complaint_id: int, body: str
                  ) -> ComplaintDetail:
    """Tell the complainant the result: handled → feedback sent. They may then say they are
    satisfied or ask once to reopen."""
    complaint = staff_complaint(session, actor, complaint_id)
    text = clean_text(body, field="body")
    now = utcnow()
    before = move(session, complaint, ComplaintStatus.FEEDBACK_SENT, actor_id=actor.user_id,
                  now=now, to_complainant=False)
    add_entry(session, complaint, ComplaintEntryKind.FEEDBACK, author_id=actor.user_id,
              body=text, to_complainant=True, now=now)
    refunded = session.exec(select(ComplaintRemedy).where(
        col(ComplaintRemedy.complaint_id) == complaint.id,
        col(ComplaintRemedy.kind) == ComplaintRemedyKind.REFUND.value)
        .order_by(col(ComplaintRemedy.id).desc())).first()
    refund = Money(refunded.currency, refunded.amount_minor).format(complaint.locale) \
        if refunded and refunded.amount_minor else ""
    emailed = tell_complainant(
        session, complaint, EmailTemplate.COMPLAINT_FEEDBACK.value, body=text,
        upheld=complaint.outcome == ComplaintOutcome.UPHELD.value, refund=refund,
        reopen_days=complaint_limits(session).reopen_days)
    record(session, complaint, actor_id=actor.user_id, action="complaint.feedback_sent",
           before={"status": before.value},
           after={"status": complaint.status, "emailed": emailed})
    return complaint_detail(session, actor, complaint_id=complaint.id or 0)


def _close(session: Session, complaint: Complaint, closure: ComplaintClosure, *,
           actor_id: int | None, now: datetime) -> None:
    before = move(session, complaint, ComplaintStatus.CLOSED, actor_id=actor_id, now=now)
    complaint.closure = closure.value
    session.add(complaint)
    session.flush()
    record(session, complaint, actor_id=actor_id, action="complaint.closed",
           before={"status": before.value},
           after={"status": complaint.status, "closure": closure.value})


def confirm_satisfied(session: Session, actor: Actor, *, complaint_id: int
                      ) -> MyComplaintDetail:
    """The complainant is satisfied with the result: closed."""
    complaint = own_complaint(session, actor, complaint_id)
    if complaint.status != ComplaintStatus.FEEDBACK_SENT.value:
        raise Conflict(NOT_WAITING)
    _close(session, complaint, ComplaintClosure.SATISFIED, actor_id=actor.user_id,
           now=utcnow())
    return my_complaint(session, actor, complaint_id=complaint.id or 0)


def ask_to_reopen(session: Session, actor: Actor, *, complaint_id: int, reason: str
                  ) -> MyComplaintDetail:
    """Once, within the window after the result: the complaint is investigated again."""
    complaint = own_complaint(session, actor, complaint_id)
    if complaint.status != ComplaintStatus.FEEDBACK_SENT.value or complaint.feedback_at is None:
        raise Conflict(NOT_WAITING)
    if complaint.reopened_at is not None:
        raise Conflict("A complaint can be reopened once; it was reopened before.")
    now = utcnow()
    days = complaint_limits(session).reopen_days
    if now > complaint.feedback_at + timedelta(days=days):
        raise Conflict("A complaint can be reopened within {n} days of its result.", n=days)
    text = clean_text(reason, field="reason", limit=2000)
    add_entry(session, complaint, ComplaintEntryKind.COMPLAINANT_REPLY,
              author_id=actor.user_id, body=text, to_complainant=True, now=now)
    before = move(session, complaint, ComplaintStatus.INVESTIGATING, actor_id=actor.user_id,
                  now=now)
    complaint.reopened_at = now
    session.add(complaint)
    session.flush()
    record(session, complaint, actor_id=actor.user_id, action="complaint.reopened",
           before={"status": before.value}, after={"status": complaint.status}, note=text)
    tell_assignee(session, complaint, EmailTemplate.COMPLAINT_REOPENED.value, reason=text)
    return my_complaint(session, actor, complaint_id=complaint.id or 0)


def reply_to_complaint(session: Session, actor: Actor, *, complaint_id: int, body: str
                       ) -> MyComplaintDetail:
    """The complainant adds something while the complaint is open; the assignee is told."""
    complaint = own_complaint(session, actor, complaint_id)
    require_open(complaint)
    text = clean_text(body, field="body")
    add_entry(session, complaint, ComplaintEntryKind.COMPLAINANT_REPLY,
              author_id=actor.user_id, body=text, to_complainant=True, now=utcnow())
    record(session, complaint, actor_id=actor.user_id, action="complaint.reply_added")
    tell_assignee(session, complaint, EmailTemplate.COMPLAINT_REPLY.value, body=text)
    return my_complaint(session, actor, complaint_id=complaint.id or 0)


def _unanswered(session: Session, now: datetime):  # noqa: ANN202
    cutoff = now - timedelta(days=complaint_limits(session).reopen_days)
    return select(Complaint).where(col(Complaint.status) == ComplaintStatus.FEEDBACK_SENT.value,
                                   col(Complaint.feedback_at) < cutoff)


def any_unanswered(session: Session, *, now: datetime) -> bool:
    return session.exec(_unanswered(session, now).limit(1)).first() is not None


def close_unanswered(session: Session, *, now: datetime | None = None) -> int:
    """Results nobody answered within the reopen window: closed (no answer). A sweep."""
    moment = now or utcnow()
    due = list(session.exec(_unanswered(session, moment)))
    closed = 0
    for complaint in due:
        try:
            _close(session, complaint, ComplaintClosure.NO_ANSWER, actor_id=None, now=moment)
        except Conflict:  # answered meanwhile
            continue
        closed += 1
    return closed
