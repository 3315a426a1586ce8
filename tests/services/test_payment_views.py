"""What the attendee sees of paying: the return page's progress, the demo card page's checkout
(its holder only, the demo gateway only), My registrations' payment notes, and the receipt
(the holder and finance staff, with refunds from the ledger) as a page and a PDF."""

from __future__ import annotations

import pytest
from sqlalchemy import update
from sqlmodel import col, select

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import RefundCause, RefundStatus, Role
from portal.domain.errors import Forbidden, NotFound
from portal.domain.models import Payment, Registration
from portal.domain.policies import Actor
from portal.integrations.payments_demo import DemoGateway
from portal.services import payment_views, payments
from portal.services.payment_start import choose_offline, prepare_card
from portal.services.receipt_files import receipt_pdf
from portal.services.receipt_text import receipt_text
from portal.settings import get_settings
from tests.services.payment_helpers import holder, paid_event


@pytest.fixture
def gateway(engine) -> DemoGateway:
    return DemoGateway(webhook_secret=get_settings().webhook_secret,
                       base_url="http://localhost:3000")


def _card_checkout(gateway: DemoGateway, actor, reg_id: int) -> str:
    with session_scope() as session:
        attempt = prepare_card(session, actor, registration_id=reg_id, provider="demo")
    state = gateway.create_checkout(attempt.request)
    with session_scope() as session:
        payment_views.attach_own_checkout(session, actor, registration_id=reg_id,
                                          payment_id=attempt.payment_id, state=state)
    return state.id


def _paid_by_transfer(actor, reg_id: int) -> str:
    with session_scope() as session:
        payment = choose_offline(session, actor, registration_id=reg_id,
                                 method="bank_transfer")
        payments.settle_paid(session, payment, amount_minor=payment.amount_minor,
                             provider_ref=payment.reference, now=utcnow(), note="received")
        return payment.reference


def test_the_demo_checkout_shows_its_holder_the_server_amount_and_nobody_else(team, gateway):
    ann, reg_id = holder("Ann", paid_event(team))
    checkout_id = _card_checkout(gateway, ann, reg_id)
    with session_scope() as session:
        view = payment_views.demo_checkout(session, ann, checkout_id=checkout_id)
    assert (view.amount_minor, view.currency, view.registration_id) == (12000, "CNY", reg_id)
    assert [line.amount_minor for line in view.lines] == [12000]
    for other in (team["eve"], team["olga"], Actor.anonymous()):
        with session_scope() as session, pytest.raises((NotFound, Forbidden)):
            payment_views.demo_checkout(session, other, checkout_id=checkout_id)
    with session_scope() as session, pytest.raises(NotFound):
        payment_views.demo_checkout(session, ann, checkout_id="cs_demo_forged")


def test_the_demo_page_refuses_a_checkout_of_another_gateway(team, gateway):
    ann, reg_id = holder("Ann", paid_event(team))
    checkout_id = _card_checkout(gateway, ann, reg_id)
    with session_scope() as session:
        session.execute(update(Payment).where(col(Payment.checkout_id) == checkout_id)
                        .values(provider="stripe"))
    with session_scope() as session, pytest.raises(NotFound):
        payment_views.demo_checkout(session, ann, checkout_id=checkout_id)


def test_attaching_a_checkout_to_someone_elses_payment_is_refused(team, gateway):
    ann, reg_id = holder("Ann", paid_event(team))
    bob, bob_reg = holder("Bob", paid_event(team))
    with session_scope() as session:
        attempt = prepare_card(session, ann, registration_id=reg_id, provider="demo")
    state = gateway.create_checkout(attempt.request)
    with session_scope() as session, pytest.raises(NotFound):
        payment_views.attach_own_checkout(session, bob, registration_id=reg_id,
                                          payment_id=attempt.payment_id, state=state)
    from portal.domain.errors import Conflict

    with session_scope() as session, pytest.raises(Conflict):
        payment_views.attach_own_checkout(session, bob, registration_id=bob_reg,
                                          payment_id=attempt.payment_id, state=state)


def test_progress_turns_confirmed_with_the_ticket_after_the_card_page_pays(team, gateway):
    ann, reg_id = holder("Ann", paid_event(team))
    checkout_id = _card_checkout(gateway, ann, reg_id)
    with session_scope() as session:
        before = payment_views.payment_progress(session, ann, registration_id=reg_id)
        assert payment_views.own_checkout(session, ann, registration_id=reg_id,
                                          checkout_id=checkout_id) == checkout_id
    assert (before.confirmed, before.ticket_code, before.card_status) == (False, "", "pending")
    gateway.finish(checkout_id, "pay")
    with session_scope() as session:
        after = payment_views.payment_progress(session, ann, registration_id=reg_id)
    assert after.confirmed and after.ticket_code and after.card_status == "succeeded"
    with session_scope() as session, pytest.raises(NotFound):
        payment_views.own_checkout(session, team["eve"], registration_id=reg_id,
                                   checkout_id=checkout_id)
    with session_scope() as session, pytest.raises(NotFound):
        payment_views.payment_progress(session, team["eve"], registration_id=reg_id)


def test_a_declined_card_shows_as_declined(team, gateway):
    ann, reg_id = holder("Ann", paid_event(team))
    gateway.finish(_card_checkout(gateway, ann, reg_id), "decline")
    with session_scope() as session:
        progress = payment_views.payment_progress(session, ann, registration_id=reg_id)
    assert (progress.confirmed, progress.card_status) == (False, "failed")


def test_notes_show_the_offline_reference_and_deadline_then_the_receipt(team):
    ann, reg_id = holder("Ann", paid_event(team))
    _bob, bob_reg = holder("Bob", paid_event(team))
    with session_scope() as session:
        payment = choose_offline(session, ann, registration_id=reg_id, method="cash")
        reference = payment.reference
    with session_scope() as session:
        notes = payment_views.payment_notes(session, ann, registration_ids=[reg_id, bob_reg])
    assert list(notes) == [reg_id]  # never another person's
    assert (notes[reg_id].method, notes[reg_id].reference, notes[reg_id].paid) == (
        "cash", reference, False)
    assert notes[reg_id].due_at is not None
    with session_scope() as session:
        payment = session.get(Payment, payment.id)
        payments.settle_paid(session, payment, amount_minor=12000, provider_ref=reference,
                             now=utcnow())
    with session_scope() as session:
        notes = payment_views.payment_notes(session, ann, registration_ids=[reg_id])
    assert notes[reg_id].paid and notes[reg_id].due_at is None


def test_the_receipt_is_for_the_payer_and_finance_staff_only(team):
    ann, reg_id = holder("Ann", paid_event(team))
    reference = _paid_by_transfer(ann, reg_id)
    finance = Actor(user_id=team["rita"].user_id, roles=frozenset({Role.STAFF_FINANCE}))
    for reader, by in ((ann, {"registration_id": reg_id}), (ann, {"reference": reference}),
                       (finance, {"reference": reference})):
        with session_scope() as session:
            found = payment_views.receipt(session, reader, **by)
        assert (found.reference, found.total_minor, found.method) == (
            reference, 12000, "bank_transfer")
    for other in (team["eve"], team["rita"], team["olga"], Actor.anonymous()):
        with session_scope() as session, pytest.raises(NotFound):
            payment_views.receipt(session, other, reference=reference)


def test_no_receipt_before_the_money_arrived(team):
    ann, reg_id = holder("Ann", paid_event(team))
    with session_scope() as session:
        reference = choose_offline(session, ann, registration_id=reg_id,
                                   method="bank_transfer").reference
    with session_scope() as session, pytest.raises(NotFound):
        payment_views.receipt(session, ann, registration_id=reg_id)
    with session_scope() as session, pytest.raises(NotFound):
        payment_views.receipt(session, ann, reference=reference)


def test_the_receipt_lists_refunds_from_the_ledger_and_prints_in_chinese(team):
    ann, reg_id = holder("Ann", paid_event(team))
    reference = _paid_by_transfer(ann, reg_id)
    with session_scope() as session:
        payment = session.exec(select(Payment).where(Payment.reference == reference)).one()
        refund = payments.create_refund(
            session, session.get(Registration, reg_id), payment, amount_minor=12000,
            cause=RefundCause.STAFF, cause_key=f"test:{reg_id}",
            status=RefundStatus.APPROVED, now=utcnow())
        assert refund is not None
        payments.record_refund_paid(session, refund, provider="offline",
                                    provider_ref="manual", now=utcnow())
    with session_scope() as session:
        found = payment_views.receipt(session, ann, registration_id=reg_id)
    assert [r.amount_minor for r in found.refunds] == [12000] and found.refunded_minor == 12000
    text = receipt_text(found, "zh-Hans")
    assert text.refunds and text.total.endswith("120.00")
    pdf = receipt_pdf(text)
    assert pdf.startswith(b"%PDF") and b"STSong-Light" in pdf
    assert receipt_pdf(receipt_text(found, "en")).startswith(b"%PDF")
