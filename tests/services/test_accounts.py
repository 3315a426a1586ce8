"""Sign-up, email verification, sign-in and sessions, password reset and change, profile."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.errors import Conflict, Forbidden, Invalid
from portal.domain.models import AuditEntry, OneTimeToken, OutboxEmail, User, UserSession
from portal.domain.policies import can_register
from portal.services import accounts, sessions
from tests.services.helpers import STRONG, actor_for, last_link, sign_in, sign_up


def count(db, model) -> int:
    db.rollback()
    return db.exec(select(func.count()).select_from(model)).one()[0]


def test_sign_up_sends_verification_and_browses_unverified(db):
    user_id = sign_up()
    user = db.get(User, user_id)
    assert user.email_verified_at is None and user.accepted_rules_at is not None
    email = db.exec(select(OutboxEmail)).one()[0]
    assert email.template == "verify_email" and "/verify-email?token=" in email.body_text
    token_row = db.exec(select(OneTimeToken)).one()[0]
    assert last_link(db, "li.lei@example.org") not in token_row.token_hash  # stored hashed
    actor = actor_for(sign_in("li.lei@example.org"))
    assert actor.is_authenticated and not actor.verified and not can_register(actor)


def test_verification_link_is_single_use(db):
    sign_up()
    token = last_link(db, "li.lei@example.org")
    with session_scope() as session:
        accounts.verify_email(session, token=token)
    db.rollback()
    assert db.exec(select(User)).one()[0].email_verified_at is not None
    with pytest.raises(Invalid), session_scope() as session:
        accounts.verify_email(session, token=token)


@pytest.mark.parametrize("token", ["", "forged", "x" * 500])
def test_forged_verification_links_are_refused(db, token):
    sign_up()
    with pytest.raises(Invalid), session_scope() as session:
        accounts.verify_email(session, token=token)


def test_expired_verification_link_is_refused(db):
    sign_up()
    token = last_link(db, "li.lei@example.org")
    with session_scope() as session:
        session.execute(update(OneTimeToken).values(expires_at=utcnow() - timedelta(hours=1)))
    with pytest.raises(Invalid), session_scope() as session:
        accounts.verify_email(session, token=token)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "LI.LEI@EXAMPLE.ORG"),
        ("email", "not an email"),
        ("phone", "call me"),
        ("phone", "12"),
        ("date_of_birth", "2999-01-01"),
        ("date_of_birth", "1800-01-01"),
        ("date_of_birth", "04/05/1995"),
        ("password", "short"),
        ("password", "password123"),
        ("password", "x" * 129),
        ("accept_rules", False),
        ("name", ""),
    ],
)
def test_bad_sign_up_writes_nothing(db, field, value):
    sign_up()
    before = (count(db, User), count(db, OutboxEmail), count(db, AuditEntry))
    with pytest.raises((Invalid, Conflict)) as refused:
        sign_up(email="other@example.org" if field != "email" else value, **(
            {field: value} if field != "email" else {}))
    assert refused.value.field == field
    assert (count(db, User), count(db, OutboxEmail), count(db, AuditEntry)) == before


def test_unknown_email_and_wrong_password_get_the_same_answer(db):
    sign_up()
    answers = []
    for email, password in [("li.lei@example.org", "wrong password!"),
                            ("nobody@example.org", "wrong password!")]:
        with pytest.raises(Invalid) as refused, session_scope() as session:
            accounts.sign_in(session, email=email, password=password, ip="10.0.0.9")
        answers.append(refused.value.message)
    assert answers[0] == answers[1] == accounts.SIGN_IN_REFUSED


def test_failed_sign_ins_back_off_per_account_and_address_and_recover(db):
    sign_up()
    for _ in range(6):  # five free failures; the 6th starts the wait
        with pytest.raises(Invalid), session_scope() as session:
            accounts.sign_in(session, email="li.lei@example.org", password="nope nope",
                             ip="10.0.0.2")
    with pytest.raises(Conflict) as waiting, session_scope() as session:
        accounts.sign_in(session, email="li.lei@example.org", password=STRONG, ip="10.0.0.2")
    assert "Try again in" in waiting.value.message
    # the guesser's address is slowed, not the account: its owner elsewhere signs in
    assert actor_for(sign_in("li.lei@example.org", ip="10.0.0.3")).is_authenticated
    # the back-off is short and capped: once it passes, the right password works there too
    with session_scope() as session:
        from portal.domain.models import SignInThrottle

        session.execute(update(SignInThrottle).values(blocked_until=None))
    assert actor_for(sign_in("li.lei@example.org", ip="10.0.0.2")).is_authenticated


def test_one_client_guessing_many_accounts_is_slowed(db):
    from portal.services import throttle

    for number in range(21):
        with pytest.raises(Invalid), session_scope() as session:
            accounts.sign_in(session, email=f"guess{number}@example.org", password="nope nope",
                             ip="10.9.9.9")
    with pytest.raises(Conflict), session_scope() as session:
        accounts.sign_in(session, email="guess99@example.org", password="nope nope",
                         ip="10.9.9.9")
    assert throttle.wait_for(100, "account") == throttle.MAX_WAIT


def test_sessions_are_random_hashed_and_revocable(db):
    sign_up()
    cookie = sign_in("li.lei@example.org")
    assert len(cookie) >= 40
    stored = db.exec(select(UserSession)).one()[0]
    assert stored.token_hash != cookie and len(stored.token_hash) == 64
    assert actor_for(cookie).is_authenticated
    assert not actor_for(cookie + "x").is_authenticated  # tampered
    with session_scope() as session:
        sessions.revoke_session(session, raw=cookie)
    assert not actor_for(cookie).is_authenticated


def test_sign_in_ticket_is_single_use_and_short_lived(db):
    sign_up()
    with session_scope() as session:
        ticket = accounts.sign_in(session, email="li.lei@example.org", password=STRONG)
    with session_scope() as session:
        sessions.start_session(session, ticket=ticket)
    with pytest.raises(Invalid), session_scope() as session:
        sessions.start_session(session, ticket=ticket)


def test_idle_and_absolute_expiry(db):
    sign_up()
    idle, absolute = sign_in("li.lei@example.org"), sign_in("li.lei@example.org")
    with session_scope() as session:
        session.execute(update(UserSession).where(UserSession.id == 1).values(
            last_seen_at=utcnow() - timedelta(days=10)))
        session.execute(update(UserSession).where(UserSession.id == 2).values(
            expires_at=utcnow() - timedelta(seconds=1)))
    assert not actor_for(idle).is_authenticated
    assert not actor_for(absolute).is_authenticated


def test_password_change_signs_out_the_other_sessions(db):
    sign_up()
    here, elsewhere = sign_in("li.lei@example.org"), sign_in("li.lei@example.org")
    with pytest.raises(Invalid) as refused, session_scope() as session:
        accounts.change_password(session, actor_for(here), current="wrong one", new="another "
                                 "long passphrase")
    assert refused.value.field == "current_password"
    with session_scope() as session:
        accounts.change_password(session, actor_for(here), current=STRONG,
                                 new="another long passphrase")
    assert actor_for(here).is_authenticated and not actor_for(elsewhere).is_authenticated
    assert db.exec(select(OutboxEmail).where(OutboxEmail.template == "password_changed")).first()


def test_password_reset_is_silent_for_unknown_emails_and_single_use(db):
    sign_up()
    cookie = sign_in("li.lei@example.org")
    with session_scope() as session:
        accounts.request_password_reset(session, email="nobody@example.org")
        accounts.request_password_reset(session, email="not an email")
    assert count(db, OutboxEmail) == 1  # only the sign-up verification
    with session_scope() as session:
        accounts.request_password_reset(session, email="LI.LEI@example.org")
    token = last_link(db, "li.lei@example.org")
    with pytest.raises(Invalid), session_scope() as session:
        accounts.reset_password(session, token=token, password="123456789")  # common
    with session_scope() as session:
        accounts.reset_password(session, token=token, password="a brand new passphrase")
    assert not actor_for(cookie).is_authenticated
    assert actor_for(sign_in("li.lei@example.org", "a brand new passphrase")).verified
    with pytest.raises(Invalid), session_scope() as session:
        accounts.reset_password(session, token=token, password="yet another passphrase")


def test_profile_edit_and_email_change_after_confirmation(db):
    sign_up()
    sign_up(email="taken@example.org")
    actor = actor_for(sign_in("li.lei@example.org"))
    with session_scope() as session:
        profile = accounts.update_profile(session, actor, accounts.ProfileUpdate(
            name="Li Lei (Leo)", phone="+86 139 1111 2222", date_of_birth="1995-05-05"))
    assert profile.name == "Li Lei (Leo)"
    with pytest.raises(Conflict), session_scope() as session:
        accounts.request_email_change(session, actor, new_email="TAKEN@example.org")
    with session_scope() as session:
        accounts.request_email_change(session, actor, new_email="leo@example.org")
    db.rollback()
    assert db.get(User, actor.user_id).email == "li.lei@example.org"  # not until confirmed
    with session_scope() as session:
        accounts.verify_email(session, token=last_link(db, "leo@example.org"))
    db.rollback()
    assert db.get(User, actor.user_id).email == "leo@example.org"


def test_anonymous_callers_cannot_touch_a_profile(db):
    from portal.domain.policies import Actor

    with pytest.raises(Forbidden), session_scope() as session:
        accounts.get_profile(session, Actor.anonymous())
    with pytest.raises(Forbidden), session_scope() as session:
        accounts.update_profile(session, Actor.anonymous(), accounts.ProfileUpdate())


def test_audit_never_holds_passwords_or_tokens(db):
    sign_up()
    sign_in("li.lei@example.org")
    db.rollback()
    for (entry,) in db.exec(select(AuditEntry)):
        text = f"{entry.before} {entry.after} {entry.note}"
        assert STRONG not in text and "token" not in text.lower()
