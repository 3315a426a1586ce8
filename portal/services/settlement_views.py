"""What people read about settlement statements: finance staff every statement (due, overdue,
approved, paid), an organizer's members only their own organizer's; a statement's lines and the
registrations behind them. Anyone else asking for a statement is told it does not exist."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from pydantic import BaseModel
from sqlalchemy import select
from sqlmodel import Session, col

from portal.domain.enums import Role
from portal.domain.errors import Invalid, NotFound
from portal.domain.models import (
    Event,
    Organizer,
    Registration,
    SettlementItem,
    SettlementStatement,
    User,
)
from portal.domain.policies import Actor, can_act_in_area, is_member_of, member_organizers
from portal.domain.settlement import StatementLine, StatementStatus
from portal.services.finance_payments import day_of, require_finance, today
from portal.services.paging import Page, PageRequest, paginate
from portal.services.settlement_build import platform_fees

S = StatementStatus
L = StatementLine


class StatementRow(BaseModel):
    id: int
    event_id: int
    event_name: str
    organizer_name: str
    sequence: int
    status: StatementStatus
    due_on: date
    overdue: bool
    currency: str
    gross_minor: int
    net_minor: int
    paid_on: date | None


class RegistrationLine(BaseModel):
    registration_id: int
    person: str
    ticket_code: str
    method: str
    paid_minor: int
    refunded_minor: int
    processing_fee_minor: int
    platform_fee_minor: int
    adjustments_minor: int

    @property
    def net_minor(self) -> int:
        return (self.paid_minor - self.refunded_minor - self.processing_fee_minor
                - self.platform_fee_minor + self.adjustments_minor)


class StatementDetail(BaseModel):
    row: StatementRow
    refunds_minor: int
    processing_fee_minor: int
    platform_fee_minor: int
    adjustments_minor: int
    gross_by_method: dict[str, int]
    registrations: list[RegistrationLine]
    bank_reference: str
    approved_at_day: date | None


def _overdue(statement: SettlementStatement, day: date) -> bool:
    return statement.status != S.PAID.value and statement.due_on < day


def _row(statement: SettlementStatement, event_name: str, organizer_name: str,
         day: date) -> StatementRow:
    return StatementRow(
        id=statement.id or 0, event_id=statement.event_id, event_name=event_name,
        organizer_name=organizer_name, sequence=statement.sequence,
        status=S(statement.status), due_on=statement.due_on,
        overdue=_overdue(statement, day), currency=statement.currency,
        gross_minor=statement.gross_minor, net_minor=statement.net_minor,
        paid_on=statement.paid_on)


def _state_filter(value: str):  # noqa: ANN202
    day = today()
    if value == "overdue":
        return (col(SettlementStatement.status) != S.PAID.value) & (
            col(SettlementStatement.due_on) < day)
    try:
        return col(SettlementStatement.status) == S(value).value
    except ValueError:
        raise Invalid("Unknown statement status.") from None


def _listing():  # noqa: ANN202
    return (select(SettlementStatement, col(Event.name), col(Organizer.legal_name))
            .join(Event, col(Event.id) == SettlementStatement.event_id)
            .join(Organizer, col(Organizer.id) == SettlementStatement.organizer_id))


SORTS = {"due_on": SettlementStatement.due_on, "net": SettlementStatement.net_minor,
         "event": Event.name, "organizer": Organizer.legal_name,
         "status": SettlementStatement.status}


def _page(session: Session, statement, request: PageRequest) -> Page[StatementRow]:  # noqa: ANN001
    rows, total = paginate(session, statement, request, sortable=SORTS, default_sort="due_on",
                           searchable=(Event.name, Organizer.legal_name),
                           tiebreaker=SettlementStatement.id,
                           filters={"state": _state_filter})
    day = today()
    return Page[StatementRow](items=[_row(s, e, o, day) for s, e, o in rows], total=total,
                              page=request.page, page_size=request.page_size)


def search_statements(session: Session, actor: Actor, *, request: PageRequest
                      ) -> Page[StatementRow]:
    """Every statement (finance staff), by event or organizer; state: due, overdue, approved,
    paid."""
    require_finance(actor)
    return _page(session, _listing(), request)


def organizer_statements(session: Session, actor: Actor, *, request: PageRequest
                         ) -> Page[StatementRow]:
    """The statements and payouts of the organizers the reader belongs to."""
    organizer_ids = member_organizers(actor)
    if not organizer_ids:
        raise NotFound("No such organizer.")
    statement = _listing().where(col(SettlementStatement.organizer_id).in_(sorted(organizer_ids)))
    return _page(session, statement, request)


def readable_statement(session: Session, actor: Actor, statement_id: int
                       ) -> SettlementStatement:
    """Finance staff read any statement; an organizer's members their own (else: not found)."""
    statement = session.get(SettlementStatement, statement_id) if statement_id > 0 else None
    if statement is None or not (can_act_in_area(actor, Role.STAFF_FINANCE)
                                 or is_member_of(actor, statement.organizer_id)):
        raise NotFound("No such statement.")
    return statement


def statement_detail(session: Session, actor: Actor, *, statement_id: int) -> StatementDetail:
    statement = readable_statement(session, actor, statement_id)
    event = session.get(Event, statement.event_id)
    organizer = session.get(Organizer, statement.organizer_id)
    people: dict[int, RegistrationLine] = {}
    by_method: dict[str, int] = defaultdict(int)
    rows = session.execute(
        select(col(SettlementItem.registration_id), col(SettlementItem.line),
               col(SettlementItem.method), col(SettlementItem.amount_minor), col(User.name),
               col(Registration.ticket_code))
        .join(Registration, col(Registration.id) == SettlementItem.registration_id)
        .join(User, col(User.id) == Registration.user_id)
        .where(col(SettlementItem.statement_id) == statement.id)
        .order_by(col(SettlementItem.registration_id), col(SettlementItem.id))).all()
    for registration_id, line, method, amount, person, code in rows:
        found = people.setdefault(registration_id, RegistrationLine(
            registration_id=registration_id, person=person, ticket_code=code, method="",
            paid_minor=0, refunded_minor=0, processing_fee_minor=0, platform_fee_minor=0,
            adjustments_minor=0))
        if line == L.GROSS.value:
            found.paid_minor += amount
            found.method = method
            by_method[method] += amount
        elif line == L.REFUND.value:
            found.refunded_minor -= amount
        elif line == L.PROCESSING_FEE.value:
            found.processing_fee_minor -= amount
        elif line == L.PLATFORM_FEE.value:
            found.platform_fee_minor -= amount
        else:
            found.adjustments_minor += amount
    if statement.status == S.DUE.value:  # what approving it now would charge
        for registration_id, (fee, _payment) in platform_fees(session, statement).items():
            if registration_id in people:
                people[registration_id].platform_fee_minor = fee
    return StatementDetail(
        row=_row(statement, event.name if event else "",
                 organizer.legal_name if organizer else "", today()),
        refunds_minor=statement.refunds_minor,
        processing_fee_minor=statement.processing_fee_minor,
        platform_fee_minor=statement.platform_fee_minor,
        adjustments_minor=statement.adjustments_minor, gross_by_method=dict(by_method),
        registrations=list(people.values()), bank_reference=statement.bank_reference,
        approved_at_day=day_of(statement.approved_at) if statement.approved_at else None)


def next_settlement(session: Session, organizer_id: int) -> StatementRow | None:
    """The organizer's next settlement: its earliest statement not yet paid."""
    found = session.execute(
        _listing().where(col(SettlementStatement.organizer_id) == organizer_id,
                         col(SettlementStatement.status) != S.PAID.value)
        .order_by(col(SettlementStatement.due_on), col(SettlementStatement.id)).limit(1)
    ).first()
    if found is None:
        return None
    statement, event_name, organizer_name = found
    return _row(statement, event_name, organizer_name, today())


def settlement_counts(session: Session) -> tuple[int, int]:
    """(statements not yet paid, of which overdue) for the staff overview."""
    from sqlalchemy import func

    day = today()
    open_ = col(SettlementStatement.status) != S.PAID.value
    waiting = session.execute(select(func.count()).where(open_)).scalar_one()
    late = session.execute(select(func.count()).where(
        open_, col(SettlementStatement.due_on) < day)).scalar_one()
    return int(waiting), int(late)
