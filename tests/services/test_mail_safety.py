"""The dispatcher with messages that cannot be sent: a hostile subject through the real SMTP
and SendGrid adapters, and one message whose sending raises something unexpected. Either way
that one message fails alone, with its reason, and the rest of the batch goes out."""

from __future__ import annotations

from email import message_from_bytes

import pytest
from sqlalchemy import select

from portal.db import session_scope
from portal.domain.models import EmailStatus, OutboxEmail
from portal.integrations.email_sendgrid import SendGridMailer
from portal.integrations.email_smtp import SmtpMailer
from portal.services import emails
from tests.sendgrid_standin import SendGridStandIn

HOSTILE = "Evil Co\r\nBcc: victim@example.net\u2028\x00"


def enqueue(to: str, subject: str) -> int:
    """An outbox row as any code path writes it (or as rows written before render-time cleaning
    were: `subject` is stored as given)."""
    with session_scope() as session:
        row = emails.add_to_outbox(
            session, to_email=to, rendered=emails.Rendered(subject, "", "text", "<p>html</p>"),
            template="organizer_approve", locale="en", to_user_id=None, about=("", None))
        session.flush()
        return row.id


def statuses(db) -> dict[str, tuple[str, str]]:
    db.rollback()
    return {r.to_email: (r.status, r.last_error)
            for (r,) in db.execute(select(OutboxEmail)).all()}


def test_a_rendered_hostile_name_reaches_smtp_as_one_subject_line(db, sink):
    handler, port = sink
    rendered = emails.render("organizer_approve", "en", {
        "name": "Li", "organizer": HOSTILE, "certificate_number": "Q-1"})
    enqueue("first@example.org", rendered.subject)
    enqueue("second@example.org", "Reset your password")
    mailer = SmtpMailer(host="127.0.0.1", port=port, sender="e@example.org", starttls=False)
    assert emails.dispatch_due(session_scope, mailer) == 2
    parsed = message_from_bytes(handler.messages[0].original_content)
    assert parsed["Subject"] == "Evil Co Bcc: victim@example.net is a qualified organizer"
    assert parsed["Bcc"] is None and handler.messages[0].rcpt_tos == ["first@example.org"]


@pytest.mark.parametrize("adapter", ["smtp", "sendgrid"])
def test_an_old_row_with_a_newline_in_its_subject_is_still_sent(db, sink, adapter):
    # PostgreSQL text cannot hold NUL at all, so such an old row exists only on SQLite
    hostile = HOSTILE if db.bind.dialect.name == "sqlite" else HOSTILE.replace("\x00", "")
    enqueue("first@example.org", f"{hostile} is published")
    enqueue("second@example.org", "Confirm your email")
    standin = SendGridStandIn().start()
    try:
        mailer = (SmtpMailer(host="127.0.0.1", port=sink[1], sender="e@example.org",
                             starttls=False) if adapter == "smtp" else
                  SendGridMailer(api_key="SG.k", sender="e@example.org", host=standin.url))
        assert emails.dispatch_due(session_scope, mailer) == 2
    finally:
        standin.stop()
    assert set(statuses(db).values()) == {(EmailStatus.SENT.value, "")}
    subjects = ([message_from_bytes(m.original_content)["Subject"] for m in sink[0].messages]
                if adapter == "smtp" else [r["body"]["subject"] for r in standin.requests])
    assert subjects[0] == "Evil Co Bcc: victim@example.net is published"


class BrokenForOne:
    """Sends everything but `bad`, for which it raises what no adapter expects."""

    def __init__(self, bad: str):
        self.bad, self.sent = bad, []

    def send(self, message: emails.OutgoingEmail) -> str:
        if message.to_email == self.bad:
            raise RuntimeError("unexpected header trouble")
        self.sent.append(message.to_email)
        return f"id-{message.row_id}"


def test_one_unexpected_error_fails_that_message_alone(db):
    for who in ("a", "b", "c"):
        enqueue(f"{who}@example.org", "Hello")
    mailer = BrokenForOne("b@example.org")
    assert emails.dispatch_due(session_scope, mailer) == 2
    assert mailer.sent == ["a@example.org", "c@example.org"]
    result = statuses(db)
    assert result["a@example.org"] == result["c@example.org"] == (EmailStatus.SENT.value, "")
    status, reason = result["b@example.org"]
    assert status == EmailStatus.FAILED.value
    assert reason == "Not sendable: RuntimeError: unexpected header trouble"
    # Failed for good: neither retried nor swept later as "interrupted".
    assert emails.dispatch_due(session_scope, mailer) == 0
    with session_scope() as session:
        assert emails.sweep_interrupted(session) == 0


@pytest.mark.parametrize("address", ["li@example.org\r\nBcc: victim@example.net",
                                     "li@example.org\u2028", "li@exa\x00mple.org"])
def test_a_recipient_address_must_be_one_clean_line(db, address):
    with pytest.raises(ValueError, match="one line"):
        enqueue(address, "Hello")
    enqueue("li@example.org", "Hello")  # the same address without the break is taken
