"""Specs for emergencies (rules §4.1.2, §4.2.3): plans are read by every staff member and
written by administrators only; the incident log is staff's; an emergency broadcast is sent and
withdrawn by a member of the event's organizer or by staff — never by another organizer, an
attendee or anyone signed out."""

from __future__ import annotations

import itertools

from sqlmodel import select

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.models import (
    EmergencyBroadcast,
    EmergencyPlan,
    Incident,
    IncidentAction,
)
from portal.services import emergency_broadcasts, incidents
from tests.security import targets as t
from tests.security.cases import Spec, Target, table_has_rows

ANY_SIGNED_OUT = ("anonymous", "suspended")
NOT_STAFF = (*ANY_SIGNED_OUT, "attendee", "member", "other_member")
NOT_ADMIN = (*NOT_STAFF, "reviews", "other_area")
NOT_RUNNING_IT = (*ANY_SIGNED_OUT, "attendee", "other_member", "applicant")
UI = "portal.ui."
PLANS = UI + "staff.emergency_plans.EmergencyPlansState."
PLAN = UI + "staff.emergency_plan.EmergencyPlanState."
LOG = UI + "staff.incidents.IncidentsState."
INCIDENT = UI + "staff.incident.IncidentState."
BROADCAST = UI + "organizer.broadcast.BroadcastState."
_serial = itertools.count(1)


def event_with_registrant() -> int:
    """A published event of organizer A with the demo attendee confirmed for it."""
    event_id = t.open_event()
    t.sign_up(t.ATTENDEE_EMAIL, event_id)
    return event_id


def incident() -> int:
    with session_scope() as session:
        return incidents.open_incident(session, t.reviewer(), title="Power cut",
                                       description="Hall B lost power.")


def broadcast(event_id: int) -> int:
    with session_scope() as session:
        return emergency_broadcasts.send_broadcast(
            session, t.member_of(1), event_id=event_id, message="Leave by the north exit.",
            audiences=["confirmed"], request_key=f"spec-key-{next(_serial)}-{utcnow():%f}")


def _send(world) -> Target:
    event_id = event_with_registrant()
    return Target(query=f"event={event_id}",
                  forged={"message": "Fire: leave now.", "audiences": ["confirmed"],
                          "_request_key": f"forged-key-{next(_serial)}-{utcnow():%f}"},
                  args=(), done=lambda: t.exists(select(EmergencyBroadcast.id).where(
                      EmergencyBroadcast.event_id == event_id)))


def _withdraw(world) -> Target:
    broadcast_id = broadcast(event_with_registrant())
    return Target(args=(str(broadcast_id),),
                  done=lambda: t.row(EmergencyBroadcast, broadcast_id).withdrawn_at
                  is not None)


def _open(world) -> Target:
    title = f"Forged incident {next(_serial)}"
    return Target(args=({"title": title, "description": "Smoke in hall A.", "event_id": ""},),
                  done=lambda: t.exists(select(Incident.id).where(Incident.title == title)))


def _act(world) -> Target:
    incident_id, note = incident(), f"Stewards sent {next(_serial)}"
    return Target(query=f"id={incident_id}", forged={"note_draft": note}, args=(),
                  done=lambda: t.exists(select(IncidentAction.id).where(
                      IncidentAction.note == note)))


def _close(world) -> Target:
    incident_id = incident()
    return Target(query=f"id={incident_id}", forged={"note_draft": "Resolved"}, args=(),
                  done=lambda: t.row(Incident, incident_id).status == "closed")


def _save_plan(world) -> Target:
    title = f"Fire plan {next(_serial)}"
    return Target(query="kind=fire", args=({"title": title, "body": "Leave.", "note": ""},),
                  done=lambda: t.exists(select(EmergencyPlan.id).where(
                      EmergencyPlan.title == title)))


EMERGENCY_SPECS = [
    Spec(BROADCAST + "send", _send, "member", NOT_RUNNING_IT),
    Spec(BROADCAST + "send", _send, "reviews", NOT_RUNNING_IT),  # staff may, for any event
    Spec(BROADCAST + "withdraw", _withdraw, "member", NOT_RUNNING_IT),
    Spec(BROADCAST + "load", lambda w: Target(query=f"event={event_with_registrant()}"),
         "member", NOT_RUNNING_IT, shown=lambda s, _: bool(s.event), write=False),
    Spec(LOG + "open_incident", _open, "reviews", NOT_STAFF),
    Spec(LOG + "load_table", lambda w: Target(query=f"x={incident()}"), "other_area",
         NOT_STAFF, shown=table_has_rows, write=False),
    Spec(INCIDENT + "add_action", _act, "other_area", NOT_STAFF),
    Spec(INCIDENT + "close", _close, "reviews", NOT_STAFF),
    Spec(INCIDENT + "load", lambda w: Target(query=f"id={incident()}"), "reviews", NOT_STAFF,
         shown=lambda s, _: bool(s.incident), write=False),
    Spec(PLAN + "save", _save_plan, "admin", NOT_ADMIN),
    Spec(PLAN + "load", lambda w: Target(query="kind=fire"), "other_area", NOT_STAFF,
         shown=lambda s, _: bool(s.plan), write=False),
    # reading staff see no editor: only administrators write the plans
    Spec(PLAN + "load", lambda w: Target(query="kind=fire"), "admin", ("reviews", "other_area"),
         shown=lambda s, _: s.can_edit, write=False),
    # the incident links are for staff acting as staff, not the organizer's members
    Spec(BROADCAST + "load", lambda w: Target(query=f"event={event_with_registrant()}"),
         "reviews", ("member",), shown=lambda s, _: s.event.get("staff") == "yes",
         write=False),
    Spec(PLANS + "load", lambda w: Target(), "reviews", NOT_STAFF,
         shown=lambda s, _: bool(s.plans), write=False),
]
