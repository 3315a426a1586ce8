"""An event as reviewers saw it: a comparable snapshot of every field, fee and question, and the
differences between two snapshots."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from portal.domain.models import Event, FeeItem, RegistrationQuestion
from portal.services.event_form import TEXT_LIMITS


def snapshot(session: Session, event: Event) -> dict[str, Any]:
    """What reviewers approve: every field and fee, comparable with a later version."""
    data = {column: getattr(event, column) for column in TEXT_LIMITS}
    for column in ("category", "format", "capacity", "min_age", "max_age", "time_zone",
                   "refund_full_days", "refund_partial_days", "refund_partial_percent"):
        data[column] = getattr(event, column)
    for column in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
        data[column] = getattr(event, column).isoformat()
    fees = session.exec(select(FeeItem).where(FeeItem.event_id == event.id)
                        .order_by(FeeItem.position)).all()
    data["fees"] = [f"{f.label}: {f.amount_minor} ({'mandatory' if f.mandatory else 'optional'})"
                    for (f,) in fees]
    questions = session.exec(select(RegistrationQuestion)
                             .where(RegistrationQuestion.event_id == event.id)
                             .order_by(RegistrationQuestion.position)).all()
    data["questions"] = [f"{q.label} [{q.kind}{', required' if q.required else ''}]"
                         + (f": {' / '.join(q.options)}" if q.options else "")
                         for (q,) in questions]
    return {k: v if isinstance(v, (str, int, list)) or v is None else str(v)
            for k, v in data.items()}


def changes_since_review(session: Session, event: Event) -> list[tuple[str, str, str]]:
    """(field, before, now) for each field that differs from the last approved version."""
    if not event.reviewed_snapshot:
        return []
    now = snapshot(session, event)
    return [(key, str(event.reviewed_snapshot.get(key, "")), str(value))
            for key, value in now.items() if event.reviewed_snapshot.get(key) != value]
