"""A person's own account: sign-up with email verification, sign-in, password reset and change,
profile and email change. Each use case is one transaction with its audit entry and emails."""

from __future__ import annotations

import re
from datetime import date, timedelta

from pydantic import BaseModel
from sqlalchemy import select
from sqlmodel import Session

from portal import links
from portal.domain.clock import utcnow
from portal.domain.enums import UserStatus
from portal.domain.errors import Conflict, Forbidden, Invalid
from portal.domain.models import OneTimeToken, Profile, TokenPurpose, User
from portal.domain.models.user import profile_complete
from portal.domain.policies import Actor
from portal.i18n import N_, normalize_locale
from portal.services import audit, rate_limits, sessions, throttle
from portal.services.notifications import notify
from portal.services.passwords import check_password_rules, hash_password, verify_password
from portal.services.platform_texts import accept_current_rules, before_rules
from portal.services.secrets import new_token
from portal.services.users import create_user, email_taken, normalize_email, roles_of
from portal.settings import get_settings

VERIFY_LIFETIME = timedelta(hours=48)
RESET_LIFETIME = timedelta(minutes=60)
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()-]{5,30}$")
OLDEST_AGE_YEARS = 120
SIGN_IN_REFUSED = N_("The email or password is not correct.")
# Said only after the right password: it tells nothing to someone guessing.
SIGN_IN_SUSPENDED = N_("This account is suspended, so it cannot sign in. The email we sent when "
                       "it was suspended gives the reason; reply to it if you think this is a "
                       "mistake.")


class SignUp(BaseModel):
    name: str = ""
    email: str = ""
    phone: str = ""
    date_of_birth: str = ""
    password: str = ""
    accept_rules: bool = False
    locale: str = "en"


class ProfileUpdate(BaseModel):
    name: str = ""
    phone: str = ""
    date_of_birth: str = ""
    accept_rules: bool = False  # asked once, of accounts made through a provider (rules §2.2.3)


def clean_phone(raw: str, *, field: str = "phone") -> str:
    phone = (raw or "").strip()
    if not PHONE_RE.match(phone) or sum(c.isdigit() for c in phone) < 6:
        raise Invalid("Enter a phone number such as +86 138 0000 0000.", field=field)
    return phone


def parse_birth_date(raw: str) -> date:
    try:
        value = date.fromisoformat((raw or "").strip())
    except ValueError:
        raise Invalid("Enter your date of birth as YYYY-MM-DD.", field="date_of_birth") from None
    today = utcnow().date()
    if value > today:
        raise Invalid("A date of birth cannot be in the future.", field="date_of_birth")
    if value.year < today.year - OLDEST_AGE_YEARS:
        raise Invalid("Check the year of your date of birth.", field="date_of_birth")
    return value


def _link(path: str, token: str) -> str:
    return f"{get_settings().base_url}{path}?token={token}"


def _send_verification(session: Session, user: User, *, purpose: TokenPurpose, to_email: str,
                       template: str) -> None:
    raw, digest = new_token()
    session.add(OneTimeToken(user_id=user.id, purpose=purpose.value, token_hash=digest,
                             expires_at=utcnow() + VERIFY_LIFETIME, payload=to_email))
    notify(session, recipients=[user], template=template, about=("user", user.id),
           email_to=to_email, link=links.ATTENDEE_PROFILE,
           context={"link": _link(links.VERIFY_EMAIL, raw), "new_email": to_email,
                    "hours": int(VERIFY_LIFETIME.total_seconds() // 3600)})


def sign_up(session: Session, data: SignUp, *, ip: str = "") -> User:
    """A new, unverified account; the verification email goes out with it."""
    if not data.accept_rules:
        raise Invalid("Accept the platform rules to create an account.", field="accept_rules")
    phone = clean_phone(data.phone)
    birth = parse_birth_date(data.date_of_birth)
    check_password_rules(data.password)
    user = create_user(session, name=data.name, email=data.email, password=data.password,
                       phone=phone, date_of_birth=birth, accepted_rules=True)
    user.locale = normalize_locale(data.locale)
    _send_verification(session, user, purpose=TokenPurpose.VERIFY_EMAIL, to_email=user.email,
                       template="verify_email")
    audit.record(session, actor_id=user.id, action="user.signed_up", object_type="user",
                 object_id=user.id, after={"email": user.email}, ip=ip)
    return user


def verify_email(session: Session, *, token: str) -> str:
    """Confirm an address from an emailed link: a new account's, or a changed one."""
    try:
        used = sessions.consume_token(session, raw=token, purpose=TokenPurpose.VERIFY_EMAIL)
    except Invalid:
        used = sessions.consume_token(session, raw=token, purpose=TokenPurpose.CHANGE_EMAIL)
    user = session.get(User, used.user_id)
    if used.purpose == TokenPurpose.CHANGE_EMAIL.value:
        new_email = normalize_email(used.payload)
        if email_taken(session, new_email):
            raise Conflict("An account with this email already exists.", field="email")
        before = user.email
        user.email = new_email
        user.email_verified_at = utcnow()
        audit.record(session, actor_id=user.id, action="user.email_changed", object_type="user",
                     object_id=user.id, before={"email": before}, after={"email": new_email})
        return user.email
    user.email_verified_at = user.email_verified_at or utcnow()
    audit.record(session, actor_id=user.id, action="user.email_verified", object_type="user",
                 object_id=user.id)
    return user.email


def resend_verification(session: Session, actor: Actor, *, ip: str = "") -> None:
    user = _own_user(session, actor)
    if user.email_verified_at is not None:
        raise Conflict("Your email address is already confirmed.")
    rate_limits.spend(session, "verification", account=user.id, ip=ip)
    _send_verification(session, user, purpose=TokenPurpose.VERIFY_EMAIL, to_email=user.email,
                       template="verify_email")


def sign_in(session: Session, *, email: str, password: str, ip: str = "") -> str:
    """Check the credentials and return a one-time sign-in ticket.

    Unknown email and wrong password give the same answer after the same work, and are slowed
    alike (see `throttle`). Failures are committed here, so they count even though this refuses.
    Only the holder of the right password of a suspended account is told it is suspended.
    """
    attempt = throttle.Attempt.of(email, ip)
    row = session.exec(select(User).where(User.email == attempt.email)).first()
    user = row[0] if row else None
    password_ok = throttle.check_password(
        session, attempt, user_id=user.id if user else None,
        verify=lambda: verify_password(user.password_hash if user else None,
                                       (password or "")[:256]))
    if user is None or not password_ok or user.status != UserStatus.ACTIVE.value:
        _refuse(session, attempt, user, action="sign_in.failed", ip=ip)
        if user is not None and password_ok and user.status == UserStatus.SUSPENDED.value:
            raise Forbidden(SIGN_IN_SUSPENDED)
        raise Invalid(SIGN_IN_REFUSED)
    throttle.record_success(session, attempt, user_id=user.id)
    audit.record(session, actor_id=user.id, action="sign_in.succeeded", object_type="user",
                 object_id=user.id, ip=ip)
    return sessions.issue_sign_in_ticket(session, user_id=user.id)


def _refuse(session: Session, attempt: throttle.Attempt, user: User | None, *, action: str,
            ip: str) -> None:
    """Count and audit a failed password check, committed before the caller refuses."""
    throttle.record_failure(session, attempt)
    audit.record(session, actor_id=user.id if user else None, action=action,
                 object_type="user", object_id=user.id if user else None,
                 note=f"email={attempt.email}", ip=ip)
    session.commit()


def request_password_reset(session: Session, *, email: str, ip: str = "") -> None:
    """Send a reset link when the account exists; say nothing either way. The rate limit counts
    the email as typed, so it answers alike for accounts that exist and ones that do not."""
    try:
        email = normalize_email(email)
    except Invalid:
        return
    rate_limits.spend(session, "password_reset", account=email, ip=ip)
    row = session.exec(select(User).where(User.email == email)).first()
    if row is None or row[0].status != UserStatus.ACTIVE.value:
        return
    user = row[0]
    raw, digest = new_token()
    session.add(OneTimeToken(user_id=user.id, purpose=TokenPurpose.RESET_PASSWORD.value,
                             token_hash=digest, expires_at=utcnow() + RESET_LIFETIME))
    notify(session, recipients=[user], template="reset_password", about=("user", user.id),
           context={"link": _link(links.RESET_PASSWORD, raw),
                    "minutes": int(RESET_LIFETIME.total_seconds() // 60)})
    audit.record(session, actor_id=None, action="user.password_reset_requested",
                 object_type="user", object_id=user.id)


def _set_password(session: Session, user: User, password: str, *, keep_session_id: int | None
                  ) -> None:
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    sessions.revoke_user_sessions(session, user_id=user.id, keep_session_id=keep_session_id)
    notify(session, recipients=[user], template="password_changed", about=("user", user.id),
           link=links.ATTENDEE_PROFILE, context={})
    audit.record(session, actor_id=user.id, action="user.password_changed", object_type="user",
                 object_id=user.id)


def reset_password(session: Session, *, token: str, password: str) -> None:
    check_password_rules(password)
    used = sessions.consume_token(session, raw=token, purpose=TokenPurpose.RESET_PASSWORD)
    user = session.get(User, used.user_id)
    # The link proves the mailbox, so it also confirms the address.
    user.email_verified_at = user.email_verified_at or utcnow()
    _set_password(session, user, password, keep_session_id=None)


def change_password(session: Session, actor: Actor, *, current: str, new: str, ip: str = ""
                    ) -> None:
    """Wrong current passwords are slowed like failed sign-ins, on the same counters: a stolen
    session is no faster a way to guess the password."""
    user = _own_user(session, actor)
    if user.password_hash:
        attempt = throttle.Attempt.of(user.email, ip)
        if not throttle.check_password(
                session, attempt, user_id=user.id,
                verify=lambda: verify_password(user.password_hash, (current or "")[:256])):
            _refuse(session, attempt, user, action="password_change.failed", ip=ip)
            raise Invalid("Your current password is not correct.", field="current_password")
        throttle.record_success(session, attempt, user_id=user.id)
    check_password_rules(new, field="new_password")
    _set_password(session, user, new, keep_session_id=actor.session_id)


def _own_user(session: Session, actor: Actor) -> User:
    if not actor.is_authenticated:
        raise Forbidden("Sign in first.")
    user = session.get(User, actor.user_id)
    if user is None:
        raise Forbidden("Sign in first.")
    return user


def get_profile(session: Session, actor: Actor) -> Profile:
    user = _own_user(session, actor)
    return Profile(
        id=user.id, name=user.name, email=user.email, phone=user.phone or "",
        date_of_birth=user.date_of_birth, verified=user.email_verified_at is not None,
        locale=user.locale, has_password=user.password_hash is not None,
        profile_complete=profile_complete(user),
        accepted_rules=user.accepted_rules_at is not None,
        roles=roles_of(session, [user.id])[user.id],
    )


def update_profile(session: Session, actor: Actor, data: ProfileUpdate) -> Profile:
    user = _own_user(session, actor)
    name = (data.name or "").strip()
    if not name or len(name) > 120:
        raise Invalid("Enter a name of 1 to 120 characters.", field="name")
    phone = clean_phone(data.phone)
    birth = parse_birth_date(data.date_of_birth)
    if user.accepted_rules_at is None and not data.accept_rules:
        raise Invalid("Accept the platform rules to complete your profile.",
                      field="accept_rules")
    before = {"name": user.name, "phone": user.phone, "date_of_birth": user.date_of_birth,
              "accepted_rules_at": user.accepted_rules_at}
    user.name, user.phone, user.date_of_birth = name, phone, birth
    if user.accepted_rules_at is None:
        accept_current_rules(session, user.id or 0)
    user.accepted_rules_at = user.accepted_rules_at or utcnow()
    audit.record(session, actor_id=user.id, action="user.profile_updated", object_type="user",
                 object_id=user.id, before=before,
                 after={"name": name, "phone": phone, "date_of_birth": birth,
                        "accepted_rules_at": user.accepted_rules_at})
    return get_profile(session, actor)


def request_email_change(session: Session, actor: Actor, *, new_email: str, ip: str = ""
                         ) -> None:
    """Send a confirmation link to the new address; the account keeps the old one until then."""
    user = _own_user(session, actor)
    email = normalize_email(new_email)
    if email == user.email:
        raise Invalid("This is already your email address.", field="email")
    rate_limits.spend(session, "email_change", account=user.id, ip=ip)
    if email_taken(session, email):
        raise Conflict("An account with this email already exists.", field="email")
    _send_verification(session, user, purpose=TokenPurpose.CHANGE_EMAIL, to_email=email,
                       template="change_email")
    audit.record(session, actor_id=user.id, action="user.email_change_requested",
                 object_type="user", object_id=user.id, after={"email": email})


@before_rules
def set_locale(session: Session, actor: Actor, *, locale: str) -> None:
    """Remember the language for server-made text (emails, exports)."""
    if actor.is_authenticated:
        user = session.get(User, actor.user_id)
        if user is not None:
            user.locale = normalize_locale(locale)
