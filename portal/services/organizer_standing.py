"""Where an organizer stands under the sanction ladder (rules §3.3.3): which sanctions are in
force today, whether it may publish, and what the public certificate page says. Only reads;
the event services ask `publishing_blocked` before letting anything be submitted."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from pydantic import BaseModel
from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.enums import OrganizerStanding, OrganizerStatus, SanctionKind
from portal.domain.errors import NotFound
from portal.domain.models import Organizer, Sanction
from portal.settings import get_settings

# The heaviest sanction in force decides the standing.
STANDING_OF = {SanctionKind.WARNING: OrganizerStanding.WARNED,
               SanctionKind.SUSPEND_PUBLISHING: OrganizerStanding.SUSPENDED,
               SanctionKind.REVOKE_QUALIFICATION: OrganizerStanding.REVOKED}
LADDER = [OrganizerStanding.GOOD, OrganizerStanding.WARNED, OrganizerStanding.SUSPENDED,
          OrganizerStanding.REVOKED]


def today() -> date:
    """The platform's calendar day: a suspension 'until 5 March' lasts through that day where
    the platform is, and a notice is overdue the day after its due date there."""
    return utcnow().astimezone(ZoneInfo(get_settings().time_zone)).date()


def in_force(sanction: Sanction, day: date) -> bool:
    if sanction.lifted_at is not None:
        return False
    return sanction.until is None or sanction.until >= day


def sanctions_in_force(session: Session, organizer_id: int) -> list[Sanction]:
    day = today()
    rows = session.exec(select(Sanction).where(col(Sanction.organizer_id) == organizer_id,
                                               col(Sanction.lifted_at).is_(None))
                        .order_by(col(Sanction.id).desc())).all()
    return [row for row in rows if in_force(row, day)]


def publishing_blocked(session: Session, organizer: Organizer) -> bool:
    """Suspended now. The flag is the switch staff turn; a suspension whose last day has
    passed no longer blocks, even before anyone lifts it."""
    if not organizer.publishing_suspended:
        return False
    suspensions = session.exec(select(Sanction).where(
        col(Sanction.organizer_id) == organizer.id,
        col(Sanction.kind) == SanctionKind.SUSPEND_PUBLISHING.value,
        col(Sanction.lifted_at).is_(None))).all()
    if not suspensions:  # set without a sanction row (older data): it still blocks
        return True
    day = today()
    return any(in_force(s, day) for s in suspensions)


def standing_of(organizer: Organizer, sanctions: list[Sanction]) -> OrganizerStanding:
    kinds = {STANDING_OF[SanctionKind(s.kind)] for s in sanctions}
    if organizer.status == OrganizerStatus.REVOKED.value:
        kinds.add(OrganizerStanding.REVOKED)
    return max(kinds, key=LADDER.index, default=OrganizerStanding.GOOD)


class PublicSanction(BaseModel):
    """What anyone may read: the kind and its dates, never the reason (it may name people)."""

    kind: SanctionKind
    since: datetime
    until: date | None


class PublicStanding(BaseModel):
    standing: OrganizerStanding
    sanctions: list[PublicSanction]


def public_standing(session: Session, *, organizer_id: int) -> PublicStanding:
    """For the public certificate page (anyone: no actor)."""
    organizer = session.get(Organizer, organizer_id)
    if organizer is None or not organizer.certificate_number:
        raise NotFound("No such certificate.")
    current = sanctions_in_force(session, organizer_id)
    return PublicStanding(
        standing=standing_of(organizer, current),
        sanctions=[PublicSanction(kind=SanctionKind(s.kind), since=s.created_at, until=s.until)
                   for s in current])
