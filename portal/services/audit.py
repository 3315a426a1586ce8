"""Writing and reading the append-only audit log."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import select
from sqlmodel import Session, col

from portal.domain.enums import AuditAction, AuditObjectKind
from portal.domain.errors import Forbidden, Invalid
from portal.domain.ids import parse_id
from portal.domain.models import AuditEntry, AuditEntryPublic, User
from portal.domain.policies import Actor, can_use_staff_portal
from portal.services.audit_names import with_names
from portal.services.audit_sentences import NOISE
from portal.services.paging import Page, PageRequest, paginate

V = TypeVar("V")
# Keys that must never reach the log, whatever a caller passes.
SECRET_KEYS = frozenset({"password", "password_hash", "token", "token_hash", "secret"})


def _clean(values: dict[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    return {k: (str(v) if v is not None else None) for k, v in values.items()
            if k not in SECRET_KEYS}


def record(
    session: Session,
    *,
    actor_id: int | None,
    action: str,
    object_type: str,
    object_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
    ip: str = "",
) -> None:
    """Add an entry to the caller's transaction: it commits with the change, or not at all."""
    session.add(
        AuditEntry(actor_id=actor_id, action=action, object_type=object_type,
                   object_id=object_id, before=_clean(before), after=_clean(after),
                   note=note[:1000], ip=ip[:64])
    )


def _object_filter(value: str):  # noqa: ANN202
    kind, _, ident = value.partition(":")
    if not kind or (ident and not parse_id(ident)):
        raise Invalid("Filter objects as kind or kind:id, such as user:12.")
    condition = _object_type_filter(kind)
    return condition & _object_id_filter(ident) if ident else condition


def _action_filter(value: str):  # noqa: ANN202
    try:
        return AuditEntry.action == AuditAction(value).value
    except ValueError:
        raise Invalid("Unknown action.") from None


def _object_type_filter(value: str):  # noqa: ANN202
    try:
        return AuditEntry.object_type == AuditObjectKind(value).value
    except ValueError:
        raise Invalid("Unknown kind of object.") from None


def _object_id_filter(value: str):  # noqa: ANN202
    ident = parse_id(value)
    if not ident:
        raise Invalid("Object numbers are whole numbers, such as 12.")
    return AuditEntry.object_id == ident


SHOW = "show"


def _sign_ins_filter(value: str):  # noqa: ANN202
    if value != SHOW:
        raise Invalid("Unknown choice.")
    return col(AuditEntry.id).is_not(None)


def list_audit(session: Session, actor: Actor, *, request: PageRequest) -> Page[AuditEntryPublic]:
    """Newest entries, with names; sign-in noise is left out unless the request asks for it
    (filter `sign_ins=show`) or names an action."""
    if not can_use_staff_portal(actor):
        raise Forbidden("Only staff can read the audit log.")
    statement = select(AuditEntry, User.email).outerjoin(User, User.id == AuditEntry.actor_id)
    if not request.filters.get("sign_ins") and not request.filters.get("action"):
        statement = statement.where(col(AuditEntry.action).not_in([a.value for a in NOISE]))
    rows, total = paginate(
        session,
        statement,
        request,
        sortable={"at": AuditEntry.at, "action": AuditEntry.action},
        default_sort="at",
        searchable=(AuditEntry.action, AuditEntry.note, User.email),
        filters={
            "action": _action_filter,
            "object": _object_filter,  # kind or kind:id in one value (history panels)
            "object_type": _object_type_filter,
            "object_id": _object_id_filter,
            "sign_ins": _sign_ins_filter,
        },
        tiebreaker=AuditEntry.id,
    )
    return Page[AuditEntryPublic](
        items=with_names(session, [_public(entry, email) for entry, email in rows]),
        total=total, page=request.page, page_size=request.page_size,
    )


def _public(entry: AuditEntry, actor_email: str | None) -> AuditEntryPublic:
    return AuditEntryPublic(
        id=entry.id, at=entry.at, actor=actor_email or "system", actor_id=entry.actor_id,
        action=entry.action,
        object_type=entry.object_type, object_id=entry.object_id, before=entry.before,
        after=entry.after, note=entry.note,
    )


def object_history(
    session: Session, actor: Actor, *, object_type: str, object_id: int, limit: int = 50,
    sign_ins: bool = False,
) -> list[AuditEntryPublic]:
    """The history panel of one object, newest first (sign-ins only when asked for)."""
    filters = {"object": f"{object_type}:{int(object_id)}"} | ({"sign_ins": SHOW} if sign_ins
                                                                 else {})
    request = PageRequest(page_size=50, descending=True, filters=filters)
    return list_audit(session, actor, request=request).items[:limit]


def with_history(view: Callable[..., V], object_type: str, *, id_field: str = "id"
                 ) -> Callable[..., tuple[V, list[AuditEntryPublic]]]:
    """A review page's read in one transaction: the object's view (which checks access) and
    the history of the object its `id_field` names (its own id unless told otherwise)."""

    @functools.wraps(view)
    def use_case(session: Session, actor: Actor, **target: Any
                 ) -> tuple[V, list[AuditEntryPublic]]:
        found = view(session, actor, **target)
        return found, object_history(session, actor, object_type=object_type,
                                     object_id=getattr(found, id_field))

    return use_case
