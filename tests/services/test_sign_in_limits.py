"""Password guessing is slowed per (account, address) pair, per address across accounts and per
account across addresses, without letting a stranger keep the owner out."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.db import session_scope
from portal.domain.errors import Conflict, Invalid
from portal.domain.models import AuditEntry, SignInThrottle, User
from portal.services import accounts, throttle
from tests.services.helpers import STRONG, actor_for, sign_in, sign_up

OTHER = "another uncommon passphrase"


def fail(email: str, ip: str, password: str = "wrong guess!") -> None:
    with pytest.raises(Invalid), session_scope() as session:
        accounts.sign_in(session, email=email, password=password, ip=ip)


def refused_with_wait(email: str, ip: str, password: str = STRONG) -> str:
    with pytest.raises(Conflict) as waiting, session_scope() as session:
        accounts.sign_in(session, email=email, password=password, ip=ip)
    return waiting.value.message


def test_address_spraying_many_accounts_stays_slowed_after_its_own_success(db, clock):
    sign_up("victim@example.org")
    sign_up("sprayer@example.org")
    for number in range(20):  # the address's free failures, spread over many accounts
        fail(f"user{number}@example.org", "10.6.6.6")
    assert actor_for(sign_in("sprayer@example.org", ip="10.6.6.6")).is_authenticated
    fail("user20@example.org", "10.6.6.6")  # the 21st failure of this address: it waits
    # the success did not clear the address's count for the other accounts...
    assert "Try again in" in refused_with_wait("victim@example.org", "10.6.6.6")
    assert "Try again in" in refused_with_wait("user21@example.org", "10.6.6.6", "guess")
    # ...while the other accounts sign in from elsewhere, and the sprayer's own (known)
    # address still lets its own correct password through
    assert actor_for(sign_in("victim@example.org", ip="10.0.0.1")).is_authenticated
    assert actor_for(sign_in("sprayer@example.org", ip="10.6.6.6")).is_authenticated


def test_a_strangers_failures_cannot_keep_the_owner_out(db, clock):
    sign_up("owner@example.org")
    assert actor_for(sign_in("owner@example.org", ip="192.0.2.10")).is_authenticated  # home
    for number in range(11):  # guesses from many addresses pass the per-account ceiling
        fail("owner@example.org", f"203.0.113.{number}")
    # the ceiling slows everybody else, even with the right password from a new address...
    assert "Try again in" in refused_with_wait("owner@example.org", "198.51.100.7")
    assert "Try again in" in refused_with_wait("owner@example.org", "203.0.113.99", "guess")
    # ...but the owner's correct password from the known address goes through
    assert actor_for(sign_in("owner@example.org", ip="192.0.2.10")).is_authenticated
    # and the ceiling only slows: once its wait passes, a new address works too
    clock.advance(seconds=3)
    assert actor_for(sign_in("owner@example.org", ip="198.51.100.7")).is_authenticated


def test_a_known_address_never_passes_its_own_pair_back_off(db, clock):
    sign_up("owner@example.org")
    sign_in("owner@example.org", ip="192.0.2.10")
    for _ in range(6):  # someone behind the same address guesses: the pair waits
        fail("owner@example.org", "192.0.2.10")
    assert "Try again in" in refused_with_wait("owner@example.org", "192.0.2.10")
    clock.advance(seconds=3)
    assert actor_for(sign_in("owner@example.org", ip="192.0.2.10")).is_authenticated


def test_unknown_and_real_emails_are_slowed_alike(db, clock):
    sign_up("real@example.org")
    answers = []
    for email in ("real@example.org", "ghost@example.org"):
        for _ in range(6):
            fail(email, "10.1.2.3")
        answers.append(refused_with_wait(email, "10.1.2.3"))
    assert answers[0] == answers[1]


def test_counters_are_forgotten_after_a_quiet_day(db, clock):
    sign_up("owner@example.org")
    for _ in range(6):
        fail("owner@example.org", "10.1.2.3")
    clock.advance(days=1, minutes=1)
    fail("owner@example.org", "10.1.2.3")  # counts from one again: no wait
    assert actor_for(sign_in("owner@example.org", ip="10.1.2.3")).is_authenticated


def test_ipv6_addresses_count_by_their_64_network():
    assert throttle.address_key("2001:db8:1:2::1") == throttle.address_key("2001:db8:1:2:ff::9")
    assert throttle.address_key("2001:db8:1:3::1") != throttle.address_key("2001:db8:1:2::1")
    assert throttle.address_key("::ffff:10.0.0.1") == "10.0.0.1"
    assert throttle.address_key("") == ""


def change(cookie: str, current: str, ip: str = "10.0.0.1") -> None:
    with session_scope() as session:
        accounts.change_password(session, actor_for(cookie), current=current, new=OTHER, ip=ip)


def test_current_password_guesses_in_change_password_are_slowed(db, clock):
    sign_up()
    cookie = sign_in("li.lei@example.org", ip="10.0.0.1")
    for _ in range(6):
        with pytest.raises(Invalid) as wrong:
            change(cookie, "wrong guess!")
        assert wrong.value.field == "current_password"
    with pytest.raises(Conflict):  # even the right one waits now: guessing is slowed
        change(cookie, STRONG)
    db.rollback()
    assert db.exec(select(SignInThrottle).where(
        SignInThrottle.key == "pair:li.lei@example.org|10.0.0.1")).one()[0].failures == 6
    assert len(db.exec(select(AuditEntry).where(
        AuditEntry.action == "password_change.failed")).all()) == 6
    clock.advance(seconds=3)
    change(cookie, STRONG)  # the owner, once the short wait passed
    db.rollback()
    from portal.services.passwords import verify_password

    assert verify_password(db.exec(select(User)).one()[0].password_hash, OTHER)
