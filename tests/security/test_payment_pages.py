"""The payment screens with what a hostile or unlucky client may do as the right person: forge
the amount the page shows, start a second checkout for a paid registration, click while the card
service is silent, or use the demo card page on a portal that takes real payments. The amount
always comes from the server, nothing is charged twice, and nothing is lost."""

from __future__ import annotations

from sqlmodel import select

from portal.db import session_scope
from portal.domain.models import DemoGatewayObject
from portal.services.payment_gateway import GatewayUnavailable
from portal.settings import PaymentGateway, get_settings
from portal.ui.attendee import demo_checkout, pay_state
from portal.ui.attendee.demo_checkout import DemoCheckoutState
from portal.ui.attendee.pay_state import PayState
from portal.wiring import card_gateway, file_store
from tests.security.cases import bind
from tests.security.harness import invoke, snapshot, state_for
from tests.security.payments_attendee_specs import (
    card_checkout,
    held,
    paid,
    paid_event,
    status_of,
)
from tests.services.payment_helpers import payments as _payments


def _page(cls, callers, query: str):
    state = state_for(cls, callers["attendee"], query=query)
    bind(state, callers["attendee"])
    return state


def _stranger_holds(event_id: int) -> int:
    """A fresh person's registration of the event (the demo people's lists stay as they are:
    other security cases count on them)."""
    from datetime import date

    from portal.domain.policies import Actor
    from portal.services.registration_form import RegistrationForm
    from portal.services.registrations import register
    from portal.services.users import create_user

    with session_scope() as session:
        user = create_user(session, name="Stranger", email=f"stranger{event_id}@example.org",
                           password=None, verified=True, phone="+86 139 0000 0777",
                           date_of_birth=date(1990, 1, 1), accepted_rules=True)
        return register(session, Actor(user_id=user.id, verified=True, accepted_rules=True),
                        event_id=event_id, form=RegistrationForm(safety_ack=True),
                        store=file_store()).id


def _checkout_amount(checkout_id: str) -> int:
    return card_gateway().retrieve_checkout(checkout_id).amount_total


def test_a_forged_amount_on_the_page_never_reaches_the_checkout(demo_engine, callers, world):
    registration_id = held()
    state = _page(PayState, callers, f"id={registration_id}")
    invoke(state, "load")
    # the client rewrites everything the page holds; the handler takes no amount at all
    state.sheet = {**state.sheet, "total": "CN¥1.00", "id": "1"}
    state.lines = [{"label": "Registration fee", "amount": "CN¥1.00"}]
    assert PayState.event_handlers["pay_by_card"].fn.__code__.co_argcount == 1
    updates = invoke(state, "pay_by_card")
    [payment] = _payments(registration_id)
    assert payment.amount_minor == 12000 and payment.checkout_id
    assert _checkout_amount(payment.checkout_id) == 12000
    assert any("location.assign" in str(update) for update in updates)


def test_a_second_checkout_for_a_paid_registration_is_refused(demo_engine, callers, world):
    registration_id, _reference = paid()
    state = _page(PayState, callers, f"id={registration_id}")
    invoke(state, "load")
    assert (state.step, state.closed_kind) == ("closed", "paid")
    state.step = "choose"  # a forged page that still offers the card
    before = snapshot(demo_engine)
    invoke(state, "pay_by_card")
    invoke(state, "choose_offline", "bank_transfer")
    changed = {name for name, rows in snapshot(demo_engine).items() if rows != before[name]}
    assert changed <= {"user_session"}  # (last seen) no payment, no checkout, no audit
    assert status_of(registration_id) == "confirmed"
    assert state.step == "closed" and state.busy == ""


def test_a_silent_card_service_loses_nothing_and_the_retry_reuses_the_payment(
        demo_engine, callers, world, monkeypatch):
    registration_id = held()

    class Silent:
        provider = "demo"

        def create_checkout(self, request):  # noqa: ANN001, ANN201
            self.key = request.idempotency_key
            raise GatewayUnavailable("timed out")

    silent = Silent()
    monkeypatch.setattr(pay_state, "card_gateway", lambda: silent)
    state = _page(PayState, callers, f"id={registration_id}")
    invoke(state, "load")
    invoke(state, "pay_by_card")
    assert "not answering" in state.card_error and state.busy == ""
    [first] = _payments(registration_id)
    assert first.status == "pending" and first.checkout_id is None
    assert status_of(registration_id) == "pending_payment"

    monkeypatch.setattr(pay_state, "card_gateway", card_gateway)
    invoke(state, "pay_by_card")
    [again] = _payments(registration_id)
    assert again.id == first.id and again.checkout_id and state.card_error == ""
    assert silent.key == f"checkout-{first.id}"  # the same idempotency key both times


def test_a_second_click_while_working_does_nothing(demo_engine, callers, world):
    registration_id = held()
    state = _page(PayState, callers, f"id={registration_id}")
    invoke(state, "load")
    state.busy = "card"  # the first click is still with the card service
    before = snapshot(demo_engine)
    invoke(state, "pay_by_card")
    invoke(state, "choose_offline", "cash")
    assert snapshot(demo_engine) == before


def test_the_demo_page_refuses_to_work_when_the_portal_takes_real_payments(
        demo_engine, callers, world, monkeypatch):
    registration_id, checkout_id = card_checkout()
    real = get_settings().model_copy(update={"payment_gateway": PaymentGateway.STRIPE})
    monkeypatch.setattr(demo_checkout, "get_settings", lambda: real)
    state = _page(DemoCheckoutState, callers, f"session={checkout_id}")
    invoke(state, "load")
    assert state.step == "missing" and "switched off" in state.problem and not state.checkout
    before = snapshot(demo_engine)
    invoke(state, "finish", "pay")
    assert status_of(registration_id) == "pending_payment"
    with session_scope() as session:
        stored = session.exec(select(DemoGatewayObject).where(
            DemoGatewayObject.object_id == checkout_id)).one()
    assert '"status": "open"' in stored.data
    assert {name for name, rows in snapshot(demo_engine).items()
            if rows != before[name]} <= {"user_session"}


def test_an_unknown_outcome_does_nothing(demo_engine, callers, world):
    _registration, checkout_id = card_checkout()
    state = _page(DemoCheckoutState, callers, f"session={checkout_id}")
    invoke(state, "load")
    before = snapshot(demo_engine)
    invoke(state, "finish", "refund-me")
    assert snapshot(demo_engine) == before


def test_a_registration_that_is_not_payable_says_why_instead_of_a_form(demo_engine, callers,
                                                                       world):
    from sqlalchemy import update

    from portal.domain.clock import utcnow
    from portal.domain.models import Registration
    from tests.security import targets as t

    free = t.confirmed_registration()
    lapsed = held()
    with session_scope() as session:
        session.execute(update(Registration).where(Registration.id == lapsed)
                        .values(hold_expires_at=utcnow().replace(year=2020)))
    someone_elses = _stranger_holds(paid_event())
    for registration_id, step, kind, words in (
            (free, "closed", "free", "nothing to pay"),
            (lapsed, "closed", "lapsed", "hold has run out"),
            (someone_elses, "missing", "", "No such registration")):
        state = _page(PayState, callers, f"id={registration_id}")
        invoke(state, "load")
        assert (state.step, state.closed_kind) == (step, kind)
        assert words in state.problem and not state.offline
        if step == "missing":
            assert not state.sheet and not state.lines
