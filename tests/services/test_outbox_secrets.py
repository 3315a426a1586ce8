"""One-time tokens (verification, reset, invite links) stay in an outbox row only while it may
still be sent: the provider gets the working link, then the stored copy loses the token."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import Role
from portal.domain.errors import Conflict
from portal.domain.models import EmailStatus, OutboxEmail
from portal.services import accounts, emails
from portal.services.users import create_user
from tests.services.helpers import STRONG, actor_for, sign_in, sign_up

TOKEN = re.compile(r"token=([A-Za-z0-9_-]{20,})")


class Capture:
    def __init__(self, failure: Exception | None = None):
        self.failure, self.messages = failure, []

    def send(self, message: emails.OutgoingEmail) -> str:
        if self.failure is not None:
            raise self.failure
        self.messages.append(message)
        return "ok"


def stored(db) -> OutboxEmail:
    db.rollback()
    return db.execute(select(OutboxEmail).where(OutboxEmail.template == "verify_email")
                      ).scalar_one()


def test_the_link_is_sent_working_and_the_stored_copy_loses_its_token(db):
    sign_up("li@example.org")
    pending = stored(db)
    raw = TOKEN.search(pending.body_text).group(1)  # needed until it is sent
    mailer = Capture()
    assert emails.dispatch_due(session_scope, mailer) == 1
    sent = mailer.messages[0]
    assert f"token={raw}" in sent.text and f"token={raw}" in sent.html
    row = stored(db)
    assert row.status == EmailStatus.SENT.value
    assert raw not in row.body_text + row.body_html
    assert emails.TOKEN_REMOVED in row.body_text and emails.TOKEN_REMOVED in row.body_html
    with session_scope() as session:  # the link the person received still works
        accounts.verify_email(session, token=raw)


def test_a_temporary_failure_keeps_the_token_for_the_retry(db):
    sign_up("li@example.org")
    raw = TOKEN.search(stored(db).body_text).group(1)
    emails.dispatch_due(session_scope, Capture(emails.TemporaryFailure("503")))
    row = stored(db)
    assert row.status == EmailStatus.PENDING.value and f"token={raw}" in row.body_html


@pytest.mark.parametrize("how", ["permanent", "interrupted"])
def test_a_failed_email_keeps_its_link_for_a_resend_then_loses_it(db, how):
    sign_up("li@example.org")
    raw = TOKEN.search(stored(db).body_text).group(1)
    if how == "permanent":
        emails.dispatch_due(session_scope, Capture(emails.PermanentFailure("550")))
    else:
        with session_scope() as session:
            emails.claim_due(session, limit=10)  # a dispatcher claims ... and dies
            session.execute(update(OutboxEmail).values(
                next_attempt_at=utcnow() - timedelta(seconds=1)))
        with session_scope() as session:
            assert emails.sweep_interrupted(session) == 1
    row = stored(db)
    assert row.status == EmailStatus.FAILED.value and f"token={raw}" in row.body_text
    with session_scope() as session:  # within the link's life: nothing to purge yet
        assert emails.purge_stale_links(session) == 0
    with session_scope() as session:
        assert emails.purge_stale_links(session, now=utcnow() + timedelta(days=8)) == 1
    row = stored(db)
    assert raw not in row.body_text + row.body_html and emails.TOKEN_REMOVED in row.body_text

    with session_scope() as session:
        create_user(session, name="Sam", email="sam@example.org", password=STRONG,
                    roles=frozenset({Role.STAFF_REVIEWS}), verified=True)
    staff = actor_for(sign_in("sam@example.org"))
    with pytest.raises(Conflict, match="one-time link"), session_scope() as session:
        emails.resend_mail(session, staff, email_id=row.id)


def test_a_failed_email_with_a_live_link_is_sent_again_working(db):
    sign_up("li@example.org")
    raw = TOKEN.search(stored(db).body_text).group(1)
    emails.dispatch_due(session_scope, Capture(emails.PermanentFailure("550")))
    with session_scope() as session:
        create_user(session, name="Sam", email="sam@example.org", password=STRONG,
                    roles=frozenset({Role.STAFF_REVIEWS}), verified=True)
    staff = actor_for(sign_in("sam@example.org"))
    with session_scope() as session:
        emails.resend_mail(session, staff, email_id=stored(db).id)
    mailer = Capture()
    assert emails.dispatch_due(session_scope, mailer) == 1
    assert f"token={raw}" in mailer.messages[0].text
    with session_scope() as session:
        accounts.verify_email(session, token=raw)
