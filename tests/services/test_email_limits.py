"""Every action that sends email is limited per account and per address: under the limit it
sends, over it it refuses with the wait and sends nothing; forgot-password answers alike for
accounts that exist and ones that do not."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.db import session_scope
from portal.domain.errors import Conflict, Forbidden
from portal.domain.models import OutboxEmail
from portal.services import accounts, organizers
from tests.services.helpers import actor_for, sign_in, sign_up

TOO_MANY = "Too many requests; try again in {minutes} minutes."


def sent(db) -> int:
    db.rollback()
    return db.exec(select(func.count()).select_from(OutboxEmail)).one()[0]


def refused(action, *args, **kwargs) -> Conflict:
    with pytest.raises(Conflict) as refusal, session_scope() as session:
        action(session, *args, **kwargs)
    assert refusal.value.template == TOO_MANY
    return refusal.value


def reset(email: str, ip: str = "10.0.0.5") -> None:
    with session_scope() as session:
        accounts.request_password_reset(session, email=email, ip=ip)


def test_password_reset_is_limited_per_email_alike_for_unknown_ones(db, clock):
    sign_up()
    before = sent(db)
    for _ in range(3):
        reset("li.lei@example.org")
        reset("nobody@example.org")
    assert sent(db) == before + 3  # only the real account got mail
    real = refused(accounts.request_password_reset, email="li.lei@example.org", ip="10.0.0.6")
    ghost = refused(accounts.request_password_reset, email="nobody@example.org", ip="10.0.0.6")
    assert real.message == ghost.message == "Too many requests; try again in 60 minutes."
    assert sent(db) == before + 3
    clock.advance(minutes=30)
    assert "30 minutes" in refused(accounts.request_password_reset,
                                   email="li.lei@example.org").message
    clock.advance(minutes=31)  # the window slid past the first requests
    reset("li.lei@example.org")
    assert sent(db) == before + 4


def test_password_reset_is_limited_per_address(db, clock):
    sign_up()
    before = sent(db)
    for number in range(10):
        reset(f"someone{number}@example.org", ip="2001:db8::1")
    # the real account is under its own limit, but this address (its /64) is not
    refused(accounts.request_password_reset, email="li.lei@example.org", ip="2001:db8::2")
    assert sent(db) == before
    reset("li.lei@example.org", ip="10.0.0.7")  # the owner from elsewhere gets the link
    assert sent(db) == before + 1


def test_resend_verification_is_limited_per_account(db, clock):
    sign_up()
    actor = actor_for(sign_in("li.lei@example.org"))
    before = sent(db)
    for _ in range(3):
        with session_scope() as session:
            accounts.resend_verification(session, actor, ip="10.0.0.1")
    assert sent(db) == before + 3
    refused(accounts.resend_verification, actor, ip="10.0.0.2")
    assert sent(db) == before + 3
    with pytest.raises(Forbidden), session_scope() as session:  # anonymous: still refused
        accounts.resend_verification(session, actor_for(""))


def test_email_change_is_limited_per_account_and_per_address(db, clock):
    sign_up()
    sign_up(email="second@example.org")
    actor = actor_for(sign_in("li.lei@example.org"))
    second = actor_for(sign_in("second@example.org"))
    before = sent(db)
    for number in range(3):
        with session_scope() as session:
            accounts.request_email_change(session, actor, new_email=f"new{number}@example.org",
                                          ip="10.0.0.1")
    assert sent(db) == before + 3
    refused(accounts.request_email_change, actor, new_email="new9@example.org", ip="10.0.0.9")
    with session_scope() as session:  # another account is not held back by the first one
        accounts.request_email_change(session, second, new_email="s@example.org", ip="10.0.0.9")
    assert sent(db) == before + 4
    for number in range(7):  # 3 + 7 fill this address's allowance of 10, over many accounts
        sign_up(email=f"more{number}@example.org")
        with session_scope() as session:
            accounts.request_email_change(
                session, actor_for(sign_in(f"more{number}@example.org")),
                new_email=f"m{number}@example.org", ip="10.0.0.1")
    sign_up(email="last@example.org")
    fresh = actor_for(sign_in("last@example.org"))
    before = sent(db)
    refused(accounts.request_email_change, fresh, new_email="l@example.org", ip="10.0.0.1")
    assert sent(db) == before


def test_invitations_are_limited_per_inviter(team, db, clock):
    olga, organizer_id = team["olga"], team["organizer_id"]
    before = sent(db)
    for number in range(20):
        with session_scope() as session:
            organizers.invite_member(session, olga, organizer_id=organizer_id,
                                     email=f"member{number}@example.org", ip="10.0.0.1")
    assert sent(db) == before + 20
    refused(organizers.invite_member, olga, organizer_id=organizer_id,
            email="one.more@example.org", ip="10.0.0.2")
    assert sent(db) == before + 20
    with pytest.raises(Forbidden), session_scope() as session:  # an outsider, as before
        organizers.invite_member(session, team["eve"], organizer_id=organizer_id,
                                 email="x@example.org", ip="10.0.0.3")
