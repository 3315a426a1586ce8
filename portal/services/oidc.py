"""Sign-in through an external OpenID Connect provider (authorization code + PKCE + nonce).

The provider adapter (Authlib) does the HTTP and validates the id_token; this module keeps the
pending logins and decides which portal account a verified identity belongs to: a linked one,
an existing account with the same *verified* email, or a new account that must complete its
profile before registering for anything.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy import select, update
from sqlmodel import Session

from portal.domain.clock import utcnow
from portal.domain.enums import UserStatus
from portal.domain.errors import Conflict, Forbidden, Invalid
from portal.domain.models import ExternalIdentity, OidcLogin, User
from portal.domain.models.user import profile_complete
from portal.services import audit
from portal.services.accounts import SIGN_IN_SUSPENDED
from portal.services.landing import landing_for_session
from portal.services.secrets import hash_token, new_token
from portal.services.sessions import open_session, safe_next
from portal.services.users import create_user, normalize_email

LOGIN_LIFETIME = timedelta(minutes=10)


class OidcProvider(Protocol):
    """The port the Authlib adapter implements."""

    issuer: str

    def authorization_url(self, *, redirect_uri: str, state: str, code_verifier: str,
                          nonce: str) -> str: ...

    def exchange(self, *, code: str, redirect_uri: str, code_verifier: str, nonce: str
                 ) -> dict[str, Any]:
        """Trade the code for tokens and return the validated id_token claims."""
        ...


@dataclass(frozen=True)
class PendingLogin:
    state: str
    code_verifier: str
    nonce: str


@dataclass(frozen=True)
class OidcResult:
    session_token: str
    next_path: str
    profile_complete: bool


def begin_login(session: Session, *, next_path: str | None) -> PendingLogin:
    state, digest = new_token()
    pending = PendingLogin(state=state, code_verifier=secrets.token_urlsafe(64)[:96],
                           nonce=secrets.token_urlsafe(24))
    session.add(OidcLogin(state_hash=digest, code_verifier=pending.code_verifier,
                          nonce=pending.nonce, next_path=safe_next(next_path, default=""),
                          expires_at=utcnow() + LOGIN_LIFETIME))
    return pending


def take_login(session: Session, *, state: str) -> OidcLogin:
    """The pending login for a callback's state, used at most once."""
    if not state or len(state) > 200:
        raise Invalid("This sign-in attempt is not valid; start again.")
    digest = hash_token(state)
    claimed = session.execute(
        update(OidcLogin)
        .where(OidcLogin.state_hash == digest, OidcLogin.used_at.is_(None),
               OidcLogin.expires_at > utcnow())
        .values(used_at=utcnow())
    )
    if claimed.rowcount != 1:
        raise Invalid("This sign-in attempt expired or was already used; start again.")
    return session.exec(select(OidcLogin).where(OidcLogin.state_hash == digest)).one()[0]


def _account_for(session: Session, issuer: str, claims: dict[str, Any], ip: str) -> User:
    subject = str(claims.get("sub") or "")
    if not subject or len(subject) > 255:
        raise Invalid("The sign-in provider did not identify the account.")
    linked = session.exec(
        select(User).join(ExternalIdentity, ExternalIdentity.user_id == User.id)
        .where(ExternalIdentity.issuer == issuer, ExternalIdentity.subject == subject)
    ).first()
    if linked is not None:
        return linked[0]
    email = normalize_email(str(claims.get("email") or ""))
    verified = claims.get("email_verified") is True
    existing = session.exec(select(User).where(User.email == email)).first()
    if existing is not None:
        if not verified:
            raise Conflict("An account with this email exists. Sign in with your password; "
                           "the provider has not verified this email.")
        user = existing[0]
        action = "user.identity_linked"
    else:
        name = str(claims.get("name") or email.split("@")[0])[:120]
        user = create_user(session, name=name, email=email, password=None, verified=verified)
        action = "user.signed_up_with_provider"
    session.add(ExternalIdentity(user_id=user.id, issuer=issuer, subject=subject))
    audit.record(session, actor_id=user.id, action=action, object_type="user",
                 object_id=user.id, after={"issuer": issuer}, ip=ip)
    return user


def sign_in_with_claims(session: Session, *, issuer: str, claims: dict[str, Any],
                        next_path: str, ip: str = "", user_agent: str = "") -> OidcResult:
    user = _account_for(session, issuer, claims, ip)
    if user.status == UserStatus.SUSPENDED.value:  # the provider proved who this is
        raise Forbidden(SIGN_IN_SUSPENDED)
    if user.status != UserStatus.ACTIVE.value:
        raise Invalid("This account cannot sign in.")
    token = open_session(session, user=user, ip=ip, user_agent=user_agent)
    audit.record(session, actor_id=user.id, action="sign_in.succeeded", object_type="user",
                 object_id=user.id, note=f"provider={issuer}"[:1000], ip=ip)
    return OidcResult(session_token=token,
                      next_path=landing_for_session(session, token, next_path),
                      profile_complete=profile_complete(user))
