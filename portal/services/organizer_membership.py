"""Which organizer a member acts for: a person may belong to several (their own and ones that
invited them); they choose, and every organizer page acts for that one."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session, col

from portal.domain.models import Organizer, OrganizerMember
from portal.domain.policies import Actor
from portal.services.organizers import OrganizerView, my_organizers, view


@dataclass(frozen=True)
class OrganizerChoice:
    id: int
    legal_name: str


def my_organizer_choices(session: Session, actor: Actor) -> list[OrganizerChoice]:
    """The organizers the person belongs to, by name, to choose which one to act for."""
    if not actor.is_authenticated:
        return []
    rows = session.execute(
        select(col(Organizer.id), col(Organizer.legal_name))
        .join(OrganizerMember, col(OrganizerMember.organizer_id) == col(Organizer.id))
        .where(col(OrganizerMember.user_id) == actor.user_id)
        .order_by(col(Organizer.legal_name), col(Organizer.id))).all()
    return [OrganizerChoice(id=int(row[0]), legal_name=row[1]) for row in rows]


def acting_for(session: Session, actor: Actor, *, organizer_id: int = 0) -> int | None:
    """The organizer a member acts for: the one they chose when they belong to it, else the
    first they joined; None for someone who belongs to none."""
    ids = my_organizers(session, actor)
    if organizer_id in ids:
        return organizer_id
    return ids[0] if ids else None


def my_organizer_view(session: Session, actor: Actor, *, organizer_id: int = 0
                      ) -> OrganizerView | None:
    """The organizer home page in one read: the organizer acted for, with its documents."""
    chosen = acting_for(session, actor, organizer_id=organizer_id)
    return None if chosen is None else view(session, actor, organizer_id=chosen)


def organizer_home(session: Session, actor: Actor, *, organizer_id: int = 0
                   ) -> tuple[OrganizerView | None, list[OrganizerChoice]]:
    """The organizer home page in one read: the organizer acted for and the ones to choose."""
    return (my_organizer_view(session, actor, organizer_id=organizer_id),
            my_organizer_choices(session, actor))
