"""Who may register for an event (rules §2.4.2), checked at submission and again at approval.

Each refusal names the one rule that failed, in words the person can act on. Checks about the
event come first (nothing the person can change), then those about the person.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from portal.domain.clock import utcnow
from portal.domain.enums import (
    EventStatus,
    OrganizerStatus,
    RegistrationChannel,
    RegistrationStatus,
)
from portal.domain.errors import Conflict, Invalid
from portal.domain.models import Event, Organizer, Registration, User
from portal.domain.models.registration import ACTIVE
from portal.domain.models.user import has_contact_details
from portal.i18n import N_

# The "field" of a refusal the person fixes on their profile page (the UI links to it).
PROFILE = "profile"


def age_on(birth: date, day: date) -> int:
    """Whole years from `birth` to `day`; someone born on 29 February turns a year older on
    1 March in years without one."""
    years = day.year - birth.year
    return years - 1 if (day.month, day.day) < (birth.month, birth.day) else years


def event_day(event: Event) -> date:
    """The day the event starts, where it happens: ages are counted on that day."""
    return event.starts_at.astimezone(ZoneInfo(event.time_zone)).date()


def check_event_open(session: Session, event: Event, *, now: datetime,
                     window: bool = True) -> None:
    """The event takes registrations: published, its organizer in good standing and, unless a
    decision about an earlier registration is being made, within the registration window."""
    if event.status == EventStatus.CANCELLED.value:
        raise Conflict("This event was cancelled.")
    if event.status != EventStatus.PUBLISHED.value:
        raise Conflict("This event is not open for registration.")
    organizer = session.get(Organizer, event.organizer_id)
    if organizer is None or organizer.status != OrganizerStatus.APPROVED.value:
        raise Conflict("The organizer of this event is not in good standing; registration is "
                       "paused.")
    if now >= event.starts_at:
        raise Conflict("This event has already started.")
    if not window:
        return
    if now < event.registration_opens_at:
        raise Conflict("Registration opens on {date}.", date=event.registration_opens_at.astimezone(
            ZoneInfo(event.time_zone)).date())
    if now >= event.registration_closes_at:
        raise Conflict("Registration closed on {date}.", date=event.registration_closes_at
                       .astimezone(ZoneInfo(event.time_zone)).date())


def check_person(user: User, event: Event, *, channel: RegistrationChannel,
                 qualification: str) -> None:
    """The person meets the event's requirements. Online, the account itself must be ready
    (verified email, complete profile, platform rules accepted); a person registered by phone
    or email through staff gives their details to them instead."""
    if channel is RegistrationChannel.ONLINE:
        if user.email_verified_at is None:
            raise Conflict("Confirm your email address before you register.", field=PROFILE)
        if not has_contact_details(user):
            raise Conflict("Add your phone number and date of birth to your profile before "
                           "you register.", field=PROFILE)
        if user.accepted_rules_at is None:
            raise Conflict("Accept the platform rules before you register.", field=PROFILE)
    check_age(user, event)
    if event.required_qualification and not qualification.strip():
        raise Invalid("This event asks for a qualification: {what}.", field="qualification",
                      what=event.required_qualification)


def check_age(user: User, event: Event) -> None:
    if event.min_age is None and event.max_age is None:
        return
    day = event_day(event)
    if user.date_of_birth is None:
        raise Conflict("This event has an age limit: add your date of birth to your profile.",
                       field=PROFILE)
    age = age_on(user.date_of_birth, day)
    if event.min_age is not None and age < event.min_age:
        raise Conflict("You must be at least {n} on {date}.", n=event.min_age, date=day)
    if event.max_age is not None and age > event.max_age:
        raise Conflict("You must be at most {n} on {date}.", n=event.max_age, date=day)


NOT_ACTIVE = N_("This registration is no longer active.")
CLOSED = N_("Registration has closed; answers can no longer be changed.")


def why_answers_locked(registration: Registration, event: Event,
                       now: datetime | None = None) -> str:
    """Why the person can no longer change their answers ("" while they can)."""
    if RegistrationStatus(registration.status) not in ACTIVE:
        return NOT_ACTIVE
    if (now or utcnow()) >= event.registration_closes_at:
        return CLOSED
    return ""
