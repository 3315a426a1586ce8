"""Specs for the finance pages: offline payments confirmed or marked not received, refunds
marked paid back, the payment and refund lists, and a registration's payment history.

Finance staff (`other_area`: finance and complaints; the demo staff member `reviews` has
finance too) and administrators act; attendees, organizers and staff of other areas only
(`reviews_only`) are refused and change nothing. Each target is a fresh paid registration of
the demo attendee, made through the services."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import RefundCause, Role
from portal.domain.models import Payment, Refund, Registration, User
from portal.domain.policies import Actor
from portal.services import finance_payments, payments
from portal.services.event_form import FeeInput
from portal.services.payment_start import choose_offline
from tests.security import targets as t
from tests.security.cases import Spec, Target, table_has_rows

UI = "portal.ui."
TO_CONFIRM = UI + "staff.payments_state.ToConfirmState."
ALL_PAYMENTS = UI + "staff.payments_state.AllPaymentsState."
REFUNDS = UI + "staff.refunds.RefundsState."
HISTORY = UI + "staff.payment_history.PaymentHistoryState."
ANY_SIGNED_OUT = ("anonymous", "suspended")
NOT_FINANCE = (*ANY_SIGNED_OUT, "attendee", "member", "other_member", "reviews_only",
               "unverified")
# a registration's history: its holder and finance staff
NOT_THE_HOLDER_OR_FINANCE = (*ANY_SIGNED_OUT, "member", "other_member", "reviews_only",
                             "unverified")
FEE = "50.00"


def _attendee() -> Actor:
    with session_scope() as session:
        user = session.exec(select(User).where(User.email == t.ATTENDEE_EMAIL)).one()[0]
        return Actor(user_id=user.id, verified=True, accepted_rules=True)


def pending_transfer(*, lapsed: bool = False) -> tuple[int, int]:
    """(registration, payment): the demo attendee chose to pay a fresh paid event by
    transfer; with `lapsed`, the days its seat was held for are over."""
    event_id = t.open_event(fees=[FeeInput(kind="registration", amount=FEE)])
    registration_id = t.sign_up(t.ATTENDEE_EMAIL, event_id)
    with session_scope() as session:
        payment_id = choose_offline(session, _attendee(), registration_id=registration_id,
                                    method="bank_transfer").id
    if lapsed:
        past = utcnow() - timedelta(hours=1)
        with session_scope() as session:
            session.execute(update(Payment).where(Payment.id == payment_id)
                            .values(due_at=past))
            session.execute(update(Registration).where(Registration.id == registration_id)
                            .values(hold_expires_at=past))
    return registration_id, payment_id


def owed_offline_refund() -> int:
    """A confirmed transfer whose full amount is owed back (a staff decision)."""
    registration_id, payment_id = pending_transfer()
    finance = Actor(user_id=2, roles=frozenset({Role.STAFF_FINANCE}), verified=True)
    with session_scope() as session:
        finance_payments.confirm_offline_payment(
            session, finance, payment_id=payment_id,
            receipt=finance_payments.OfflineReceipt(amount=FEE,
                                                    received_on=finance_payments.today()))
    with session_scope() as session:
        registration = session.get(Registration, registration_id)
        payment = session.get(Payment, payment_id)
        refund = payments.refund_in_full(session, registration, payment,
                                         cause=RefundCause.STAFF,
                                         cause_key=f"security:{registration_id}", now=utcnow())
        return refund.id


def _status(model: type, row_id: int, value: str):
    return lambda: t.row(model, row_id).status == value


def _receipt(**extra) -> dict:
    return {"amount": FEE, "received_on": finance_payments.today().isoformat(),
            "note": "Statement line 1", **extra}


def _confirm(world) -> Target:
    _registration, payment_id = pending_transfer()
    return Target(forged={"_selected": payment_id}, args=(_receipt(),),
                  done=_status(Payment, payment_id, "succeeded"))


def _not_received(world) -> Target:
    _registration, payment_id = pending_transfer(lapsed=True)
    return Target(args=(str(payment_id),), done=_status(Payment, payment_id, "not_received"))


def _pay_back(world) -> Target:
    refund_id = owed_offline_refund()
    return Target(forged={"_selected": refund_id}, args=(_receipt(),),
                  done=_status(Refund, refund_id, "succeeded"))


def _history(world) -> Target:
    registration_id, _payment = pending_transfer()
    return Target(args=(str(registration_id),))


def _waiting(world) -> Target:
    pending_transfer()
    return Target()


def _history_shown(state, _target) -> bool:
    return bool(state.entries) or bool(state.summary)


FINANCE_SPECS = [
    Spec(TO_CONFIRM + "confirm", _confirm, "other_area", NOT_FINANCE),
    Spec(TO_CONFIRM + "confirm", _confirm, "admin", ()),
    Spec(TO_CONFIRM + "not_received", _not_received, "other_area", NOT_FINANCE),
    Spec(REFUNDS + "mark_paid_back", _pay_back, "other_area", NOT_FINANCE),
    Spec(TO_CONFIRM + "load_table", _waiting, "other_area", NOT_FINANCE,
         shown=table_has_rows, write=False),
    Spec(ALL_PAYMENTS + "load_table", _waiting, "reviews", NOT_FINANCE,
         shown=table_has_rows, write=False),
    Spec(REFUNDS + "load_table", lambda w: Target(), "other_area", NOT_FINANCE,
         shown=table_has_rows, write=False),
    Spec(HISTORY + "show_history", _history, "attendee", NOT_THE_HOLDER_OR_FINANCE,
         shown=_history_shown, write=False),
    Spec(HISTORY + "show_history", _history, "other_area", (), shown=_history_shown,
         write=False),
    # the menus and the overview: the finance pages and counts for finance staff only
    Spec(UI + "session.SessionState.load_session", lambda w: Target(), "other_area",
         NOT_FINANCE, shown=lambda s, _: s.is_finance, write=False),
    Spec(UI + "staff.overview.StaffOverviewState.load", lambda w: Target(), "other_area",
         ("reviews_only",), shown=lambda s, _: "payments_waiting" in s.counts, write=False),
]
