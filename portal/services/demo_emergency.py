"""Demo emergencies, made through the emergency services so every screen has something: a plan
of each kind (the fire plan revised once), a live broadcast about the tea tasting with its open
incident, and a withdrawn broadcast whose incident staff closed."""

from __future__ import annotations

from sqlmodel import Session, col, select

from portal.domain.models import Event
from portal.domain.policies import Actor
from portal.services import emergency_broadcasts, emergency_plans, incidents
from portal.services.demo_registrations import KAYAK, TEA

PLANS = (
    ("fire", "Fire at a venue",
     "## Raise the alarm\n1. Press the nearest fire alarm and call **119**.\n"
     "2. The event's person in charge announces the evacuation.\n\n"
     "## Evacuate\n- Stewards open every exit and guide people to the assembly point.\n"
     "- Nobody uses the lifts.\n\n## After\n- Count people at the assembly point.\n"
     "- Send an emergency broadcast from the event's page and open an incident."),
    ("earthquake", "Earthquake",
     "## During the shaking\n- Drop, cover and hold on; stay away from windows.\n\n"
     "## After\n- Evacuate by the stairs once the shaking stops.\n"
     "- Check for injuries; call **120** for first aid.\n"
     "- Cancel or postpone events in the affected area and tell registrants."),
    ("network_attack", "Network attack on the platform",
     "## Contain\n- The on-call engineer blocks the attacking addresses and, if needed, "
     "puts the portal into maintenance.\n- Rotate secrets and sign everyone out if accounts "
     "may be affected.\n\n## Tell people\n- Tell organizers and registrants what happened "
     "and what they must do.\n\n## Recover\n- Restore from the last verified backup."),
    ("other", "Other incidents",
     "- Keep people safe first; call **110** (police), **119** (fire) or **120** "
     "(ambulance).\n- Tell the platform's staff and open an incident.\n"
     "- Record every action taken until the incident is closed."),
)
LIVE = ("Heavy rain has flooded the lower terrace of the venue. Use the north entrance; the "
        "tasting starts 30 minutes later than planned.")
PAST = ("The kayak launch is moved to Pier 3 because of strong currents at Pier 1. Life "
        "jackets are handed out at Pier 3.")


def _event(session: Session, name: str) -> int:
    found = session.exec(select(Event.id).where(col(Event.name) == name)).first()
    return found or 0


def seed_demo_emergency(session: Session, *, admin: Actor, reviewer: Actor,
                        member: Actor) -> None:
    for kind, title, body in PLANS:
        if kind == "fire":
            emergency_plans.save_plan(session, admin, kind=kind, title=title,
                                      body=body.split("\n\n## After")[0],
                                      note="First version")
        emergency_plans.save_plan(session, admin, kind=kind, title=title, body=body,
                                  note="Reviewed with the venue partners")
    tea, kayak = _event(session, TEA.name), _event(session, KAYAK.name)
    if tea:
        emergency_broadcasts.send_broadcast(
            session, member, event_id=tea, message=LIVE,
            audiences=["confirmed", "pending", "waitlisted"], request_key="demo-broadcast-tea-1")
    if kayak:
        past = emergency_broadcasts.send_broadcast(
            session, member, event_id=kayak, message=PAST, audiences=["confirmed", "pending"],
            request_key="demo-broadcast-kayak-1")
        emergency_broadcasts.withdraw_broadcast(session, member, broadcast_id=past)
        target = emergency_broadcasts.broadcast_target(session, member, event_id=kayak)
        incident_id = target.broadcasts[0].incident_id
        incidents.add_incident_action(session, reviewer, incident_id=incident_id,
                                      note="Called the organizer: Pier 3 is staffed and "
                                           "marked.")
        incidents.close_incident(session, reviewer, incident_id=incident_id,
                                 note="The event went ahead at Pier 3.")
