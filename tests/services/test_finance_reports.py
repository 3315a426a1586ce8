"""Finance reports on real ledger data (card payments with Stripe's fees through the SDK and
the stand-in, a partial card refund, an offline payment, the platform fee and a payout as the
settlement entries them): totals that tie out to the ledger summed independently, filters by
organizer and event, days in the platform's zone, outstanding settlements, a constant number
of queries, the run log, and who may run them."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import update
from sqlmodel import select

from portal.db import get_engine, session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import LedgerKind, Role
from portal.domain.errors import Forbidden, Invalid
from portal.domain.models import Event, LedgerEntry, Organizer, Registration, ReportRun
from portal.services import finance_reports as reports
from portal.services.finance_payments import today
from portal.services.finance_report_views import recent_runs, report_choices
from portal.services.finance_reports import Bucket, ReportOutput, ReportQuery
from tests.services import finance_helpers
from tests.services.finance_helpers import card_paid, card_refunded, offline_paid, staff
from tests.services.payment_helpers import paid_event

FIELDS = {"charge": "income", "refund": "refunds", "fee": "processing_fees",
          "platform_fee": "platform_fees", "payout": "payouts"}

standin, gateway = finance_helpers.standin, finance_helpers.gateway  # fixtures


@pytest.fixture
def money(team, standin, gateway):
    """Two events of two organizers with card, refund, offline, platform fee and payout."""
    fin = staff("Fiona", Role.STAFF_FINANCE)
    walk, gala = paid_event(team), paid_event(team, name="Spring Gala")
    ann, ann_pi = card_paid(standin, gateway, "Ann", walk)
    bob, _ = card_paid(standin, gateway, "Bob", walk)
    card_refunded(standin, gateway, ann, ann_pi, 5000)
    cid, _ = card_paid(standin, gateway, "Cid", gala)
    dee = offline_paid(fin, "Dee", gala)
    with session_scope() as session:
        other = Organizer(legal_name="Harbour Events Co.", kind="company",
                          registration_number="91310000X", contact_name="Hu",
                          contact_phone="+86 21 0000 0000", address="2 Quay",
                          description="Events.", status="approved", submitted_at=utcnow(),
                          review_due_at=utcnow())
        session.add(other)
        session.flush()
        session.execute(update(Event).where(Event.id == gala).values(organizer_id=other.id))
        for kind, reg, amount in ((LedgerKind.PLATFORM_FEE, bob, 600),
                                  (LedgerKind.PAYOUT, bob, 10000)):
            session.add(LedgerEntry(registration_id=reg, kind=kind.value, amount_minor=amount,
                                    currency="CNY", provider="platform",
                                    entry_key=f"test:{kind.value}:{reg}"))
        other_id = other.id
    return {"fin": fin, "walk": walk, "gala": gala, "regs": (ann, bob, cid, dee),
            "olga_org": team["organizer_id"], "other_org": other_id}


def query(**kw) -> ReportQuery:
    return ReportQuery(start=kw.pop("start", today()), end=kw.pop("end", today()), **kw)


def run(actor, **kw) -> reports.FinanceReport:
    with session_scope() as session:
        return reports.finance_report(session, actor, query=query(**kw))


def independent_sums(where=lambda entry, event: True) -> dict[str, int]:
    """The ledger summed in Python, entry by entry: what the report must agree with."""
    sums: Counter[str] = Counter()
    with session_scope() as session:
        for entry in session.exec(select(LedgerEntry)):
            registration = session.get(Registration, entry.registration_id)
            event = session.get(Event, registration.event_id) if registration else None
            if where(entry, event):
                sums[FIELDS[entry.kind]] += entry.amount_minor
    return dict(sums)


def figures(f: reports.Figures) -> dict[str, int]:
    return {k: v for k, v in f.model_dump().items() if k in FIELDS.values() and v}


def test_the_totals_tie_out_to_the_ledger_and_say_what_is_held(money):
    report = run(money["fin"])
    [cny] = report.totals
    expected = independent_sums()
    assert figures(cny) == expected
    fee = 2 * 608 + 608  # three card charges of 120.00; the transfer has no fee
    assert expected == {"income": 48000, "refunds": 5000, "processing_fees": fee,
                        "platform_fees": 600, "payouts": 10000}
    assert cny.held == 48000 - 5000 - fee - 10000
    with session_scope() as session:
        assert report.entries == len(session.exec(select(LedgerEntry)).all())
    by_org = {line.organizer_id: figures(line) for line in report.organizers}
    for org in (money["olga_org"], money["other_org"]):
        assert by_org[org] == independent_sums(lambda e, ev, o=org: ev.organizer_id == o)
    assert sum(line.income for line in report.organizers) == cny.income


def test_filters_by_organizer_and_event_keep_only_their_money(money):
    [mine] = run(money["fin"], organizer_id=money["other_org"]).totals
    assert figures(mine) == independent_sums(
        lambda e, ev: ev.organizer_id == money["other_org"])
    [walk] = run(money["fin"], event_id=money["walk"]).totals
    assert figures(walk) == independent_sums(lambda e, ev: ev.id == money["walk"])
    assert walk.income == 24000 and walk.payouts == 10000
    assert run(money["fin"], organizer_id=money["other_org"], event_id=money["walk"]).totals \
        == []


def test_the_period_is_whole_days_in_the_platform_zone(money):
    ann = money["regs"][0]
    start_of_today = datetime.combine(today(), datetime.min.time()).replace(
        tzinfo=reports.ZoneInfo("Asia/Shanghai")).astimezone(UTC)
    with session_scope() as session:  # Ann's charge a minute before today began there
        session.execute(update(LedgerEntry).where(
            LedgerEntry.registration_id == ann, LedgerEntry.kind == "charge")
            .values(created_at=start_of_today - timedelta(minutes=1)))
    [now] = run(money["fin"]).totals
    assert now.income == 36000
    report = run(money["fin"], start=today() - timedelta(days=1), bucket=Bucket.DAY)
    assert [(p.starts_on, p.income, p.refunds) for p in report.series] == [
        (today() - timedelta(days=1), 12000, 0), (today(), 36000, 5000)]
    month = run(money["fin"], start=today() - timedelta(days=1), bucket=Bucket.MONTH)
    assert sum(p.income for p in month.series) == 48000
    assert all(p.starts_on.day == 1 for p in month.series)


def test_outstanding_settlements_are_owed_for_ended_events_only(money):
    [nothing] = [run(money["fin"]).outstanding] or [[]]
    assert nothing == []  # no event has ended yet
    with session_scope() as session:
        session.execute(update(Event).where(Event.id == money["walk"]).values(
            starts_at=utcnow() - timedelta(hours=3), ends_at=utcnow() - timedelta(hours=1)))
    [owed] = run(money["fin"]).outstanding
    walk = independent_sums(lambda e, ev: ev.id == money["walk"])
    assert owed.amount == (walk["income"] - walk["refunds"] - walk["processing_fees"]
                           - walk["platform_fees"] - walk["payouts"])
    assert owed.amount == 24000 - 5000 - 1216 - 600 - 10000


def test_a_report_costs_the_same_few_queries_however_large_the_ledger(money):
    def statements(**kw) -> int:
        seen: list[str] = []

        def count(conn, cursor, statement, *args):  # noqa: ANN001
            seen.append(statement)
        sa_event.listen(get_engine(), "before_cursor_execute", count)
        try:
            with session_scope() as session:
                reports.build_report(session, money["fin"], query=query(**kw))
        finally:
            sa_event.remove(get_engine(), "before_cursor_execute", count)
        return len([s for s in seen if s.lstrip().upper().startswith("SELECT")])

    small = statements()
    with session_scope() as session:
        entries = [LedgerEntry(registration_id=money["regs"][3], kind="charge",
                               amount_minor=100 + i, currency="CNY", provider="offline",
                               entry_key=f"bulk:{i}") for i in range(300)]
        session.add_all(entries)
    assert statements() == small <= 5


def test_end_before_start_is_refused_beside_the_end_field():
    with pytest.raises(Invalid) as refused:
        query(start=today(), end=today() - timedelta(days=1))
    assert refused.value.field == "end"


@pytest.mark.parametrize("start,end,field", [
    ("0001-01-01", "0001-01-02", "start"), ("2026-01-01", "9999-12-31", "end")])
def test_days_far_outside_the_calendar_are_refused_beside_their_field(start, end, field):
    with pytest.raises(Invalid) as refused:
        ReportQuery.model_validate({"start": start, "end": end})
    assert refused.value.field == field


def test_an_organizer_or_event_that_does_not_exist_is_refused_and_not_logged(money, team):
    for filters, field in (({"organizer_id": 999_999}, "organizer_id"),
                           ({"event_id": 999_999}, "event_id")):
        with pytest.raises(Invalid) as refused:
            run(money["fin"], **filters)
        assert refused.value.field == field
    with pytest.raises(Forbidden):  # an outsider learns nothing about which ids exist
        run(team["eve"], organizer_id=999_999)
    with session_scope() as session:
        assert session.exec(select(ReportRun)).all() == []


def test_only_finance_staff_and_admins_run_reports_and_each_run_is_logged(money, team):
    admin = staff("Ada", Role.ADMIN)
    for outsider in (team["olga"], team["rita"], team["eve"]):
        with session_scope() as session, pytest.raises(Forbidden):
            reports.finance_report(session, outsider, query=query())
        with session_scope() as session, pytest.raises(Forbidden):
            recent_runs(session, outsider)
        with session_scope() as session, pytest.raises(Forbidden):
            report_choices(session, outsider)
    run(admin, organizer_id=money["other_org"])
    with session_scope() as session:
        reports.finance_report(session, money["fin"], query=query(event_id=money["walk"]),
                               output=ReportOutput.CSV)
    with session_scope() as session:
        assert len(session.exec(select(ReportRun)).all()) == 2
        latest, first = recent_runs(session, money["fin"])
        choices = report_choices(session, money["fin"])
    assert (latest.who, latest.output, latest.event, latest.start) == (
        "Fiona", ReportOutput.CSV, "Harbour Walk", today())
    assert (first.who, first.organizer, first.output) == (
        "Ada", "Harbour Events Co.", ReportOutput.SCREEN)
    assert {c.name for c in choices.events} == {"Harbour Walk", "Spring Gala"}


def test_entries_without_a_registration_count_in_the_platform_totals_only(money):
    with session_scope() as session:
        session.add(LedgerEntry(kind="payout", amount_minor=700, currency="CNY",
                                provider="platform", entry_key="test:bank-charge"))
    report = run(money["fin"])
    assert report.totals[0].payouts == 10700
    lines = defaultdict(int)
    for line in report.organizers:
        lines[line.organizer_id] += line.payouts
    assert lines[None] == 700
    [org_only] = run(money["fin"], organizer_id=money["olga_org"]).totals
    assert org_only.payouts == 10000
