"""notify(): emails and in-app notifications written with the change; the dispatcher sends
each email exactly once through outages and crashes; the inbox and the staff Mail log."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update
from sqlmodel import Session

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import Role
from portal.domain.errors import Conflict, Forbidden, NotFound
from portal.domain.models import AuditEntry, EmailStatus, Notification, OutboxEmail, User
from portal.domain.policies import Actor
from portal.services import emails, notifications
from portal.services.paging import PageRequest
from portal.services.users import create_user
from tests.services.helpers import STRONG, actor_for, sign_in


def people(n: int = 2, locale: str = "en") -> list[User]:
    with session_scope() as session:
        users = [create_user(session, name=f"Person {i}", email=f"p{i}@example.org",
                             password=STRONG, verified=True) for i in range(n)]
        for user in users:
            user.locale = locale
    return users


def notify(users, template="account_reinstated", context=None, **kw) -> None:
    with session_scope() as session:
        fresh = [session.get(User, u.id) for u in users]
        notifications.notify(session, recipients=fresh, template=template,
                             context=context or {}, about=("user", fresh[0].id), **kw)


def count(db: Session, model, *where) -> int:
    db.rollback()
    return db.exec(select(func.count()).select_from(model).where(*where)).one()[0]


def test_notify_writes_one_email_and_one_inbox_row_per_recipient(db):
    users = people(2, locale="zh-Hans")
    notify(users)
    assert count(db, OutboxEmail) == 2 and count(db, Notification) == 2
    email = db.exec(select(OutboxEmail)).first()[0]
    assert "恢复" in email.subject and email.locale == "zh-Hans"
    assert email.about_type == "user" and "查看你的消息" in email.body_html
    note = db.exec(select(Notification)).first()[0]
    assert note.title == email.subject and note.body == "你的账户已恢复正常。"


def test_notify_is_part_of_the_callers_transaction(db):
    users = people(1)
    with pytest.raises(RuntimeError), session_scope() as session:
        notifications.notify(session, recipients=[session.get(User, users[0].id)],
                             template="account_reinstated", context={})
        raise RuntimeError("the change failed")
    assert count(db, OutboxEmail) == 0 and count(db, Notification) == 0


@pytest.mark.parametrize(("template", "context", "problem"), [
    ("no_such_template", {}, "does not exist"),
    ("account_suspended", {}, "'reason' is undefined"),
])
def test_bad_templates_fail_loudly_at_enqueue(db, template, context, problem):
    users = people(1)
    with pytest.raises(ValueError, match=problem):
        notify(users, template=template, context=context)
    assert count(db, OutboxEmail) == 0


def test_a_recipient_without_an_address_is_refused(db):
    with pytest.raises(ValueError):
        with session_scope() as session:
            notifications.notify(session, recipients=[User(id=5, name="x", email="")],
                                 template="account_reinstated", context={})


class RecordingMailer:
    def __init__(self, failures: list[Exception] | None = None):
        self.failures = list(failures or [])
        self.sent: list[int] = []
        self.lock = threading.Lock()

    def send(self, message):
        with self.lock:
            if self.failures:
                raise self.failures.pop(0)
            self.sent.append(message.row_id)
        return f"msg-{message.row_id}"


def make_due(db: Session) -> None:
    with session_scope() as session:
        session.execute(update(OutboxEmail).where(OutboxEmail.status == "pending")
                        .values(next_attempt_at=utcnow() - timedelta(seconds=1)))


def test_transient_failures_retry_with_back_off_then_fail(db):
    notify(people(1))
    mailer = RecordingMailer([emails.TemporaryFailure("503")] * 6)
    delays = []
    for _ in range(6):
        emails.dispatch_due(session_scope, mailer)
        db.rollback()
        row = db.exec(select(OutboxEmail)).one()[0]
        delays.append(row.next_attempt_at - utcnow())
        make_due(db)
    assert row.status == EmailStatus.FAILED.value and row.attempts == 6
    assert row.last_error == "503"
    expected = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
                timedelta(hours=2), timedelta(hours=12)]
    for got, want in zip(delays, expected, strict=False):
        assert want - timedelta(seconds=5) < got <= want
    assert mailer.sent == []


def test_permanent_failures_fail_at_once(db):
    notify(people(1))
    emails.dispatch_due(session_scope, RecordingMailer([emails.PermanentFailure("400 bad")]))
    db.rollback()
    row = db.exec(select(OutboxEmail)).one()[0]
    assert row.status == EmailStatus.FAILED.value and row.attempts == 1


def test_an_outage_loses_nothing_and_sends_nothing_twice(db):
    notify(people(20))
    mailer = RecordingMailer([emails.TemporaryFailure("500")] * 15)
    for _ in range(5):
        emails.dispatch_due(session_scope, mailer)
        make_due(db)
    assert sorted(mailer.sent) == sorted(set(mailer.sent))
    assert count(db, OutboxEmail, OutboxEmail.status == "sent") == 20 == len(mailer.sent)
    db.rollback()
    assert all(r[0].provider_message_id for r in db.exec(select(OutboxEmail)))


def test_a_crash_mid_send_is_never_resent_automatically(db):
    notify(people(1))
    with session_scope() as session:
        emails.claim_due(session, limit=10)  # a dispatcher claims ... and dies
    assert emails.dispatch_due(session_scope, RecordingMailer()) == 0
    with session_scope() as session:
        session.execute(update(OutboxEmail).values(next_attempt_at=utcnow() - timedelta(1)))
    with session_scope() as session:
        assert emails.sweep_interrupted(session) == 1
    db.rollback()
    row = db.exec(select(OutboxEmail)).one()[0]
    assert row.status == "failed" and "portal_email_id" in row.last_error


def test_two_dispatchers_race_and_each_row_goes_once(db, engine):
    notify(people(1))  # one row to warm up
    with session_scope() as session:
        session.execute(update(OutboxEmail).values(status="sent"))
    total = 1000 if engine.dialect.name == "postgresql" else 200
    with session_scope() as session:
        user = session.get(User, 1)
        rendered = emails.render("account_reinstated", "en", {"name": user.name})
        for _ in range(total):
            emails.add_to_outbox(session, to_email=user.email, rendered=rendered,
                                 template="account_reinstated", locale="en", to_user_id=1,
                                 about=("user", 1))
    mailer = RecordingMailer()

    def run() -> None:
        while emails.dispatch_due(session_scope, mailer, batch=25):
            pass

    workers = [threading.Thread(target=run) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert len(mailer.sent) == total == len(set(mailer.sent))
    assert count(db, OutboxEmail, OutboxEmail.status == "sent") == total + 1


def test_inbox_is_private_and_marks_read(db):
    a_cookie, b_cookie = (sign_in(u.email) for u in people(2))
    a, b = actor_for(a_cookie), actor_for(b_cookie)
    users = [db.get(User, a.user_id)]
    notify(users)
    notify(users)

    def call(service, actor, **kw):
        with session_scope() as session:
            return service(session, actor, **kw)

    assert call(notifications.unread_count, a) == 2 and call(notifications.unread_count, b) == 0
    inbox = call(notifications.list_inbox, a, request=PageRequest())
    assert inbox.total == 2 and not inbox.items[0].read
    with pytest.raises(NotFound):  # someone else's notification
        call(notifications.mark_read, b, notification_id=inbox.items[0].id)
    call(notifications.mark_read, a, notification_id=inbox.items[0].id)
    assert call(notifications.unread_count, a) == 1
    assert call(notifications.mark_all_read, a) == 1
    assert call(notifications.unread_count, a) == 0
    assert call(notifications.list_inbox, b, request=PageRequest()).total == 0
    with pytest.raises(Forbidden):
        call(notifications.list_inbox, Actor.anonymous(), request=PageRequest())


def test_mail_log_is_staff_only_hides_tokens_and_resends_failed(db):
    from portal.services import accounts

    with session_scope() as session:
        create_user(session, name="Sam", email="sam@example.org", password=STRONG,
                    roles=frozenset({Role.STAFF_REVIEWS}), verified=True)
    staff = actor_for(sign_in("sam@example.org"))

    with session_scope() as session:
        accounts.sign_up(session, accounts.SignUp(
            name="Li", email="li@example.org", phone="+86 138 0000 1111",
            date_of_birth="1990-01-01", password=STRONG, accept_rules=True))
    with session_scope() as session:
        with pytest.raises(Forbidden):
            emails.list_mail(session, Actor(user_id=1, verified=True), request=PageRequest())
        page = emails.list_mail(session, staff, request=PageRequest(
            filters={"template": "verify_email", "recipient": "LI@example.org"}))
    assert page.total == 1
    with session_scope() as session:
        message = emails.get_mail(session, staff, email_id=page.items[0].id)
    assert "token=[hidden]" in message.text and "token=[hidden]" in message.html
    with pytest.raises(Conflict), session_scope() as session:
        emails.resend_mail(session, staff, email_id=message.id)
    emails.dispatch_due(session_scope, RecordingMailer([emails.PermanentFailure("550")]))
    with session_scope() as session:  # a week on, its link is dead and removed
        emails.purge_stale_links(session, now=utcnow() + timedelta(days=8))
    with pytest.raises(Conflict, match="one-time link"), session_scope() as session:
        emails.resend_mail(session, staff, email_id=message.id)
    notify(people(1))  # an email without a one-time link
    make_due(db)
    emails.dispatch_due(session_scope, RecordingMailer([emails.PermanentFailure("550")]))
    with session_scope() as session:
        failed = emails.list_mail(session, staff, request=PageRequest(
            filters={"template": "account_reinstated"})).items[0]
        resent = emails.resend_mail(session, staff, email_id=failed.id)
    assert resent.status is EmailStatus.PENDING
    assert count(db, AuditEntry, AuditEntry.action == "email.resent") == 1
    assert emails.dispatch_due(session_scope, RecordingMailer()) == 1
