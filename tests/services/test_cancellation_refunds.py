"""A cancelled event refunds every paid registration in full, exactly once, even when the job
is killed halfway; staff see how far it is; the ledger balances afterwards."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from portal.db import session_scope
from portal.domain.enums import RefundCause, RefundStatus, Role
from portal.domain.errors import Forbidden
from portal.domain.models import LedgerEntry, Notification, Refund
from portal.domain.policies import Actor
from portal.services import (
    cancellation_refunds,
    event_changes,
    payments,
    refund_runner,
)
from portal.services.ledger_check import check_ledger
from portal.services.users import create_user
from portal.wiring import card_gateway
from tests.services.helpers import STRONG
from tests.services.payment_helpers import paid_event
from tests.services.refund_helpers import all_refunds, pay
from tests.services.registration_helpers import sign_up_for

PEOPLE = 200


class Killed(Exception):
    """The job's process dies."""


def _crowd(count: int) -> list[Actor]:
    with session_scope() as session:
        users = [create_user(session, name=f"Guest {i}", email=f"guest{i}@example.org",
                             password=STRONG, verified=True, phone="+86 138 0000 0003",
                             date_of_birth=date(1990, 1, 1), accepted_rules=True)
                 for i in range(count)]
        ids = [u.id for u in users]
    return [Actor(user_id=i, verified=True, accepted_rules=True) for i in ids]


def _cancel(team, event_id: int) -> None:
    with session_scope() as session:
        change_id = event_changes.request_cancel(session, team["olga"], event_id=event_id,
                                                 reason="The venue flooded.")
    with session_scope() as session:
        event_changes.decide_change(session, team["rita"], change_id=change_id,
                                    decision="approve")


def _progress(team, event_id):
    with session_scope() as session:
        return cancellation_refunds.cancellation_progress(session, team["rita"],
                                                          event_id=event_id)


def test_a_cancellation_refunds_each_paid_registration_once_across_a_crash(team, monkeypatch):
    event_id = paid_event(team, capacity=PEOPLE)
    registrations = []
    for actor in _crowd(PEOPLE):
        registration_id = sign_up_for(actor, event_id).id
        pay(actor, registration_id, method="card")
        registrations.append(registration_id)
    _cancel(team, event_id)
    before = _progress(team, event_id)
    assert (before.paid, before.refunds_entered, before.refunds_paid) == (PEOPLE, 0, 0)

    told = 0
    real_notify = cancellation_refunds.notify

    def dies_halfway(*args, **kwargs):
        nonlocal told
        if told == PEOPLE // 2:
            raise Killed
        told += 1
        return real_notify(*args, **kwargs)

    monkeypatch.setattr(cancellation_refunds, "notify", dies_halfway)
    with pytest.raises(Killed):
        cancellation_refunds.run_once(session_scope, batch=30)
    halfway = _progress(team, event_id)
    assert halfway.refunds_entered == PEOPLE // 2  # the registration being told rolled back
    monkeypatch.setattr(cancellation_refunds, "notify", real_notify)
    assert cancellation_refunds.run_once(session_scope, batch=30) == PEOPLE - PEOPLE // 2
    assert cancellation_refunds.run_once(session_scope) == 0  # a third run finds nothing
    with session_scope() as session:
        assert not cancellation_refunds.any_owed(session)

    refunds = [r for r in all_refunds() if r.cause == RefundCause.EVENT_CANCELLED.value]
    assert sorted(r.registration_id for r in refunds) == sorted(registrations)
    assert {(r.amount_minor, r.status) for r in refunds} == {(12000,
                                                              RefundStatus.APPROVED.value)}
    gateway = card_gateway()  # the demo gateway: refunds answered by its signed webhooks
    assert gateway.provider == "demo"
    while refund_runner.run_once(session_scope, gateway, limit=50).paid:
        pass
    with session_scope() as session:
        entries = list(session.exec(select(LedgerEntry).where(LedgerEntry.kind == "refund")))
        assert len(entries) == PEOPLE
        assert len({e.registration_id for e in entries}) == PEOPLE
        assert all(payments.balance(session, r).held_minor == 0 for r in registrations)
        told_people = session.exec(select(Notification).where(
            Notification.template == "refund_granted")).all()
        assert len(told_people) == PEOPLE
        assert check_ledger(session) == []
    done = _progress(team, event_id)
    assert (done.refunds_entered, done.refunds_paid, done.refunded_minor, done.done) == (
        PEOPLE, PEOPLE, PEOPLE * 12000, True)


def test_a_waiting_request_is_answered_by_the_cancellation(team):
    from tests.services.refund_helpers import paid_holder
    from tests.services.registration_helpers import set_event

    event_id = paid_event(team)
    set_event(event_id, refund_full_days=60, refund_partial_days=40)
    ann, reg_id = paid_holder("Ann", event_id)
    from portal.services import refund_requests

    with session_scope() as session:
        asked = refund_requests.request_refund(session, ann, registration_id=reg_id,
                                               reason="Ill").id
    _cancel(team, event_id)
    assert cancellation_refunds.run_once(session_scope) == 1
    with session_scope() as session:
        assert session.get(Refund, asked).status == RefundStatus.DECLINED.value
        [full] = session.exec(select(Refund).where(
            Refund.cause == RefundCause.EVENT_CANCELLED.value)).all()
        assert (full.amount_minor, full.registration_id) == (12000, reg_id)


def test_only_staff_see_the_progress(team):
    event_id = paid_event(team)
    for outsider in (team["olga"], team["eve"], Actor.anonymous()):
        with session_scope() as session, pytest.raises(Forbidden):
            cancellation_refunds.cancellation_progress(session, outsider, event_id=event_id)
    with session_scope() as session:
        finance = create_user(session, name="Fay", email="fay@example.org", password=STRONG,
                              roles=frozenset({Role.STAFF_FINANCE}), verified=True)
        fay = Actor(user_id=finance.id, roles=frozenset({Role.STAFF_FINANCE}), verified=True)
    with session_scope() as session:
        assert cancellation_refunds.cancellation_progress(
            session, fay, event_id=event_id).paid == 0


def test_the_worker_round_enters_and_pays_back_through_the_demo_gateway(team):
    from portal.worker import refunds_once

    event_id = paid_event(team)
    actor = _crowd(1)[0]
    registration_id = sign_up_for(actor, event_id).id
    pay(actor, registration_id, method="card")
    assert refunds_once() == (0, 0)  # nothing owed: an idle round
    _cancel(team, event_id)
    assert refunds_once() == (1, 1)
    assert refunds_once() == (0, 0)
    with session_scope() as session:
        assert payments.balance(session, registration_id).held_minor == 0
        assert check_ledger(session) == []
