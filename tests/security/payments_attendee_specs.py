"""Specs for the attendee's payment screens: the pay page, the return page, the demo card
page and the receipt. The target is always the demo attendee's own registration of a paid
event; nobody else may see or change how it is paid."""

from __future__ import annotations

from sqlmodel import select

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import PaymentStatus
from portal.domain.models import Payment, Registration, User
from portal.domain.policies import Actor
from portal.services import payment_start, payment_views, payments
from portal.services.event_form import FeeInput
from portal.wiring import card_gateway
from tests.security import targets as t
from tests.security.cases import Spec, Target, value_shown

ANY_SIGNED_OUT = ("anonymous", "suspended")
UI = "portal.ui.attendee."
# Everyone but the registration's holder (staff too: paying is the holder's own business).
NOT_THE_HOLDER = (*ANY_SIGNED_OUT, "member", "other_member", "reviews", "admin")
# A receipt is also for finance staff (`other_area`; the demo staff and admins have finance).
NOT_PAYER_OR_FINANCE = (*ANY_SIGNED_OUT, "member", "other_member", "plain_member",
                        "unverified")
FEE = "120.00"


def paid_event() -> int:
    return t.open_event(fees=[FeeInput(kind="registration", amount=FEE)])


def held() -> int:
    """The demo attendee's registration of a paid event, its seat held for payment."""
    return t.sign_up(t.ATTENDEE_EMAIL, paid_event())


def _holder() -> Actor:
    with session_scope() as session:
        user = session.exec(select(User).where(User.email == t.ATTENDEE_EMAIL)).one()
        return Actor(user_id=user.id, verified=True, accepted_rules=True)


def card_checkout() -> tuple[int, str]:
    """A held registration with a demo card checkout open: (registration, checkout id)."""
    registration_id = held()
    holder, gateway = _holder(), card_gateway()
    with session_scope() as session:
        attempt = payment_start.prepare_card(session, holder, registration_id=registration_id,
                                             provider=gateway.provider)
    created = gateway.create_checkout(attempt.request)
    with session_scope() as session:
        payment_start.attach_checkout(session, payment_id=attempt.payment_id, state=created)
    return registration_id, created.id


def paid() -> tuple[int, str]:
    """A registration paid by bank transfer: (registration, payment reference)."""
    registration_id = held()
    with session_scope() as session:
        payment = payment_start.choose_offline(session, _holder(),
                                               registration_id=registration_id, method="cash")
        payments.settle_paid(session, payment, amount_minor=payment.amount_minor,
                             provider_ref=payment.reference, now=utcnow())
        return registration_id, payment.reference


def status_of(registration_id: int) -> str:
    return t.row(Registration, registration_id).status


def open_payment(registration_id: int) -> Payment | None:
    with session_scope() as session:
        found = session.exec(select(Payment).where(
            Payment.open_registration_id == registration_id)).first()
        if found is not None:
            session.expunge(found)
        return found


# ---- the pay page ----

PAY = UI + "pay_state.PayState."


def _pay_page(world) -> Target:
    return Target(query=f"id={held()}")


def _choose_transfer(world) -> Target:
    registration_id = held()
    return Target(query=f"id={registration_id}", args=("bank_transfer",),
                  done=lambda: getattr(open_payment(registration_id), "method", "")
                  == "bank_transfer")


def _pay_by_card(world) -> Target:
    registration_id = held()
    return Target(query=f"id={registration_id}", forged={"step": "choose"},
                  done=lambda: bool(getattr(open_payment(registration_id), "checkout_id", "")))


# ---- the return page and the demo card page ----

PAID = UI + "paid.PaidState."
DEMO = UI + "demo_checkout.DemoCheckoutState."


def _returned(world, **extra) -> Target:
    registration_id, checkout_id = card_checkout()
    return Target(query=f"id={registration_id}&session={checkout_id}", **extra)


def _demo_page(world) -> Target:
    _registration, checkout_id = card_checkout()
    return Target(query=f"session={checkout_id}")


def _demo_pay(world) -> Target:
    registration_id, checkout_id = card_checkout()
    return Target(query=f"session={checkout_id}", args=("pay",),
                  done=lambda: status_of(registration_id) == "confirmed")


def _demo_decline(world) -> Target:
    registration_id, checkout_id = card_checkout()

    def declined() -> bool:
        with session_scope() as session:
            return session.exec(select(Payment.status).where(
                Payment.checkout_id == checkout_id)).one() == PaymentStatus.FAILED.value
    return Target(query=f"session={checkout_id}", args=("decline",), done=declined)


# ---- the receipt ----

RECEIPT = UI + "receipt.ReceiptState."


def _receipt(world) -> Target:
    registration_id, _reference = paid()
    return Target(query=f"id={registration_id}")


def _receipt_by_reference(world) -> Target:
    _registration, reference = paid()
    return Target(kwargs={"reference": reference})


PAYMENT_SPECS = [
    Spec(PAY + "load", _pay_page, "attendee", NOT_THE_HOLDER,
         shown=lambda s, _: bool(s.sheet) or bool(s.lines), write=False),
    Spec(PAY + "choose_offline", _choose_transfer, "attendee", NOT_THE_HOLDER),
    Spec(PAY + "pay_by_card", _pay_by_card, "attendee", NOT_THE_HOLDER),
    Spec(PAID + "load", _returned, "attendee", NOT_THE_HOLDER,
         shown=lambda s, _: s.event != "", write=False),
    Spec(PAID + "tick", lambda w: _returned(w, forged={"step": "confirming"}), "attendee",
         NOT_THE_HOLDER, shown=lambda s, _: s.event != "", write=False),
    Spec(DEMO + "load", _demo_page, "attendee", NOT_THE_HOLDER,
         shown=lambda s, _: bool(s.checkout), write=False),
    Spec(DEMO + "finish", _demo_pay, "attendee", NOT_THE_HOLDER),
    Spec(DEMO + "finish", _demo_decline, "attendee", NOT_THE_HOLDER),
    Spec(RECEIPT + "load", _receipt, "attendee", NOT_PAYER_OR_FINANCE,
         shown=lambda s, _: bool(s.receipt), write=False),
    # the PDF route reads the receipt through this service: the payer and finance staff
    Spec("service:payment_views.receipt", _receipt_by_reference, "attendee",
         NOT_PAYER_OR_FINANCE, shown=value_shown, service=payment_views.receipt, write=False),
    Spec("service:payment_views.receipt", _receipt_by_reference, "other_area",
         NOT_PAYER_OR_FINANCE, shown=value_shown, service=payment_views.receipt, write=False),
]
