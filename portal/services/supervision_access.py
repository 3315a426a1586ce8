"""Who supervises organizers (rules §3.3), and the small checks notices and sanctions share.

Supervision is done by staff of the reviews area (they qualify organizers and publish their
events, so they watch how those events are run) and of the complaints area (complaints are
where most problems surface), and by administrators. Finance staff do not supervise."""

from __future__ import annotations

from sqlmodel import Session

from portal.domain.enums import Role
from portal.domain.errors import Forbidden, Invalid, NotFound
from portal.domain.models import Organizer, User
from portal.domain.policies import Actor, can_act_in_area
from portal.i18n import N_

NOT_SUPERVISOR = N_("Only reviewing or complaints staff can supervise organizers.")


def can_supervise(actor: Actor) -> bool:
    return can_act_in_area(actor, Role.STAFF_REVIEWS) \
        or can_act_in_area(actor, Role.STAFF_COMPLAINTS)


def require_supervisor(actor: Actor) -> None:
    if not can_supervise(actor):
        raise Forbidden(NOT_SUPERVISOR)


def acting_user(actor: Actor) -> int:
    """The signed-in person's id; callers have already refused anyone else."""
    if actor.user_id is None:
        raise Forbidden(NOT_SUPERVISOR)
    return actor.user_id


def supervised_organizer(session: Session, organizer_id: int) -> Organizer:
    organizer = session.get(Organizer, organizer_id)
    if organizer is None or not organizer.certificate_number:
        # Only a qualified (or once qualified) organizer is supervised.
        raise NotFound("No such organizer.")
    return organizer


def required_text(value: str | None, *, field: str, limit: int, missing: str) -> str:
    text = (value or "").strip()
    if not text:
        raise Invalid(missing, field=field)
    if len(text) > limit:
        raise Invalid("Use at most {n} characters.", field=field, n=limit)
    return text


def optional_text(value: str | None, *, field: str, limit: int) -> str:
    text = (value or "").strip()
    if len(text) > limit:
        raise Invalid("Use at most {n} characters.", field=field, n=limit)
    return text


def name_of(session: Session, user_id: int | None) -> str:
    user = session.get(User, user_id) if user_id is not None else None
    return user.name if user is not None else ""
