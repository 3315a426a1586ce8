"""Registering someone on their behalf (rules §2.4.1: by phone, by email, on site): organizer
members and reviewing staff enter the registration a person asked for.

The person is found by email, or, when they have no account, one is made for them, unverified,
and they get an email to claim it by setting a password. The same eligibility and capacity rules
apply as online; only staff may override an eligibility refusal, and only with a written reason,
which is kept on the registration and in the audit log.
"""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel, Field, field_validator
from sqlmodel import Session, col, select

from portal.db import contended
from portal.domain.clock import utcnow
from portal.domain.enums import RegistrationChannel, Role, UserStatus
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import Event, OneTimeToken, Registration, TokenPurpose, User
from portal.domain.policies import Actor, can_act_in_area
from portal.services.files import FileStore
from portal.services.notifications import notify
from portal.services.registration_form import RegistrationForm, Upload
from portal.services.registration_review import runs_event
from portal.services.registrations import Enrolment, enrol
from portal.services.secrets import new_token
from portal.services.users import create_user, normalize_email

CLAIM_LIFETIME = timedelta(days=7)
DESK_CHANNELS = (RegistrationChannel.PHONE, RegistrationChannel.EMAIL,
                 RegistrationChannel.ON_SITE)


class PersonDetails(BaseModel):
    """Who is being registered: an email finds their account; name, phone and date of birth
    are needed only when they have none yet."""

    email: str = Field(max_length=254)
    name: str = Field(default="", max_length=120)
    phone: str = Field(default="", max_length=32)
    date_of_birth: date | None = None

    @field_validator("name", "phone", mode="before")
    @classmethod
    def _strip(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value


def _channel(value: RegistrationChannel | str) -> RegistrationChannel:
    try:
        channel = RegistrationChannel(value)
    except ValueError:
        raise Invalid("Choose how the person asked to register.", field="channel") from None
    if channel not in DESK_CHANNELS:
        raise Invalid("Choose how the person asked to register.", field="channel")
    return channel


def _person(session: Session, details: PersonDetails, actor: Actor, *, event: Event,
            channel: RegistrationChannel) -> tuple[User, bool]:
    """The person's account, or a new unverified one; True when it was made now."""
    email = normalize_email(details.email)
    found = session.exec(select(User).where(col(User.email) == email)).first()
    if found is not None:
        if found.status != UserStatus.ACTIVE.value:
            raise Conflict("This person's account is not active; they cannot be registered.")
        return found, False
    if not details.name:
        raise Invalid("No account uses this email: give the person's name.", field="name")
    if not details.phone:
        raise Invalid("Give a phone number to reach the person.", field="phone")
    user = create_user(session, name=details.name, email=email, password=None,
                       phone=details.phone, date_of_birth=details.date_of_birth)
    return user, True


def _invite_to_claim(session: Session, user: User, actor: Actor, *, event: Event,
                     channel: RegistrationChannel) -> None:
    raw, digest = new_token()
    session.add(OneTimeToken(user_id=user.id or 0, purpose=TokenPurpose.RESET_PASSWORD.value,
                             token_hash=digest, expires_at=utcnow() + CLAIM_LIFETIME))
    entered_by = session.get(User, actor.user_id)
    notify(session, recipients=[user], template="account_claim", in_app=False,
           about=("user", user.id),
           context={"event": event.name, "token": raw, "channel": channel.value,
                    "entered_by": entered_by.name if entered_by else ""})


@contended
def register_for(session: Session, actor: Actor, *, event_id: int, person: PersonDetails,
                 channel: RegistrationChannel | str, form: RegistrationForm,
                 uploads: dict[int, Upload] | None = None, override_reason: str = "",
                 store: FileStore, ip: str = "") -> Registration:
    event = session.get(Event, event_id)
    if event is None or not runs_event(actor, event):
        raise NotFound("No such event.")
    channel = _channel(channel)
    override = (override_reason or "").strip()
    if override and not can_act_in_area(actor, Role.STAFF_REVIEWS):
        raise Forbidden("Only platform staff may override an eligibility rule.")
    if len(override) > 1000:
        raise Invalid("Use at most {n} characters.", field="override_reason", n=1000)
    user, created = _person(session, person, actor, event=event, channel=channel)
    registration = enrol(session, event, Enrolment(user=user, channel=channel,
                                                   entered_by_id=actor.user_id,
                                                   override=override),
                         form, uploads or {}, store=store, actor_id=actor.user_id, ip=ip)
    if created:
        _invite_to_claim(session, user, actor, event=event, channel=channel)
    return registration
