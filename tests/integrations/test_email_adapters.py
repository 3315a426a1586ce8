"""The SendGrid adapter (official SDK) against a local stand-in, and the SMTP adapter against
an aiosmtpd sink: exact request bodies, and what each provider answer becomes."""

from __future__ import annotations

from email import message_from_bytes

import pytest

from portal.integrations.email_sendgrid import SendGridMailer
from portal.integrations.email_smtp import SmtpMailer
from portal.services.emails import OutgoingEmail, PermanentFailure, TemporaryFailure
from tests.sendgrid_standin import SendGridStandIn

MESSAGE = OutgoingEmail(row_id=41, to_email="li.lei@example.org", subject="Hello 你好",
                        text="Plain text", html="<p>HTML</p>")


@pytest.fixture
def standin():
    server = SendGridStandIn().start()
    yield server
    server.stop()


def mailer(standin, timeout: float = 2) -> SendGridMailer:
    return SendGridMailer(api_key="SG.test", sender="events@example.org",
                          sender_name="Event Portal", host=standin.url, timeout=timeout)


def test_sendgrid_request_body_is_exact(standin):
    assert mailer(standin).send(MESSAGE) == "sg-1"
    request = standin.requests[0]
    assert request["path"] == "/v3/mail/send" and request["auth"] == "Bearer SG.test"
    assert request["body"] == {
        "from": {"email": "events@example.org", "name": "Event Portal"},
        "subject": "Hello 你好",
        "personalizations": [{"to": [{"email": "li.lei@example.org"}]}],
        "custom_args": {"portal_email_id": "41"},
        "content": [{"type": "text/plain", "value": "Plain text"},
                    {"type": "text/html", "value": "<p>HTML</p>"}],
    }


@pytest.mark.parametrize(("answer", "failure"), [
    (400, PermanentFailure), (401, PermanentFailure), (429, TemporaryFailure),
    (500, TemporaryFailure), (503, TemporaryFailure), ("hang", TemporaryFailure),
])
def test_sendgrid_answers_become_outcomes(standin, answer, failure):
    standin.default = answer
    with pytest.raises(failure) as raised:
        mailer(standin, timeout=0.5).send(MESSAGE)
    if answer != "hang":
        assert str(answer) in str(raised.value)


def test_sendgrid_unreachable_is_temporary():
    dead = SendGridMailer(api_key="k", sender="e@example.org", host="http://127.0.0.1:9",
                          timeout=1)
    with pytest.raises(TemporaryFailure):
        dead.send(MESSAGE)


def smtp(port: int) -> SmtpMailer:
    return SmtpMailer(host="127.0.0.1", port=port, sender="events@example.org",
                      sender_name="Event Portal", starttls=False, timeout=5)


def test_smtp_sends_text_and_html_with_our_id(sink):
    handler, port = sink
    message_id = smtp(port).send(MESSAGE)
    assert "portal-41" in message_id
    envelope = handler.messages[0]
    assert envelope.mail_from == "events@example.org"
    assert envelope.rcpt_tos == ["li.lei@example.org"]
    parsed = message_from_bytes(envelope.original_content)
    assert parsed["X-Portal-Email-Id"] == "41" and parsed["From"] == "Event Portal " \
        "<events@example.org>"
    kinds = [part.get_content_type() for part in parsed.walk()]
    assert "text/plain" in kinds and "text/html" in kinds


@pytest.mark.parametrize(("to", "failure"), [("bounce@example.org", PermanentFailure),
                                             ("busy@example.org", TemporaryFailure)])
def test_smtp_refusals_by_code(sink, to, failure):
    _, port = sink
    with pytest.raises(failure):
        smtp(port).send(OutgoingEmail(1, to, "s", "t", "<p>h</p>"))


def test_smtp_server_down_is_temporary():
    with pytest.raises(TemporaryFailure):
        smtp(9).send(MESSAGE)
