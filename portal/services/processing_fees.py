"""The card provider's processing fee on each card charge (issue 13): read from the charge's
balance transaction and entered as a FEE ledger entry, once (`<provider>-fee:<balance txn>`).

The webhook (and the attendee's return from the checkout page) ask for the fee right after
the charge is entered, in a transaction of their own: the charge never waits on the fee. When
the provider is unavailable then, or has no balance transaction yet, nothing is lost: the
worker asks again for every succeeded card payment that has no fee entry (`collect_missing`).
Offline payments (bank transfer, cash) have no processing fee.
"""

from __future__ import annotations

import logging

from sqlalchemy import exists
from sqlmodel import Session, col, select

from portal.db import TxMode, session_scope
from portal.domain.enums import LedgerKind, PaymentStatus
from portal.domain.models import LedgerEntry, Payment
from portal.domain.money import convert_minor
from portal.services import audit
from portal.services.payment_gateway import (
    CardGateway,
    ChargeFee,
    GatewayRefused,
    GatewayUnavailable,
)
from portal.services.payments import enter

logger = logging.getLogger("portal.payments")


def _without_fee(provider: str):  # noqa: ANN202
    has_fee = exists().where(col(LedgerEntry.payment_id) == col(Payment.id),
                             col(LedgerEntry.kind) == LedgerKind.FEE.value)
    return select(Payment.id, Payment.provider_payment_id).where(
        col(Payment.status) == PaymentStatus.SUCCEEDED.value,
        col(Payment.provider) == provider, col(Payment.provider_payment_id) != "", ~has_fee)


def payments_without_fee(session: Session, *, provider: str, limit: int = 20
                         ) -> list[tuple[int, str]]:
    """(payment id, PaymentIntent) of succeeded card payments whose fee is not entered yet."""
    rows = session.exec(_without_fee(provider).order_by(col(Payment.id)).limit(limit)).all()
    return [(int(pid), str(intent)) for pid, intent in rows]


def collect_fee(payment_id: int, gateway: CardGateway) -> bool:
    """Ask the provider for one payment's fee and enter it; True when an entry was written.
    GatewayUnavailable goes to the caller (the worker tries again later)."""
    with session_scope(mode=TxMode.READ) as session:
        payment = session.get(Payment, payment_id)
        if (payment is None or payment.provider != gateway.provider
                or payment.status != PaymentStatus.SUCCEEDED.value
                or not payment.provider_payment_id):
            return False
        intent, registration_id = payment.provider_payment_id, payment.registration_id
        currency = payment.currency
    fee = gateway.retrieve_fee(intent)  # outside any transaction: a provider call
    if fee is None:
        return False
    amount = _in_payment_currency(fee, currency)
    if amount is None:
        return False
    with session_scope() as session:
        entered = enter(session, LedgerEntry(
            registration_id=registration_id, payment_id=payment_id,
            kind=LedgerKind.FEE.value, amount_minor=amount, currency=currency,
            provider=gateway.provider, provider_ref=fee.balance_transaction,
            entry_key=f"{gateway.provider}-fee:{fee.balance_transaction}",
            note=fee.charge_id if fee.currency == currency else
            f"{fee.charge_id} ({fee.fee_minor} {fee.currency} at {fee.exchange_rate})"))
        if entered:
            audit.record(session, actor_id=None, action="payment.fee_recorded",
                         object_type="registration", object_id=registration_id,
                         after={"amount_minor": amount, "currency": currency,
                                "provider_amount_minor": fee.fee_minor,
                                "provider_currency": fee.currency,
                                "balance_transaction": fee.balance_transaction})
        return entered


def _in_payment_currency(fee: ChargeFee, currency: str) -> int | None:
    """The fee in the payment's currency: a statement sums one currency. A Stripe account paid
    out in another currency reports the fee in that one, with the rate it converted at."""
    if fee.currency == currency:  # both upper case: the adapter's and the stored code
        return fee.fee_minor
    if fee.exchange_rate is None:
        logger.error("fee %s is in %s without a rate to %s: not entered",
                     fee.balance_transaction, fee.currency, currency)
        return None
    return convert_minor(fee.fee_minor, fee.currency, currency, fee.exchange_rate)


def collect_fee_for_intent(payment_intent: str, gateway: CardGateway) -> bool:
    """The webhook's call after a charge: never raises for the provider (the worker catches
    up on what fails here)."""
    with session_scope(mode=TxMode.READ) as session:
        payment_id = session.exec(select(Payment.id).where(
            col(Payment.provider_payment_id) == payment_intent,
            col(Payment.provider) == gateway.provider)).first()
    if payment_id is None:
        return False
    try:
        return collect_fee(int(payment_id), gateway)
    except (GatewayUnavailable, GatewayRefused) as error:
        logger.warning("fee of %s not read now (%s); the worker asks again", payment_intent,
                       error)
        return False


def collect_missing(gateway: CardGateway, *, limit: int = 20) -> int:
    """The worker's round: fees not entered yet, asked for again; how many were entered.
    Stops at the first unavailable answer (the provider is down: no point asking more)."""
    with session_scope(mode=TxMode.READ) as session:
        missing = payments_without_fee(session, provider=gateway.provider, limit=limit)
    entered = 0
    for payment_id, _intent in missing:
        try:
            entered += collect_fee(payment_id, gateway)
        except GatewayRefused as error:
            logger.warning("fee of payment %s refused by the provider: %s", payment_id, error)
    return entered
