"""`portal check-ledger`: every invariant of the money records (rules §5.2.2), checked over the
whole database with a few aggregate queries. Each problem is one line naming the registration,
payment or refund it is about; no problem, no line.

- per registration: charges − refunds = held, and held ≥ 0;
- a confirmed registration with a price holds its total (or less, once partly refunded);
- every succeeded payment has exactly one charge entry, of its amount; no charge without one;
- every succeeded refund has exactly one refund entry, of its amount; no refund entry without;
- no payment is refunded beyond what it was paid;
- every entry is in its payment's currency;
- fees, platform fees and payouts never change what a registration holds;
- settlement (`settlement_check`): every charge, refund and fee of an ended event is on exactly
  one statement, or waits for the next one; statements balance to their lines and the ledger.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func
from sqlmodel import Session, col, select

from portal.domain.enums import LedgerKind, PaymentStatus, RefundStatus, RegistrationStatus
from portal.domain.models import LedgerEntry, Payment, Refund, Registration

CHARGE, REFUND = LedgerKind.CHARGE.value, LedgerKind.REFUND.value


def _sums(session: Session, key) -> dict[tuple[int, str], tuple[int, int]]:  # noqa: ANN001
    """(key, kind) → (count, total) over the ledger."""
    rows = session.exec(select(key, LedgerEntry.kind, func.count(),
                               func.coalesce(func.sum(LedgerEntry.amount_minor), 0))
                        .where(key.is_not(None)).group_by(key, col(LedgerEntry.kind))).all()
    return {(int(k), kind): (int(n), int(total)) for k, kind, n, total in rows}


def _registrations(session: Session, problems: list[str]) -> None:
    by_registration = _sums(session, col(LedgerEntry.registration_id))
    held: dict[int, int] = defaultdict(int)
    refunded: set[int] = set()
    for (registration_id, kind), (_n, total) in by_registration.items():
        held[registration_id] += total if kind == CHARGE else -total if kind == REFUND else 0
        if kind == REFUND:
            refunded.add(registration_id)
    for registration_id, amount in sorted(held.items()):
        if amount < 0:
            problems.append(f"registration {registration_id}: refunds exceed charges "
                            f"(held {amount})")
    confirmed = session.exec(select(Registration.id, Registration.total_minor).where(
        col(Registration.status) == RegistrationStatus.CONFIRMED.value,
        col(Registration.total_minor) > 0)).all()
    for confirmed_id, total in confirmed:
        amount = held.get(int(confirmed_id or 0), 0)
        if amount == total or (confirmed_id in refunded and 0 <= amount < total):
            continue
        problems.append(f"registration {confirmed_id}: confirmed with a total of {total} "
                        f"but holds {amount}")


def _payments(session: Session, problems: list[str]) -> None:
    by_payment = _sums(session, col(LedgerEntry.payment_id))
    payments = {p.id: p for p in session.exec(select(Payment))}
    for payment in payments.values():
        count, total = by_payment.get((payment.id or 0, CHARGE), (0, 0))
        succeeded = payment.status == PaymentStatus.SUCCEEDED.value
        where = f"registration {payment.registration_id}: payment {payment.id}"
        if succeeded and (count, total) != (1, payment.amount_minor):
            problems.append(f"{where} succeeded for {payment.amount_minor} but has {count} "
                            f"charge entries totalling {total}")
        if not succeeded and count:
            problems.append(f"{where} is {payment.status} but has {count} charge entries")
        refunds = by_payment.get((payment.id or 0, REFUND), (0, 0))[1]
        if refunds > total:
            problems.append(f"{where} refunded {refunds}, more than the {total} paid")
    for (payment_id, _kind), _value in by_payment.items():
        if payment_id not in payments:
            problems.append(f"ledger entries name payment {payment_id}, which does not exist")
    wrong = session.exec(select(LedgerEntry.id, LedgerEntry.registration_id,
                                LedgerEntry.currency, Payment.currency)
                         .join(Payment, col(Payment.id) == LedgerEntry.payment_id)
                         .where(col(LedgerEntry.currency) != Payment.currency)).all()
    for entry_id, registration_id, currency, expected in wrong:
        problems.append(f"registration {registration_id}: ledger entry {entry_id} is in "
                        f"{currency}, its payment in {expected}")


def _refunds(session: Session, problems: list[str]) -> None:
    by_refund = _sums(session, col(LedgerEntry.refund_id))
    for refund in session.exec(select(Refund)):
        count, total = by_refund.get((refund.id or 0, REFUND), (0, 0))
        where = f"registration {refund.registration_id}: refund {refund.id}"
        if refund.status == RefundStatus.SUCCEEDED.value:
            if (count, total) != (1, refund.amount_minor):
                problems.append(f"{where} succeeded for {refund.amount_minor} but has {count} "
                                f"refund entries totalling {total}")
        elif count:
            problems.append(f"{where} is {refund.status} but has {count} refund entries")


def check_ledger(session: Session) -> list[str]:
    """Every problem found, one line each (empty: the ledger is right)."""
    from portal.services.settlement_check import check_settlements

    problems: list[str] = []
    _registrations(session, problems)
    _payments(session, problems)
    _refunds(session, problems)
    check_settlements(session, problems)
    return problems
