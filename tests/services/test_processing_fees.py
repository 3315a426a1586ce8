"""Processing fees through the real Stripe SDK and the Stripe stand-in: the fee of each card
charge is read from its balance transaction and entered once as a FEE ledger entry; when Stripe
is down (or has no balance transaction yet) the worker's round enters it later; offline
payments have none."""

from __future__ import annotations

import pytest
from sqlmodel import select

from portal.db import session_scope
from portal.domain.enums import LedgerKind, Role
from portal.domain.models import LedgerEntry
from portal.services import payment_webhooks, processing_fees
from portal.services.payment_gateway import GatewayUnavailable
from tests.services import finance_helpers
from tests.services.finance_helpers import deliver, offline_paid, staff
from tests.services.payment_helpers import holder, ledger, paid_event
from tests.services.payment_helpers import payments as payments_of
from tests.services.test_stripe_webhooks import start_checkout
from tests.stripe_standin import StripeStandIn

ALL = ("charge", "refund", "fee")
FEE_OF_12000 = StripeStandIn.fee_for(12000)  # 408 + 200

standin, gateway = finance_helpers.standin, finance_helpers.gateway  # fixtures


def fee_entries(reg_id: int) -> list[LedgerEntry]:
    with session_scope() as session:
        rows = list(session.exec(select(LedgerEntry).where(
            LedgerEntry.registration_id == reg_id, LedgerEntry.kind == LedgerKind.FEE.value)))
        for row in rows:
            session.expunge(row)
        return rows


def test_a_card_charge_enters_stripe_s_fee_once_even_when_the_webhook_comes_again(
        team, gateway, standin):
    ann, reg_id = holder("Ann", paid_event(team))
    paid = standin.complete(start_checkout(gateway, ann, reg_id))
    assert deliver(standin, gateway, "checkout.session.completed", paid) == 200
    assert deliver(standin, gateway, "checkout.session.completed", paid,
                   event_id="evt_again") == 200
    [fee] = fee_entries(reg_id)
    [txn] = standin.balance_transactions.values()
    [payment] = payments_of(reg_id)
    assert FEE_OF_12000 == 608
    assert (fee.amount_minor, fee.currency, fee.provider, fee.entry_key, fee.payment_id) == (
        608, "CNY", "stripe", f"stripe-fee:{txn['id']}", payment.id)
    # the fee was read from the PaymentIntent with its charge's balance transaction expanded
    asked = standin.calls("GET", f"/v1/payment_intents/{paid['payment_intent']}")
    assert asked and asked[-1]["params"]["expand"] == ["latest_charge.balance_transaction"]
    assert ledger(reg_id, ALL) == [("charge", 12000), ("fee", 608)]


def test_a_fee_charged_in_the_accounts_other_currency_is_entered_in_the_payments(
        team, gateway, standin):
    """An account paid out in Hong Kong dollars: Stripe reports the fee in HKD with its rate;
    the ledger holds it in yuan, as the charge and the statement are."""
    standin.settles_in = ("hkd", "1.0825")
    ann, reg_id = holder("Ann", paid_event(team))
    paid = standin.complete(start_checkout(gateway, ann, reg_id))
    assert deliver(standin, gateway, "checkout.session.completed", paid) == 200
    [txn] = standin.balance_transactions.values()
    assert (txn["currency"], txn["amount"], txn["fee"]) == ("hkd", 12990, 642)
    [fee] = fee_entries(reg_id)
    assert (fee.amount_minor, fee.currency) == (593, "CNY")  # 6.42 / 1.0825 = 5.93
    assert "642 HKD" in fee.note


def test_a_fee_stripe_cannot_give_yet_is_entered_later_by_the_worker_round(
        team, gateway, standin):
    ann, reg_id = holder("Ann", paid_event(team))
    standin.fee_pending = True  # the charge has no balance transaction yet
    paid = standin.complete(start_checkout(gateway, ann, reg_id))
    assert deliver(standin, gateway, "checkout.session.completed", paid) == 200
    assert ledger(reg_id, ALL) == [("charge", 12000)]  # the charge does not wait for the fee
    [charge_id] = standin.charges
    standin.settle_fee(charge_id)
    standin.fail_next(1)  # and now Stripe is down: the round fails, nothing is lost
    with pytest.raises(GatewayUnavailable):
        processing_fees.collect_missing(gateway)
    assert fee_entries(reg_id) == []
    with session_scope() as session:
        [(payment_id, intent)] = processing_fees.payments_without_fee(session,
                                                                      provider="stripe")
    assert intent == paid["payment_intent"]
    assert processing_fees.collect_missing(gateway) == 1  # Stripe is back
    assert processing_fees.collect_missing(gateway) == 0  # and it is entered once
    assert [f.amount_minor for f in fee_entries(reg_id)] == [608]


def test_stripe_down_when_the_webhook_asks_for_the_fee_still_confirms_the_payment(
        team, gateway, standin):
    ann, reg_id = holder("Ann", paid_event(team))
    session_id = start_checkout(gateway, ann, reg_id)
    paid = standin.complete(session_id)
    state = gateway.retrieve_checkout(session_id)
    payment_webhooks._apply_checkout(state, "stripe", delivery=None)
    standin.fail_next(1)
    assert processing_fees.collect_fee_for_intent(paid["payment_intent"], gateway) is False
    assert ledger(reg_id, ALL) == [("charge", 12000)]
    assert processing_fees.collect_missing(gateway) == 1
    assert ledger(reg_id, ALL) == [("charge", 12000), ("fee", 608)]


def test_offline_payments_have_no_processing_fee(team):
    reg_id = offline_paid(staff("Fiona", Role.STAFF_FINANCE), "Ann", paid_event(team))
    with session_scope() as session:
        assert processing_fees.payments_without_fee(session, provider="offline") == []
    assert [kind for kind, _ in ledger(reg_id, ALL)] == ["charge"]
