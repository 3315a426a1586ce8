"""The incident log (rules §4.1.2, §4.2.3): what happened, when, what was done and who closed
it. Every emergency broadcast opens one; staff also open incidents of their own, record the
actions taken and close them."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.emergency_enums import BroadcastAudience, IncidentActionKind, IncidentStatus
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.ids import parse_id
from portal.domain.models import (
    EmergencyBroadcast,
    Event,
    Incident,
    IncidentAction,
    Organizer,
    User,
)
from portal.domain.policies import Actor, can_use_staff_portal
from portal.i18n import N_
from portal.services import audit
from portal.services.paging import Page, PageRequest, day_bound, paginate
from portal.services.supervision_access import optional_text, required_text
from portal.settings import get_settings

NOT_STAFF = N_("Only platform staff can keep the incident log.")


class IncidentRow(BaseModel):
    id: int
    title: str
    happened_at: datetime
    status: IncidentStatus
    event_id: int | None
    event_name: str
    organizer_name: str
    closed_at: datetime | None


class ActionView(BaseModel):
    at: datetime
    by: str
    note: str
    kind: IncidentActionKind | None = None  # the platform's own record; None: typed by staff


class IncidentDetail(IncidentRow):
    description: str
    opened_by: str
    closed_by: str
    closing_note: str
    actions: list[ActionView]
    broadcast_recipients: int = 0  # the broadcast that opened it, if one did
    broadcast_audiences: list[BroadcastAudience] = []


def require_staff(actor: Actor) -> None:
    if not can_use_staff_portal(actor):
        raise Forbidden(NOT_STAFF)


def record_incident(session: Session, *, title: str, description: str, by_id: int | None,
                    event: Event | None) -> Incident:
    """Write an incident in the caller's transaction."""
    incident = Incident(title=title[:200], description=description[:4000],
                        happened_at=utcnow(), event_id=event.id if event else None,
                        organizer_id=event.organizer_id if event else None,
                        opened_by_id=by_id)
    session.add(incident)
    session.flush()
    return incident


def add_action_row(session: Session, incident: Incident, note: str, by_id: int | None,
                   kind: IncidentActionKind | None = None) -> None:
    session.add(IncidentAction(incident_id=incident.id or 0, note=note[:2000], by_id=by_id,
                               kind=kind.value if kind else ""))


def open_incident(session: Session, actor: Actor, *, title: str, description: str,
                  event_id: str | int | None = None, ip: str = "") -> int:
    require_staff(actor)
    title = required_text(title, field="title", limit=200,
                          missing=N_("Say in a few words what happened."))
    description = required_text(description, field="description", limit=4000,
                                missing=N_("Describe what happened."))
    event = None
    if event_id not in (None, "", 0):
        event = session.get(Event, parse_id(event_id) or 0)
        if event is None:
            raise Invalid("No event has this number.", field="event_id")
    incident = record_incident(session, title=title, description=description,
                               by_id=actor.user_id, event=event)
    audit.record(session, actor_id=actor.user_id, action="incident.opened",
                 object_type="incident", object_id=incident.id,
                 after={"title": title, "event_id": incident.event_id}, note=description,
                 ip=ip)
    assert incident.id is not None
    return incident.id


def _incident(session: Session, incident_id: int) -> Incident:
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise NotFound("No such incident.")
    return incident


def add_incident_action(session: Session, actor: Actor, *, incident_id: int, note: str,
                        ip: str = "") -> None:
    require_staff(actor)
    incident = _incident(session, incident_id)
    if incident.status != IncidentStatus.OPEN.value:
        raise Conflict("This incident is closed.")
    note = required_text(note, field="note", limit=2000, missing=N_("Say what was done."))
    add_action_row(session, incident, note, actor.user_id)
    audit.record(session, actor_id=actor.user_id, action="incident.action_added",
                 object_type="incident", object_id=incident.id, note=note, ip=ip)


def close_incident(session: Session, actor: Actor, *, incident_id: int, note: str = "",
                   ip: str = "") -> None:
    require_staff(actor)
    incident = _incident(session, incident_id)
    note = optional_text(note, field="note", limit=1000)
    closed = session.execute(
        update(Incident).where(col(Incident.id) == incident.id,
                               col(Incident.status) == IncidentStatus.OPEN.value)
        .values(status=IncidentStatus.CLOSED.value, closed_at=utcnow(),
                closed_by_id=actor.user_id, closing_note=note, updated_at=utcnow())
        .execution_options(synchronize_session=False))
    if closed.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict("This incident is already closed.")
    session.refresh(incident)
    audit.record(session, actor_id=actor.user_id, action="incident.closed",
                 object_type="incident", object_id=incident.id,
                 before={"status": IncidentStatus.OPEN.value},
                 after={"status": IncidentStatus.CLOSED.value}, note=note, ip=ip)


def _query():  # noqa: ANN202
    return (select(Incident, Event.name, Organizer.legal_name)
            .outerjoin(Event, col(Event.id) == Incident.event_id)
            .outerjoin(Organizer, col(Organizer.id) == Incident.organizer_id))


def _row(incident: Incident, event: str | None, organizer: str | None) -> dict:
    return {"id": incident.id, "title": incident.title, "happened_at": incident.happened_at,
            "status": IncidentStatus(incident.status), "event_id": incident.event_id,
            "event_name": event or "", "organizer_name": organizer or "",
            "closed_at": incident.closed_at}


def _status_filter(value: str):  # noqa: ANN202
    try:
        return col(Incident.status) == IncidentStatus(value).value
    except ValueError:
        raise Invalid("Unknown status.") from None


def _id_filter(column):  # noqa: ANN001, ANN202
    def condition(value: str):  # noqa: ANN202
        ident = parse_id(value)
        if not ident:
            raise Invalid("Numbers are whole numbers, such as 12.")
        return col(column) == ident
    return condition


def list_incidents(session: Session, actor: Actor, *,
                   request: PageRequest) -> Page[IncidentRow]:
    """Filters: status, event (id), organizer (id), from / to (days, the platform's zone)."""
    require_staff(actor)
    zone = get_settings().time_zone
    rows, total = paginate(
        session, _query(), request,
        sortable={"happened_at": Incident.happened_at, "title": Incident.title,
                  "status": Incident.status},
        default_sort="happened_at", searchable=(Incident.title, Incident.description,
                                                Event.name, Organizer.legal_name),
        filters={"status": _status_filter, "event": _id_filter(Incident.event_id),
                 "organizer": _id_filter(Incident.organizer_id),
                 "from": lambda v: col(Incident.happened_at) >= day_bound(v, zone, end=False),
                 "to": lambda v: col(Incident.happened_at) < day_bound(v, zone, end=True)},
        tiebreaker=Incident.id)
    return Page[IncidentRow](items=[IncidentRow(**_row(*row)) for row in rows], total=total,
                             page=request.page, page_size=request.page_size)


def get_incident(session: Session, actor: Actor, *, incident_id: int) -> IncidentDetail:
    require_staff(actor)
    row = session.exec(_query().where(col(Incident.id) == incident_id)).first()
    if row is None:
        raise NotFound("No such incident.")
    incident = row[0]
    opener, closer = aliased(User), aliased(User)
    names = session.exec(select(opener.name, closer.name)
                         .select_from(Incident)
                         .outerjoin(opener, col(opener.id) == Incident.opened_by_id)
                         .outerjoin(closer, col(closer.id) == Incident.closed_by_id)
                         .where(col(Incident.id) == incident_id)).one()
    actions = session.exec(select(IncidentAction, User.name)
                           .outerjoin(User, col(User.id) == IncidentAction.by_id)
                           .where(IncidentAction.incident_id == incident_id)
                           .order_by(col(IncidentAction.id))).all()
    broadcast = session.exec(select(EmergencyBroadcast)
                             .where(EmergencyBroadcast.incident_id == incident_id)).first()
    return IncidentDetail(
        **_row(*row), description=incident.description, opened_by=names[0] or "",
        closed_by=names[1] or "", closing_note=incident.closing_note,
        actions=[ActionView(at=a.created_at, by=name or "", note=a.note,
                            kind=IncidentActionKind(a.kind) if a.kind else None)
                 for a, name in actions],
        broadcast_recipients=broadcast.recipients if broadcast else 0,
        broadcast_audiences=[BroadcastAudience(v) for v in broadcast.audiences.split(",") if v]
        if broadcast else [])
