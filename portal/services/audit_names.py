"""The names an audit sentence shows: who acted and what the entry is about, read in a few
batched queries per page, with the staff page of each object to link to."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlmodel import Session, col, select

from portal import links
from portal.domain.models import (
    AuditEntryPublic,
    Complaint,
    Event,
    Organizer,
    OutboxEmail,
    Registration,
    User,
)


def _users(session: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = session.exec(select(User.id, User.name, User.email).where(col(User.id).in_(wanted)))
    return {user_id or 0: name or email for user_id, name, email in rows}


def _names_of(session: Session, id_column, column, ids: set[int]) -> dict[int, str]:  # noqa: ANN001
    if not ids:
        return {}
    return {row_id: name for row_id, name in
            session.exec(select(id_column, column).where(col(id_column).in_(ids)))}


def _registrations(session: Session, ids: set[int]) -> dict[int, tuple[str, int]]:
    """A registration by its person and event: "Ann Lee — Spring Gala", and the event's id."""
    if not ids:
        return {}
    rows = session.exec(
        select(Registration.id, User.name, Event.name, Event.id)
        .join(User, col(User.id) == Registration.user_id)
        .join(Event, col(Event.id) == Registration.event_id)
        .where(col(Registration.id).in_(ids)))
    return {row_id or 0: (f"{person} — {event}", event_id or 0)
            for row_id, person, event, event_id in rows}


def with_names(session: Session, entries: list[AuditEntryPublic]) -> list[AuditEntryPublic]:
    """The entries with actor and object names filled in, and a link to each object's staff
    page (a screen links people only for administrators, who alone may open them)."""
    ids: dict[str, set[int]] = defaultdict(set)
    for entry in entries:
        if entry.object_id is not None:
            ids[entry.object_type].add(entry.object_id)
    people = _users(session, [e.actor_id or 0 for e in entries] + list(ids["user"]))
    events = _names_of(session, Event.id, Event.name, ids["event"])
    organizers = _names_of(session, Organizer.id, Organizer.legal_name, ids["organizer"])
    emails = _names_of(session, OutboxEmail.id, OutboxEmail.subject, ids["email"])
    registrations = _registrations(session, ids["registration"])
    complaints = _names_of(session, Complaint.id, Complaint.reference, ids["complaint"])
    named = []
    for entry in entries:
        oid = entry.object_id or 0
        name, href = "", ""
        if entry.object_type == "user":
            name = people.get(oid, "")
            href = f"{links.STAFF_USER}?id={oid}"
        elif entry.object_type == "event":
            name, href = events.get(oid, ""), f"{links.STAFF_EVENT}?id={oid}"
        elif entry.object_type == "organizer":
            name, href = organizers.get(oid, ""), f"{links.STAFF_ORGANIZER}?id={oid}"
        elif entry.object_type == "email":
            name, href = emails.get(oid, ""), f"{links.STAFF_MAIL_MESSAGE}?id={oid}"
        elif entry.object_type == "complaint":
            name, href = complaints.get(oid, ""), f"{links.STAFF_COMPLAINT}?id={oid}"
        elif entry.object_type == "registration" and oid in registrations:
            name, event_id = registrations[oid]
            href = f"{links.STAFF_EVENT}?id={event_id}"
        named.append(entry.model_copy(update={
            "actor_name": people.get(entry.actor_id or 0, ""), "object_name": name,
            "object_href": href if name else ""}))
    return named
