"""Administrators manage people: staff areas and admin rights, suspension and reinstatement
(rules §2.2.2, §2.2.3). Every change is audited; suspension signs the person out at once."""

from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy import select
from sqlmodel import Session

from portal import links
from portal.domain.clock import utcnow
from portal.domain.enums import USER_TRANSITIONS, Role, UserStatus, can_transition
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import User, UserRole
from portal.domain.policies import Actor, can_manage_users
from portal.services import audit
from portal.services.notifications import notify
from portal.services.sessions import revoke_user_sessions
from portal.services.users import roles_of

MAX_REASON = 500


class UserDetail(BaseModel):
    id: int
    name: str
    email: str
    phone: str
    status: UserStatus
    status_reason: str
    verified: bool
    roles: list[Role]
    is_self: bool


def _require_admin(actor: Actor) -> None:
    if not can_manage_users(actor):
        raise Forbidden("Only administrators can manage users.")


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("No such user.")
    return user


def _reason(text: str) -> str:
    reason = (text or "").strip()
    if not reason:
        raise Invalid("Give a reason; the person will read it.", field="reason")
    if len(reason) > MAX_REASON:
        raise Invalid("Use at most {n} characters.", field="reason", n=MAX_REASON)
    return reason


def get_user(session: Session, actor: Actor, *, user_id: int) -> UserDetail:
    _require_admin(actor)
    user = _user(session, user_id)
    return UserDetail(
        id=user.id, name=user.name, email=user.email, phone=user.phone or "",
        status=UserStatus(user.status), status_reason=user.status_reason or "",
        verified=user.email_verified_at is not None,
        roles=roles_of(session, [user.id])[user.id], is_self=user.id == actor.user_id,
    )


def set_role(session: Session, actor: Actor, *, user_id: int, role: str, granted: bool,
             ip: str = "") -> UserDetail:
    _require_admin(actor)
    try:
        role_value = Role(role)
    except ValueError:
        raise Invalid("Unknown role {value}.", value=repr(role)) from None
    user = _user(session, user_id)
    existing = session.exec(
        select(UserRole).where(UserRole.user_id == user.id, UserRole.role == role_value.value)
    ).first()
    if granted and existing is None:
        session.add(UserRole(user_id=user.id, role=role_value.value, granted_by_id=actor.user_id))
    elif not granted and existing is not None:
        if role_value is Role.ADMIN and user.id == actor.user_id:
            raise Conflict("You cannot remove your own administrator rights.")
        session.delete(existing[0])
    else:
        return get_user(session, actor, user_id=user_id)
    session.flush()
    audit.record(session, actor_id=actor.user_id,
                 action="user.role_granted" if granted else "user.role_revoked",
                 object_type="user", object_id=user.id, after={"role": role_value.value}, ip=ip)
    return get_user(session, actor, user_id=user_id)


def _change_status(session: Session, actor: Actor, user: User, target: UserStatus, reason: str,
                   ip: str) -> None:
    current = UserStatus(user.status)
    if not can_transition(USER_TRANSITIONS, current, target):
        raise Conflict("This account is {status}; that change is not possible.",
                       status=current.value)
    user.status, user.status_reason = target.value, reason
    audit.record(session, actor_id=actor.user_id, action=f"user.{target.value}",
                 object_type="user", object_id=user.id, before={"status": current.value},
                 after={"status": target.value}, note=reason, ip=ip)


def suspend_user(session: Session, actor: Actor, *, user_id: int, reason: str, ip: str = ""
                 ) -> UserDetail:
    _require_admin(actor)
    reason = _reason(reason)
    user = _user(session, user_id)
    if user.id == actor.user_id:
        raise Conflict("You cannot suspend your own account.")
    _change_status(session, actor, user, UserStatus.SUSPENDED, reason, ip)
    revoke_user_sessions(session, user_id=user.id)
    notify(session, recipients=[user], template="account_suspended", about=("user", user.id),
           context={"reason": reason})
    return get_user(session, actor, user_id=user_id)


def reinstate_user(session: Session, actor: Actor, *, user_id: int, reason: str, ip: str = ""
                   ) -> UserDetail:
    _require_admin(actor)
    reason = _reason(reason)
    user = _user(session, user_id)
    _change_status(session, actor, user, UserStatus.ACTIVE, reason, ip)
    notify(session, recipients=[user], template="account_reinstated", about=("user", user.id),
           link=links.ATTENDEE, context={})
    user.updated_at = utcnow()
    return get_user(session, actor, user_id=user_id)


def mark_email_verified(session: Session, actor: Actor, *, user_id: int, reason: str,
                        ip: str = "") -> UserDetail:
    """An administrator vouches for a person's address (they confirmed it by phone, at the
    desk...): audited with the reason; an address already confirmed is left as it is."""
    _require_admin(actor)
    why = (reason or "").strip()
    if not why:
        raise Invalid("Say how you know the address is theirs.", field="verify_reason")
    if len(why) > MAX_REASON:
        raise Invalid("Use at most {n} characters.", field="verify_reason", n=MAX_REASON)
    user = _user(session, user_id)
    if user.email_verified_at is not None:
        raise Conflict("This email address is already verified.")
    user.email_verified_at = user.updated_at = utcnow()
    audit.record(session, actor_id=actor.user_id, action="user.email_marked_verified",
                 object_type="user", object_id=user.id, after={"email": user.email},
                 note=why, ip=ip)
    return get_user(session, actor, user_id=user_id)
