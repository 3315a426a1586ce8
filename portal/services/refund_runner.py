"""Paying card refunds back through the provider (rules §5.3): approved refunds of card payments
that are due are claimed one by one, sent to the provider outside any transaction, and the
answer recorded.

- A claim is a conditional UPDATE (approved → processing, with a lease in `next_attempt_at`):
  of two runners, one sends a refund.
- The provider call carries the idempotency key `refund-<id>`: a runner that dies between the
  call and the record leaves the refund in processing with no provider id; when the lease runs
  out it is claimed again and the same key returns the same provider refund, never a second.
- Succeeded: entered in the ledger (payments.record_refund_paid). Pending: the provider's id is
  kept and the refund webhook (or a later poll here) finishes it. Provider down: back to
  approved with a growing back-off. Refused: failed, audited, for finance staff to look at.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.enums import PaymentMethod, RefundStatus
from portal.domain.models import Payment, Refund
from portal.services import audit, payments
from portal.services.payment_gateway import (
    CardGateway,
    GatewayRefused,
    GatewayUnavailable,
    RefundState,
)

logger = logging.getLogger("portal.refunds")
LEASE = timedelta(minutes=5)  # a claimed refund nobody finished is tried again after this
POLL_AFTER = timedelta(minutes=10)  # a pending refund is asked about if no webhook came
MAX_BACKOFF = timedelta(hours=6)
SessionFactory = Callable[[], AbstractContextManager[Session]]


@dataclass
class RunnerReport:
    paid: int = 0
    pending: int = 0
    retrying: int = 0
    failed: int = 0


def backoff(attempts: int) -> timedelta:
    """1, 2, 4 ... minutes, at most six hours."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _due(now: datetime):  # noqa: ANN202
    """Approved card refunds whose time came, and claimed ones whose lease ran out."""
    return (col(Payment.method) == PaymentMethod.CARD.value) & (
        col(Refund.next_attempt_at) <= now) & or_(
        col(Refund.status) == RefundStatus.APPROVED.value,
        col(Refund.status) == RefundStatus.PROCESSING.value)


def due_refund_ids(session: Session, *, now: datetime, limit: int = 50) -> list[int]:
    return [int(i or 0) for i in session.exec(
        select(Refund.id).join(Payment, col(Payment.id) == Refund.payment_id)
        .where(_due(now)).order_by(col(Refund.next_attempt_at), col(Refund.id))
        .limit(limit))]


@dataclass(frozen=True)
class _Claim:
    refund_id: int
    registration_id: int
    payment_intent: str
    amount_minor: int
    currency: str
    provider_refund_id: str  # set: the provider has it already, only ask how it stands


def claim(session: Session, refund_id: int, *, now: datetime) -> _Claim | None:
    """Take one due refund for this runner (None if another took it or it is not due)."""
    refund = session.get(Refund, refund_id)
    if refund is None:
        return None
    result = session.execute(
        update(Refund).where(col(Refund.id) == refund_id,
                             col(Refund.status).in_([RefundStatus.APPROVED.value,
                                                     RefundStatus.PROCESSING.value]),
                             col(Refund.next_attempt_at) <= now)
        .values(status=RefundStatus.PROCESSING.value, next_attempt_at=now + LEASE,
                attempts=Refund.attempts + (0 if refund.provider_refund_id else 1),
                updated_at=now)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return None
    session.refresh(refund)
    payment = session.get(Payment, refund.payment_id)
    assert payment is not None
    if refund.attempts == 1 and not refund.provider_refund_id:
        audit.record(session, actor_id=None, action="refund.processing",
                     object_type="registration", object_id=refund.registration_id,
                     after={"amount_minor": refund.amount_minor, "currency": refund.currency,
                            "refund_id": refund.id})
    return _Claim(refund.id or 0, refund.registration_id, payment.provider_payment_id,
                  refund.amount_minor, refund.currency, refund.provider_refund_id)


def _ask(gateway: CardGateway, job: _Claim) -> RefundState:
    if job.provider_refund_id:
        return gateway.retrieve_refund(job.provider_refund_id)
    return gateway.create_refund(
        payment_intent=job.payment_intent, amount_minor=job.amount_minor,
        idempotency_key=f"refund-{job.refund_id}",
        metadata={"refund_id": str(job.refund_id),
                  "registration_id": str(job.registration_id),
                  "currency": job.currency.lower()})


def record(session: Session, refund_id: int, state: RefundState, *, provider: str,
           now: datetime) -> str:
    """What the provider said about a refund: "paid", "pending" or "failed"."""
    refund = session.get(Refund, refund_id)
    if refund is None or refund.status != RefundStatus.PROCESSING.value:
        return "paid" if refund is not None and \
            refund.status == RefundStatus.SUCCEEDED.value else "pending"
    if state.status == "succeeded":
        payments.record_refund_paid(session, refund, provider=provider, provider_ref=state.id,
                                    now=now)
        return "paid"
    if state.status in ("failed", "canceled"):
        _fail(session, refund, f"The provider says {state.status}.", now=now,
              provider_refund_id=state.id)
        return "failed"
    refund.provider_refund_id = state.id
    refund.next_attempt_at = now + POLL_AFTER
    refund.updated_at = now
    session.add(refund)
    return "pending"


def _fail(session: Session, refund: Refund, error: str, *, now: datetime,
          provider_refund_id: str = "") -> None:
    refund.status = RefundStatus.FAILED.value
    refund.last_error = error[:1000]
    refund.next_attempt_at = None
    refund.provider_refund_id = provider_refund_id or refund.provider_refund_id
    refund.updated_at = now
    session.add(refund)
    audit.record(session, actor_id=None, action="refund.failed", object_type="registration",
                 object_id=refund.registration_id,
                 after={"amount_minor": refund.amount_minor, "currency": refund.currency,
                        "refund_id": refund.id}, note=error[:1000])


def _retry_later(session: Session, refund_id: int, error: str, *, now: datetime) -> None:
    refund = session.get(Refund, refund_id)
    if refund is None or refund.status != RefundStatus.PROCESSING.value:
        return
    refund.last_error = error[:1000]
    refund.next_attempt_at = now + backoff(refund.attempts)
    if not refund.provider_refund_id:
        refund.status = RefundStatus.APPROVED.value
    refund.updated_at = now
    session.add(refund)


def run_once(session_scope: SessionFactory, gateway: CardGateway, *,
             now: datetime | None = None, limit: int = 50) -> RunnerReport:
    """One round over the due card refunds. Each refund: claim (one transaction), the provider
    call (none), the record (one transaction)."""
    report = RunnerReport()
    moment = now or utcnow()
    with session_scope() as session:
        ids = due_refund_ids(session, now=moment, limit=limit)
    for refund_id in ids:
        with session_scope() as session:
            job = claim(session, refund_id, now=moment)
        if job is None:
            continue
        try:
            state = _ask(gateway, job)
        except GatewayUnavailable as error:
            logger.warning("refund %s: provider unavailable: %s", refund_id, error)
            with session_scope() as session:
                _retry_later(session, refund_id, str(error) or "provider unavailable",
                             now=moment)
            report.retrying += 1
            continue
        except GatewayRefused as error:
            with session_scope() as session:
                refund = session.get(Refund, refund_id)
                if refund is not None:
                    _fail(session, refund, str(error) or "refused", now=moment)
            report.failed += 1
            continue
        with session_scope() as session:
            outcome = record(session, refund_id, state, provider=gateway.provider, now=moment)
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report
