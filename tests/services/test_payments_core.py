"""The money core: choosing how to pay, settling a payment once, and a payment that arrives
after its seat was released."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import PaymentStatus, RefundCause, RefundStatus, RegistrationStatus
from portal.domain.errors import Conflict, Invalid, NotFound
from portal.domain.models import Payment, Registration
from portal.services import payments
from portal.services.payment_start import choose_offline, pay_sheet, prepare_card
from portal.services.registration_flow import sweep_lapsed
from tests.services.payment_helpers import (
    holder,
    ledger,
    paid_event,
    refunds,
    registration,
)
from tests.services.payment_helpers import (
    payments as payments_of,
)


def _settle(payment_id: int, ref: str = "pi_1") -> payments.Settled:
    with session_scope() as session:
        payment = session.get(Payment, payment_id)
        assert payment is not None
        return payments.settle_paid(session, payment, amount_minor=payment.amount_minor,
                                    provider_ref=ref, now=utcnow())


def test_the_sheet_is_the_registration_own_items_and_only_its_owner_sees_it(team):
    event_id = paid_event(team)
    ann, reg_id = holder("Ann", event_id)
    with session_scope() as session:
        sheet = pay_sheet(session, ann, registration_id=reg_id)
    assert (sheet.total_minor, sheet.currency, sheet.payable) == (12000, "CNY", True)
    assert [line.amount_minor for line in sheet.lines] == [12000]
    with session_scope() as session, pytest.raises(NotFound):
        pay_sheet(session, team["eve"], registration_id=reg_id)


def test_choosing_a_transfer_holds_the_seat_for_days_and_gives_a_reference(team):
    event_id = paid_event(team)
    ann, reg_id = holder("Ann", event_id)
    before = registration(reg_id).hold_expires_at
    with session_scope() as session:
        payment = choose_offline(session, ann, registration_id=reg_id, method="bank_transfer")
        reference = payment.reference
    after = registration(reg_id).hold_expires_at
    assert before is not None and after is not None and after - before > timedelta(days=2)
    assert reference.startswith("EP-") and len(reference) == 11
    # choosing it again keeps the same payment; cash replaces it
    with session_scope() as session:
        again = choose_offline(session, ann, registration_id=reg_id, method="bank_transfer")
        assert again.reference == reference
        cash = choose_offline(session, ann, registration_id=reg_id, method="cash")
        assert cash.reference != reference
    statuses = [p.status for p in payments_of(reg_id)]
    assert statuses == [PaymentStatus.ABANDONED.value, PaymentStatus.PENDING.value]


@pytest.mark.parametrize("method", ["card", "cheque", ""])
def test_choose_offline_refuses_other_methods(team, method):
    ann, reg_id = holder("Ann", paid_event(team))
    with session_scope() as session, pytest.raises(Invalid):
        choose_offline(session, ann, registration_id=reg_id, method=method)
    assert payments_of(reg_id) == []


def test_someone_else_cannot_choose_for_a_registration(team):
    _ann, reg_id = holder("Ann", paid_event(team))
    with session_scope() as session, pytest.raises(NotFound):
        choose_offline(session, team["eve"], registration_id=reg_id, method="cash")
    assert payments_of(reg_id) == []


def test_settling_confirms_once_and_enters_the_charge_once(team):
    ann, reg_id = holder("Ann", paid_event(team))
    with session_scope() as session:
        payment_id = choose_offline(session, ann, registration_id=reg_id, method="cash").id
    assert _settle(payment_id) is payments.Settled.CONFIRMED
    assert _settle(payment_id) is payments.Settled.ALREADY
    assert registration(reg_id).status == RegistrationStatus.CONFIRMED.value
    assert ledger(reg_id) == [("charge", 12000)]
    with session_scope() as session:
        assert payments.balance(session, reg_id).held_minor == 12000
    # a paid registration cannot be paid again
    with session_scope() as session, pytest.raises(Conflict):
        choose_offline(session, ann, registration_id=reg_id, method="cash")


def test_a_card_attempt_describes_the_checkout_from_the_server_amount(team):
    ann, reg_id = holder("Ann", paid_event(team))
    with session_scope() as session:
        attempt = prepare_card(session, ann, registration_id=reg_id, provider="demo")
    request = attempt.request
    assert [(line.label, line.amount_minor) for line in request.lines] == [
        ("Registration", 12000)] or sum(line.amount_minor for line in request.lines) == 12000
    assert request.idempotency_key == f"checkout-{attempt.payment_id}"
    assert request.expires_at - utcnow() >= timedelta(minutes=30)  # Stripe's minimum
    with session_scope() as session:
        again = prepare_card(session, ann, registration_id=reg_id, provider="demo")
    assert again.payment_id == attempt.payment_id  # a retry reuses the key


def _lapse(reg_id: int) -> None:
    with session_scope() as session:
        session.execute(update(Registration).where(Registration.id == reg_id)
                        .values(hold_expires_at=utcnow() - timedelta(minutes=1)))
    with session_scope() as session:
        assert sweep_lapsed(session, now=utcnow()) == 1


def test_a_payment_after_the_hold_lapsed_confirms_when_a_seat_is_free(team):
    ann, reg_id = holder("Ann", paid_event(team, capacity=1))
    with session_scope() as session:
        payment_id = choose_offline(session, ann, registration_id=reg_id, method="cash").id
    _lapse(reg_id)
    assert registration(reg_id).status == RegistrationStatus.EXPIRED.value
    assert _settle(payment_id) is payments.Settled.CONFIRMED
    revived = registration(reg_id)
    assert revived.status == RegistrationStatus.CONFIRMED.value
    assert revived.active_user_id == revived.user_id
    assert refunds(reg_id) == []


def test_a_payment_after_the_seat_went_to_someone_else_is_refunded_in_full(team):
    event_id = paid_event(team, capacity=1)
    ann, reg_id = holder("Ann", event_id)
    with session_scope() as session:
        payment_id = choose_offline(session, ann, registration_id=reg_id, method="cash").id
    _lapse(reg_id)
    _bob, bob_reg = holder("Bob", event_id)  # takes the freed seat
    assert registration(bob_reg).status == RegistrationStatus.PENDING_PAYMENT.value
    assert _settle(payment_id) is payments.Settled.REFUNDING
    assert registration(reg_id).status == RegistrationStatus.EXPIRED.value
    [refund] = refunds(reg_id)
    assert (refund.cause, refund.status, refund.amount_minor) == (
        RefundCause.LATE_PAYMENT.value, RefundStatus.APPROVED.value, 12000)
    assert _settle(payment_id) is payments.Settled.ALREADY
    assert len(refunds(reg_id)) == 1
    from sqlmodel import select

    from portal.domain.models import OutboxEmail

    with session_scope() as session:  # told once, in their language, with the amount
        [body] = session.exec(select(OutboxEmail.body_text).where(
            OutboxEmail.template == "payment_refunded_late")).all()
    assert "120.00" in body


def test_a_refund_paid_is_entered_once_and_balances(team):
    event_id = paid_event(team, capacity=1)
    ann, reg_id = holder("Ann", event_id)
    with session_scope() as session:
        payment_id = choose_offline(session, ann, registration_id=reg_id, method="cash").id
    _lapse(reg_id)
    holder("Bob", event_id)  # the freed seat is gone
    assert _settle(payment_id) is payments.Settled.REFUNDING
    [refund] = refunds(reg_id)
    for expected in (True, False):
        with session_scope() as session:
            from portal.domain.models import Refund

            row = session.get(Refund, refund.id)
            assert row is not None
            assert payments.record_refund_paid(session, row, provider="offline",
                                               provider_ref=f"offline-refund-{row.id}",
                                               now=utcnow()) is expected
    assert ledger(reg_id) == [("charge", 12000), ("refund", 12000)]
    with session_scope() as session:
        assert payments.balance(session, reg_id).held_minor == 0
