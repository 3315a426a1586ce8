"""Deciding and closing a complaint (rules §6.2.3): not upheld, or upheld with remedies — a
refund that really goes back through the payments work (and into the ledger), notices and
sanctions recorded as asked for — then the result to the complainant, who is satisfied or asks
once, within the window, to reopen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from portal.db import session_scope
from portal.domain.enums import (
    ComplaintRemedyKind,
    ComplaintStatus,
    RefundCause,
    RefundStatus,
    Role,
)
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import Refund
from portal.services import complaints_outcome as outcome
from portal.services import complaints_parties as parties
from portal.services import complaints_process as process
from portal.services import finance_payments, refund_runner
from portal.services.complaints_outcome import RemedyInput
from portal.services.finance_payments import OfflineReceipt
from tests.services.complaint_helpers import (
    actions,
    call,
    complaint,
    file_online,
    mails,
    staff,
)
from tests.services.payment_helpers import ledger, paid_event
from tests.services.refund_helpers import FakeGateway, paid_holder
from tests.services.registration_helpers import person


def _paid_complaint(team, cora, *, method="cash"):
    ann, reg_id = paid_holder("Ann", paid_event(team), method=method)
    filed = file_online(ann, about="registration", registration_id=reg_id, category="fees")
    call(process.accept_complaint, cora, complaint_id=filed.id)
    call(process.start_investigation, cora, complaint_id=filed.id)
    return ann, reg_id, filed.id


def _refunds(reg_id: int) -> list[Refund]:
    with session_scope() as session:
        rows = list(session.exec(select(Refund).where(Refund.registration_id == reg_id)))
        for row in rows:
            session.expunge(row)
        return rows


def test_upheld_with_a_cash_refund_that_finance_pays_back(team):
    cora = staff()
    finn = staff("Finn", frozenset({Role.STAFF_FINANCE}))
    ann, reg_id, complaint_id = _paid_complaint(team, cora)
    detail = call(outcome.handle_complaint, cora, complaint_id=complaint_id,
                  findings="The materials fee was charged but no materials were given.",
                  outcome="upheld",
                  remedies=[RemedyInput(kind="refund", amount_minor=5000),
                            RemedyInput(kind="rectification_notice",
                                        note="Fee list must match what is given."),
                            RemedyInput(kind="sanction", note="Warning")])
    assert detail.status is ComplaintStatus.HANDLED and detail.outcome.value == "upheld"
    assert [r.kind for r in detail.remedies] == [ComplaintRemedyKind.REFUND,
                                                 ComplaintRemedyKind.RECTIFICATION_NOTICE,
                                                 ComplaintRemedyKind.SANCTION]
    [refund] = _refunds(reg_id)
    assert (refund.cause, refund.status, refund.amount_minor) == (
        RefundCause.STAFF.value, RefundStatus.APPROVED.value, 5000)
    assert detail.remedies[0].refund_id == refund.id
    assert ledger(reg_id) == [("charge", 12000)]  # owed, not yet paid back
    call(finance_payments.mark_refund_paid, finn, refund_id=refund.id,
         receipt=OfflineReceipt(received_on=finance_payments.today()))
    assert ledger(reg_id) == [("charge", 12000), ("refund", 5000)]
    assert mails("ann@example.org")[-1].template == "refund_paid"
    after = call(outcome.send_feedback, cora, complaint_id=complaint_id,
                 body="We refunded the materials fee and warned the organizer.")
    assert after.status is ComplaintStatus.FEEDBACK_SENT
    [result] = [m for m in mails("ann@example.org") if m.template == "complaint_feedback"]
    assert "upheld" in result.body_text and "50.00" in result.body_text
    mine = call(parties.my_complaint, ann, complaint_id=complaint_id)
    assert mine.can_confirm and mine.can_reopen and mine.remedies[0].refund_status == \
        RefundStatus.SUCCEEDED


def test_a_card_refund_goes_back_through_the_provider_into_the_ledger(team):
    cora = staff()
    _ann, reg_id, complaint_id = _paid_complaint(team, cora, method="card")
    call(outcome.handle_complaint, cora, complaint_id=complaint_id, findings="Overcharged.",
         outcome="upheld", remedies=[RemedyInput(kind="refund", amount_minor=12000)])
    gateway = FakeGateway()
    assert refund_runner.run_once(session_scope, gateway).paid == 1
    assert gateway.calls[0]["amount"] == 12000
    assert ledger(reg_id) == [("charge", 12000), ("refund", 12000)]


def test_refund_remedy_refusals_change_nothing(team):
    cora = staff()
    _ann, reg_id, complaint_id = _paid_complaint(team, cora)
    for remedy in (RemedyInput(kind="refund", amount_minor=12001),
                   RemedyInput(kind="refund", amount_minor=0),
                   RemedyInput(kind="refund")):
        with pytest.raises(Invalid):
            call(outcome.handle_complaint, cora, complaint_id=complaint_id, findings="x",
                 outcome="upheld", remedies=[remedy])
    with pytest.raises(Invalid):  # remedies only with upheld
        call(outcome.handle_complaint, cora, complaint_id=complaint_id, findings="x",
             outcome="not_upheld", remedies=[RemedyInput(kind="sanction")])
    with pytest.raises(Invalid):
        call(outcome.handle_complaint, cora, complaint_id=complaint_id, findings="x",
             outcome="upheld", remedies=[RemedyInput(kind="other", note=" ")])
    assert _refunds(reg_id) == [] and complaint(complaint_id).status == "investigating"
    platform = file_online(person("Bob"))
    call(process.accept_complaint, cora, complaint_id=platform.id)
    with pytest.raises(Invalid):  # nothing paid to give back
        call(outcome.handle_complaint, cora, complaint_id=platform.id, findings="x",
             outcome="upheld", remedies=[RemedyInput(kind="refund", amount_minor=100)])
    assert complaint(platform.id).status == "accepted"


def test_not_upheld_then_satisfied(team):
    cora = staff()
    ann, _reg, complaint_id = _paid_complaint(team, cora)
    with pytest.raises(Forbidden):
        call(outcome.handle_complaint, team["olga"], complaint_id=complaint_id, findings="x",
             outcome="not_upheld")
    call(outcome.handle_complaint, cora, complaint_id=complaint_id,
         findings="The fee was on the event page.", outcome="not_upheld")
    with pytest.raises(Conflict):  # the result is not sent yet
        call(outcome.confirm_satisfied, ann, complaint_id=complaint_id)
    call(outcome.send_feedback, cora, complaint_id=complaint_id, body="The fee was listed.")
    with pytest.raises(NotFound):
        call(outcome.confirm_satisfied, team["eve"], complaint_id=complaint_id)
    mine = call(outcome.confirm_satisfied, ann, complaint_id=complaint_id)
    assert (mine.status, mine.closure.value) == (ComplaintStatus.CLOSED, "satisfied")
    assert actions(complaint_id)[-3:] == ["complaint.handled", "complaint.feedback_sent",
                                          "complaint.closed"]
    with pytest.raises(Conflict):
        call(outcome.ask_to_reopen, ann, complaint_id=complaint_id, reason="Changed my mind")


def test_reopen_once_within_the_window(team, complaint_clock):
    cora = staff()
    ann, _reg, complaint_id = _paid_complaint(team, cora)
    call(process.assign_complaint, cora, complaint_id=complaint_id, assignee_id=cora.user_id)
    call(outcome.handle_complaint, cora, complaint_id=complaint_id, findings="x",
         outcome="not_upheld")
    call(outcome.send_feedback, cora, complaint_id=complaint_id, body="Not upheld.")
    complaint_clock.now += timedelta(days=13)
    with pytest.raises(Invalid):
        call(outcome.ask_to_reopen, ann, complaint_id=complaint_id, reason="")
    mine = call(outcome.ask_to_reopen, ann, complaint_id=complaint_id,
                reason="The organizer's answer is not true; I have photos.")
    assert mine.status is ComplaintStatus.INVESTIGATING and not mine.can_reopen
    assert mails("cora@example.org")[-1].template == "complaint_reopened"
    found = complaint(complaint_id)
    assert found.reopened_at == complaint_clock.now and found.due_at > complaint_clock.now
    call(outcome.handle_complaint, cora, complaint_id=complaint_id, findings="Photos checked.",
         outcome="not_upheld")
    call(outcome.send_feedback, cora, complaint_id=complaint_id, body="Still not upheld.")
    with pytest.raises(Conflict):  # once only
        call(outcome.ask_to_reopen, ann, complaint_id=complaint_id, reason="Again")
    assert call(parties.my_complaint, ann, complaint_id=complaint_id).can_reopen is False


def test_after_the_window_it_closes_unanswered(team, complaint_clock):
    cora = staff()
    ann, _reg, complaint_id = _paid_complaint(team, cora)
    call(outcome.handle_complaint, cora, complaint_id=complaint_id, findings="x",
         outcome="not_upheld")
    call(outcome.send_feedback, cora, complaint_id=complaint_id, body="Not upheld.")
    complaint_clock.now += timedelta(days=14, minutes=1)
    assert call(parties.my_complaint, ann, complaint_id=complaint_id).can_reopen is False
    with pytest.raises(Conflict):
        call(outcome.ask_to_reopen, ann, complaint_id=complaint_id, reason="Too late?")
    with session_scope() as session:
        assert not outcome.any_unanswered(session, now=complaint_clock.now - timedelta(days=1))
        assert outcome.any_unanswered(session, now=complaint_clock.now)
        assert outcome.close_unanswered(session, now=complaint_clock.now) == 1
    found = complaint(complaint_id)
    assert (found.status, found.closure) == ("closed", "no_answer")
    with session_scope() as session:
        assert outcome.close_unanswered(session, now=complaint_clock.now) == 0


def test_the_complainant_replies_while_it_is_open(team):
    cora = staff()
    ann, _reg, complaint_id = _paid_complaint(team, cora)
    dan = staff("Dan")
    call(process.assign_complaint, cora, complaint_id=complaint_id, assignee_id=dan.user_id)
    mine = call(outcome.reply_to_complaint, ann, complaint_id=complaint_id,
                body="Here is one more detail.")
    assert (mine.timeline[-1].body, mine.timeline[-1].author) == ("Here is one more detail.",
                                                                  "Ann")
    assert mails("dan@example.org")[-1].template == "complaint_reply"
    with pytest.raises(NotFound):
        call(outcome.reply_to_complaint, team["eve"], complaint_id=complaint_id, body="Me too")
