"""Refunds a person asks for: the policy's quote, within the policy (cancelled at once, the
seat offered on), outside it (the organizer grants or declines), and cancelling a paid
registration."""

from __future__ import annotations

import pytest
from sqlmodel import select

from portal.db import session_scope
from portal.domain.enums import RefundCause, RefundStatus, RegistrationStatus
from portal.domain.errors import Conflict, Invalid, NotFound
from portal.domain.models import Notification, Registration
from portal.domain.refund_policy import RefundTier
from portal.services import refund_requests, registrations
from portal.services.refund_requests import describe_quote
from tests.services.payment_helpers import holder, ledger, paid_event, refunds
from tests.services.payment_helpers import registration as registration_of
from tests.services.refund_helpers import paid_holder, refund
from tests.services.registration_helpers import person, set_event, sign_up_for


def _quote(actor, reg_id):
    with session_scope() as session:
        return refund_requests.refund_quote(session, actor, registration_id=reg_id)


def _ask(actor, reg_id, reason=""):
    with session_scope() as session:
        return refund_requests.request_refund(session, actor, registration_id=reg_id,
                                              reason=reason).id


def _decide(actor, refund_id, decision, amount=None, note=""):
    with session_scope() as session:
        return refund_requests.decide_refund(session, actor, refund_id=refund_id,
                                             decision=decision, amount_minor=amount, note=note)


def _outside_policy(event_id):
    # the event starts in 30 days: a policy of 60/40 days gives nothing back any more
    set_event(event_id, refund_full_days=60, refund_partial_days=40)


def _templates(user_id):
    with session_scope() as session:
        return [n.template for n in session.exec(
            select(Notification).where(Notification.user_id == user_id))]


def test_the_quote_says_the_tier_amount_and_until_when(team):
    event_id = paid_event(team)
    ann, reg_id = paid_holder("Ann", event_id)
    full = _quote(ann, reg_id)
    assert (full.tier, full.amount_minor, full.held_minor) == (RefundTier.FULL, 12000, 12000)
    assert "everything back" in describe_quote(full, "en") and "120.00" in describe_quote(
        full, "en")
    set_event(event_id, refund_full_days=40, refund_partial_days=10, refund_partial_percent=25)
    partial = _quote(ann, reg_id)
    assert (partial.tier, partial.amount_minor, partial.percent) == (RefundTier.PARTIAL, 3000,
                                                                     25)
    assert "30.00" in describe_quote(partial, "zh-Hans")
    _outside_policy(event_id)
    assert _quote(ann, reg_id).amount_minor == 0
    with session_scope() as session, pytest.raises(NotFound):
        refund_requests.refund_quote(session, team["eve"], registration_id=reg_id)


def test_an_unpaid_registration_has_no_quote(team):
    ann, reg_id = holder("Ann", paid_event(team))  # the seat is held, nothing paid
    with session_scope() as session, pytest.raises(Conflict):
        refund_requests.refund_quote(session, ann, registration_id=reg_id)
    with pytest.raises(Conflict):
        _ask(ann, reg_id)
    assert refunds(reg_id) == []


def test_within_the_policy_the_seat_is_freed_and_offered_to_the_waiting_list(team):
    event_id = paid_event(team, capacity=1)
    ann, reg_id = paid_holder("Ann", event_id)
    bob = person("Bob")
    bob_reg = sign_up_for(bob, event_id, join_waitlist=True).id
    assert registration_of(bob_reg).status == RegistrationStatus.WAITLISTED.value
    refund_id = _ask(ann, reg_id, reason="I cannot come")
    given = refund(refund_id)
    assert (given.status, given.cause, given.amount_minor) == (
        RefundStatus.APPROVED.value, RefundCause.ATTENDEE.value, 12000)
    cancelled = registration_of(reg_id)
    assert cancelled.status == RegistrationStatus.CANCELLED.value and cancelled.refund_due
    assert registration_of(bob_reg).status == RegistrationStatus.OFFERED.value
    assert "waitlist_offer" in _templates(bob.user_id)
    # nothing is in the ledger until the money goes back
    assert ledger(reg_id) == [("charge", 12000)]


def test_a_second_request_while_one_is_open_changes_nothing(team):
    event_id = paid_event(team)
    _outside_policy(event_id)
    ann, reg_id = paid_holder("Ann", event_id)
    _ask(ann, reg_id, reason="Ill")
    with pytest.raises(Conflict):
        _ask(ann, reg_id, reason="Still ill")
    assert len(refunds(reg_id)) == 1
    assert registration_of(reg_id).status == RegistrationStatus.CONFIRMED.value


def test_someone_else_cannot_ask_for_a_persons_refund(team):
    ann, reg_id = paid_holder("Ann", paid_event(team))
    with pytest.raises(NotFound):
        _ask(team["eve"], reg_id, reason="mine now")
    assert refunds(reg_id) == []
    assert registration_of(reg_id).status == RegistrationStatus.CONFIRMED.value


def test_outside_the_policy_the_organizer_is_asked_with_the_reason(team):
    event_id = paid_event(team)
    _outside_policy(event_id)
    ann, reg_id = paid_holder("Ann", event_id)
    with pytest.raises(Invalid) as refused:
        _ask(ann, reg_id)
    assert refused.value.field == "reason" and refunds(reg_id) == []
    refund_id = _ask(ann, reg_id, reason="My flight was cancelled")
    asked = refund(refund_id)
    assert (asked.status, asked.reason) == (RefundStatus.REQUESTED.value,
                                            "My flight was cancelled")
    assert registration_of(reg_id).status == RegistrationStatus.CONFIRMED.value
    assert "refund_requested" in _templates(team["olga"].user_id)
    with session_scope() as session:
        [open_one] = refund_requests.list_refund_requests(session, team["olga"])
    assert (open_one.id, open_one.person, open_one.amount_minor) == (refund_id, "Ann", 12000)
    with session_scope() as session:
        assert refund_requests.list_refund_requests(session, team["olga"])
    with session_scope() as session:
        assert refund_requests.list_refund_requests(session, team["eve"]) == []


def test_the_organizer_declines_with_a_reason_and_the_person_is_told(team):
    event_id = paid_event(team)
    _outside_policy(event_id)
    ann, reg_id = paid_holder("Ann", event_id)
    refund_id = _ask(ann, reg_id, reason="Ill")
    for outsider in (team["eve"], team["rita"], ann):  # not a member of the organizer
        with pytest.raises(NotFound):
            _decide(outsider, refund_id, "grant")
    with pytest.raises(Invalid) as refused:
        _decide(team["olga"], refund_id, "decline")
    assert refused.value.field == "note"
    with pytest.raises(Invalid):
        _decide(team["olga"], refund_id, "maybe", note="x")
    assert refund(refund_id).status == RefundStatus.REQUESTED.value
    _decide(team["olga"], refund_id, "decline", note="Tickets are non-refundable now.")
    declined = refund(refund_id)
    assert (declined.status, declined.decision_note, declined.open_registration_id) == (
        RefundStatus.DECLINED.value, "Tickets are non-refundable now.", None)
    assert registration_of(reg_id).status == RegistrationStatus.CONFIRMED.value
    assert "refund_declined" in _templates(ann.user_id)
    with pytest.raises(Conflict):
        _decide(team["olga"], refund_id, "grant")
    # declined: the person may ask again
    assert refund(_ask(ann, reg_id, reason="Please")).status == RefundStatus.REQUESTED.value


def test_the_organizer_grants_up_to_what_was_paid(team):
    event_id = paid_event(team, capacity=1)
    _outside_policy(event_id)
    ann, reg_id = paid_holder("Ann", event_id)
    refund_id = _ask(ann, reg_id, reason="Ill")
    for amount in (12001, 0, -5, "ten"):
        with pytest.raises(Invalid) as refused:
            _decide(team["olga"], refund_id, "grant", amount=amount)
        assert refused.value.field == "amount"
    assert refund(refund_id).status == RefundStatus.REQUESTED.value
    _decide(team["olga"], refund_id, "grant", amount=6000, note="Half, as a gesture.")
    granted = refund(refund_id)
    assert (granted.status, granted.amount_minor, granted.decided_by_id) == (
        RefundStatus.APPROVED.value, 6000, team["olga"].user_id)
    assert registration_of(reg_id).status == RegistrationStatus.CANCELLED.value
    assert "refund_granted" in _templates(ann.user_id)


def test_cancelling_a_paid_registration_takes_the_policy_refund(team):
    event_id = paid_event(team)
    ann, reg_id = paid_holder("Ann", event_id)
    with session_scope() as session:
        registrations.cancel_registration(session, ann, registration_id=reg_id)
    [given] = refunds(reg_id)
    assert (given.status, given.amount_minor) == (RefundStatus.APPROVED.value, 12000)
    assert registration_of(reg_id).refund_due
    # outside the policy, cancelling gives the seat up with nothing back
    bob, bob_reg = paid_holder("Bob", event_id)
    _outside_policy(event_id)
    with session_scope() as session:
        registrations.cancel_registration(session, bob, registration_id=bob_reg)
    cancelled = registration_of(bob_reg)
    assert cancelled.status == RegistrationStatus.CANCELLED.value and not cancelled.refund_due
    assert refunds(bob_reg) == []


def test_cancelling_while_a_request_waits_for_the_organizer_is_refused(team):
    event_id = paid_event(team)
    _outside_policy(event_id)
    ann, reg_id = paid_holder("Ann", event_id)
    _ask(ann, reg_id, reason="Ill")
    with session_scope() as session, pytest.raises(Conflict):
        registrations.cancel_registration(session, ann, registration_id=reg_id)
    with session_scope() as session:
        assert session.get(Registration, reg_id).status == RegistrationStatus.CONFIRMED.value
