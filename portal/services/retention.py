"""Retention of personal data: the text of a sent email is kept for a number of days (a
setting an administrator changes on the settings screen), then emptied. The row stays, with
its recipient, subject, template and dates, as the record that the email was sent. Emails not
sent yet (pending, sending, failed) are never touched: they may still be sent or resent."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlmodel import Session, col

from portal.domain.models import OutboxEmail
from portal.domain.models.outbox import EmailStatus
from portal.services.platform_settings import effective

BATCH = 500  # rows per round: a long backlog is emptied over several rounds, briefly each


def body_cutoff(session: Session, *, now: datetime) -> datetime:
    """Sent before this moment: the email's text is past its retention period."""
    return now - timedelta(days=effective(session).email_retention_days)


def _expired(session: Session, now: datetime):  # noqa: ANN202
    return (col(OutboxEmail.status) == EmailStatus.SENT.value,
            col(OutboxEmail.sent_at) < body_cutoff(session, now=now),
            or_(col(OutboxEmail.body_text) != "", col(OutboxEmail.body_html) != ""))


def any_expired_bodies(session: Session, *, now: datetime) -> bool:
    return session.scalar(select(col(OutboxEmail.id)).where(*_expired(session, now)).limit(1)) \
        is not None


def purge_email_bodies(session: Session, *, now: datetime) -> int:
    """Empty the text of sent emails past the retention period; how many were emptied."""
    ids = list(session.scalars(select(col(OutboxEmail.id)).where(*_expired(session, now))
                               .order_by(col(OutboxEmail.id)).limit(BATCH)).all())
    if ids:
        session.execute(update(OutboxEmail).where(col(OutboxEmail.id).in_(ids))
                        .values(body_text="", body_html=""))
    session.flush()
    return len(ids)
