"""What an organizer types in the event editor, kept as they type (valid or not) until they
save it for real or throw it away."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlmodel import Session

from portal.domain.clock import utcnow
from portal.domain.errors import Invalid
from portal.domain.models import EventAutosave
from portal.domain.policies import Actor
from portal.services.event_access import own_event, require_editable, writable_organizer
from portal.services.event_form import EventDraft

AUTOSAVE_MAX_BYTES = 200_000
AUTOSAVE_PREFIXES = ("fee_kind_", "fee_label_", "fee_amount_", "fee_mandatory_", "q_id_",
                     "q_kind_", "q_label_", "q_required_", "q_options_")


def _autosave_target(session: Session, actor: Actor, organizer_id: int, event_id: int) -> int:
    writable_organizer(session, actor, organizer_id)
    if event_id:
        require_editable(own_event(session, actor, event_id))
    return event_id


def autosave_draft(session: Session, actor: Actor, *, organizer_id: int, event_id: int,
                   data: dict[str, Any]) -> datetime:
    """Keep what is typed, valid or not, until it is saved for real."""
    key = _autosave_target(session, actor, organizer_id, event_id)
    kept = {name: str(value)[:25000] for name, value in data.items()
            if isinstance(name, str) and (name in EventDraft.model_fields
                                          or name.startswith(AUTOSAVE_PREFIXES))}
    if len(str(kept)) > AUTOSAVE_MAX_BYTES:
        raise Invalid("The draft is too large to keep.")
    row = session.exec(select(EventAutosave).where(EventAutosave.user_id == actor.user_id,
                                                   EventAutosave.event_key == key)).first()
    if row is None:
        session.add(EventAutosave(user_id=actor.user_id, event_key=key, data=kept))
    else:
        row[0].data, row[0].updated_at = kept, utcnow()
    return utcnow()


def load_autosave(session: Session, actor: Actor, *, event_id: int
                  ) -> tuple[dict[str, str], datetime] | None:
    """Unsaved typing newer than the event itself, if any."""
    if not actor.is_authenticated:
        return None
    row = session.exec(select(EventAutosave).where(EventAutosave.user_id == actor.user_id,
                                                   EventAutosave.event_key == event_id)).first()
    if row is None:
        return None
    if event_id:
        event = own_event(session, actor, event_id)
        if event.updated_at >= row[0].updated_at:
            return None
    return row[0].data, row[0].updated_at


def discard_autosave(session: Session, actor: Actor, *, event_id: int) -> None:
    if actor.is_authenticated:
        session.execute(delete(EventAutosave).where(EventAutosave.user_id == actor.user_id,
                                                    EventAutosave.event_key == event_id))
