"""Reconciliation of the ledger against the card provider (rules §5.3.2): the charges and
refunds the provider lists for a period (every page, through the gateway port) beside the
CHARGE and REFUND entries of that provider in the ledger; every difference listed with what
to do about it.

A charge is matched by its PaymentIntent (what a CHARGE entry's `provider_ref` holds), a
refund by its own id. A webhook can arrive a little after the provider made the object, so
both sides are read one day beyond the period and a pair counts when either side lies in it;
an unmatched record is listed when it lies in the period itself. Offline payments are not the
provider's: they are not part of it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import BaseModel
from sqlalchemy import select
from sqlmodel import Session, col

from portal.domain.enums import LedgerKind
from portal.domain.errors import Conflict
from portal.domain.models import LedgerEntry
from portal.domain.policies import Actor
from portal.i18n import N_
from portal.services.finance_payments import require_finance
from portal.services.finance_reports import Period, ReportKind, ReportOutput, log_run
from portal.services.payment_gateway import CardGateway, GatewayUnavailable, ProviderRecord
from portal.settings import get_settings

SLACK = timedelta(days=1)


class MismatchKind(StrEnum):
    MISSING_IN_LEDGER = "missing_in_ledger"
    EXTRA_IN_LEDGER = "extra_in_ledger"
    AMOUNT_DIFFERS = "amount_differs"


class RecordKind(StrEnum):
    CHARGE = "charge"
    REFUND = "refund"


# What finance staff should do about each difference (translated where it is shown).
TO_DO = {
    (MismatchKind.MISSING_IN_LEDGER, RecordKind.CHARGE): N_(
        "The provider took this payment but the ledger has no charge: re-send the webhook "
        "event from the provider's dashboard so it is recorded, then check the registration."),
    (MismatchKind.MISSING_IN_LEDGER, RecordKind.REFUND): N_(
        "The provider paid this refund back but the ledger has none: re-send the webhook "
        "event so it is recorded, and check that the refund was not paid twice."),
    (MismatchKind.EXTRA_IN_LEDGER, RecordKind.CHARGE): N_(
        "The ledger has a charge the provider does not list: check the payment with the "
        "provider; if no money arrived, correct it and refund by hand if a ticket was given."),
    (MismatchKind.EXTRA_IN_LEDGER, RecordKind.REFUND): N_(
        "The ledger has a refund the provider does not list: check with the provider "
        "whether the money went back; if not, pay it back by hand."),
    (MismatchKind.AMOUNT_DIFFERS, RecordKind.CHARGE): N_(
        "The amounts differ: compare the payment with the provider and record the "
        "difference as an adjustment on the organizer's next statement."),
    (MismatchKind.AMOUNT_DIFFERS, RecordKind.REFUND): N_(
        "The amounts differ: compare the refund with the provider and record the "
        "difference as an adjustment on the organizer's next statement."),
}


class Mismatch(BaseModel):
    kind: MismatchKind
    record: RecordKind
    reference: str  # the provider's PaymentIntent (charge) or refund id
    currency: str
    provider_amount: int | None
    ledger_amount: int | None
    at: datetime
    registration_id: int | None = None

    @property
    def to_do(self) -> str:
        return TO_DO[(self.kind, self.record)]


class Reconciliation(BaseModel):
    period: Period
    provider: str
    provider_charges: int
    provider_refunds: int
    ledger_charges: int
    ledger_refunds: int
    matched: int
    mismatches: list[Mismatch]


class _Entry(BaseModel):
    reference: str
    record: RecordKind
    amount: int
    currency: str
    at: datetime
    registration_id: int | None


def reconcile(session: Session, actor: Actor, *, period: Period, gateway: CardGateway,
              output: ReportOutput = ReportOutput.SCREEN) -> Reconciliation:
    """Compare, list the differences, and log who ran it."""
    require_finance(actor)
    low, high = period.bounds(get_settings().time_zone)
    try:
        charges = gateway.list_charges(created_from=low - SLACK, created_to=high + SLACK)
        refunds = [r for r in gateway.list_refunds(created_from=low - SLACK,
                                                    created_to=high + SLACK)
                   if r.status == "succeeded"]
    except GatewayUnavailable:
        raise Conflict("The payment provider did not answer; try again in a few "
                       "minutes.") from None
    entries = _ledger(session, gateway.provider, low - SLACK, high + SLACK)
    found = _compare(charges, refunds, entries, period, low, high)
    log_run(session, actor, kind=ReportKind.RECONCILIATION, query=period, output=output,
            rows=len(found.mismatches))
    return found.model_copy(update={"provider": gateway.provider})


def _ledger(session: Session, provider: str, low: datetime, high: datetime) -> list[_Entry]:
    rows = session.execute(select(
        col(LedgerEntry.provider_ref), col(LedgerEntry.kind), col(LedgerEntry.amount_minor),
        col(LedgerEntry.currency), col(LedgerEntry.created_at),
        col(LedgerEntry.registration_id)).where(
        col(LedgerEntry.provider) == provider,
        col(LedgerEntry.kind).in_([LedgerKind.CHARGE.value, LedgerKind.REFUND.value]),
        col(LedgerEntry.created_at) >= low, col(LedgerEntry.created_at) < high)).all()
    return [_Entry(reference=ref, record=RecordKind(kind), amount=amount, currency=currency,
                   at=at, registration_id=reg) for ref, kind, amount, currency, at, reg in rows]


def _compare(charges: list[ProviderRecord], refunds: list[ProviderRecord],
             entries: list[_Entry], period: Period, low: datetime, high: datetime
             ) -> Reconciliation:
    def inside(at: datetime) -> bool:
        return low <= at < high

    theirs = {(RecordKind.CHARGE, c.payment_intent or c.id): c for c in charges}
    theirs |= {(RecordKind.REFUND, r.id): r for r in refunds}
    ours = {(e.record, e.reference): e for e in entries}
    mismatches: list[Mismatch] = []
    matched = 0
    for key, record in theirs.items():
        entry = ours.get(key)
        if entry is None:
            if inside(record.created):
                mismatches.append(Mismatch(
                    kind=MismatchKind.MISSING_IN_LEDGER, record=key[0], reference=key[1],
                    currency=record.currency, provider_amount=record.amount_minor,
                    ledger_amount=None, at=record.created))
        elif inside(record.created) or inside(entry.at):
            if (entry.amount, entry.currency) == (record.amount_minor, record.currency):
                matched += 1
            else:
                mismatches.append(Mismatch(
                    kind=MismatchKind.AMOUNT_DIFFERS, record=key[0], reference=key[1],
                    currency=record.currency, provider_amount=record.amount_minor,
                    ledger_amount=entry.amount, at=record.created,
                    registration_id=entry.registration_id))
    for key, entry in ours.items():
        if key not in theirs and inside(entry.at):
            mismatches.append(Mismatch(
                kind=MismatchKind.EXTRA_IN_LEDGER, record=key[0], reference=key[1],
                currency=entry.currency, provider_amount=None, ledger_amount=entry.amount,
                at=entry.at, registration_id=entry.registration_id))
    mismatches.sort(key=lambda m: (m.at, m.reference))
    return Reconciliation(
        period=period, provider="",
        provider_charges=sum(inside(c.created) for c in charges),
        provider_refunds=sum(inside(r.created) for r in refunds),
        ledger_charges=sum(inside(e.at) for e in entries if e.record is RecordKind.CHARGE),
        ledger_refunds=sum(inside(e.at) for e in entries if e.record is RecordKind.REFUND),
        matched=matched, mismatches=mismatches)
