"""Users: creating accounts (system use) and listing them for administrators."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from portal.domain.clock import utcnow
from portal.domain.enums import Role, UserStatus
from portal.domain.errors import Conflict, Forbidden, Invalid
from portal.domain.models import User, UserPublic, UserRole
from portal.domain.policies import Actor, can_manage_users
from portal.services.paging import Page, PageRequest, paginate
from portal.services.passwords import hash_password

EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


def normalize_email(raw: str) -> str:
    email = (raw or "").strip().lower()
    if len(email) > 254 or not EMAIL_RE.match(email):
        raise Invalid("Enter an email address such as name@example.org.", field="email")
    return email


def email_taken(session: Session, email: str) -> bool:
    return session.exec(select(User.id).where(User.email == email)).first() is not None


def create_user(
    session: Session,
    *,
    name: str,
    email: str,
    password: str | None,
    phone: str | None = None,
    date_of_birth: date | None = None,
    roles: frozenset[Role] = frozenset(),
    verified: bool = False,
    accepted_rules: bool = False,
) -> User:
    """A new account. Callers (sign-up, CLI, demo data) own the transaction."""
    name = (name or "").strip()
    if not name or len(name) > 120:
        raise Invalid("Enter a name of 1 to 120 characters.", field="name")
    email = normalize_email(email)
    if email_taken(session, email):
        raise Conflict("An account with this email already exists.", field="email")
    user = User(
        name=name,
        email=email,
        phone=phone,
        date_of_birth=date_of_birth,
        password_hash=hash_password(password) if password is not None else None,
        email_verified_at=utcnow() if verified else None,
        accepted_rules_at=utcnow() if accepted_rules else None,
        status=UserStatus.ACTIVE.value,
    )
    try:
        with session.begin_nested():  # a concurrent sign-up with the same email loses cleanly
            session.add(user)
            session.flush()
    except IntegrityError:
        raise Conflict("An account with this email already exists.", field="email") from None
    for role in sorted(roles):
        session.add(UserRole(user_id=user.id, role=role.value))
    if accepted_rules:  # the version in force now, if rules were published
        from portal.services.platform_texts import accept_current_rules

        accept_current_rules(session, user.id or 0)
    session.flush()
    return user


def roles_of(session: Session, user_ids: list[int]) -> dict[int, list[Role]]:
    result: dict[int, list[Role]] = {user_id: [] for user_id in user_ids}
    if not user_ids:
        return result
    rows = session.exec(
        select(UserRole.user_id, UserRole.role)
        .where(UserRole.user_id.in_(user_ids))
        .order_by(UserRole.role)
    ).all()
    for user_id, role in rows:
        result[user_id].append(Role(role))
    return result


def _public(user: User, roles: list[Role]) -> UserPublic:
    return UserPublic(
        id=user.id,
        name=user.name,
        email=user.email,
        status=UserStatus(user.status),
        roles=roles,
        verified=user.email_verified_at is not None,
        created_at=user.created_at,
    )


def _role_filter(value: str):  # noqa: ANN202
    try:
        role = Role(value)
    except ValueError:
        raise Invalid("Unknown role {value}.", value=repr(value)) from None
    return User.id.in_(select(UserRole.user_id).where(UserRole.role == role.value))


def _status_filter(value: str):  # noqa: ANN202
    try:
        status = UserStatus(value)
    except ValueError:
        raise Invalid("Unknown status {value}.", value=repr(value)) from None
    return User.status == status.value


def list_users(session: Session, actor: Actor, *, request: PageRequest) -> Page[UserPublic]:
    if not can_manage_users(actor):
        raise Forbidden("Only administrators can see the list of users.")
    rows, total = paginate(
        session,
        select(User),
        request,
        sortable={"name": User.name, "email": User.email, "created_at": User.created_at,
                  "status": User.status},
        default_sort="created_at",
        searchable=(User.name, User.email),
        filters={"role": _role_filter, "status": _status_filter},
        tiebreaker=User.id,
    )
    users = [row[0] for row in rows]
    roles = roles_of(session, [user.id for user in users])
    return Page[UserPublic](
        items=[_public(user, roles[user.id]) for user in users],
        total=total,
        page=request.page,
        page_size=request.page_size,
    )
