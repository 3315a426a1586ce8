"""Badges for payments and refunds, coloured by meaning like every other status."""

from __future__ import annotations

from portal.domain import labels
from portal.domain.enums import PaymentStatus, RefundStatus


def _badges(names: dict, tones: dict) -> dict[str, tuple[str, str]]:
    """status value -> (msgid, tone), the shape `badge.status_badge` takes."""
    return {str(value): (label, tones[value]) for value, label in names.items()}


PAYMENT_STATUS = _badges(labels.PAYMENT_STATUS, {
    PaymentStatus.PENDING: "waiting", PaymentStatus.SUCCEEDED: "positive",
    PaymentStatus.FAILED: "negative", PaymentStatus.EXPIRED: "neutral",
    PaymentStatus.NOT_RECEIVED: "negative", PaymentStatus.ABANDONED: "neutral"})
REFUND_STATUS = _badges(labels.REFUND_STATUS, {
    RefundStatus.REQUESTED: "waiting", RefundStatus.DECLINED: "neutral",
    RefundStatus.APPROVED: "waiting", RefundStatus.PROCESSING: "info",
    RefundStatus.SUCCEEDED: "positive", RefundStatus.FAILED: "negative"})
