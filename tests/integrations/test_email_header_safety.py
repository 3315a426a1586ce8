"""A hostile name (newline, NUL, escape, Unicode line separator) never breaks or adds an email
header: cleaned when the template is rendered, and again by each adapter for older rows."""

from __future__ import annotations

from email import message_from_bytes

import pytest

from portal.integrations.email_sendgrid import SendGridMailer
from portal.integrations.email_smtp import SmtpMailer
from portal.services.emails import OutgoingEmail, header_value, render
from tests.sendgrid_standin import SendGridStandIn

HOSTILE = [
    "Evil Co\r\nBcc: victim@example.net",
    "Evil Co\nBcc: victim@example.net",
    "Evil Co\rBcc: victim@example.net",
    "Evil\x00Co",
    "Evil\x1b[31mCo\x7f",
    "Evil Co\u2028Bcc: victim@example.net",
    "Evil Co\u2029\x85Bcc: victim@example.net",
]
BREAKERS = set("\r\n\x00\x1b\x7f\u2028\u2029\x85")


@pytest.mark.parametrize("name", HOSTILE)
def test_header_value_is_one_clean_line(name):
    cleaned = header_value(name)
    assert not BREAKERS & set(cleaned)
    assert cleaned.startswith("Evil") and "  " not in cleaned


def test_ordinary_text_is_left_alone():
    assert header_value("Hello 你好 — Spring Fair, 2026!") == "Hello 你好 — Spring Fair, 2026!"


@pytest.mark.parametrize("name", HOSTILE)
def test_rendered_subject_is_cleaned_but_the_body_keeps_its_lines(name):
    rendered = render("organizer_approve", "en",
                      {"name": "Li", "organizer": name, "note": "",
                       "certificate_number": "Q-1"})
    assert not BREAKERS & set(rendered.subject)
    assert rendered.subject.startswith("Evil")
    assert "\n\nYou can now create events" in rendered.text  # bodies keep their lines


def legacy(name: str) -> OutgoingEmail:
    """A row written before render-time cleaning, subject untouched."""
    return OutgoingEmail(7, "li.lei@example.org", f"{name} is a qualified organizer", "t",
                         "<p>h</p>")


@pytest.mark.parametrize("name", HOSTILE)
def test_smtp_sends_one_subject_line_and_no_injected_header(sink, name):
    handler, port = sink
    mailer = SmtpMailer(host="127.0.0.1", port=port, sender="events@example.org",
                        sender_name="Event\r\nPortal", starttls=False, timeout=5)
    mailer.send(legacy(name))
    envelope = handler.messages[0]
    assert envelope.rcpt_tos == ["li.lei@example.org"]
    parsed = message_from_bytes(envelope.original_content)
    assert parsed["Bcc"] is None
    assert parsed["Subject"].startswith("Evil") and "qualified organizer" in parsed["Subject"]
    assert not BREAKERS & set(parsed["Subject"])
    assert parsed["From"] == "Event Portal <events@example.org>"


@pytest.mark.parametrize("name", HOSTILE)
def test_sendgrid_receives_a_clean_subject(name):
    standin = SendGridStandIn().start()
    try:
        SendGridMailer(api_key="SG.test", sender="events@example.org",
                       sender_name="Event\nPortal", host=standin.url, timeout=2
                       ).send(legacy(name))
    finally:
        standin.stop()
    body = standin.requests[0]["body"]
    assert not BREAKERS & set(body["subject"]) and body["subject"].startswith("Evil")
    assert body["from"]["name"] == "Event Portal"
