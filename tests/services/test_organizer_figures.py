"""An organizer's figures on real data made through the registration and payment services:
tickets sold, seats left, income, refunds and net after sales, a cancellation and a partial
refund; registrations per platform day, zero-filled; a fixed number of queries however many
events; and nobody but the organizer's members and finance staff may read them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import update

from portal.db import session_scope
from portal.domain.enums import Role
from portal.domain.errors import Forbidden
from portal.domain.models import Registration
from portal.services import finance_payments, organizers, refund_requests
from portal.services.organizer_figures import (
    DAYS,
    day_starts,
    organizer_figures,
    registrations_per_day,
)
from portal.services.registrations import cancel_registration
from tests.services.helpers import actor_for, apply_with_licence, sign_in
from tests.services.payment_helpers import holder, paid_event
from tests.services.refund_helpers import paid_holder
from tests.services.registration_helpers import person, publish, set_event, sign_up_for
from tests.services.supervision_helpers import staff


def figures(actor, organizer_id):
    with session_scope() as session:
        return organizer_figures(session, actor, organizer_id=organizer_id)


def _made_at(registration_id: int, moment: datetime) -> None:
    with session_scope() as session:
        session.execute(update(Registration).where(Registration.id == registration_id)
                        .values(created_at=moment))


def test_figures_after_sales_a_cancellation_and_a_partial_refund(team):
    paid = paid_event(team, capacity=10)  # 120.00 a ticket
    ann, _ann_reg = paid_holder("Ann", paid)
    bo, bo_reg = paid_holder("Bo", paid)
    holder("Cy", paid)  # holds a seat, has not paid: not a ticket sold, not income
    free = publish(team, name="Kayak", capacity=3)
    sign_up_for(person("Di"), free)
    ed = person("Ed")
    ed_reg = sign_up_for(ed, free).id
    with session_scope() as session:
        cancel_registration(session, ed, registration_id=ed_reg)
    # Bo asks for money back inside the 25 % tier; finance pay it back in cash
    set_event(paid, refund_full_days=40, refund_partial_days=10, refund_partial_percent=25)
    with session_scope() as session:
        refund_id = refund_requests.request_refund(session, bo, registration_id=bo_reg).id
    with session_scope() as session:
        finance_payments.mark_refund_paid(
            session, staff("fiona", Role.STAFF_FINANCE), refund_id=refund_id,
            receipt=finance_payments.OfflineReceipt(received_on=finance_payments.today()))

    shown = figures(team["olga"], team["organizer_id"])
    assert (shown.events_total, shown.tickets_sold, shown.seats_left) == (2, 2, 8 + 2)
    [money] = shown.money
    assert (money.income_minor, money.refunds_minor, money.net_minor) == (24000, 3000, 21000)
    by_id = {e.id: e for e in shown.events}
    walk, kayak = by_id[paid], by_id[free]
    assert (walk.tickets_sold, walk.capacity, walk.seats_left, walk.on_sale) == (1, 10, 8, True)
    assert (walk.income_minor, walk.refunds_minor, walk.net_minor) == (24000, 3000, 21000)
    assert walk.currency == money.currency
    assert (kayak.tickets_sold, kayak.seats_left, kayak.income_minor, kayak.net_minor) == (
        1, 2, 0, 0)
    assert [d.registrations for d in shown.per_day][-1] == 5  # Ann, Bo, Cy, Di, Ed today


def test_a_new_organizer_has_zeros_and_thirty_empty_days(team):
    shown = figures(team["olga"], team["organizer_id"])
    assert (shown.events_total, shown.tickets_sold, shown.seats_left) == (0, 0, 0)
    assert shown.money == [] and shown.events == []
    assert len(shown.per_day) == DAYS and {d.registrations for d in shown.per_day} == {0}
    assert shown.per_day[-1].day == finance_payments.today()


def test_registrations_per_day_fall_on_the_platforms_days(team):
    """Today in Shanghai starts at 16:00 UTC the day before: what is made just after that
    counts today, just before it yesterday — whatever the time of day the test runs."""
    event_id = publish(team, capacity=10)
    regs = [sign_up_for(person(name), event_id).id for name in ("Ann", "Bo", "Cy", "Di", "Ed")]
    starts = day_starts(finance_payments.today(), "Asia/Shanghai")
    today_start = starts[-2]
    assert today_start.hour == 16  # the UTC hour Shanghai's day starts
    _made_at(regs[1], today_start + timedelta(seconds=1))
    _made_at(regs[2], today_start - timedelta(seconds=1))
    _made_at(regs[3], starts[0])  # the first moment of the first day shown
    _made_at(regs[4], starts[0] - timedelta(seconds=1))  # before it: left out

    per_day = figures(team["olga"], team["organizer_id"]).per_day
    assert [d.day for d in per_day] == [finance_payments.today() - timedelta(days=DAYS - 1 - n)
                                        for n in range(DAYS)]
    assert (per_day[-1].registrations, per_day[-2].registrations,
            per_day[0].registrations) == (2, 1, 1)
    assert sum(d.registrations for d in per_day) == 4


def test_the_day_is_the_platforms_at_any_hour(team):
    """With the clock at 17:00 UTC, Shanghai is already on the next date."""
    event_id = publish(team, capacity=10)
    reg = sign_up_for(person("Ann"), event_id).id
    _made_at(reg, datetime(2026, 3, 1, 16, 30, tzinfo=UTC))  # 00:30 on 2 March in Shanghai
    with session_scope() as session:
        per_day = registrations_per_day(session, team["organizer_id"],
                                        now=datetime(2026, 3, 1, 17, 0, tzinfo=UTC))
    assert per_day[-1].day == date(2026, 3, 2) and per_day[-1].registrations == 1
    assert per_day[0].day == date(2026, 3, 2) - timedelta(days=DAYS - 1)
    assert day_starts(date(2026, 3, 2), "Asia/Shanghai", 1) == [
        datetime(2026, 3, 1, 16, tzinfo=UTC), datetime(2026, 3, 2, 16, tzinfo=UTC)]


def _queries(engine, actor, organizer_id) -> int:
    seen: list[str] = []

    def count(conn, cursor, statement, *args) -> None:  # noqa: ANN001
        seen.append(statement)

    sa_event.listen(engine, "before_cursor_execute", count)
    try:
        figures(actor, organizer_id)
    finally:
        sa_event.remove(engine, "before_cursor_execute", count)
    return len([s for s in seen if s.lstrip().upper().startswith("SELECT")])


def test_the_number_of_queries_does_not_grow_with_the_events(team, engine):
    def events(n: int) -> None:
        for number in range(n):
            event_id = paid_event(team, name=f"Walk {number}", capacity=5)
            paid_holder(f"P{number}x{n}", event_id)

    events(2)
    with_two = _queries(engine, team["olga"], team["organizer_id"])
    events(18)
    with_twenty = _queries(engine, team["olga"], team["organizer_id"])
    assert with_two == with_twenty <= 5
    assert figures(team["olga"], team["organizer_id"]).tickets_sold == 20


def test_only_the_organizers_members_and_finance_staff_read_them(team):
    publish(team, capacity=3)
    with session_scope() as session:
        from portal.services.users import create_user
        from tests.services.helpers import STRONG

        create_user(session, name="Oscar", email="oscar@example.org", password=STRONG,
                    verified=True, phone="+86 138 0000 0003", date_of_birth=date(1990, 1, 1),
                    accepted_rules=True)
    oscar = actor_for(sign_in("oscar@example.org"))
    with session_scope() as session:
        other_id = apply_with_licence(session, oscar)
    with session_scope() as session:
        organizers.decide(session, team["rita"], organizer_id=other_id, decision="approve")
    oscar = actor_for(sign_in("oscar@example.org"))
    assert figures(oscar, other_id).events_total == 0  # his own
    for outsider in (oscar, team["eve"], team["rita"]):  # another organizer, anyone, reviewer
        with pytest.raises(Forbidden):
            figures(outsider, team["organizer_id"])
    with pytest.raises(Forbidden):
        figures(team["olga"], other_id)
    finance = staff("fiona", Role.STAFF_FINANCE)
    assert figures(finance, team["organizer_id"]).events_total == 1


def test_the_demo_organizer_has_sales_and_a_shape_to_show(db):
    from sqlmodel import select

    from portal.domain.models import Organizer, User
    from portal.domain.policies import Actor
    from portal.services.demo import seed_demo
    from portal.wiring import file_store

    seed_demo(db, store=file_store())
    db.commit()
    organizer = db.exec(select(Organizer).where(
        Organizer.legal_name == "Harbour Events Co.")).one()
    owner = db.exec(select(User).where(User.email == "organizer@demo.example")).one()
    shown = figures(Actor(user_id=owner.id, verified=True,
                          organizer_ids=frozenset({organizer.id})), organizer.id)
    assert shown.tickets_sold > 10 and shown.seats_left > 0
    [money] = shown.money
    assert money.income_minor > 100000 and 0 < money.refunds_minor < money.income_minor
    assert len([e for e in shown.events if e.income_minor]) >= 2
    assert len([d for d in shown.per_day if d.registrations]) >= 10  # spread over the weeks
