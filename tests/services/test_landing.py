"""Where each person lands after signing in, and what a suspended account is told."""

from __future__ import annotations

import pytest

from portal import links
from portal.db import session_scope
from portal.domain.enums import Role
from portal.domain.errors import Forbidden, Invalid
from portal.domain.policies import Actor
from portal.services import accounts, admin_users, landing, oidc
from portal.services.users import create_user
from tests.services.helpers import STRONG, actor_for, sign_in, sign_up


def arrive(email: str, next_path: str | None = None, password: str = STRONG) -> str:
    """Sign in the way the browser does (ticket, then the cookie route): the landing path."""
    with session_scope() as session:
        ticket = accounts.sign_in(session, email=email, password=password, ip="10.0.0.9")
    with session_scope() as session:
        return landing.arrive(session, ticket=ticket, next_path=next_path).path


@pytest.mark.parametrize(("who", "home"), [("olga", links.ORGANIZER), ("rita", links.STAFF),
                                           ("eve", links.ATTENDEE)])
def test_each_person_lands_where_their_work_is(team, who, home):
    assert arrive(f"{who}@example.org") == home
    assert arrive(f"{who}@example.org", next_path="/") == home  # the home page is no errand


@pytest.mark.parametrize("who", ["olga", "rita", "eve"])
def test_a_safe_next_wins_for_everyone(team, who):
    assert arrive(f"{who}@example.org", next_path="/register?id=3") == "/register?id=3"


@pytest.mark.parametrize("bad", ["https://evil.example/", "//evil.example", "/\t/evil.example",
                                 links.SIGN_IN, f"{links.SIGN_UP}?next=/me"])
def test_an_unsafe_or_circular_next_is_ignored(team, bad):
    assert arrive("eve@example.org", next_path=bad) == links.ATTENDEE
    assert arrive("rita@example.org", next_path=bad) == links.STAFF


def test_administrators_land_on_the_staff_overview(engine):
    with session_scope() as session:
        create_user(session, name="Ada", email="ada@example.org", password=STRONG,
                    roles=frozenset({Role.ADMIN}), verified=True)
    assert arrive("ada@example.org") == links.STAFF


def test_the_rule_itself():
    staff = Actor(user_id=1, roles=frozenset({Role.STAFF_FINANCE}))
    member = Actor(user_id=2, organizer_ids=frozenset({7}))
    both = Actor(user_id=3, roles=frozenset({Role.ADMIN}), organizer_ids=frozenset({7}))
    assert landing.landing_page(staff, None) == links.STAFF
    assert landing.landing_page(member, "") == links.ORGANIZER
    assert landing.landing_page(both, None) == links.STAFF
    assert landing.landing_page(Actor(user_id=4), None) == links.ATTENDEE
    assert landing.landing_page(member, "/event?id=5#fees") == "/event?id=5#fees"


@pytest.fixture
def suspended(engine):
    with session_scope() as session:
        create_user(session, name="Ada", email="ada@example.org", password=STRONG,
                    roles=frozenset({Role.ADMIN}), verified=True)
    member = sign_up(email="member@example.org")
    with session_scope() as session:
        admin_users.suspend_user(session, actor_for(sign_in("ada@example.org")),
                                 user_id=member, reason="Spam")
    return "member@example.org"


def sign_in_error(email: str, password: str) -> Exception:
    with pytest.raises((Invalid, Forbidden)) as refused, session_scope() as session:
        accounts.sign_in(session, email=email, password=password, ip="10.0.0.7")
    return refused.value


def test_a_suspended_account_is_told_so_only_after_the_right_password(suspended):
    right = sign_in_error(suspended, STRONG)
    assert isinstance(right, Forbidden) and right.template == accounts.SIGN_IN_SUSPENDED
    assert "suspended" in right.localized("en")
    assert "停用" in right.localized("zh-Hans")
    wrong = sign_in_error(suspended, STRONG + "x")
    unknown = sign_in_error("nobody@example.org", STRONG)
    for refused in (wrong, unknown):  # a guesser learns nothing about the account
        assert isinstance(refused, Invalid) and refused.template == accounts.SIGN_IN_REFUSED


def test_a_suspended_account_signing_in_through_a_provider_is_told_so(suspended):
    with pytest.raises(Forbidden) as refused, session_scope() as session:
        oidc.sign_in_with_claims(session, issuer="https://idp.example.org",
                                 claims={"sub": "m1", "email": suspended,
                                         "email_verified": True}, next_path="")
    assert refused.value.template == accounts.SIGN_IN_SUSPENDED
