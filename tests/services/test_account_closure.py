"""Closing an account anonymises the person and keeps the records the rules require: the
payment, the ledger and the audit log stay, pointing at the anonymised account."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import Role
from portal.domain.errors import Conflict, Forbidden, Invalid
from portal.domain.models import (
    AuditEntry,
    Complaint,
    LedgerEntry,
    Notification,
    OrganizerMember,
    OutboxEmail,
    Payment,
    Registration,
    RegistrationAnswer,
    User,
    UserSession,
)
from portal.services import accounts
from portal.services.account_closure import close_own_account, close_user_account
from portal.services.users import create_user
from portal.wiring import file_store
from tests.services.helpers import STRONG, actor_for, sign_in, sign_up
from tests.services.privacy_fixtures import two_people
from tests.services.registration_helpers import set_event

__all__ = ["two_people"]


def _close(actor, password: str = STRONG) -> None:
    with session_scope() as session:
        close_own_account(session, actor, password=password, store=file_store())


def _snapshot(user_id: int) -> tuple:
    with session_scope() as session:
        user = session.get(User, user_id)
        return (user.name, user.email, user.phone, user.status, user.password_hash,
                len(session.exec(select(UserSession.id).where(
                    UserSession.user_id == user_id, UserSession.revoked_at.is_(None))).all()))


def _answer_keys(registration_id: int) -> list[str]:
    with session_scope() as session:
        return [key for key in session.exec(select(RegistrationAnswer.file_key).where(
            RegistrationAnswer.registration_id == registration_id)) if key]


def test_closing_anonymises_the_person_and_keeps_the_money_and_audit_records(two_people):
    ann, bob = two_people["ann"], two_people["bob"]
    cookie = sign_in(ann["email"])
    [key] = _answer_keys(ann["registration_id"])
    assert file_store().read(key)
    with session_scope() as session:
        ledger_before = session.exec(select(LedgerEntry.id, LedgerEntry.amount_minor).where(
            LedgerEntry.registration_id == ann["registration_id"])).all()
        audit_before = len(session.exec(select(AuditEntry.id)).all())
    assert ledger_before
    _close(actor_for(cookie))

    with session_scope() as session:
        user = session.get(User, ann["id"])
        assert user.status == "closed" and user.name == f"Closed account #{ann['id']}"
        assert user.email.endswith("@closed.invalid") and ann["email"] not in user.email
        assert (user.phone, user.date_of_birth, user.password_hash) == (None, None, None)
        answers = session.exec(select(RegistrationAnswer).where(
            RegistrationAnswer.registration_id == ann["registration_id"])).all()
        assert all(a.value == "" and a.file_key is None for a in answers)
        # the records stay, pointing at the anonymised account
        registration = session.get(Registration, ann["registration_id"])
        assert registration.user_id == ann["id"]
        payment = session.exec(select(Payment).where(Payment.reference == ann["reference"])).one()
        assert payment.status == "succeeded" and payment.registration_id == registration.id
        assert session.exec(select(LedgerEntry.id, LedgerEntry.amount_minor).where(
            LedgerEntry.registration_id == ann["registration_id"])).all() == ledger_before
        closed = session.exec(select(AuditEntry).where(AuditEntry.action == "user.closed")).one()
        assert (closed.actor_id, closed.object_id) == (ann["id"], ann["id"])
        assert len(session.exec(select(AuditEntry.id)).all()) == audit_before + 1
        complaint = session.exec(select(Complaint).where(
            Complaint.reference == ann["complaint"])).one()
        assert complaint.complainant_id == ann["id"] and complaint.what_happened
        assert ann["name"] not in complaint.complainant_name
        assert not session.exec(select(Notification.id).where(
            Notification.user_id == ann["id"])).all()
        mails = session.exec(select(OutboxEmail).where(OutboxEmail.to_user_id == ann["id"])).all()
        assert mails and all(m.body_text == "" and m.body_html == "" and
                             m.to_email == user.email for m in mails)
        assert not session.exec(select(OutboxEmail.id).where(
            OutboxEmail.to_email == ann["email"])).all()
    with pytest.raises(FileNotFoundError):
        file_store().read(key)
    # signed out everywhere; cannot sign in; the address is free to sign up again
    assert not actor_for(cookie).is_authenticated
    with pytest.raises(Invalid), session_scope() as session:
        accounts.sign_in(session, email=ann["email"], password=STRONG)
    assert sign_up(ann["email"], name="Ann Again") != ann["id"]
    # Bob is untouched
    assert _snapshot(bob["id"])[:4] == (bob["name"], bob["email"], bob["phone"], "active")
    assert _answer_keys(bob["registration_id"])


def test_a_wrong_password_or_a_second_closure_is_refused_and_changes_nothing(two_people):
    ann = two_people["ann"]
    actor = actor_for(sign_in(ann["email"]))
    before = _snapshot(ann["id"])
    with pytest.raises(Invalid) as refused:
        _close(actor, password="not my password")
    assert refused.value.field == "close_password"
    assert _snapshot(ann["id"]) == before
    _close(actor)
    closed = _snapshot(ann["id"])
    with pytest.raises(Conflict, match="already closed"):
        _close(actor)  # a second attempt with the actor resolved before the closure
    with session_scope() as session:
        admin = create_user(session, name="Ada", email="ada@example.org", password=STRONG,
                            roles=frozenset({Role.ADMIN}), verified=True)
    ada = actor_for(sign_in("ada@example.org"))
    with pytest.raises(Conflict, match="already closed"), session_scope() as session:
        close_user_account(session, ada, user_id=ann["id"], note="Asked by phone",
                           store=file_store())
    assert _snapshot(ann["id"]) == closed and admin.id


def test_open_money_or_an_upcoming_event_or_a_sole_ownership_refuses(two_people, team):
    ann = two_people["ann"]
    actor = actor_for(sign_in(ann["email"]))
    before = _snapshot(ann["id"])
    set_event(two_people["event_id"], ends_at=utcnow() + timedelta(days=3))
    with pytest.raises(Conflict, match="upcoming events"):
        _close(actor)
    set_event(two_people["event_id"], ends_at=utcnow() - timedelta(days=1))
    with session_scope() as session:
        payment = session.exec(select(Payment).where(Payment.reference == ann["reference"])).one()
        payment.status = "pending"
    with pytest.raises(Conflict, match="payment"):
        _close(actor)
    with session_scope() as session:
        payment = session.exec(select(Payment).where(Payment.reference == ann["reference"])).one()
        payment.status = "succeeded"
    assert _snapshot(ann["id"]) == before
    # the organizer's only owner
    olga = team["olga"]
    with pytest.raises(Conflict, match="only owner"):
        _close(olga)
    with session_scope() as session:
        assert session.get(User, olga.user_id).status == "active"
        assert session.exec(select(OrganizerMember.id).where(
            OrganizerMember.user_id == olga.user_id)).all()


def test_an_admin_closes_an_account_on_request_and_nobody_else_can(two_people, team):
    bob = two_people["bob"]
    with session_scope() as session:
        create_user(session, name="Ada", email="ada@example.org", password=STRONG,
                    roles=frozenset({Role.ADMIN}), verified=True)
    ada = actor_for(sign_in("ada@example.org"))
    before = _snapshot(bob["id"])
    for wrong in (team["eve"], team["rita"], actor_for("")):
        with pytest.raises(Forbidden), session_scope() as session:
            close_user_account(session, wrong, user_id=bob["id"], note="x", store=file_store())
    with pytest.raises(Invalid) as refused, session_scope() as session:
        close_user_account(session, ada, user_id=bob["id"], note="  ", store=file_store())
    assert refused.value.field == "close_note"
    assert _snapshot(bob["id"]) == before
    with session_scope() as session:
        close_user_account(session, ada, user_id=bob["id"], note="Letter of 2 May",
                           store=file_store())
    assert _snapshot(bob["id"])[3] == "closed"
    with session_scope() as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "user.closed")).one()
        assert (entry.actor_id, entry.object_id, entry.note) == (
            ada.user_id, bob["id"], "Letter of 2 May")


def test_closing_clears_only_the_persons_own_sign_in_and_rate_counters(two_people):
    """Counters are keyed by address: those of an address that merely contains this one
    (steve@ holds eve@) belong to someone else and stay."""
    from portal.domain.models import RateLimitHit, SignInThrottle

    ann = two_people["ann"]
    email, other = ann["email"], "x" + ann["email"]
    with session_scope() as session:
        for who in (email, other):
            session.add(SignInThrottle(key=f"account:{who}", failures=3))
            session.add(SignInThrottle(key=f"pair:{who}|10.0.0.1", failures=3))
            session.add(RateLimitHit(key=f"password_reset:account:{who}", at=utcnow()))
        session.add(RateLimitHit(key=f"data_export:account:{ann['id']}", at=utcnow()))
        session.add(RateLimitHit(key=f"data_export:account:{ann['id']}0", at=utcnow()))
    _close(actor_for(sign_in(email)))
    with session_scope() as session:
        throttles = set(session.exec(select(SignInThrottle.key)).all())
        hits = set(session.exec(select(RateLimitHit.key)).all())
    assert throttles == {f"account:{other}", f"pair:{other}|10.0.0.1"}
    assert hits == {f"password_reset:account:{other}", f"data_export:account:{ann['id']}0"}
    with session_scope() as session:  # where and with what they signed in is gone too
        seen = session.exec(select(UserSession.ip, UserSession.user_agent).where(
            UserSession.user_id == ann["id"])).all()
    assert seen and all(row == ("", "") for row in seen)
