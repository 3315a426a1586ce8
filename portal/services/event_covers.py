"""An event's cover image: set by its organizer while editing (draft or rejected; a published
event keeps the cover that was approved), shown with the event."""

from __future__ import annotations

from sqlmodel import Session

from portal.domain.enums import EventStatus, Role
from portal.domain.errors import Invalid, NotFound
from portal.domain.models import Event
from portal.domain.policies import Actor, can_act_in_area, is_member_of
from portal.i18n import N_
from portal.services import audit
from portal.services.event_access import own_event, require_editable, writable_organizer
from portal.services.files import (
    FileStore,
    check_upload,
    delete_after_commit,
    delete_on_rollback,
)

# Registrants saw the approved cover; a change request does not carry images (yet).
COVER_LOCKED = N_("The cover of a published event cannot be changed.")


def set_cover(session: Session, actor: Actor, *, event_id: int, filename: str, content: bytes,
              store: FileStore) -> None:
    """The event's cover image (JPEG or PNG, checked by content)."""
    event = own_event(session, actor, event_id)
    writable_organizer(session, actor, event.organizer_id)
    if event.status == EventStatus.PUBLISHED.value:
        raise Invalid(COVER_LOCKED, field="cover")
    require_editable(event)
    checked = check_upload(filename, content, field="cover", images_only=True)
    old_key = event.cover_key
    event.cover_key, event.cover_type = store.save(content), checked.content_type
    delete_on_rollback(session, store, event.cover_key)
    audit.record(session, actor_id=actor.user_id, action="event.cover_set",
                 object_type="event", object_id=event.id, after={"filename": checked.filename})
    if old_key:
        delete_after_commit(session, store, old_key)


def open_cover(session: Session, actor: Actor, *, event_id: int, store: FileStore
               ) -> tuple[str, bytes]:
    """Anyone sees a published event's cover; members and reviewers see a draft's."""
    event = session.get(Event, event_id)
    if event is None or not event.cover_key:
        raise NotFound("No such image.")
    public = event.status in (EventStatus.PUBLISHED.value, EventStatus.CANCELLED.value)
    if not (public or is_member_of(actor, event.organizer_id)
            or can_act_in_area(actor, Role.STAFF_REVIEWS)):
        raise NotFound("No such image.")
    return event.cover_type, store.read(event.cover_key)
