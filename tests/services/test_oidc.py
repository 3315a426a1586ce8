"""Which account an OIDC identity signs in to, and the pending-login rules."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.db import session_scope
from portal.domain.errors import Conflict, Invalid
from portal.domain.models import ExternalIdentity, User
from portal.domain.policies import can_register
from portal.services import accounts, oidc
from tests.services.helpers import actor_for, sign_up

ISSUER = "https://idp.example.org"


def claims(**overrides) -> dict:
    return {"sub": "abc", "email": "sso@example.org", "email_verified": True, "name": "Sso",
            **overrides}


def sign_in_with(**overrides) -> oidc.OidcResult:
    with session_scope() as session:
        return oidc.sign_in_with_claims(session, issuer=ISSUER, claims=claims(**overrides),
                                        next_path="")


def test_a_new_identity_gets_an_account_that_must_complete_its_profile(db):
    result = sign_in_with()
    assert result.next_path == "/me"  # no next, no staff or organizer work: My portal
    actor = actor_for(result.session_token)
    assert actor.is_authenticated and actor.verified
    assert not result.profile_complete and not can_register(actor)
    assert db.exec(select(User)).one()[0].password_hash is None


def test_completing_the_profile_asks_for_the_platform_rules(db):
    result = sign_in_with()
    details = {"name": "Sso", "phone": "+86 138 0000 4321", "date_of_birth": "1990-02-03"}
    with pytest.raises(Invalid) as refused, session_scope() as session:
        accounts.update_profile(session, actor_for(result.session_token),
                                accounts.ProfileUpdate(**details))
    assert refused.value.field == "accept_rules"
    assert not can_register(actor_for(result.session_token))
    with session_scope() as session:
        profile = accounts.update_profile(session, actor_for(result.session_token),
                                          accounts.ProfileUpdate(**details, accept_rules=True))
    assert profile.profile_complete and profile.accepted_rules
    assert can_register(actor_for(result.session_token))
    assert sign_in_with().profile_complete
    with session_scope() as session:  # asked once: later edits need no new acceptance
        accounts.update_profile(session, actor_for(result.session_token),
                                accounts.ProfileUpdate(**details))


def test_a_returning_identity_signs_in_to_the_same_account(db):
    first = actor_for(sign_in_with().session_token)
    again = actor_for(sign_in_with(email="changed@example.org").session_token)
    assert first.user_id == again.user_id
    assert len(db.exec(select(ExternalIdentity)).all()) == 1


def test_links_to_an_existing_account_only_through_a_verified_email(db):
    user_id = sign_up(email="sso@example.org")
    with pytest.raises(Conflict):
        sign_in_with(email_verified=False)
    assert db.exec(select(ExternalIdentity)).all() == []
    linked = actor_for(sign_in_with().session_token)
    assert linked.user_id == user_id
    assert sign_in_with().profile_complete  # the sign-up already gave phone and birth date


@pytest.mark.parametrize("bad", [{"sub": ""}, {"email": "not an email"}, {"sub": "x" * 300}])
def test_incomplete_claims_are_refused(db, bad):
    with pytest.raises(Invalid):
        sign_in_with(**bad)
    assert db.exec(select(User)).all() == []


def test_pending_logins_are_single_use(db):
    with session_scope() as session:
        pending = oidc.begin_login(session, next_path="https://evil.example/")
    with session_scope() as session:
        login = oidc.take_login(session, state=pending.state)
        assert login.next_path == ""  # no open redirect: the landing rule decides
        assert login.code_verifier == pending.code_verifier
    with pytest.raises(Invalid), session_scope() as session:
        oidc.take_login(session, state=pending.state)
    with pytest.raises(Invalid), session_scope() as session:
        oidc.take_login(session, state="forged")
