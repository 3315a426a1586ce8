"""Mail to the complaint address, as SendGrid Inbound Parse posts it (multipart/form-data with
the message's fields and its attachments as files), through the real route: the secret in the
URL, attachments checked, the account linked only for a sender the receiving server verified."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import func
from sqlmodel import select
from starlette.testclient import TestClient

from portal.db import session_scope
from portal.domain.enums import ComplaintEntryKind
from portal.domain.models import Complaint, ComplaintFile, Notification
from portal.services.inbound_email import sender_verified
from portal.settings import get_settings
from tests.services.complaint_helpers import PDF, entries, mails, png
from tests.services.registration_helpers import person

SECRET = "inbound-" + "s" * 32
HOOK = "/hooks/inbound-email/"


def inbound_parse_body(*, sender: str, subject: str = "Complaint about the Harbour Walk",
                       text: str = "The stewards were rude and the fee was wrong.",
                       dkim: str = "{@example.org : pass}", spf: str = "pass",
                       envelope_from: str | None = None, attachments=(),
                       subject_bytes: bytes | None = None, charsets: dict | None = None,
                       message_id: str = "<CAF1x2y3@mail.example.org>") -> tuple[bytes, str]:
    """A multipart body laid out the way Inbound Parse sends one: text fields, then the
    attachment files named attachment1..N, with `attachment-info` describing them."""
    boundary = f"xYzZY{uuid.uuid4().hex}"
    envelope = {"to": ["complaints@events.example.org"],
                "from": envelope_from or sender.split("<")[-1].rstrip(">")}
    info = {f"attachment{i}": {"filename": name, "name": name, "type": kind}
            for i, (name, kind, _content) in enumerate(attachments, start=1)}
    fields: list[tuple[str, bytes]] = [
        ("headers", f"Received: by mx.sendgrid.net\nFrom: {sender}\nSubject: {subject}\n"
         f"Message-ID: {message_id}\n".encode()),
        ("dkim", dkim.encode()), ("to", b"complaints@events.example.org"),
        ("html", f"<p>{text}</p>".encode()), ("from", sender.encode()),
        ("text", text.encode()), ("sender_ip", b"203.0.113.7"),
        ("envelope", json.dumps(envelope).encode()),
        ("attachments", str(len(attachments)).encode()),
        ("subject", subject_bytes if subject_bytes is not None else subject.encode()),
        ("attachment-info", json.dumps(info).encode()),
        ("charsets", json.dumps(charsets or {"to": "UTF-8", "html": "UTF-8", "subject": "UTF-8",
                                              "from": "UTF-8", "text": "UTF-8"}).encode()),
        ("SPF", spf.encode())]
    parts = [b"--" + boundary.encode() + b"\r\nContent-Disposition: form-data; name=\""
             + name.encode() + b"\"\r\n\r\n" + value + b"\r\n" for name, value in fields]
    for i, (name, kind, content) in enumerate(attachments, start=1):
        parts.append(b"--" + boundary.encode() + b"\r\nContent-Disposition: form-data; "
                     + f'name="attachment{i}"; filename="{name}"'.encode()
                     + b"\r\nContent-Type: " + kind.encode() + b"\r\n\r\n" + content + b"\r\n")
    body = b"".join(parts) + b"--" + boundary.encode() + b"--\r\n"
    return body, f"multipart/form-data; boundary={boundary}"


@pytest.fixture
def client(engine, monkeypatch):
    from portal.web.app import build_web_app

    monkeypatch.setenv("PORTAL_COMPLAINT_INBOUND_SECRET", SECRET)
    get_settings.cache_clear()
    yield TestClient(build_web_app())
    get_settings.cache_clear()


def _post(client, body_and_type, token=SECRET):
    body, content_type = body_and_type
    return client.post(HOOK + token, content=body, headers={"content-type": content_type})


def _complaints() -> list[Complaint]:
    with session_scope() as session:
        rows = list(session.exec(select(Complaint).order_by(Complaint.id)))
        for row in rows:
            session.expunge(row)
        return rows


def test_a_verified_sender_with_an_account_gets_a_linked_complaint(client):
    ann = person("Ann")
    answer = _post(client, inbound_parse_body(
        sender="Ann Lee <ann@example.org>",
        attachments=[("photo.png", "image/png", png()), ("receipt.pdf", "application/pdf", PDF),
                     ("setup.exe", "application/octet-stream", b"MZ\x90\x00" + b"\0" * 64)]))
    assert answer.status_code == 200
    [found] = _complaints()
    assert answer.json()["reference"] == found.reference
    assert (found.channel, found.complainant_id, found.sender_verified) == (
        "email", ann.user_id, True)
    assert found.title == "Complaint about the Harbour Walk"
    assert "rude" in found.what_happened
    with session_scope() as session:
        kept = [f.filename for f in session.exec(select(ComplaintFile).order_by(ComplaintFile.id))]
    assert kept == ["photo.png", "receipt.pdf"]
    [note] = [e for e in entries(found.id) if e.kind == ComplaintEntryKind.INTERNAL_NOTE.value]
    assert "setup.exe" in note.body
    ack = mails("ann@example.org")[-1]
    assert ack.template == "complaint_received" and found.reference in ack.body_text


def test_the_same_message_delivered_twice_is_one_complaint_and_one_reply(client):
    person("Ann")
    first = _post(client, inbound_parse_body(sender="Ann Lee <ann@example.org>"))
    again = _post(client, inbound_parse_body(sender="Ann Lee <ann@example.org>"))
    other = _post(client, inbound_parse_body(sender="Ann Lee <ann@example.org>",
                                             message_id="<another@mail.example.org>"))
    assert first.status_code == again.status_code == other.status_code == 200
    assert again.json()["reference"] == first.json()["reference"] != other.json()["reference"]
    assert len(_complaints()) == 2
    assert len([m for m in mails("ann@example.org") if m.template == "complaint_received"]) == 2


def test_a_forged_sender_is_never_attached_to_the_account(client):
    ann = person("Ann")
    # DKIM signed by another domain; SPF passed for the attacker's envelope sender
    answer = _post(client, inbound_parse_body(
        sender="Ann Lee <ann@example.org>", dkim="{@evil.example : pass}", spf="pass",
        envelope_from="bounce@evil.example", text="Please send my ticket to this address."))
    assert answer.status_code == 200
    [found] = _complaints()
    assert found.complainant_id is None and found.sender_verified is False
    assert found.complainant_email == "ann@example.org"
    [note] = [e for e in entries(found.id) if e.kind == ComplaintEntryKind.INTERNAL_NOTE.value]
    assert "not linked to any account" in note.body
    with session_scope() as session:  # nothing in Ann's account: no in-app notification
        assert session.exec(select(func.count()).select_from(Notification).where(
            Notification.user_id == ann.user_id, Notification.template == "complaint_received")
        ).one() == 0


def test_an_unknown_sender_gets_an_unlinked_complaint_and_a_reference(client):
    answer = _post(client, inbound_parse_body(sender="li.na@example.org"))
    assert answer.status_code == 200
    [found] = _complaints()
    assert found.complainant_id is None and found.sender_verified is True
    [ack] = mails("li.na@example.org")
    assert ack.to_user_id is None and found.reference in ack.subject


def test_without_the_secret_nothing_is_read(client):
    person("Ann")
    body = inbound_parse_body(sender="ann@example.org")
    assert _post(client, body, token="wrong-token").status_code == 403
    assert _post(client, body, token=SECRET[:-1]).status_code == 403
    assert client.post(HOOK, content=body[0],
                       headers={"content-type": body[1]}).status_code in (404, 405)
    assert _complaints() == []


def test_the_route_is_off_without_a_configured_secret(engine, monkeypatch):
    from portal.web.app import build_web_app

    monkeypatch.delenv("PORTAL_COMPLAINT_INBOUND_SECRET", raising=False)
    get_settings.cache_clear()
    try:
        answer = _post(TestClient(build_web_app()),
                       inbound_parse_body(sender="ann@example.org"), token="anything")
    finally:
        get_settings.cache_clear()
    assert answer.status_code == 404 and _complaints() == []


def test_a_subject_in_another_charset_is_read_in_it(client):
    answer = _post(client, inbound_parse_body(
        sender="wang@example.org", subject="x", subject_bytes="活动安全投诉".encode("gb2312"),
        charsets={"subject": "GB2312", "text": "UTF-8", "from": "UTF-8"}))
    assert answer.status_code == 200
    assert _complaints()[0].title == "活动安全投诉"


def test_our_own_mail_coming_back_and_bad_bodies_are_dropped(client):
    own = get_settings().mail_from
    assert _post(client, inbound_parse_body(sender=own)).json()["status"] == "ignored"
    assert client.post(HOOK + SECRET, content=b"{}",
                       headers={"content-type": "application/json"}).status_code == 415
    assert client.post(HOOK + SECRET, content=b"--broken",
                       headers={"content-type": "multipart/form-data; boundary=zz"}
                       ).status_code in (200, 400)
    assert _complaints() == []


def test_mail_from_the_complaint_address_set_on_the_screen_is_dropped(client):
    """An admin moved the complaint address: an auto-reply from it must not loop back in."""
    from portal.domain.enums import Role
    from portal.services.platform_settings import change_settings
    from portal.services.users import create_user
    from tests.services.helpers import STRONG, actor_for, sign_in

    moved = "help-desk@events.example.org"
    body = inbound_parse_body(sender=f"Help desk <{moved}>")
    with session_scope() as session:
        create_user(session, name="Ada", email="ada@example.org", password=STRONG,
                    roles=frozenset({Role.ADMIN}), verified=True)
    admin = actor_for(sign_in("ada@example.org"))
    with session_scope() as session:
        change_settings(session, admin, changes={"complaint_email": moved})
    assert _post(client, body).json()["status"] == "ignored"
    assert _complaints() == []
    with session_scope() as session:  # moved back: that sender is a person again
        change_settings(session, admin, changes={"complaint_email": get_settings().complaint_email})
    assert _post(client, body).json()["status"] == "ok"
    assert len(_complaints()) == 1


@pytest.mark.parametrize("sender,spf,dkim,envelope,expected", [
    ("ann@example.org", "pass", "{@example.org : pass}", "ann@example.org", True),
    ("ann@example.org", "fail", "{@example.org : pass}", "x@evil.example", True),
    ("ann@example.org", "pass", "none", "bounce@example.org", True),
    ("ann@example.org", "pass", "none", "bounce@evil.example", False),
    ("ann@example.org", "softfail", "{@example.org : fail}", "ann@example.org", False),
    ("ann@example.org", "none", "{@mail.example.org : pass}", "", False),
    ("ann@example.org", "neutral", "{@evil.example : pass, @example.org : pass}", "", True),
])
def test_which_senders_count_as_verified(sender, spf, dkim, envelope, expected):
    assert sender_verified(sender, spf=spf, dkim=dkim, envelope_from=envelope) is expected
