"""Readable histories on a real database (names and links, sign-in noise left out unless asked
for), administrators vouching for an address, and the Dev mailbox (development only)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from portal.db import session_scope
from portal.domain.enums import Role
from portal.domain.errors import Conflict, Forbidden, Invalid
from portal.domain.models import AuditEntry, OutboxEmail, User
from portal.integrations.email_log import LogMailer
from portal.services import admin_users, audit, dev_mailbox, emails
from portal.services.audit_sentences import describe
from portal.services.paging import PageRequest
from portal.services.users import create_user
from portal.settings import Environment, Mailer, Settings
from tests.services.helpers import STRONG, actor_for, sign_in, sign_up
from tests.services.test_outbox_secrets import Capture

TOKEN = re.compile(r"token=([A-Za-z0-9_-]{20,})")


@pytest.fixture
def people(engine):
    with session_scope() as session:
        create_user(session, name="Ada Admin", email="admin@example.org", password=STRONG,
                    roles=frozenset({Role.ADMIN}), verified=True)
        create_user(session, name="Sam Staff", email="staff@example.org", password=STRONG,
                    roles=frozenset({Role.STAFF_REVIEWS}), verified=True)
    member = sign_up(email="li@example.org")
    return {"admin": actor_for(sign_in("admin@example.org")),
            "staff": actor_for(sign_in("staff@example.org")),
            "attendee": actor_for(sign_in("li@example.org")), "member_id": member}


def call(service, actor, **kwargs):
    with session_scope() as session:
        return service(session, actor, **kwargs)


def test_the_log_names_people_and_links_objects_and_hides_sign_ins(people):
    call(admin_users.set_role, people["admin"], user_id=people["member_id"],
         role="staff_reviews", granted=True)
    quiet = call(audit.list_audit, people["staff"], request=PageRequest(descending=True,
                                                                        sort="at"))
    assert all(not e.action.startswith(("sign_in.", "session.")) for e in quiet.items)
    granted = next(e for e in quiet.items if e.action == "user.role_granted")
    assert (granted.actor_name, granted.object_name) == ("Ada Admin", "Li Lei")
    said = describe(granted, "en")
    assert said.text == "Ada Admin granted Li Lei the role Staff: reviews"
    assert said.href == ""  # staff who are not admins cannot open people
    assert describe(granted, "en", link_people=True).href == \
        f"/staff/user?id={people['member_id']}"
    noisy = call(audit.list_audit, people["staff"],
                 request=PageRequest(filters={"sign_ins": "show"}))
    assert any(e.action == "sign_in.succeeded" for e in noisy.items)
    assert noisy.total > quiet.total
    chosen = call(audit.list_audit, people["staff"],  # naming the action shows it too
                  request=PageRequest(filters={"action": "session.started"}))
    assert chosen.total == 3
    with pytest.raises(Invalid):
        call(audit.list_audit, people["staff"], request=PageRequest(filters={"sign_ins": "x"}))


def test_admins_mark_an_address_verified_with_a_reason_and_it_is_audited(people):
    member = people["member_id"]
    for refused in ("staff", "attendee"):
        with pytest.raises(Forbidden):
            call(admin_users.mark_email_verified, people[refused], user_id=member,
                 reason="Phoned them")
    with pytest.raises(Invalid) as blank:
        call(admin_users.mark_email_verified, people["admin"], user_id=member, reason="  ")
    assert blank.value.field == "verify_reason"
    with session_scope() as session:
        assert session.get(User, member).email_verified_at is None
    detail = call(admin_users.mark_email_verified, people["admin"], user_id=member,
                  reason="Confirmed by phone on 2 May")
    assert detail.verified
    with session_scope() as session:
        entry = session.exec(select(AuditEntry).where(
            AuditEntry.action == "user.email_marked_verified")).one()[0]
        assert (entry.object_id, entry.note) == (member, "Confirmed by phone on 2 May")
    with pytest.raises(Conflict):
        call(admin_users.mark_email_verified, people["admin"], user_id=member, reason="again")
    history = call(audit.object_history, people["admin"], object_type="user", object_id=member)
    said = describe(history[0], "en")
    assert said.text == "Ada Admin marked the email address of Li Lei as verified"
    assert "Note: Confirmed by phone on 2 May" in said.details


def production() -> Settings:
    return Settings(environment=Environment.PRODUCTION, secret_key="x" * 40,
                    payment_gateway="stripe", stripe_secret_key="sk_test_x",
                    stripe_webhook_secret="whsec_x", mailer=Mailer.SENDGRID,
                    sendgrid_api_key="SG.test", complaint_inbound_secret="i" * 24,
                    file_encryption_key="a2V5LWZvci1maWxlcy1hdC1yZXN0LTMyLWJ5dGVzISE=")


def test_the_dev_mailbox_shows_working_links_in_development_only(engine, monkeypatch):
    sign_up("li@example.org")
    assert emails.dispatch_due(session_scope, LogMailer()) == 1  # the log mailer keeps links
    with session_scope() as session:
        from portal.services.sessions import resolve_actor

        nobody = resolve_actor(session, "")
    listed = call(dev_mailbox.list_dev_mail, nobody)
    assert [m.to_email for m in listed] == ["li@example.org"]
    opened = call(dev_mailbox.get_dev_mail, nobody, email_id=listed[0].id)
    verify = next(link for link in opened.links if "/verify-email?token=" in link)
    assert TOKEN.search(verify)
    assert "data:image/svg+xml;base64," in opened.html and "/logo.svg" not in opened.html
    monkeypatch.setattr(dev_mailbox, "get_settings", production)
    assert not dev_mailbox.dev_mailbox_open()
    for service, kwargs in ((dev_mailbox.list_dev_mail, {}),
                            (dev_mailbox.get_dev_mail, {"email_id": listed[0].id})):
        with pytest.raises(Forbidden):
            call(service, nobody, **kwargs)


def test_other_mailers_still_lose_the_tokens_once_sent(engine):
    sign_up("li@example.org")
    emails.dispatch_due(session_scope, Capture())
    with session_scope() as session:
        row = session.exec(select(OutboxEmail)).one()[0]
        assert not TOKEN.search(row.body_text)


def test_links_come_from_the_text_and_the_html_hrefs_once_each():
    text = "Open https://p.example/verify-email?token=abc.\nAgain: https://p.example/me"
    body = ('<img src="https://p.example/logo.svg"><a href="https://p.example/me">x</a>'
            '<a href="https://p.example/me/inbox?a=1&amp;b=2">y</a>')
    assert dev_mailbox.links_in(text, body) == [
        "https://p.example/verify-email?token=abc", "https://p.example/me",
        "https://p.example/me/inbox?a=1&b=2"]
