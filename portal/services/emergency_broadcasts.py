"""Emergency broadcasts (rules §4.1.2, §4.2.3): a member of the event's organizer, or platform
staff, sends an urgent message to the event's registrants of the chosen groups — by email and
in their inbox at once, each person exactly once — and it shows as a banner on the event's
page and on tickets until it is withdrawn. Every broadcast is logged as an incident."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import func, update
from sqlmodel import Session, col, select

from portal import links
from portal.domain.clock import utcnow
from portal.domain.emergency_enums import (
    AUDIENCE_STATUSES,
    BroadcastAudience,
    IncidentActionKind,
)
from portal.domain.errors import Conflict, Invalid, NotFound
from portal.domain.models import (
    BroadcastDelivery,
    EmergencyBroadcast,
    Event,
    Incident,
    Organizer,
    Registration,
    User,
)
from portal.domain.policies import Actor, can_use_staff_portal, is_member_of
from portal.i18n import N_
from portal.services import audit, rate_limits
from portal.services.incidents import add_action_row, record_incident
from portal.services.notifications import notify
from portal.settings import get_settings

MESSAGE_LIMIT = 2000
NOT_YOURS = N_("No such event.")


class BroadcastView(BaseModel):
    id: int
    message: str
    audiences: list[BroadcastAudience]
    recipients: int
    sent_at: datetime
    sent_by: str
    withdrawn_at: datetime | None
    incident_id: int


class BroadcastTarget(BaseModel):
    """The broadcast page of one event: who each group reaches now, and what was sent."""

    event_id: int
    event_name: str
    counts: dict[BroadcastAudience, int]
    broadcasts: list[BroadcastView]
    is_staff: bool


class Banner(BaseModel):
    id: int
    message: str
    sent_at: datetime


def _event(session: Session, actor: Actor, event_id: int) -> tuple[Event, bool]:
    """The event, when the actor runs it (or is staff), and whether they act as its
    organizer's member; others' events do not exist for them."""
    event = session.get(Event, event_id) if event_id else None
    if event is None or not actor.is_authenticated:
        raise NotFound(NOT_YOURS)
    member = is_member_of(actor, event.organizer_id)
    if not member and not can_use_staff_portal(actor):
        raise NotFound(NOT_YOURS)
    return event, member


def _statuses(audiences: list[BroadcastAudience]) -> list[str]:
    return sorted({s.value for a in audiences for s in AUDIENCE_STATUSES[a]})


def parse_audiences(values: list[str] | tuple[str, ...] | str) -> list[BroadcastAudience]:
    raw = [values] if isinstance(values, str) else list(values)
    try:
        chosen = {BroadcastAudience(str(v)) for v in raw[:10]}
    except ValueError:
        raise Invalid("Unknown group of registrants.", field="audiences") from None
    if not chosen:
        raise Invalid("Choose at least one group of registrants.", field="audiences")
    return [a for a in BroadcastAudience if a in chosen]


def _registrants(session: Session, event_id: int,
                 audiences: list[BroadcastAudience]) -> list[tuple[User, int]]:
    """Each person registered in the chosen groups, once (with one of their registrations)."""
    rows = session.exec(select(User, func.min(Registration.id))
                        .join(Registration, col(Registration.user_id) == User.id)
                        .where(Registration.event_id == event_id,
                               col(Registration.status).in_(_statuses(audiences)))
                        .group_by(col(User.id)).order_by(col(User.id))).all()
    return [(user, registration_id or 0) for user, registration_id in rows]


def _view(broadcast: EmergencyBroadcast, sender: str | None) -> BroadcastView:
    return BroadcastView(
        id=broadcast.id or 0, message=broadcast.message,
        audiences=[BroadcastAudience(a) for a in broadcast.audiences.split(",") if a],
        recipients=broadcast.recipients, sent_at=broadcast.created_at, sent_by=sender or "",
        withdrawn_at=broadcast.withdrawn_at, incident_id=broadcast.incident_id)


def broadcast_target(session: Session, actor: Actor, *, event_id: int) -> BroadcastTarget:
    event, member = _event(session, actor, event_id)
    counts = {a: len(_registrants(session, event.id or 0, [a])) for a in BroadcastAudience}
    rows = session.exec(select(EmergencyBroadcast, User.name)
                        .outerjoin(User, col(User.id) == EmergencyBroadcast.sent_by_id)
                        .where(EmergencyBroadcast.event_id == event.id)
                        .order_by(col(EmergencyBroadcast.id).desc())).all()
    return BroadcastTarget(event_id=event.id or 0, event_name=event.name, counts=counts,
                           broadcasts=[_view(b, n) for b, n in rows],
                           is_staff=not member)


def _sender(session: Session, event: Event, member: bool) -> str:
    if member:
        organizer = session.get(Organizer, event.organizer_id)
        return organizer.legal_name if organizer else ""
    return get_settings().platform_name


def send_broadcast(session: Session, actor: Actor, *, event_id: int, message: str,
                   audiences: list[str] | tuple[str, ...] | str, request_key: str,
                   ip: str = "") -> int:
    """Send once: a repeated request (the same key) finds the first broadcast and sends
    nothing more. Returns the broadcast's id."""
    event, member = _event(session, actor, event_id)
    key = str(request_key or "").strip()
    if not 16 <= len(key) <= 64:
        raise Invalid("This form has expired; reload the page and try again.")
    earlier = session.exec(select(EmergencyBroadcast)
                           .where(EmergencyBroadcast.request_key == key)).first()
    if earlier is not None:
        if earlier.event_id != event.id or earlier.sent_by_id != actor.user_id:
            raise Conflict("This form has expired; reload the page and try again.")
        return earlier.id or 0
    text = (message or "").strip()
    if not text:
        raise Invalid("Write the message people must read.", field="message")
    if len(text) > MESSAGE_LIMIT:
        raise Invalid("Use at most {n} characters.", field="message", n=MESSAGE_LIMIT)
    chosen = parse_audiences(audiences)
    people = _registrants(session, event.id or 0, chosen)
    if not people:
        raise Invalid("No one in the chosen groups is registered for this event.",
                      field="audiences")
    # the registrants' inboxes are spared a flood: counted per event (a staff office behind one
    # address may need to reach many events), the organizer's and the platform staff's apart,
    # so an organizer's flood never holds staff back in a real emergency
    sender = "organizer" if member else "staff"
    rate_limits.spend(session, "broadcast", account=f"event-{event.id}-{sender}", ip="")
    # the sender's own words name the incident: no text of ours in one language
    incident = record_incident(session, title=text.splitlines()[0][:120], description=text,
                               by_id=actor.user_id, event=event)
    broadcast = EmergencyBroadcast(event_id=event.id or 0, incident_id=incident.id or 0,
                                   message=text, audiences=",".join(a.value for a in chosen),
                                   recipients=len(people), request_key=key,
                                   sent_by_id=actor.user_id)
    session.add(broadcast)
    session.flush()
    for user, registration_id in people:
        session.add(BroadcastDelivery(broadcast_id=broadcast.id or 0, user_id=user.id or 0,
                                      registration_id=registration_id))
    session.flush()  # the unique (broadcast, person) refuses a second delivery here
    notify(session, recipients=[user for user, _ in people], template="emergency_broadcast",
           context={"event": event.name, "message": text,
                    "sender": _sender(session, event, member)},
           about=("event", event.id), link=links.event(event.id or 0, event.name))
    add_action_row(session, incident, "", actor.user_id, IncidentActionKind.BROADCAST_SENT)
    audit.record(session, actor_id=actor.user_id, action="broadcast.sent",
                 object_type="incident", object_id=incident.id,
                 after={"event_id": event.id, "broadcast_id": broadcast.id,
                        "recipients": len(people),
                        "audiences": ",".join(a.value for a in chosen)}, note=text, ip=ip)
    return broadcast.id or 0


def withdraw_broadcast(session: Session, actor: Actor, *, broadcast_id: int,
                       ip: str = "") -> None:
    """The banner comes down; the incident records it."""
    broadcast = session.get(EmergencyBroadcast, broadcast_id) if broadcast_id else None
    if broadcast is None:
        raise NotFound("No such broadcast.")
    _event(session, actor, broadcast.event_id)
    done = session.execute(
        update(EmergencyBroadcast)
        .where(col(EmergencyBroadcast.id) == broadcast.id,
               col(EmergencyBroadcast.withdrawn_at).is_(None))
        .values(withdrawn_at=utcnow(), withdrawn_by_id=actor.user_id, updated_at=utcnow())
        .execution_options(synchronize_session=False))
    if done.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict("This broadcast was already withdrawn.")
    incident = session.get(Incident, broadcast.incident_id)
    if incident is not None:
        add_action_row(session, incident, "", actor.user_id,
                       IncidentActionKind.BROADCAST_WITHDRAWN)
    audit.record(session, actor_id=actor.user_id, action="broadcast.withdrawn",
                 object_type="incident", object_id=broadcast.incident_id,
                 after={"broadcast_id": broadcast.id, "event_id": broadcast.event_id}, ip=ip)


def live_banners(session: Session, *, event_id: int) -> list[Banner]:
    """What shows on the event's page and its tickets: broadcasts not withdrawn. Public: the
    same words went to everyone registered and concern anyone about to go."""
    rows = session.exec(select(EmergencyBroadcast)
                        .where(EmergencyBroadcast.event_id == event_id,
                               col(EmergencyBroadcast.withdrawn_at).is_(None))
                        .order_by(col(EmergencyBroadcast.id).desc()).limit(5)).all()
    return [Banner(id=b.id or 0, message=b.message, sent_at=b.created_at) for b in rows]
