"""What an event still lacks before it can be sent for review. One rule: `submit_event` refuses
with the first item, and the editor lists them all as its checklist."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session

from portal.domain.clock import utcnow
from portal.domain.models import Event
from portal.domain.policies import Actor
from portal.i18n import N_
from portal.services.event_access import own_event

# each safety-plan field, and what the checklist says while it is empty
SAFETY_MISSING = {
    "safety_risks": N_("Safety plan: describe the risks."),
    "safety_measures": N_("Safety plan: describe the measures against them."),
    "emergency_contact": N_("Safety plan: give an emergency contact."),
    "emergency_plan": N_("Safety plan: write the emergency plan (fire, earthquake, network "
                         "incidents)."),
}
STARTS_IN_PAST = N_("The event must start in the future.")


class Missing(BaseModel):
    """One thing to do before submitting: the field it concerns and what to do (a msgid)."""

    field: str
    message: str
    params: dict[str, Any] = {}


def missing_for_submission(event: Event, *, now: datetime) -> list[Missing]:
    """Everything that stops `event` from being submitted, in the editor's order."""
    missing = []
    if event.starts_at <= now:
        missing.append(Missing(field="starts_at", message=STARTS_IN_PAST))
    for name, message in SAFETY_MISSING.items():
        if not (getattr(event, name) or "").strip():
            missing.append(Missing(field=name, message=message))
    return missing


def submission_checklist(session: Session, actor: Actor, *, event_id: int) -> list[Missing]:
    """What the saved event still lacks, for its organizer's members."""
    return missing_for_submission(own_event(session, actor, event_id), now=utcnow())
