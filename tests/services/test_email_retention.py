"""Sent emails lose their text after the retention period (a platform setting); the record
that they were sent stays; unsent emails keep their text whatever their age."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import Role
from portal.domain.models import OutboxEmail
from portal.services.platform_settings import change_settings
from portal.services.users import create_user
from portal.worker import retention_once
from tests.services.helpers import STRONG, actor_for, sign_in


def _email(status: str, age_days: int, subject: str) -> int:
    when = utcnow() - timedelta(days=age_days)
    with session_scope() as session:
        row = OutboxEmail(to_email="li@example.org", template="welcome", subject=subject,
                          body_text=f"Hello {subject}", body_html=f"<p>Hello {subject}</p>",
                          status=status, created_at=when, next_attempt_at=when,
                          sent_at=when if status == "sent" else None)
        session.add(row)
        session.flush()
        return row.id


def _bodies() -> dict[str, tuple[str, str, str]]:
    with session_scope() as session:
        return {row.subject: (row.body_text, row.to_email, row.status)
                for row in session.exec(select(OutboxEmail)).all()}


def test_old_sent_bodies_are_emptied_recent_and_unsent_ones_kept(engine):
    _email("sent", 200, "old sent")
    _email("sent", 30, "recent sent")
    for status in ("pending", "failed", "sending"):
        _email(status, 400, f"old {status}")
    assert retention_once() == 1  # the default keeps 180 days
    bodies = _bodies()
    assert bodies["old sent"] == ("", "li@example.org", "sent")  # the record stays
    assert bodies["recent sent"][0] == "Hello recent sent"
    for status in ("pending", "failed", "sending"):
        assert bodies[f"old {status}"][0] == f"Hello old {status}"
    assert retention_once() == 0  # nothing left to do: an idle round only reads


def test_the_retention_period_is_an_administrators_setting(engine):
    _email("sent", 20, "twenty days")
    assert retention_once() == 0
    with session_scope() as session:
        create_user(session, name="Ada", email="ada@example.org", password=STRONG,
                    roles=frozenset({Role.ADMIN}), verified=True)
    with session_scope() as session:
        change_settings(session, actor_for(sign_in("ada@example.org")),
                        changes={"email_retention_days": "14"})
    assert retention_once() == 1
    assert _bodies()["twenty days"][0] == ""
