"""Sign-in sessions: issued by an HTTP route as an HttpOnly cookie, resolved on every event.

The browser holds a random 256-bit token; the database holds its SHA-256. A session ends at
sign-out, after an idle period, at an absolute limit, when the password changes (the others),
and when the account is suspended.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from sqlalchemy import Integer, cast, null, select, update
from sqlmodel import Session

from portal import links
from portal.domain.clock import utcnow
from portal.domain.enums import MemberRole, Role, UserStatus
from portal.domain.errors import Invalid
from portal.domain.models import (
    OneTimeToken,
    OrganizerMember,
    TokenPurpose,
    User,
    UserRole,
    UserSession,
)
from portal.domain.models.user import has_contact_details
from portal.domain.policies import Actor
from portal.services import audit
from portal.services.platform_texts import rules_pending
from portal.services.secrets import hash_token, new_token
from portal.settings import get_settings

TICKET_LIFETIME = timedelta(seconds=60)
# last_seen is written at most this often, so resolving an actor is usually a pure read.
TOUCH_EVERY = timedelta(minutes=1)
SIGNED_IN_USER = "signed_in_user"  # Session.info key


def safe_next(value: str | None, default: str = links.ATTENDEE) -> str:
    """Where to go after signing in: only a path on this site, never another host. Browsers
    drop tabs and newlines from addresses ("/\t/evil.example" becomes "//evil.example"), so
    a path holding any control character or space is refused too."""
    if not value or len(value) > 500 or any(c.isspace() or not c.isprintable() for c in value):
        return default
    parts = urlsplit(value)
    if (parts.scheme or parts.netloc or not value.startswith("/") or value.startswith("//")
            or "\\" in value):
        return default
    return value


def issue_sign_in_ticket(session: Session, *, user_id: int) -> str:
    """A one-time ticket the browser exchanges (by a full navigation) for its session cookie."""
    raw, digest = new_token()
    session.add(OneTimeToken(user_id=user_id, purpose=TokenPurpose.SIGN_IN.value,
                             token_hash=digest, expires_at=utcnow() + TICKET_LIFETIME))
    return raw


def consume_token(session: Session, *, raw: str, purpose: TokenPurpose) -> OneTimeToken:
    """Mark a single-use token used, atomically: a replay or a racing second use gets nothing."""
    if not raw or len(raw) > 200:
        raise Invalid("This link is not valid.")
    now = utcnow()
    digest = hash_token(raw)
    claimed = session.execute(
        update(OneTimeToken)
        .where(OneTimeToken.token_hash == digest, OneTimeToken.purpose == purpose.value,
               OneTimeToken.used_at.is_(None), OneTimeToken.expires_at > now)
        .values(used_at=now)
    )
    if claimed.rowcount != 1:
        raise Invalid("This link has expired or was already used.")
    return session.exec(select(OneTimeToken).where(OneTimeToken.token_hash == digest)).one()[0]


def start_session(session: Session, *, ticket: str, ip: str = "", user_agent: str = "") -> str:
    """Exchange a sign-in ticket for a new session; returns the raw cookie value."""
    token = consume_token(session, raw=ticket, purpose=TokenPurpose.SIGN_IN)
    user = session.get(User, token.user_id)
    if user is None or user.status != UserStatus.ACTIVE.value:
        raise Invalid("This account cannot sign in.")
    return open_session(session, user=user, ip=ip, user_agent=user_agent)


def open_session(session: Session, *, user: User, ip: str = "", user_agent: str = "") -> str:
    """A new session for a person whose identity was just proven; returns the cookie value."""
    raw, digest = new_token()
    now = utcnow()
    settings = get_settings()
    session.add(UserSession(user_id=user.id, token_hash=digest, last_seen_at=now,
                            expires_at=now + timedelta(days=settings.session_absolute_days),
                            ip=ip[:64], user_agent=user_agent[:300]))
    audit.record(session, actor_id=user.id, action="session.started", object_type="user",
                 object_id=user.id, ip=ip)
    return raw


def _live_session(session: Session, raw: str) -> UserSession | None:
    if not raw or len(raw) > 200:
        return None
    row = session.exec(
        select(UserSession).where(UserSession.token_hash == hash_token(raw))
    ).first()
    return row[0] if row is not None and _alive(row[0]) else None


def _alive(current: UserSession) -> bool:
    now = utcnow()
    idle = timedelta(hours=get_settings().session_idle_hours)
    return (current.revoked_at is None and current.expires_at > now
            and now - current.last_seen_at <= idle)


def resolve_actor(session: Session, raw: str | None, *, touch: bool = True) -> Actor:
    """The actor behind a session cookie; anonymous for a missing, dead or tampered one.

    With `touch=False` (read-only transactions) nothing is written: the actor says whether
    last_seen is due, and the caller touches it in a write of its own."""
    if not raw or len(raw) > 200:
        return Actor.anonymous()
    # The session and its person in one statement, their roles and memberships in another:
    # this runs on every event of every tab.
    row = session.exec(select(UserSession, User).join(User, User.id == UserSession.user_id)
                       .where(UserSession.token_hash == hash_token(raw))).first()
    if row is None or not _alive(row[0]) or row[1].status != UserStatus.ACTIVE.value:
        return Actor.anonymous()
    current, user = row
    # Held for the rest of the transaction, so a service's session.get(User, actor.user_id)
    # finds this row in the identity map (which holds objects weakly) instead of reading it again.
    session.info[SIGNED_IN_USER] = user
    touch_due = utcnow() - current.last_seen_at > TOUCH_EVERY
    if touch and touch_due:
        current.last_seen_at = utcnow()
        touch_due = False
    grants = session.exec(
        select(UserRole.role, cast(null(), Integer)).where(UserRole.user_id == user.id)
        .union_all(select(OrganizerMember.role, OrganizerMember.organizer_id)
                   .where(OrganizerMember.user_id == user.id))).all()
    organizers = [(organizer_id, role) for role, organizer_id in grants
                  if organizer_id is not None]
    return Actor(
        organizer_ids=frozenset(row[0] for row in organizers),
        owned_organizer_ids=frozenset(row[0] for row in organizers
                                      if row[1] == MemberRole.OWNER.value),
        user_id=user.id,
        roles=frozenset(Role(role) for role, organizer_id in grants if organizer_id is None),
        status=UserStatus(user.status),
        verified=user.email_verified_at is not None,
        session_id=current.id,
        touch_due=touch_due,
        profile_complete=has_contact_details(user),
        accepted_rules=user.accepted_rules_at is not None,
        # someone who never accepted any rules (a new single-sign-on account) accepts them on
        # the profile page with their contact details; the gate is for a newer version
        rules_pending=(user.accepted_rules_at is not None
                       and rules_pending(session, user.id or 0)),
    )


def touch_session(session: Session, *, session_id: int | None) -> None:
    """Record that a live session was just used (keeps it from idling out)."""
    if session_id is not None:
        session.execute(update(UserSession).where(UserSession.id == session_id,
                                                  UserSession.revoked_at.is_(None))
                        .values(last_seen_at=utcnow()))


def revoke_session(session: Session, *, raw: str | None) -> None:
    """Sign-out: the cookie's session stops working everywhere at once."""
    current = _live_session(session, raw or "")
    if current is None:
        return
    current.revoked_at = utcnow()
    audit.record(session, actor_id=current.user_id, action="session.signed_out",
                 object_type="user", object_id=current.user_id)


def revoke_user_sessions(session: Session, *, user_id: int, keep_session_id: int | None = None
                         ) -> int:
    statement = (
        update(UserSession)
        .where(UserSession.user_id == user_id, UserSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    if keep_session_id is not None:
        statement = statement.where(UserSession.id != keep_session_id)
    return session.execute(statement).rowcount


def sign_out_everywhere(session: Session, actor: Actor) -> int:
    from portal.domain.errors import Forbidden

    if not actor.is_authenticated:
        raise Forbidden("Sign in first.")
    count = revoke_user_sessions(session, user_id=actor.user_id)
    audit.record(session, actor_id=actor.user_id, action="session.signed_out_everywhere",
                 object_type="user", object_id=actor.user_id, after={"sessions": count})
    return count
