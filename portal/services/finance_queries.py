"""What finance staff read (rules §5.2.2): offline payments waiting for money, every payment,
every refund, and one registration's payment history (which its holder reads too).

Lists are filtered, sorted and paginated in SQL (`paging.paginate`); each row says only what
the screen shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import select
from sqlmodel import Session, col

from portal.domain.clock import utcnow
from portal.domain.enums import (
    OFFLINE_METHODS,
    LedgerKind,
    PaymentMethod,
    PaymentStatus,
    RefundCause,
    RefundStatus,
    RegistrationStatus,
    Role,
)
from portal.domain.errors import Invalid, NotFound
from portal.domain.models import Event, LedgerEntry, Payment, Refund, Registration, User
from portal.domain.policies import Actor, can_act_in_area
from portal.services.finance_payments import hold_lapsed, pays_back_by_hand, require_finance
from portal.services.paging import Page, PageRequest, day_bound, paginate
from portal.services.payments import balance
from portal.settings import get_settings

OFFLINE = [m.value for m in OFFLINE_METHODS]


class PaymentRow(BaseModel):
    id: int
    reference: str
    method: PaymentMethod
    status: PaymentStatus
    amount_minor: int
    currency: str
    person_name: str
    person_email: str
    event_name: str
    registration_id: int
    registration_status: RegistrationStatus
    chosen_at: datetime
    due_at: datetime | None
    settled_at: datetime | None
    received_on: str  # YYYY-MM-DD, "" until confirmed
    lapsed: bool  # an open offline payment whose seat is no longer held


class RefundRow(BaseModel):
    id: int
    reference: str  # the payment's
    method: PaymentMethod
    offline: bool
    status: RefundStatus
    cause: RefundCause
    amount_minor: int
    currency: str
    person_name: str
    person_email: str
    event_name: str
    registration_id: int
    created_at: datetime
    completed_at: datetime | None
    last_error: str

    @property
    def to_pay_back(self) -> bool:
        return pays_back_by_hand(self.offline, self.status)


def _enum_filter(column, kind: type, message: str):  # noqa: ANN001, ANN202
    def build(value: str):  # noqa: ANN202
        try:
            return column == kind(value).value
        except ValueError:
            raise Invalid(message) from None
    return build


def _payments_statement():  # noqa: ANN202
    return (select(Payment, Registration, User, Event)
            .join(Registration, col(Registration.id) == col(Payment.registration_id))
            .join(User, col(User.id) == col(Registration.user_id))
            .join(Event, col(Event.id) == col(Registration.event_id)))


PAYMENT_SORTS = {"reference": Payment.reference, "chosen_at": Payment.created_at,
                 "due_at": Payment.due_at, "amount": Payment.amount_minor,
                 "name": User.name, "event": Event.name, "status": Payment.status}
PAYMENT_SEARCH = (Payment.reference, User.name, User.email, Event.name)


def _payment_rows(rows: list, now: datetime) -> list[PaymentRow]:
    return [PaymentRow(
        id=p.id, reference=p.reference, method=PaymentMethod(p.method),
        status=PaymentStatus(p.status), amount_minor=p.amount_minor, currency=p.currency,
        person_name=u.name, person_email=u.email, event_name=e.name, registration_id=r.id,
        registration_status=RegistrationStatus(r.status), chosen_at=p.created_at,
        due_at=p.due_at, settled_at=p.settled_at,
        received_on=p.received_on.isoformat() if p.received_on else "",
        lapsed=p.status == PaymentStatus.PENDING.value and hold_lapsed(p, r, now))
        for p, r, u, e in rows]


def offline_to_confirm(session: Session, actor: Actor, *, request: PageRequest
                       ) -> Page[PaymentRow]:
    """Bank transfers and cash payments still waiting for the money, oldest due first."""
    require_finance(actor)
    statement = _payments_statement().where(col(Payment.method).in_(OFFLINE),
                                            col(Payment.status) == PaymentStatus.PENDING.value)
    rows, total = paginate(
        session, statement, request, sortable=PAYMENT_SORTS, default_sort="due_at",
        searchable=PAYMENT_SEARCH, tiebreaker=Payment.id,
        filters={"method": _offline_method_filter})
    return Page[PaymentRow](items=_payment_rows(rows, utcnow()), total=total,
                            page=request.page, page_size=request.page_size)


def _offline_method_filter(value: str):  # noqa: ANN202
    try:
        method = PaymentMethod(value)
    except ValueError:
        method = None
    if method not in OFFLINE_METHODS:
        raise Invalid("Unknown way to pay.")
    return col(Payment.method) == value


def search_payments(session: Session, actor: Actor, *, request: PageRequest,
                    time_zone: str = "") -> Page[PaymentRow]:
    """Every payment, by reference, person or event; by method, status and the days it was
    chosen (`from`/`to`, whole days in `time_zone`)."""
    require_finance(actor)
    zone = time_zone or get_settings().time_zone
    rows, total = paginate(
        session, _payments_statement(), request, sortable=PAYMENT_SORTS,
        default_sort="chosen_at", searchable=PAYMENT_SEARCH, tiebreaker=Payment.id,
        filters={"method": _enum_filter(Payment.method, PaymentMethod, "Unknown way to pay."),
                 "status": _enum_filter(Payment.status, PaymentStatus,
                                        "Unknown payment status."),
                 "from": lambda v: col(Payment.created_at) >= day_bound(v, zone, end=False),
                 "to": lambda v: col(Payment.created_at) < day_bound(v, zone, end=True)})
    return Page[PaymentRow](items=_payment_rows(rows, utcnow()), total=total,
                            page=request.page, page_size=request.page_size)


def _refund_kind_filter(value: str):  # noqa: ANN202
    """"pay_back": refunds finance staff pay back themselves (offline ones, and card refunds
    the provider refused); "offline"/"card": by who was paid."""
    if value == "pay_back":
        return ((col(Payment.provider) == "offline")
                & (col(Refund.status) == RefundStatus.APPROVED.value)) \
            | (col(Refund.status) == RefundStatus.FAILED.value)
    if value == "offline":
        return col(Payment.provider) == "offline"
    if value == "card":
        return col(Payment.provider) != "offline"
    raise Invalid("Unknown kind of refund.")


def search_refunds(session: Session, actor: Actor, *, request: PageRequest,
                   time_zone: str = "") -> Page[RefundRow]:
    """Every refund: offline ones to pay back, card ones with the provider, failed ones."""
    require_finance(actor)
    zone = time_zone or get_settings().time_zone
    statement = (select(Refund, Payment, Registration, User, Event)
                 .join(Payment, col(Payment.id) == col(Refund.payment_id))
                 .join(Registration, col(Registration.id) == col(Refund.registration_id))
                 .join(User, col(User.id) == col(Registration.user_id))
                 .join(Event, col(Event.id) == col(Registration.event_id)))
    rows, total = paginate(
        session, statement, request,
        sortable={"created_at": Refund.created_at, "amount": Refund.amount_minor,
                  "status": Refund.status, "name": User.name, "event": Event.name},
        default_sort="created_at", searchable=PAYMENT_SEARCH, tiebreaker=Refund.id,
        filters={"status": _enum_filter(Refund.status, RefundStatus, "Unknown refund status."),
                 "cause": _enum_filter(Refund.cause, RefundCause, "Unknown refund cause."),
                 "kind": _refund_kind_filter,
                 "from": lambda v: col(Refund.created_at) >= day_bound(v, zone, end=False),
                 "to": lambda v: col(Refund.created_at) < day_bound(v, zone, end=True)})
    items = [RefundRow(
        id=f.id, reference=p.reference, method=PaymentMethod(p.method),
        offline=p.provider == "offline", status=RefundStatus(f.status),
        cause=RefundCause(f.cause), amount_minor=f.amount_minor, currency=f.currency,
        person_name=u.name, person_email=u.email, event_name=e.name, registration_id=r.id,
        created_at=f.created_at, completed_at=f.completed_at, last_error=f.last_error)
        for f, p, r, u, e in rows]
    return Page[RefundRow](items=items, total=total, page=request.page,
                           page_size=request.page_size)


# ---- one registration's payment history ----

@dataclass(frozen=True)
class HistoryItem:
    at: datetime
    kind: str  # "payment" (a way to pay chosen), "ledger" (money moved), "refund" (owed back)
    label: str  # msgid of what it is (a method, a ledger kind, a refund cause)
    status: str  # the payment's or refund's status value; "" for ledger entries
    amount_minor: int
    currency: str
    reference: str
    note: str  # staff notes: shown to finance staff only


@dataclass(frozen=True)
class PaymentHistory:
    registration_id: int
    event_name: str
    person_name: str
    currency: str
    paid_minor: int
    refunded_minor: int
    items: tuple[HistoryItem, ...]

    @property
    def held_minor(self) -> int:
        return self.paid_minor - self.refunded_minor


def payment_history(session: Session, actor: Actor, registration_id: int) -> PaymentHistory:
    """Payments, ledger entries and refunds of one registration, in time order: for its
    holder and for finance staff (anyone else: "not found")."""
    registration = session.get(Registration, registration_id) if registration_id > 0 else None
    if registration is None or not actor.is_authenticated:
        raise NotFound("No such registration.")
    finance = can_act_in_area(actor, Role.STAFF_FINANCE)
    if registration.user_id != actor.user_id and not finance:
        raise NotFound("No such registration.")
    event = session.get(Event, registration.event_id)
    person = session.get(User, registration.user_id)
    items = _history_items(session, registration.id or 0, notes=finance)
    money = balance(session, registration.id or 0)
    return PaymentHistory(registration_id=registration.id or 0,
                          event_name=event.name if event else "",
                          person_name=person.name if person else "",
                          currency=registration.currency, paid_minor=money.paid_minor,
                          refunded_minor=money.refunded_minor, items=items)


def _history_items(session: Session, registration_id: int, *, notes: bool
                   ) -> tuple[HistoryItem, ...]:
    from portal.domain import labels

    references: dict[int, str] = {}
    items: list[tuple[datetime, int, HistoryItem]] = []
    for payment in session.scalars(select(Payment).where(
            col(Payment.registration_id) == registration_id)):
        references[payment.id or 0] = payment.reference
        items.append((payment.created_at, 0, HistoryItem(
            payment.created_at, "payment", labels.PAYMENT_METHOD[PaymentMethod(payment.method)],
            payment.status, payment.amount_minor, payment.currency, payment.reference,
            payment.note if notes else "")))
    for refund in session.scalars(select(Refund).where(
            col(Refund.registration_id) == registration_id)):
        items.append((refund.created_at, 1, HistoryItem(
            refund.created_at, "refund", labels.REFUND_CAUSE[RefundCause(refund.cause)],
            refund.status, refund.amount_minor, refund.currency,
            references.get(refund.payment_id, ""), refund.decision_note if notes else "")))
    for entry in session.scalars(select(LedgerEntry).where(
            col(LedgerEntry.registration_id) == registration_id)):
        items.append((entry.created_at, 2, HistoryItem(
            entry.created_at, "ledger", labels.LEDGER_KIND[LedgerKind(entry.kind)], "",
            entry.amount_minor, entry.currency, references.get(entry.payment_id or 0, ""),
            entry.note if notes else "")))
    items.sort(key=lambda item: (item[0], item[1]))
    return tuple(item for _at, _order, item in items)
