"""Closing an account: the person's own request (with their password), or an administrator's
on the person's request (audited with the note). Personal data is anonymised; the financial
and audit records the rules require stay, pointing at the anonymised account.

What happens:
- name, email (a unique placeholder, so the address can sign up again), phone, date of birth,
  password and external sign-ins are removed; the account is CLOSED and cannot sign in;
  every session is revoked, one-time links and known addresses deleted;
- registration answers are emptied and the files uploaded as answers deleted (after the
  commit); the qualification a registrant typed is emptied;
- complaints the person filed keep their content (a complaint is a record, rules §6) but lose
  the complainant's name, email and phone;
- the inbox is deleted; emails to the person lose their text and address (unsent ones are
  not sent); sign-in throttles and rate-limit counters keyed by the address are deleted;
- payments, refunds, the ledger, ratings' stars and the audit log stay as they are (the audit
  log is append-only: entries written before the closure keep what they recorded).

Refused (a clear message, nothing changes) while money or a seat is still open: a payment
waiting for money, a refund not yet paid or decided, a registration for an event that has not
ended; and while the person is the only owner of an organizer (it would be left ownerless).
"""

from __future__ import annotations

import secrets

from sqlalchemy import delete, or_, select, update
from sqlmodel import Session, col

from portal.domain.clock import utcnow
from portal.domain.enums import MemberRole, UserStatus
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import (
    Complaint,
    Event,
    EventAutosave,
    ExternalIdentity,
    KnownAddress,
    Notification,
    OneTimeToken,
    Organizer,
    OrganizerInvite,
    OrganizerMember,
    OutboxEmail,
    Payment,
    RateLimitHit,
    Refund,
    Registration,
    RegistrationAnswer,
    SignInThrottle,
    User,
    UserSession,
)
from portal.domain.models.outbox import EmailStatus
from portal.domain.models.registration import ACTIVE
from portal.domain.payment_enums import OPEN_REFUND, PaymentStatus
from portal.domain.policies import Actor, can_manage_users
from portal.services import audit
from portal.services.files import FileStore, delete_after_commit
from portal.services.passwords import verify_password
from portal.services.platform_texts import before_rules
from portal.services.rate_limits import LIMITS
from portal.services.sessions import revoke_user_sessions

PLACEHOLDER_DOMAIN = "closed.invalid"  # RFC 2606: never delivered
MAX_NOTE = 500


def closed_name(user_id: int) -> str:
    return f"Closed account #{user_id}"


def _check_closable(session: Session, user: User) -> None:
    if user.status == UserStatus.CLOSED.value:
        raise Conflict("This account is already closed.")
    registration_ids = select(col(Registration.id)).where(col(Registration.user_id) == user.id)
    if session.scalar(select(col(Payment.id)).where(
            col(Payment.registration_id).in_(registration_ids),
            col(Payment.status) == PaymentStatus.PENDING.value).limit(1)) is not None:
        raise Conflict("A payment is still waiting for money. Once it is paid or cancelled, "
                       "the account can be closed.")
    if session.scalar(select(col(Refund.id)).where(
            col(Refund.registration_id).in_(registration_ids),
            col(Refund.status).in_([status.value for status in OPEN_REFUND])).limit(1)) \
            is not None or session.scalar(select(col(Registration.id)).where(
                col(Registration.user_id) == user.id, col(Registration.refund_due)).limit(1)) \
            is not None:
        raise Conflict("A refund is still open. The account can be closed once it is paid "
                       "back or decided.")
    if session.scalar(select(col(Registration.id)).join(
            Event, col(Event.id) == col(Registration.event_id)).where(
            col(Registration.user_id) == user.id,
            col(Registration.status).in_([status.value for status in ACTIVE]),
            col(Event.ends_at) > utcnow()).limit(1)) is not None:
        raise Conflict("Registrations for upcoming events must be cancelled first, then the "
                       "account can be closed.")
    for organizer_id, legal_name in session.execute(
            select(col(Organizer.id), col(Organizer.legal_name)).join(
                OrganizerMember, col(OrganizerMember.organizer_id) == col(Organizer.id))
            .where(col(OrganizerMember.user_id) == user.id,
                   col(OrganizerMember.role) == MemberRole.OWNER.value)).all():
        owners = session.scalar(select(col(OrganizerMember.id)).where(
            col(OrganizerMember.organizer_id) == organizer_id,
            col(OrganizerMember.role) == MemberRole.OWNER.value,
            col(OrganizerMember.user_id) != user.id).limit(1))
        if owners is None:
            raise Conflict("This account is the only owner of {organizer}. Make another "
                           "member an owner first, or ask staff to close the organizer.",
                           organizer=legal_name)


def _anonymise(session: Session, user: User, store: FileStore) -> None:
    old_email = user.email
    user_id = user.id
    assert user_id is not None  # a stored account
    placeholder = f"closed-{user_id}-{secrets.token_hex(6)}@{PLACEHOLDER_DOMAIN}"
    user.name, user.email, user.phone, user.date_of_birth = closed_name(user_id), \
        placeholder, None, None
    user.password_hash, user.email_verified_at = None, None
    user.status = UserStatus.CLOSED.value
    user.updated_at = utcnow()
    revoke_user_sessions(session, user_id=user_id)
    session.execute(update(UserSession).where(col(UserSession.user_id) == user_id)
                    .values(ip="", user_agent=""))  # where and with what they signed in
    session.execute(delete(OrganizerInvite).where(col(OrganizerInvite.email) == old_email,
                                                  col(OrganizerInvite.accepted_at).is_(None)))
    for model in (OneTimeToken, KnownAddress, ExternalIdentity, Notification, EventAutosave,
                  OrganizerMember):
        session.execute(delete(model).where(col(model.user_id) == user_id))
    # their own counters only, matched exactly: a key merely containing the address may be
    # someone else's ("account:eve@x.org" is inside "account:steve@x.org")
    session.execute(delete(SignInThrottle).where(or_(
        col(SignInThrottle.key) == f"account:{old_email}",
        col(SignInThrottle.key).startswith(f"pair:{old_email}|", autoescape=True))))
    session.execute(delete(RateLimitHit).where(col(RateLimitHit.key).in_(
        [f"{action}:account:{who}" for action in LIMITS for who in (old_email, user_id)])))
    registration_ids = select(col(Registration.id)).where(col(Registration.user_id) == user_id)
    for answer in session.scalars(select(RegistrationAnswer).where(
            col(RegistrationAnswer.registration_id).in_(registration_ids))).all():
        if answer.file_key:
            delete_after_commit(session, store, answer.file_key)
        answer.value, answer.file_key, answer.file_type = "", None, ""
    session.execute(update(Registration).where(col(Registration.user_id) == user_id)
                    .values(qualification=""))
    session.execute(update(Complaint).where(col(Complaint.complainant_id) == user_id)
                    .values(complainant_name=closed_name(user_id), complainant_email="",
                            complainant_phone=""))
    to_them = or_(col(OutboxEmail.to_user_id) == user_id, col(OutboxEmail.to_email) == old_email)
    session.execute(update(OutboxEmail).where(
        to_them, col(OutboxEmail.status).in_([EmailStatus.PENDING.value,
                                              EmailStatus.FAILED.value]))
        .values(status=EmailStatus.FAILED.value, last_error="Not sent: the account was closed."))
    session.execute(update(OutboxEmail).where(to_them)
                    .values(to_email=placeholder, body_text="", body_html=""))
    session.flush()


def _locked_user(session: Session, user_id: int) -> User | None:
    """The account, its row locked until the transaction ends (PostgreSQL): two closures at
    once take turns, and the second finds it closed."""
    return session.scalars(select(User).where(col(User.id) == user_id).with_for_update()
                           .execution_options(populate_existing=True)).first()


@before_rules  # someone who will not accept new rules may still leave
def close_own_account(session: Session, actor: Actor, *, password: str, store: FileStore,
                      ip: str = "") -> None:
    """The person closes their own account, confirming with their password (or, for an
    account that signs in through a provider only, by typing their email address)."""
    if not actor.is_authenticated or actor.user_id is None:
        raise Forbidden("Sign in to close your account.")
    user = _locked_user(session, actor.user_id)
    if user is None:
        raise NotFound("No such user.")
    if user.status == UserStatus.CLOSED.value:
        raise Conflict("This account is already closed.")
    given = (password or "")[:256]
    if user.password_hash:
        if not verify_password(user.password_hash, given):
            raise Invalid("That is not your password.", field="close_password")
    elif given.strip().lower() != user.email:
        raise Invalid("Type your email address exactly as shown.", field="close_password")
    _check_closable(session, user)
    _anonymise(session, user, store)
    audit.record(session, actor_id=user.id, action="user.closed", object_type="user",
                 object_id=user.id, before={"status": UserStatus.ACTIVE.value},
                 after={"status": UserStatus.CLOSED.value}, note="closed by the person", ip=ip)


def close_user_account(session: Session, actor: Actor, *, user_id: int, note: str,
                       store: FileStore, ip: str = "") -> None:
    """An administrator closes an account on the person's request; the note says how the
    request arrived (audited)."""
    if not can_manage_users(actor):
        raise Forbidden("Only administrators can manage users.")
    why = (note or "").strip()
    if not why:
        raise Invalid("Say how the person asked for the closure.", field="close_note")
    if len(why) > MAX_NOTE:
        raise Invalid("Use at most {n} characters.", field="close_note", n=MAX_NOTE)
    user = _locked_user(session, user_id)
    if user is None:
        raise NotFound("No such user.")
    if user.id == actor.user_id:
        raise Conflict("Close your own account from your profile page.")
    before = user.status
    _check_closable(session, user)
    _anonymise(session, user, store)
    audit.record(session, actor_id=actor.user_id, action="user.closed", object_type="user",
                 object_id=user.id, before={"status": before},
                 after={"status": UserStatus.CLOSED.value}, note=why, ip=ip)
