"""Finance staff and offline money: confirming a transfer or cash payment exactly once, at
exactly its amount; marking one not received once its hold lapsed; paying offline refunds
back; searching payments and refunds; a registration's payment history."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import (
    PaymentStatus,
    RefundCause,
    RefundStatus,
    RegistrationStatus,
    Role,
)
from portal.domain.errors import Conflict, DomainError, Forbidden, Invalid, NotFound
from portal.domain.models import AuditEntry, OutboxEmail, Payment, Registration, User
from portal.domain.policies import Actor
from portal.services import finance_payments as finance
from portal.services import finance_queries as queries
from portal.services import payments
from portal.services.paging import PageRequest
from portal.services.payment_start import choose_offline
from portal.services.users import create_user
from tests.services.payment_helpers import holder, ledger, paid_event, refunds, registration
from tests.services.payment_helpers import payments as payments_of


def _staff(name: str, *roles: Role) -> Actor:
    with session_scope() as session:
        user = create_user(session, name=name, email=f"{name.lower()}@staff.example",
                           password=None, roles=frozenset(roles), verified=True,
                           phone="+86 138 0000 0003", date_of_birth=date(1980, 1, 1),
                           accepted_rules=True)
        return Actor(user_id=user.id, roles=frozenset(roles), verified=True,
                     accepted_rules=True)


@pytest.fixture
def fin(team) -> Actor:
    return _staff("Fiona", Role.STAFF_FINANCE)


def _transfer(team, who: str = "Ann", method: str = "bank_transfer", **event):
    """(person, registration id, payment id, reference): a seat held for a transfer."""
    ann, reg_id = holder(who, paid_event(team, **event))
    with session_scope() as session:
        payment = choose_offline(session, ann, registration_id=reg_id, method=method)
        return ann, reg_id, payment.id, payment.reference


def _receipt(amount: str = "120.00", day: date | None = None, note: str = "") -> \
        finance.OfflineReceipt:
    return finance.OfflineReceipt(amount=amount, received_on=day or finance.today(), note=note)


def _confirm(actor: Actor, payment_id: int, **receipt) -> finance.Confirmation:
    with session_scope() as session:
        return finance.confirm_offline_payment(session, actor, payment_id=payment_id,
                                               receipt=_receipt(**receipt))


def _refused(error: type[DomainError], call, *args, **kwargs) -> DomainError:
    with session_scope() as session, pytest.raises(error) as caught:
        call(session, *args, **kwargs)
    return caught.value


def _page(**raw) -> PageRequest:
    return PageRequest.parse(**raw)


def test_the_exact_amount_confirms_the_registration_once(team, fin, db):
    _ann, reg_id, payment_id, reference = _transfer(team)
    done = _confirm(fin, payment_id, note="Bank statement line 14")
    assert (done.outcome, done.reference, done.amount_minor) == \
        (finance.Confirmed.CONFIRMED, reference, 12000)
    assert registration(reg_id).status == RegistrationStatus.CONFIRMED.value
    assert ledger(reg_id) == [("charge", 12000)]
    paid = payments_of(reg_id)[0]
    assert (paid.status, paid.confirmed_by_id, paid.received_on, paid.note) == \
        ("succeeded", fin.user_id, finance.today(), "Bank statement line 14")
    actions = [a for (a,) in db.execute(select(AuditEntry.action).where(
        AuditEntry.object_id == reg_id, AuditEntry.object_type == "registration"))]
    assert "payment.succeeded" in actions and "registration.confirmed" in actions
    # a second confirmation (a double click, another colleague) is refused and changes nothing
    error = _refused(Conflict, finance.confirm_offline_payment, fin, payment_id=payment_id,
                     receipt=_receipt())
    assert "already confirmed" in error.message
    assert ledger(reg_id) == [("charge", 12000)]


@pytest.mark.parametrize(("amount", "words"), [
    ("100", "exactly CN¥120.00"), ("120.01", "exactly CN¥120.00"), ("240", "exactly"),
    ("", "Enter the amount"), ("12O", "such as 12.50"), ("-120", "zero or more"),
    ("120.001", "decimal places")])
def test_a_wrong_amount_is_refused_with_the_expected_one(team, fin, amount, words):
    _ann, reg_id, payment_id, _ref = _transfer(team)
    error = _refused(Invalid, finance.confirm_offline_payment, fin, payment_id=payment_id,
                     receipt=_receipt(amount))
    assert error.field == "amount" and words in error.message
    assert ledger(reg_id) == [] and registration(reg_id).status == "pending_payment"
    assert payments_of(reg_id)[0].status == "pending"


def test_the_day_received_is_neither_in_the_future_nor_before_the_choice(team, fin):
    _ann, reg_id, payment_id, _ref = _transfer(team)
    for day, words in ((finance.today() + timedelta(days=1), "future"),
                       (finance.today() - timedelta(days=3), "before")):
        error = _refused(Invalid, finance.confirm_offline_payment, fin, payment_id=payment_id,
                         receipt=_receipt(day=day))
        assert error.field == "received_on" and words in error.message
    assert ledger(reg_id) == []


def test_only_finance_staff_and_admins_confirm(team, fin):
    ann, reg_id, payment_id, _ref = _transfer(team)
    reviewer = _staff("Rex", Role.STAFF_REVIEWS, Role.STAFF_COMPLAINTS)
    for who in (ann, team["olga"], team["rita"], reviewer, Actor.anonymous()):
        _refused(Forbidden, finance.confirm_offline_payment, who, payment_id=payment_id,
                 receipt=_receipt())
        _refused(Forbidden, queries.offline_to_confirm, who, request=_page())
    assert ledger(reg_id) == []
    admin = _staff("Ada", Role.ADMIN)
    assert _confirm(admin, payment_id).outcome is finance.Confirmed.CONFIRMED


def test_card_and_unknown_payments_are_not_found(team, fin, db):
    _ann, reg_id, payment_id, _ref = _transfer(team)
    db.execute(update(Payment).where(Payment.id == payment_id).values(method="card"))
    db.commit()
    for target in (payment_id, 0, 10**9):
        _refused(NotFound, finance.confirm_offline_payment, fin, payment_id=target,
                 receipt=_receipt())


def test_a_lapsed_hold_with_a_free_seat_is_revived(team, fin):
    _ann, reg_id, payment_id, _ref = _transfer(team)
    _lapse(reg_id)
    assert registration(reg_id).status == RegistrationStatus.EXPIRED.value
    assert _confirm(fin, payment_id).outcome is finance.Confirmed.REVIVED
    assert registration(reg_id).status == RegistrationStatus.CONFIRMED.value


def test_a_lapsed_hold_without_a_seat_is_refunded_in_full(team, fin):
    _ann, reg_id, payment_id, _ref = _transfer(team, capacity=1)
    _lapse(reg_id)
    holder("Ben", _event_of(reg_id))  # took the seat Ann's hold gave back
    assert _confirm(fin, payment_id).outcome is finance.Confirmed.REFUNDING
    assert ledger(reg_id) == [("charge", 12000)]
    owed = refunds(reg_id)
    assert [(r.status, r.cause, r.amount_minor) for r in owed] == \
        [(RefundStatus.APPROVED.value, RefundCause.LATE_PAYMENT.value, 12000)]


def _event_of(reg_id: int) -> int:
    return registration(reg_id).event_id


def _lapse(reg_id: int) -> None:
    """The hold ran out and the sweep released the seat."""
    from portal.services.registration_flow import sweep_lapsed

    with session_scope() as session:
        session.execute(update(Registration).where(Registration.id == reg_id)
                        .values(hold_expires_at=utcnow() - timedelta(minutes=1)))
        session.execute(update(Payment).where(Payment.registration_id == reg_id)
                        .values(due_at=utcnow() - timedelta(minutes=1)))
    with session_scope() as session:
        sweep_lapsed(session, now=utcnow())


def test_not_received_only_once_the_hold_lapsed(team, fin, db):
    _ann, reg_id, payment_id, _ref = _transfer(team, method="cash")
    error = _refused(Conflict, finance.mark_not_received, fin, payment_id=payment_id)
    assert "still held" in error.message
    _refused(Forbidden, finance.mark_not_received, team["rita"], payment_id=payment_id)
    _lapse(reg_id)
    with session_scope() as session:
        finance.mark_not_received(session, fin, payment_id=payment_id, note="Never came")
    assert payments_of(reg_id)[0].status == PaymentStatus.NOT_RECEIVED.value
    audited = db.execute(select(AuditEntry).where(
        AuditEntry.action == "payment.not_received")).scalars().one()
    assert (audited.object_id, audited.actor_id, audited.note) == (reg_id, fin.user_id,
                                                                   "Never came")
    _refused(Conflict, finance.mark_not_received, fin, payment_id=payment_id)
    # the money turned up after all: it can still be confirmed (a seat is free)
    assert _confirm(fin, payment_id).outcome is finance.Confirmed.REVIVED


def test_a_confirmed_payment_cannot_be_marked_not_received(team, fin):
    _ann, reg_id, payment_id, _ref = _transfer(team)
    _confirm(fin, payment_id)
    error = _refused(Conflict, finance.mark_not_received, fin, payment_id=payment_id)
    assert "already confirmed" in error.message


def test_a_replaced_payment_cannot_be_confirmed(team, fin):
    ann, reg_id, payment_id, _ref = _transfer(team)
    with session_scope() as session:
        choose_offline(session, ann, registration_id=reg_id, method="cash")
    _refused(Conflict, finance.confirm_offline_payment, fin, payment_id=payment_id,
             receipt=_receipt())
    assert ledger(reg_id) == []


def _owed_offline_refund(team, fin) -> tuple[int, int]:
    _ann, reg_id, payment_id, _ref = _transfer(team)
    _confirm(fin, payment_id)
    with session_scope() as session:
        reg = session.get(Registration, reg_id)
        payment = session.get(Payment, payment_id)
        refund = payments.refund_in_full(session, reg, payment, cause=RefundCause.STAFF,
                                         cause_key=f"staff:{reg_id}", now=utcnow())
        assert refund is not None
        return reg_id, refund.id


def test_an_offline_refund_is_marked_paid_back_once(team, fin, db):
    reg_id, refund_id = _owed_offline_refund(team, fin)
    _refused(Forbidden, finance.mark_refund_paid, team["olga"], refund_id=refund_id,
             receipt=_receipt())
    error = _refused(Invalid, finance.mark_refund_paid, fin, refund_id=refund_id,
                     receipt=_receipt(day=finance.today() + timedelta(days=2)))
    assert error.field == "received_on"
    with session_scope() as session:
        finance.mark_refund_paid(session, fin, refund_id=refund_id,
                                 receipt=_receipt(note="Cash at the office"))
    assert ledger(reg_id) == [("charge", 12000), ("refund", 12000)]
    (refund,) = refunds(reg_id)
    assert (refund.status, refund.completed_by_id) == ("succeeded", fin.user_id)
    assert db.execute(select(OutboxEmail).where(OutboxEmail.template == "refund_paid")).first()
    error = _refused(Conflict, finance.mark_refund_paid, fin, refund_id=refund_id,
                     receipt=_receipt())
    assert "already" in error.message
    assert len(ledger(reg_id)) == 2


def test_the_lists_find_by_reference_name_email_and_event(team, fin):
    _ann, _r1, _p1, ann_ref = _transfer(team, "Ann")
    _bob, _r2, _p2, bob_ref = _transfer(team, "Bob", method="cash", name="Pottery Night")
    everyone = queries.offline_to_confirm
    with session_scope() as session:
        assert everyone(session, fin, request=_page()).total == 2
        for text, found in ((ann_ref.lower(), [ann_ref]), ("bob@example", [bob_ref]),
                            ("pottery", [bob_ref]), ("ANN", [ann_ref]), ("nobody", [])):
            page = everyone(session, fin, request=_page(search=text))
            assert [row.reference for row in page.items] == found, text
        cash = everyone(session, fin, request=_page(filters={"method": "cash"}))
        assert [row.reference for row in cash.items] == [bob_ref]
        by_amount = everyone(session, fin, request=_page(sort="name", descending=True))
        assert [row.person_name for row in by_amount.items] == ["Bob", "Ann"]
    for bad in ({"method": "card"}, {"evil": "x"}):
        _refused(Invalid, everyone, fin, request=_page(filters=bad))
    with session_scope() as session:
        page = queries.search_payments(session, fin, request=_page(
            filters={"status": "pending", "from": finance.today().isoformat()}))
        assert page.total == 2
        later = (finance.today() + timedelta(days=1)).isoformat()
        assert queries.search_payments(session, fin, request=_page(
            filters={"from": later})).total == 0
    _refused(Invalid, queries.search_payments, fin, request=_page(filters={"from": "soon"}))


def test_confirmed_payments_leave_the_queue_and_show_in_the_search(team, fin):
    _ann, _reg, payment_id, reference = _transfer(team)
    _confirm(fin, payment_id)
    with session_scope() as session:
        assert queries.offline_to_confirm(session, fin, request=_page()).total == 0
        page = queries.search_payments(session, fin, request=_page(search=reference))
        assert [(r.status, r.received_on) for r in page.items] == \
            [(PaymentStatus.SUCCEEDED, finance.today().isoformat())]


def test_the_refund_list_shows_what_finance_pays_back(team, fin):
    _reg, refund_id = _owed_offline_refund(team, fin)
    with session_scope() as session:
        page = queries.search_refunds(session, fin, request=_page(filters={"kind": "pay_back"}))
        assert [(r.id, r.to_pay_back) for r in page.items] == [(refund_id, True)]
        assert queries.search_refunds(session, fin, request=_page(
            filters={"kind": "card"})).total == 0
    _refused(Forbidden, queries.search_refunds, team["rita"], request=_page())


def test_the_history_is_for_the_holder_and_finance_staff(team, fin):
    ann, reg_id, payment_id, reference = _transfer(team)
    _confirm(fin, payment_id, note="statement 7")
    with session_scope() as session:
        mine = queries.payment_history(session, ann, reg_id)
        staff = queries.payment_history(session, fin, reg_id)
    assert [i.kind for i in mine.items] == ["payment", "ledger"]
    assert (mine.paid_minor, mine.held_minor) == (12000, 12000)
    assert all(i.reference == reference for i in mine.items)
    assert [i.note for i in mine.items] == ["", ""]  # staff notes stay with staff
    assert "statement 7" in [i.note for i in staff.items]
    for who in (team["eve"], team["olga"], team["rita"], Actor.anonymous()):
        _refused(NotFound, queries.payment_history, who, reg_id)
    _refused(NotFound, queries.payment_history, fin, 0)


def test_the_person_is_told_when_finance_confirms(team, fin, db):
    ann, reg_id, payment_id, _ref = _transfer(team)
    _confirm(fin, payment_id)
    email = db.execute(select(User.email).where(User.id == ann.user_id)).scalar_one()
    sent = db.execute(select(OutboxEmail.template).where(
        OutboxEmail.to_email == email)).scalars().all()
    assert sent, "the person gets their confirmation"


def test_a_card_refund_the_provider_refused_is_paid_back_by_hand_once(team, fin):
    from portal.domain.enums import RefundCause
    from portal.domain.models import Refund
    from portal.integrations.payments_demo import DemoGateway
    from portal.services.payment_start import attach_checkout, prepare_card
    from portal.settings import get_settings

    gateway = DemoGateway(webhook_secret=get_settings().webhook_secret,
                          base_url="http://localhost:3000")
    ann, reg_id = holder("Ann", paid_event(team))
    with session_scope() as session:
        attempt = prepare_card(session, ann, registration_id=reg_id, provider="demo")
    state = gateway.create_checkout(attempt.request)
    with session_scope() as session:
        attach_checkout(session, payment_id=attempt.payment_id, state=state)
    gateway.finish(state.id, "pay")
    with session_scope() as session:
        held = session.get(Registration, reg_id)
        payment = session.get(Payment, attempt.payment_id)
        refund = payments.refund_in_full(session, held, payment,
                                         cause=RefundCause.STAFF, cause_key="t", now=utcnow())
        refund_id = refund.id
    # while the card provider still has it, finance cannot pay it by hand
    assert "card provider" in _refused(Conflict, finance.mark_refund_paid, fin,
                                       refund_id=refund_id, receipt=_receipt()).message
    with session_scope() as session:  # the provider refused it
        session.execute(update(Refund).where(Refund.id == refund_id)
                        .values(status="failed", last_error="provider: failed"))
    with session_scope() as session:
        rows = queries.search_refunds(session, fin, request=_page(filters={"kind": "pay_back"}))
        assert [(r.id, r.to_pay_back) for r in rows.items] == [(refund_id, True)]
    _refused(Forbidden, finance.mark_refund_paid, team["olga"], refund_id=refund_id,
             receipt=_receipt())
    with session_scope() as session:
        finance.mark_refund_paid(session, fin, refund_id=refund_id,
                                 receipt=_receipt(note="Bank transfer to the card holder"))
    assert ledger(reg_id) == [("charge", 12000), ("refund", 12000)]
    # the provider changing its mind later enters nothing more
    with session_scope() as session:
        refund = session.get(Refund, refund_id)
        assert not payments.record_refund_paid(session, refund, provider="demo",
                                               provider_ref="re_late", now=utcnow())
    assert ledger(reg_id) == [("charge", 12000), ("refund", 12000)]
