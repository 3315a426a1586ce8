"""Settlement statements on real ledger data: what an ended event's statement adds up to
(partial refunds, processing fees, the platform fee at the rate of the day each registration
was paid), approval and payout once each, a refund after settlement as an adjustment on the
next statement, free events, due dates on the holiday calendar, and every refusal."""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import LedgerKind
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import (
    AuditEntry,
    LedgerEntry,
    OutboxEmail,
    SettlementItem,
    SettlementStatement,
)
from portal.services import ledger_check, settlements
from portal.services.finance_payments import today
from portal.services.settlement_build import sweep_statements
from portal.services.settlements import PayoutInput
from tests.services.conftest import POSTGRES_URL
from tests.services.payment_helpers import paid_event
from tests.services.refund_helpers import paid_holder
from tests.services.settlement_helpers import (
    end_event,
    finance_staff,
    generate,
    paid_on,
    processing_fee,
    rate,
    refund_part,
    statement,
)

LONG_AGO = date(2020, 1, 1)


def _approve(actor, statement_id):
    with session_scope() as session:
        return settlements.approve_statement(session, actor, statement_id=statement_id).status


def _pay(actor, statement_id, amount, *, day=None, reference="BOC-2026-0001"):
    with session_scope() as session:
        return settlements.record_payout(
            session, actor, statement_id=statement_id,
            payout=PayoutInput(amount=amount, paid_on=(day or today()).isoformat(),
                               bank_reference=reference)).status


def _entries(kind: LedgerKind) -> list[tuple[int | None, int]]:
    with session_scope() as session:
        return [(e.registration_id, e.amount_minor) for e in session.exec(
            select(LedgerEntry).where(LedgerEntry.kind == kind.value).order_by(LedgerEntry.id))]


def _problems() -> list[str]:
    with session_scope() as session:
        return ledger_check.check_ledger(session)


@pytest.fixture
def fin(team):
    return finance_staff()


@pytest.fixture
def ended(team):
    """An ended event: Ann paid in cash, Bob by card (with Stripe's fee), Cy in cash and got
    50.00 back. The platform takes 5 %."""
    rate(percent_bp=500, since=LONG_AGO)
    event_id = paid_event(team)
    regs = {name: paid_holder(name, event_id, method=method)[1]
            for name, method in (("Ann", "cash"), ("Bob", "card"), ("Cy", "cash"))}
    processing_fee(regs["Bob"], 360)
    refund_part(regs["Cy"], 5000)
    end_event(event_id)
    return event_id, regs


def test_a_statement_adds_up_income_refunds_fees_and_the_net(ended, fin, team):
    event_id, regs = ended
    statement_id = generate(event_id)
    found = statement(statement_id)
    assert (found.gross_minor, found.refunds_minor, found.processing_fee_minor) == \
        (36000, 5000, 360)
    assert found.platform_fee_minor == 600 + 600 + 350  # 5 % of what each still holds
    assert found.net_minor == 36000 - 5000 - 360 - 1550
    assert found.status == "due" and found.sequence == 1
    assert generate(event_id) == statement_id  # again: nothing new, nothing doubled
    assert statement(statement_id).net_minor == found.net_minor

    assert _approve(fin, statement_id) == "approved"
    assert sorted(_entries(LedgerKind.PLATFORM_FEE)) == sorted(
        [(regs["Ann"], 600), (regs["Bob"], 600), (regs["Cy"], 350)])
    assert _pay(fin, statement_id, "290.90") == "paid"
    assert _entries(LedgerKind.PAYOUT) == [(None, 29090)]
    paid = statement(statement_id)
    assert (paid.bank_reference, paid.paid_on) == ("BOC-2026-0001", today())
    with session_scope() as session:
        mail = session.exec(select(OutboxEmail).where(
            OutboxEmail.template == "settlement_paid")).all()
        actions = session.exec(select(AuditEntry.action).where(
            AuditEntry.action.like("settlement.%"))).all()
    assert [m.to_email for m in mail] == ["olga@example.org"]
    assert "290.90" in mail[0].subject
    assert list(actions) == ["settlement.approved", "settlement.paid"]
    assert _problems() == []


def test_each_line_is_traceable_to_its_registration(ended, fin):
    event_id, regs = ended
    statement_id = generate(event_id)
    _approve(fin, statement_id)
    with session_scope() as session:
        items = session.exec(select(SettlementItem.registration_id, SettlementItem.line,
                                    SettlementItem.method, SettlementItem.amount_minor)
                             .where(SettlementItem.statement_id == statement_id)).all()
    cy = sorted((line, method, amount) for reg, line, method, amount in items
                if reg == regs["Cy"])
    assert cy == [("gross", "cash", 12000), ("platform_fee", "", -350), ("refund", "", -5000)]
    assert sum(amount for *_rest, amount in items) == statement(statement_id).net_minor


def test_a_refund_after_approval_is_an_adjustment_on_the_next_statement(ended, fin):
    event_id, regs = ended
    first = generate(event_id)
    _approve(fin, first)
    closed = statement(first)
    refund_part(regs["Ann"], 2000)
    second = generate(event_id)
    assert second != first
    later = statement(second)
    assert (later.sequence, later.gross_minor, later.adjustments_minor) == (2, 0, -2000)
    assert (later.platform_fee_minor, later.net_minor) == (0, -2000)
    after = statement(first)
    assert (after.net_minor, after.status, after.updated_at) == \
        (closed.net_minor, "approved", closed.updated_at)  # the closed one never changes
    assert later.due_on > today()
    assert _problems() == []


@pytest.mark.skipif(not POSTGRES_URL, reason="row locks are a PostgreSQL matter")
def test_an_approval_and_late_money_take_turns_on_postgresql(ended, fin, engine):
    """The worker adds a late refund while finance approves: it waits for the approval and
    puts the refund on the next statement, never on the one being closed."""
    if engine.dialect.name != "postgresql":
        pytest.skip("this backend serialises writers with BEGIN IMMEDIATE")
    event_id, regs = ended
    first = generate(event_id)
    refund_part(regs["Ann"], 2000)  # late money, on no statement yet
    approved, building = threading.Event(), threading.Event()
    order: list[str] = []

    def approve() -> None:
        with session_scope() as session:
            settlements.approve_statement(session, fin, statement_id=first)
            approved.set()
            building.wait(10)
            time.sleep(0.5)  # the build has started and must wait for this commit
            order.append("approval committed")

    def build() -> None:
        approved.wait(10)
        building.set()
        generate(event_id)
        order.append("build done")

    threads = [threading.Thread(target=approve), threading.Thread(target=build)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert order == ["approval committed", "build done"]
    with session_scope() as session:
        lines = session.exec(select(SettlementStatement.sequence, SettlementItem.line)
                             .join(SettlementItem,
                                   SettlementItem.statement_id == SettlementStatement.id)
                             .where(SettlementItem.registration_id == regs["Ann"])).all()
    assert sorted(lines) == [(1, "gross"), (1, "platform_fee"), (2, "adjustment")]
    assert _problems() == []


def test_approval_refuses_a_statement_that_changed_since_it_was_reviewed(ended, fin):
    event_id, regs = ended
    statement_id = generate(event_id)
    reviewed = statement(statement_id).net_minor
    refund_part(regs["Ann"], 2000)
    assert generate(event_id) == statement_id  # still due: the refund joins it
    with pytest.raises(Conflict, match="changed since you opened it"), \
            session_scope() as session:
        settlements.approve_statement(session, fin, statement_id=statement_id,
                                      reviewed_net=reviewed)
    assert statement(statement_id).status == "due" and _entries(LedgerKind.PLATFORM_FEE) == []
    now_shown = statement(statement_id).net_minor
    assert now_shown != reviewed
    with session_scope() as session:
        settlements.approve_statement(session, fin, statement_id=statement_id,
                                      reviewed_net=now_shown)
    assert statement(statement_id).status == "approved"


def test_a_payout_cannot_predate_the_approval_day_in_the_platform_zone(ended, fin):
    """Approved at 00:30 in Shanghai (16:30 the day before in UTC): the day before is refused."""
    from zoneinfo import ZoneInfo

    from sqlalchemy import update

    from portal.settings import get_settings

    event_id, _regs = ended
    statement_id = generate(event_id)
    _approve(fin, statement_id)
    zone = ZoneInfo(get_settings().time_zone)
    early = datetime.combine(today(), datetime.min.time(), tzinfo=zone) + timedelta(minutes=30)
    with session_scope() as session:
        session.execute(update(SettlementStatement).where(
            SettlementStatement.id == statement_id).values(approved_at=early.astimezone(UTC)))
    net = statement(statement_id).net_minor
    amount = f"{net / 100:.2f}"
    with pytest.raises(Invalid) as refused:
        _pay(fin, statement_id, amount, day=today() - timedelta(days=1))
    assert refused.value.field == "paid_on"
    assert _pay(fin, statement_id, amount) == "paid"


def test_the_report_owes_a_due_statement_its_net_after_the_platform_fee(ended, fin):
    """Before approval the fee is not in the ledger yet; the report still counts it."""
    from portal.services.finance_reports import ReportQuery, finance_report

    event_id, _regs = ended
    due = statement(generate(event_id))
    assert due.platform_fee_minor > 0
    with session_scope() as session:
        [owed] = finance_report(session, fin, query=ReportQuery(
            start=today() - timedelta(days=30), end=today())).outstanding
    assert (owed.amount, owed.by_organizers) == (due.net_minor, 0)
    _approve(fin, due.id)
    with session_scope() as session:  # approved: the fee is in the ledger, counted once
        [owed] = finance_report(session, fin, query=ReportQuery(
            start=today() - timedelta(days=30), end=today())).outstanding
    assert owed.amount == statement(due.id).net_minor == due.net_minor


def test_a_refund_after_the_payout_is_owed_by_the_organizer_in_the_report(ended, fin):
    """Not netted against what other organizers are owed: shown apart, as owed by them."""
    from portal.services.finance_reports import ReportQuery, finance_report

    event_id, regs = ended
    first = generate(event_id)
    _approve(fin, first)
    net = statement(first).net_minor
    _pay(fin, first, f"{net / 100:.2f}")
    refund_part(regs["Ann"], 2000)
    later = generate(event_id)
    assert _approve(fin, later) == "paid"  # nothing to pay out: it closes at once
    with session_scope() as session:
        [owed] = finance_report(session, fin, query=ReportQuery(
            start=today() - timedelta(days=30), end=today())).outstanding
    assert (owed.currency, owed.amount, owed.by_organizers) == ("CNY", 0, 2000)


def test_finance_brings_every_statement_up_to_date_at_once(ended, fin, team):
    event_id, _regs = ended
    for outsider in (team["olga"], team["rita"]):
        with pytest.raises(Forbidden), session_scope() as session:
            settlements.bring_up_to_date(session, outsider)
    with session_scope() as session:
        assert session.exec(select(SettlementStatement)).all() == []
        assert settlements.bring_up_to_date(session, fin) == 1
    with session_scope() as session:
        [made] = session.exec(select(SettlementStatement)).all()
        assert made.event_id == event_id and made.status == "due"
        assert settlements.bring_up_to_date(session, fin) == 0  # nothing new since
        logged = session.exec(select(AuditEntry.action).where(
            AuditEntry.object_id == event_id, AuditEntry.object_type == "event")).all()
    assert "settlement.generated" in logged


def test_one_events_late_refund_is_not_netted_against_anothers_due_statement(ended, fin, team):
    """Event A was paid out, then refunded 20.00; event B of the same organizer is due. The
    organizer is owed B's net in full, and owes A's 20.00: nothing nets."""
    from portal.services.finance_reports import ReportQuery, finance_report

    event_a, regs = ended
    first = generate(event_a)
    _approve(fin, first)
    _pay(fin, first, f"{statement(first).net_minor / 100:.2f}")
    refund_part(regs["Ann"], 2000)
    _approve(fin, generate(event_a))  # −20.00: closed at once
    event_b = paid_event(team, name="Second Walk")
    paid_holder("Dee", event_b, method="cash")
    end_event(event_b)
    due = statement(generate(event_b))
    with session_scope() as session:
        [owed] = finance_report(session, fin, query=ReportQuery(
            start=today() - timedelta(days=30), end=today())).outstanding
    assert (owed.amount, owed.by_organizers) == (due.net_minor, 2000)


def test_a_free_event_has_no_statement(team, fin):
    event_id = _free_event(team)
    end_event(event_id)
    assert generate(event_id) is None
    with session_scope() as session:
        assert sweep_statements(session, now=utcnow()) == 0
        assert session.exec(select(SettlementStatement)).all() == []


def _free_event(team) -> int:
    from tests.services.registration_helpers import person, publish, sign_up_for

    event_id = publish(team)
    sign_up_for(person("Dee"), event_id)
    return event_id


def test_the_rate_of_the_day_each_registration_was_paid(team, fin):
    switch = today() - timedelta(days=10)
    rate(percent_bp=500, since=LONG_AGO)
    rate(percent_bp=1000, fixed_minor=100, since=switch)
    event_id = paid_event(team)
    early = paid_holder("Ann", event_id)[1]
    paid_holder("Bob", event_id)
    paid_on(early, datetime.combine(switch - timedelta(days=3), datetime.min.time(),
                                    tzinfo=UTC))
    end_event(event_id)
    found = statement(generate(event_id))
    assert found.platform_fee_minor == 600 + (1200 + 100)  # old rate, then the new one


def test_an_organizers_own_rate_wins_over_the_platforms(team, fin):
    rate(percent_bp=500, since=LONG_AGO)
    rate(percent_bp=200, since=LONG_AGO, organizer_id=team["organizer_id"])
    event_id = paid_event(team)
    paid_holder("Ann", event_id)
    end_event(event_id)
    assert statement(generate(event_id)).platform_fee_minor == 240


def test_the_statement_is_due_ten_working_days_after_the_end_across_golden_week(team):
    event_id = paid_event(team)
    paid_holder("Ann", event_id)
    # Wednesday 30 September 2026, 17:00 in Shanghai; 1–7 October are National Day holidays
    end_event(event_id, ended=datetime(2026, 9, 30, 9, 0, tzinfo=UTC))
    assert statement(generate(event_id)).due_on == date(2026, 10, 21)


def test_statements_wait_for_the_end_of_the_event(team):
    event_id = paid_event(team)
    paid_holder("Ann", event_id)
    assert generate(event_id) is None
    with session_scope() as session:
        assert sweep_statements(session, now=utcnow()) == 0
    end_event(event_id)
    with session_scope() as session:
        assert sweep_statements(session, now=utcnow()) == 1
    with session_scope() as session:
        assert sweep_statements(session, now=utcnow()) == 0  # nothing new to put anywhere


def test_refusals_change_nothing(ended, fin, team):
    event_id, _regs = ended
    statement_id = generate(event_id)
    with pytest.raises(Conflict, match="Approve the statement"):
        _pay(fin, statement_id, "290.90")
    for outsider in (team["olga"], team["rita"]):
        with pytest.raises(Forbidden):
            _approve(outsider, statement_id)
    with pytest.raises(NotFound):
        _approve(fin, 9999)
    assert statement(statement_id).status == "due"
    _approve(fin, statement_id)
    with pytest.raises(Conflict, match="already approved"):
        _approve(fin, statement_id)
    for amount, day, reference, field in (
            ("290.00", None, "BOC-1", "amount"), ("", None, "BOC-1", "amount"),
            ("290.90", today() + timedelta(days=1), "BOC-1", "paid_on"),
            ("290.90", today() - timedelta(days=30), "BOC-1", "paid_on"),
            ("290.90", None, "  ", "bank_reference")):
        with pytest.raises(Invalid) as refused:
            _pay(fin, statement_id, amount, day=day, reference=reference)
        assert refused.value.field == field
    with pytest.raises(Forbidden):
        _pay(team["olga"], statement_id, "290.90")
    assert statement(statement_id).status == "approved"
    assert _entries(LedgerKind.PAYOUT) == []
    _pay(fin, statement_id, "290.90")
    with pytest.raises(Conflict, match="already recorded"):
        _pay(fin, statement_id, "290.90")
    assert _entries(LedgerKind.PAYOUT) == [(None, 29090)]


def test_finance_can_make_the_statement_at_once_but_not_before_the_end(team, fin):
    event_id = paid_event(team)
    paid_holder("Ann", event_id)
    with session_scope() as session, pytest.raises(Conflict, match="not ended"):
        settlements.refresh_statement(session, fin, event_id=event_id)
    end_event(event_id)
    with session_scope() as session:
        made = settlements.refresh_statement(session, fin, event_id=event_id)
        assert made.gross_minor == 12000
    with session_scope() as session, pytest.raises(Forbidden):
        settlements.refresh_statement(session, team["olga"], event_id=event_id)


def test_the_ledger_check_finds_a_statement_that_does_not_balance(ended, fin):
    event_id, _regs = ended
    statement_id = generate(event_id)
    _approve(fin, statement_id)
    assert _problems() == []
    with session_scope() as session:
        found = session.get(SettlementStatement, statement_id)
        found.net_minor += 1
        session.add(found)
    assert any(f"statement {statement_id}" in p for p in _problems())


def test_the_ledger_check_finds_an_entry_in_another_currency_on_a_statement(ended, fin):
    from sqlalchemy import update

    event_id, regs = ended
    statement_id = generate(event_id)
    assert _problems() == []
    with session_scope() as session:
        session.execute(update(LedgerEntry).where(
            LedgerEntry.registration_id == regs["Bob"],
            LedgerEntry.kind == LedgerKind.FEE.value).values(currency="HKD"))
    assert any(f"statement {statement_id} in CNY holds ledger entry" in p and "in HKD" in p
               for p in _problems())


def test_the_finance_report_puts_the_payout_under_its_organizer_and_event(ended, fin, team):
    """A payout has no registration: the report finds its organizer and event through the
    statement, so a paid statement is no longer outstanding for that organizer."""
    from portal.services.finance_reports import ReportQuery, build_report

    event_id, _regs = ended
    statement_id = generate(event_id)
    _approve(fin, statement_id)

    def report(**only):
        with session_scope() as session:
            return build_report(session, fin, query=ReportQuery(
                start=today() - timedelta(days=60), end=today(), **only))

    owed = statement(statement_id).net_minor
    for only in ({"organizer_id": team["organizer_id"]}, {"event_id": event_id}):
        assert [o.amount for o in report(**only).outstanding] == [owed]
    _pay(fin, statement_id, "290.90")
    for only in ({"organizer_id": team["organizer_id"]}, {"event_id": event_id}):
        found = report(**only)
        assert [f.payouts for f in found.totals] == [29090]
        assert [o.amount for o in found.outstanding] == [0]
    lines = report().organizers
    assert [line.payouts for line in lines if line.organizer_id is None] in ([], [0])
