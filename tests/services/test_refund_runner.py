"""The refund runner pays approved card refunds back through the provider once: claimed
atomically, the provider called outside any transaction with one idempotency key, the answer
recorded; a provider that is down is retried later, one that refuses fails the refund."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import RefundStatus
from portal.domain.models import AuditEntry, LedgerEntry
from portal.services import refund_requests, refund_runner
from tests.services.payment_helpers import ledger, paid_event
from tests.services.refund_helpers import FakeGateway, paid_holder, refund


def _card_refund(team, name="Ann"):
    ann, reg_id = paid_holder(name, paid_event(team), method="card")
    with session_scope() as session:
        refund_id = refund_requests.request_refund(session, ann, registration_id=reg_id).id
    return reg_id, refund_id


def _run(gateway, *, later=timedelta(0)):
    return refund_runner.run_once(session_scope, gateway, now=utcnow() + later)


def test_a_card_refund_is_paid_back_once_with_its_idempotency_key(team):
    reg_id, refund_id = _card_refund(team)
    gateway = FakeGateway()
    assert _run(gateway).paid == 1
    [call] = gateway.calls
    assert call["key"] == f"refund-{refund_id}" and call["amount"] == 12000
    assert call["payment_intent"].startswith("pi_")
    assert call["metadata"]["registration_id"] == str(reg_id)
    done = refund(refund_id)
    assert (done.status, done.provider_refund_id) == (RefundStatus.SUCCEEDED.value, "re_1")
    assert ledger(reg_id) == [("charge", 12000), ("refund", 12000)]
    assert _run(gateway, later=timedelta(hours=1)).paid == 0  # nothing left to do
    assert len(gateway.calls) == 1


def test_offline_refunds_are_left_to_finance_staff(team):
    ann, reg_id = paid_holder("Ann", paid_event(team), method="cash")
    with session_scope() as session:
        refund_id = refund_requests.request_refund(session, ann, registration_id=reg_id).id
    gateway = FakeGateway()
    assert _run(gateway).paid == 0 and gateway.calls == []
    assert refund(refund_id).status == RefundStatus.APPROVED.value


def test_a_provider_that_is_down_is_tried_again_later(team):
    reg_id, refund_id = _card_refund(team)
    gateway = FakeGateway(mode="down")
    assert _run(gateway).retrying == 1
    waiting = refund(refund_id)
    assert (waiting.status, waiting.attempts) == (RefundStatus.APPROVED.value, 1)
    assert waiting.next_attempt_at > utcnow() and "503" in waiting.last_error
    assert _run(gateway).retrying == 0  # not due yet: the provider is not called again
    assert len(gateway.calls) == 1
    _run(gateway, later=timedelta(minutes=1, seconds=5))
    assert refund(refund_id).attempts == 2
    assert refund(refund_id).next_attempt_at - utcnow() > timedelta(minutes=2)  # backs off
    gateway.mode = "succeeded"
    assert _run(gateway, later=timedelta(hours=1)).paid == 1
    assert ledger(reg_id) == [("charge", 12000), ("refund", 12000)]
    assert {c["key"] for c in gateway.calls} == {f"refund-{refund_id}"}


def test_a_refused_refund_fails_and_is_audited_for_finance(team):
    reg_id, refund_id = _card_refund(team)
    assert _run(FakeGateway(mode="refuse")).failed == 1
    failed = refund(refund_id)
    assert failed.status == RefundStatus.FAILED.value and "refunded" in failed.last_error
    with session_scope() as session:
        actions = [a.action for a in session.exec(select(AuditEntry).where(
            AuditEntry.object_id == reg_id))]
    assert "refund.failed" in actions
    assert ledger(reg_id) == [("charge", 12000)]


def test_a_pending_refund_waits_and_is_finished_by_a_later_poll(team):
    reg_id, refund_id = _card_refund(team)
    gateway = FakeGateway(mode="pending")
    assert _run(gateway).pending == 1
    pending = refund(refund_id)
    assert (pending.status, pending.provider_refund_id) == (RefundStatus.PROCESSING.value,
                                                           "re_1")
    state = gateway.created[f"refund-{refund_id}"]
    gateway.created[f"refund-{refund_id}"] = type(state)(**{**state.__dict__,
                                                            "status": "succeeded"})
    assert _run(gateway, later=refund_runner.POLL_AFTER + timedelta(seconds=1)).paid == 1
    assert len(gateway.calls) == 1  # asked about, not created again
    assert ledger(reg_id) == [("charge", 12000), ("refund", 12000)]


def test_a_runner_that_died_after_the_provider_call_refunds_once(team):
    reg_id, refund_id = _card_refund(team)
    gateway = FakeGateway()
    now = utcnow()
    with session_scope() as session:
        job = refund_runner.claim(session, refund_id, now=now)
    assert job is not None
    with session_scope() as session:  # a second runner finds it taken
        assert refund_runner.claim(session, refund_id, now=now) is None
    refund_runner._ask(gateway, job)  # the provider refunded; then the runner died
    assert refund(refund_id).status == RefundStatus.PROCESSING.value
    assert _run(gateway).paid == 0  # the lease still runs
    assert _run(gateway, later=refund_runner.LEASE + timedelta(seconds=1)).paid == 1
    assert len(gateway.created) == 1 and len(gateway.calls) == 2  # same key, same refund
    with session_scope() as session:
        entries = list(session.exec(select(LedgerEntry).where(
            LedgerEntry.registration_id == reg_id, LedgerEntry.kind == "refund")))
    assert [e.provider_ref for e in entries] == ["re_1"]
